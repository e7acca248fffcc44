package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The page shows, beside the headline metric, each target of the metric in view with the distance
 * to the goal and its interval over the page's period, as GET /api/v1/targets gives them.
 */
@ExtendWith(ChromiumCondition.class)
class TargetsPageTest {

  @Test
  void theHeadlineShowsTheTargetsOfItsMetricWithTheirDistance(@TempDir Path data) throws Exception {
    try (LiveServer server = LiveServer.start(data, null)) {
      Api api = new Api(server.baseUrl(), null);
      StringBuilder ndjson = new StringBuilder();
      // EU, May 2024: 15 promoters, 5 passives, 10 detractors: NPS 16.67 [-14.98, 45.29].
      for (int i = 0; i < 30; i++) {
        int score = i < 15 ? 10 : i < 20 ? 8 : 3;
        ndjson.append(
            String.format(
                "{\"id\":\"e%d\",\"score\":%d,\"comment\":\"Order %d.\","
                    + "\"submittedAt\":\"2024-05-%02dT09:00:00Z\",\"segments\":{\"region\":\"EU\"}}%n",
                i, score, i, 1 + i % 28));
      }
      api.post("/responses", "application/x-ndjson", ndjson.toString());
      api.post(
          "/targets",
          "application/json",
          "{\"name\":\"EU NPS\",\"metric\":\"nps\",\"goal\":40,\"when\":{\"segment.region\":\"EU\"}}");
      api.post("/targets", "application/json", "{\"metric\":\"csat\",\"goal\":90}");
      JsonNode expected = api.get("/targets?from=2024-05-01&to=2024-05-31").path("targets").get(0);
      assertEquals(-23.33, expected.path("progress").path("distance").path("value").asDouble());
      try (Browser browser = Browser.start(WebPageTest.SCREENSHOTS, 1280, 900)) {
        browser.driver.get(server.baseUrl() + "/?metric=nps&from=2024-05-01&to=2024-05-31");
        browser.waiting().until(d -> !d.findElements(By.cssSelector("#targets li")).isEmpty());
        List<WebElement> items = browser.driver.findElements(By.cssSelector("#targets li"));
        // Only the NPS target: the CSAT one is for another metric.
        assertEquals(1, items.size());
        assertEquals("within", items.get(0).getAttribute("data-status"));
        assertEquals(
            "EU NPS: goal 40.00", items.get(0).findElement(By.className("target-name")).getText());
        // A goal and a distance are scores: two decimals, as the business review prints them
        // (ReportNumbers.SCORE_DECIMALS; the page wrote "goal 40.0", "distance −23.3").
        assertEquals(
            "distance −23.33 [−54.98, +5.29]",
            items.get(0).findElement(By.className("target-distance")).getText());
        assertEquals(
            "goal inside the interval",
            items.get(0).findElement(By.className("target-verdict")).getText());
        browser.screenshot("targets");
        assertEquals(List.of(), browser.consoleErrors(m -> false));
      }
    }
  }
}
