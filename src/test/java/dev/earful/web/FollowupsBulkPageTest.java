package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Follow-ups tab's bulk action in headless Chromium against the real service: a backlog of 205
 * detractors, more than the list shows (200); tick some or every one the filters match, close,
 * assign or snooze them after confirming the count, and nothing changes when the count moved
 * between the confirmation and the change (an import opened one more).
 */
@ExtendWith(ChromiumCondition.class)
class FollowupsBulkPageTest {

  static final int BACKLOG = 205;

  @TempDir static Path data;
  static LiveServer server;
  static Api api;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start(FollowupsPageTest.SCREENSHOTS, 1366, 900);
    server = LiveServer.start(data, null);
    api = new Api(server.baseUrl(), null);
    StringBuilder backlog = new StringBuilder();
    for (int i = 0; i < BACKLOG; i++) {
      backlog
          .append("{\"id\":\"b")
          .append(i)
          .append("\",\"score\":")
          .append(i % 7)
          .append(",\"comment\":\"Order ")
          .append(i)
          .append(" came late.\",\"account\":\"")
          .append(i % 2 == 0 ? "Acme" : "Globex")
          .append("\"}\n");
    }
    JsonNode report = api.post("/responses", "application/x-ndjson", backlog.toString());
    assertEquals(BACKLOG, report.path("followups").path("opened").asInt(), report.toString());
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

  private JavascriptExecutor js() {
    return (JavascriptExecutor) browser.driver;
  }

