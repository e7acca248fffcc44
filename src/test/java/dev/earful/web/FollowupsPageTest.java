package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Follow-ups tab in headless Chromium against the real service: the queue overdue first as the
 * API lists it, a change made in the page recorded with its history, the status filter, and the
 * latest alerts with their delivery (to a real webhook receiver on loopback).
 */
@ExtendWith(ChromiumCondition.class)
class FollowupsPageTest {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path data;
  static LiveServer server;
  static Api api;
  static Browser browser;
  static HttpServer receiver;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start(SCREENSHOTS, 1366, 900);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    server = LiveServer.start(data, null);
    api = new Api(server.baseUrl(), null);
    api.post(
        "/alert-rules",
        "application/json",
        "{\"name\":\"Acme detractors\",\"type\":\"new_response\","
            + "\"when\":{\"account\":\"Acme\",\"category\":\"detractor\"},"
            + "\"webhook\":{\"url\":\"http://127.0.0.1:"
            + receiver.getAddress().getPort()
            + "/hook\",\"secret\":\"page-test-secret-0123456789\"}}");
    JsonNode report =
        api.post(
            "/responses",
            "application/x-ndjson",
            "{\"id\":\"r1\",\"score\":2,\"comment\":\"Nobody answered my ticket.\","
                + "\"customer\":\"ann@acme.example\",\"account\":\"Acme\"}\n"
                + "{\"id\":\"r2\",\"score\":4,\"comment\":\"The app is slow.\","
                + "\"customer\":\"cy@globex.example\",\"account\":\"Globex\"}\n"
                + "{\"id\":\"r3\",\"score\":10,\"comment\":\"Great support.\",\"account\":\"Acme\"}\n");
    assertEquals(3, report.path("indexed").asInt(), report.toString());
    String r2 = followupOf("r2").path("id").asText();
    api.patch("/followups/" + r2, "{\"due\":\"2020-01-01T00:00:00Z\",\"by\":\"setup\"}");
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
      if (receiver != null) {
        receiver.stop(0);
      }
    }
  }

  static JsonNode followupOf(String responseId) throws Exception {
    for (JsonNode f :
        api.get("/followups?status=open,contacted,resolved,no_action").path("followups")) {
      if (f.path("responseId").asText().equals(responseId)) {
        return f;
      }
    }
    throw new AssertionError("no follow-up for " + responseId);
  }

  private List<String> shownIds() {
    return browser.driver.findElements(By.cssSelector("#followups li.followup")).stream()
        .map(e -> e.getDomAttribute("data-id"))
        .toList();
  }

  @Test
  void showsTheQueueOverdueFirstRecordsAChangeAndListsTheAlerts() throws Exception {
    browser.resetConsole();
    browser.driver.get(server.baseUrl() + "/?view=followups");
    browser.awaitSettled();
    browser
        .waiting()
        .until(
            d ->
                !d.findElements(By.cssSelector("#alerts li.alert.delivered")).isEmpty()
                    || reload());
    // The page lists what the API lists for "to do", in the same order: overdue first.
    List<String> expected = new java.util.ArrayList<>();
    api.get("/followups?status=open,contacted")
        .path("followups")
        .forEach(f -> expected.add(f.path("id").asText()));
    assertEquals(2, expected.size());
    assertEquals(expected, shownIds());
    WebElement first = browser.driver.findElements(By.cssSelector("#followups li.followup")).get(0);
    assertTrue(first.getDomAttribute("class").contains("overdue"));
    assertTrue(first.getText().contains("Overdue"), first.getText());
    assertTrue(first.getText().contains("Account: Globex"), first.getText());
    assertEquals(
        "2 follow-ups, 1 overdue", browser.driver.findElement(By.id("followup-count")).getText());
    String alerts = browser.driver.findElement(By.id("alerts")).getText();
    assertTrue(alerts.contains("New response matching 'Acme detractors': r1"), alerts);
    assertTrue(alerts.contains("delivered (1 attempts)"), alerts);
    browser.screenshot("followups");

    // Change the Acme detractor's follow-up in the page.
    String r1 = followupOf("r1").path("id").asText();
    WebElement item =
        browser.driver.findElement(By.cssSelector("#followups li.followup[data-id='" + r1 + "']"));
    new Select(item.findElement(By.cssSelector("select.f-status"))).selectByValue("contacted");
    item.findElement(By.cssSelector("input.f-assignee")).sendKeys("sam");
    item.findElement(By.cssSelector("input.f-note")).sendKeys("Called, left a message.");
    browser.settleAfter(() -> item.findElement(By.cssSelector("button.f-save")).click());
    JsonNode changed = api.get("/followups/" + r1);
    assertEquals("contacted", changed.path("status").asText());
    assertEquals("sam", changed.path("assignee").asText());
    assertEquals("Called, left a message.", changed.path("notes").get(0).path("text").asText());
    assertEquals("web page", changed.path("history").get(1).path("by").asText());
    WebElement shown =
        browser.driver.findElement(By.cssSelector("#followups li.followup[data-id='" + r1 + "']"));
    assertTrue(shown.getText().contains("Called, left a message."), shown.getText());

    // The status filter: nothing is resolved yet.
    browser.settleAfter(
        () ->
            new Select(browser.driver.findElement(By.id("followup-status")))
                .selectByValue("resolved"));
    assertEquals(List.of(), shownIds());
    assertEquals(
        "No follow-ups match.",
        browser.driver.findElement(By.cssSelector("#followups li.empty")).getText());
    assertEquals(List.of(), browser.consoleErrors(entry -> false), "console errors");
  }

  /**
   * Reloads the page (the alert's delivery may finish after the first render); false to wait on.
   */
  private boolean reload() {
    browser.driver.navigate().refresh();
    browser.awaitSettled();
    return false;
  }
}
