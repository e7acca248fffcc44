package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The Follow-ups tab in headless Chromium takes the page's shared filters: with a segment and a
 * period in the URL it lists the follow-ups whose responses match them, as the API does, not the
 * whole queue.
 */
@ExtendWith(ChromiumCondition.class)
class FollowupsFilterPageTest {

  @TempDir static Path data;
  static LiveServer server;
  static Api api;
  static Browser browser;
  static String lastWeek;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start(FollowupsPageTest.SCREENSHOTS, 1366, 900);
    server = LiveServer.start(data, null);
    api = new Api(server.baseUrl(), null);
    Instant now = Instant.now();
    String recent = now.minus(Duration.ofDays(3)).toString();
    String older = now.minus(Duration.ofDays(20)).toString();
    lastWeek = now.minus(Duration.ofDays(7)).toString().substring(0, 10);
    api.post(
        "/responses",
        "application/x-ndjson",
        line("eu-new", recent, "EU") + line("eu-old", older, "EU") + line("us-new", recent, "US"));
  }

  private static String line(String id, String at, String region) {
    return "{\"id\":\""
        + id
        + "\",\"score\":2,\"comment\":\"The delivery was late.\",\"submittedAt\":\""
        + at
        + "\",\"segments\":{\"region\":\""
        + region
        + "\"}}\n";
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private List<String> shownResponses() throws Exception {
    List<String> out = new ArrayList<>();
    for (var e : browser.driver.findElements(By.cssSelector("#followups li.followup"))) {
      String id = e.getDomAttribute("data-id");
      out.add(api.get("/followups/" + id).path("responseId").asText());
    }
    return out;
  }

  @Test
  void listsOnlyTheFollowUpsWhoseResponsesMatchTheSegmentAndPeriodOfThePage() throws Exception {
    assertEquals(3, api.get("/followups").path("total").asInt());
    browser.resetConsole();
    browser.driver.get(server.baseUrl() + "/?view=followups&segment.region=EU&from=" + lastWeek);
    browser.awaitSettled();
    assertEquals(List.of("eu-new"), shownResponses());
    assertEquals(
        "1 follow-up, 0 overdue", browser.driver.findElement(By.id("followup-count")).getText());

    browser.driver.get(server.baseUrl() + "/?view=followups&segment.region=EU");
    browser.awaitSettled();
    assertEquals(List.of("eu-new", "eu-old"), shownResponses().stream().sorted().toList());
    assertEquals(List.of(), browser.consoleErrors(entry -> false), "console errors");
  }
}