  private WebElement find(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  private String text(String id) {
    return browser.driver.findElement(By.id(id)).getText();
  }

  /** Clicks Apply, checks the confirmation's question, and answers it. */
  private void apply(String question, boolean accept) {
    long before = browser.settled();
    find("#followup-bulk-apply").click();
    Alert alert = browser.waiting().until(ExpectedConditions.alertIsPresent());
    assertEquals(question, alert.getText());
    if (accept) {
      alert.accept();
      browser.waiting().until(d -> browser.settled() > before && !browser.busy());
    } else {
      alert.dismiss();
    }
  }

  private int total(String query) throws Exception {
    return api.get("/followups?" + query).path("total").asInt();
  }

  @Test
  void ticksSomeOrEveryMatchingFollowUpAndChangesThemAfterTheCountIsConfirmed() throws Exception {
    browser.resetConsole();
    browser.driver.get(server.baseUrl() + "/?view=followups");
    browser.awaitSettled();
    assertEquals("205 follow-ups, 0 overdue", text("followup-count"));
    assertEquals(
        "Showing the first 200 of 205: the filters narrow the list, and a bulk action can take"
            + " every one that matches.",
        text("followup-shown"));
    assertEquals("None selected", text("followup-selected"));
    assertFalse(find("#followup-bulk-apply").isEnabled());

    // Two ticked rows, assigned; the question names the count and the assignee; Cancel changes
    // nothing.
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#followups li.followup"));
    String first = rows.get(0).getDomAttribute("data-id");
    String second = rows.get(1).getDomAttribute("data-id");
    rows.get(0).findElement(By.cssSelector("input.f-select")).click();
    rows.get(1).findElement(By.cssSelector("input.f-select")).click();
    assertEquals("2 selected", text("followup-selected"));
    new Select(find("#followup-bulk-action")).selectByValue("assign");
    find("#followup-bulk-assignee").sendKeys("sam");
    String assign =
        "Assign 2 follow-ups to sam?\n\nEach one gets its own history entry naming web page.";
    apply(assign, false);
    assertEquals(0, total("assignee=sam"));
    apply(assign, true);
    assertEquals(2, total("assignee=sam"));
    assertEquals(2, total("assignee=sam&id=" + first + "," + second));
    JsonNode history = api.get("/followups/" + first).path("history");
    assertEquals("web page", history.get(history.size() - 1).path("by").asText());
    assertEquals("2 of 2 follow-ups changed.", find("#message span").getText());

    // Snooze one ticked row until a date.
    rows = browser.driver.findElements(By.cssSelector("#followups li.followup"));
    WebElement third = rows.get(2);
    String thirdId = third.getDomAttribute("data-id");
    third.findElement(By.cssSelector("input.f-select")).click();
    new Select(find("#followup-bulk-action")).selectByValue("snooze");
    js().executeScript(
            "const d = document.getElementById('followup-bulk-due');"
                + "d.value = '2031-01-15'; d.dispatchEvent(new Event('change'));");
    apply(
        "Snooze 1 follow-up until 2031-01-15?\n\n"
            + "Each one gets its own history entry naming web page.",
        true);
    assertTrue(
        api.get("/followups/" + thirdId).path("due").asText().startsWith("2031-01-15T23:59:59"));

    // Every one shown, then every one the filters match: more than the list shows.
    find("#followup-select-shown").click();
    assertEquals("200 selected", text("followup-selected"));
    WebElement more = find("#followup-select-matching");
    assertEquals("Select all 205 matching the filters", more.getText());
    more.click();
    assertEquals("All 205 matching follow-ups selected", text("followup-selected"));
    new Select(find("#followup-bulk-action")).selectByValue("no_action");
    find("#followup-bulk-note").sendKeys("Backlog of 2025.");
    find("#message button").click(); // the snooze's message, out of the picture
    browser.screenshot("followups-bulk");

    // An import opens one more between the count and the change: nothing changes, and the list
    // shows the new count.
    api.post(
        "/responses",
        "application/x-ndjson",
        "{\"id\":\"late\",\"score\":0,\"comment\":\"Never came.\",\"account\":\"Acme\"}\n");
    String close =
        "Close 205 follow-ups as no action, with the note \"Backlog of 2025.\"?\n\n"
            + "Each one gets its own history entry naming web page.";
    apply(close, true);
    assertEquals(0, total("status=no_action"));
    assertEquals(
        "The count changed: the filter matches 206 follow-ups now, not the 205 confirmed"
            + " (expected=205); nothing changed: list them again and confirm the new count."
            + " The list is up to date again: check it and apply once more.",
        find("#message span").getText());
    assertEquals("206 follow-ups, 0 overdue", text("followup-count"));
    assertEquals("None selected", text("followup-selected"));

    find("#followup-select-shown").click();
    find("#followup-select-matching").click();
    assertEquals("All 206 matching follow-ups selected", text("followup-selected"));
    apply(close.replace("205", "206"), true);
    assertEquals(206, total("status=no_action"));
    assertEquals(
        "Backlog of 2025.",
        api.get("/followups/" + first).path("notes").get(0).path("text").asText());
    assertEquals("206 of 206 follow-ups changed.", find("#message span").getText());
    assertEquals("0 follow-ups, 0 overdue", text("followup-count"));
    assertEquals("None selected", text("followup-selected"));
    assertEquals(
        List.of(),
        browser.consoleErrors(e -> e.contains("status of 409")),
        "console errors other than the refused change");
  }

  /**
   * The list shows 200 and a button for the rest, as GET /followups pages: it stopped at 200 of a
   * backlog with no way to the 201st but a narrower filter. Every follow-up (status "all"), in the
   * API's order, each once.
   */
  @Test
  void showsTheNextPageOfALongQueue() throws Exception {
    // Every follow-up of every status, as the API lists them (the other test may have imported one
    // more than the backlog).
    List<String> expected = new java.util.ArrayList<>();
    api.get("/followups?limit=500")
        .path("followups")
        .forEach(f -> expected.add(f.path("id").asText()));
    int all = expected.size();
    assertTrue(all > 200 && all < 400, "more than a page: " + all);
    browser.driver.get(server.baseUrl() + "/?view=followups");
    browser.awaitSettled();
    browser.settleAfter(() -> new Select(find("#followup-status")).selectByValue(""));
    assertEquals(
        "Showing the first 200 of "
            + all
            + ": the filters narrow the list, and a bulk action can take every one that matches.",
        text("followup-shown"));
    assertEquals("Show the next " + (all - 200) + " of " + all, find("#followups-more").getText());
    browser.settleAfter(() -> find("#followups-more").click());
    List<String> shown =
        browser.driver.findElements(By.cssSelector("#followups li.followup")).stream()
            .map(e -> e.getDomAttribute("data-id"))
            .toList();
    assertEquals(expected, shown);
    assertEquals("", text("followup-shown"));
    assertTrue(browser.driver.findElements(By.id("followups-more")).isEmpty());
  }
}
