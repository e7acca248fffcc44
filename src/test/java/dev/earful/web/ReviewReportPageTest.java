package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.report.ReportNumbers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.print.PrintOptions;

/**
 * The printable HTML report in real Chromium: it loads nothing but itself (no request after the
 * page), its chart image decodes, the headline it shows is the JSON's, no console error, and
 * Chromium prints it on one to three A4 pages.
 */
@ExtendWith(ChromiumCondition.class)
class ReviewReportPageTest {

  @Test
  void theHtmlReportIsSelfContainedAndPrintsOnOneToThreePages(@TempDir Path data) throws Exception {
    try (LiveServer server = LiveServer.start(data, null)) {
      HttpClient http = HttpClient.newHttpClient();
      SplittableRandom random = new SplittableRandom(5);
      StringBuilder ndjson = new StringBuilder();
      for (int i = 0; i < 120; i++) {
        boolean late = random.nextDouble() < 0.4;
        int score =
            random.nextDouble() < (late ? 0.8 : 0.15) ? random.nextInt(7) : 7 + random.nextInt(4);
        ndjson
            .append("{\"id\":\"p")
            .append(i)
            .append("\",\"score\":")
            .append(score)
            .append(",\"comment\":\"")
            .append(late ? "The late delivery was a mess. " : "Great service, thank you. ")
            .append("Order ")
            .append(i)
            .append(".\",\"submittedAt\":\"2024-0")
            .append(1 + i % 6)
            .append("-1")
            .append(i % 9)
            .append("T09:00:00Z\"}\n");
      }
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/responses"))
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, posted.statusCode(), posted.body());
      String query = "/api/v1/reports/review?from=2024-04-01&to=2024-06-30&minMentions=5";
      JsonNode json =
          new ObjectMapper()
              .readTree(
                  http.send(
                          HttpRequest.newBuilder(URI.create(server.baseUrl() + query)).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body());
      try (Browser browser = Browser.start(WebPageTest.SCREENSHOTS, 900, 1200)) {
        browser.driver.get(server.baseUrl() + query + "&format=html");
        String headline = browser.driver.findElement(By.cssSelector("#headline .big")).getText();
        assertEquals(
            "NPS " + ReportNumbers.score(json.path("headline").path("value").asDouble()), headline);
        Object decoded =
            browser.driver.executeScript(
                "const i = document.querySelector('#trend img');"
                    + " return i.complete && i.naturalWidth > 0;");
        assertEquals(Boolean.TRUE, decoded);
        // Nothing fetched over the network: the only resource is the chart's data URI.
        Object requests =
            browser.driver.executeScript(
                "return performance.getEntriesByType('resource')"
                    + ".map(e => e.name.slice(0, 22)).filter(n => !n.startsWith('data:'));");
        assertEquals(List.of(), requests);
        List<String> painPoints =
            browser.driver.findElements(By.cssSelector("#pain-points tr td:nth-child(2)")).stream()
                .map(e -> e.getText())
                .filter(t -> !t.isBlank() && !t.startsWith("\u201c"))
                .toList();
        assertEquals(json.path("painPoints").findValuesAsText("name"), painPoints);
        browser.screenshot("review-report");
        assertEquals(List.of(), browser.consoleErrors(m -> false));
        PrintOptions print = new PrintOptions();
        print.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
        byte[] pdf = Base64.getDecoder().decode(browser.driver.print(print).getContent());
        try (PDDocument printed = Loader.loadPDF(pdf)) {
          int pages = printed.getNumberOfPages();
          assertTrue(pages >= 1 && pages <= 3, pages + " printed pages");
        }
      }
    }
  }
}
