package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The page's rule editors in headless Chromium against the real service and a real webhook receiver
 * on loopback: the Alerts tab adds a rule of each of the three kinds, lists them with the secret
 * hidden, deletes one, and lists the alert raised with its delivery log; the Follow-ups tab edits
 * the rules that open follow-ups, and a saved rule opens the follow-up it should.
 */
@ExtendWith(ChromiumCondition.class)
class RulesPageTest {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final String SECRET = "page-secret-0123456789-abcdef";

  @TempDir static Path data;
  static LiveServer server;
  static Api api;
  static Browser browser;
  static HttpServer receiver;
  static final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start(SCREENSHOTS, 1366, 900);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(new String(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    server = LiveServer.start(data, null);
    api = new Api(server.baseUrl(), null);
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

  private Object js(String script) {
    return ((JavascriptExecutor) browser.driver).executeScript(script);
  }

  private void open(String query) {
    browser.driver.get(server.baseUrl() + "/" + query);
    browser.awaitSettled();
  }

  private void type(String id, String text) {
    WebElement e = browser.driver.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  private String hook() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private List<String> ruleNames() {
    return browser
        .driver
        .findElements(By.cssSelector("#alert-rules tbody tr[data-rule] th"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  private String message() {
    return browser.driver.findElement(By.id("message")).getText();
  }

  @Test
  void managesAlertRulesOfEachKindAndShowsTheAlertsWithTheirDelivery() throws Exception {
    browser.resetConsole();
    open("?view=alerts");
    assertEquals(
        "No alert rules yet: add one below.",
        browser.driver.findElement(By.cssSelector("#alert-rules tbody td.empty")).getText());

    // A new matching response: the filter typed as API parameters.
    type("ar-name", "Acme detractors");
    type("ar-when", "account=Acme&category=detractor");
    type("ar-url", hook());
    type("ar-secret", SECRET);
    browser.settleAfter(() -> browser.driver.findElement(By.id("ar-add")).click());
    assertEquals(List.of("Acme detractors"), ruleNames());
    assertEquals("", browser.driver.findElement(By.id("ar-secret")).getDomProperty("value"));

    // A metric drop, with its own settings shown only for that kind.
    new Select(browser.driver.findElement(By.id("ar-type"))).selectByValue("metric_drop");
    assertTrue(browser.driver.findElement(By.id("ar-mindrop")).isDisplayed());
    type("ar-name", "EU NPS dip");
    type("ar-when", "segment.region=EU&metric=nps");
    type("ar-mindrop", "10");
    type("ar-window", "14");
    type("ar-baseline", "56");
    type("ar-minresponses", "40");
    type("ar-alpha", "0.01");
    type("ar-secret", SECRET);
    browser.settleAfter(() -> browser.driver.findElement(By.id("ar-add")).click());

    // An emerging theme over every response: no filter.
    new Select(browser.driver.findElement(By.id("ar-type"))).selectByValue("emerging_theme");
    assertFalse(browser.driver.findElement(By.id("ar-mindrop")).isDisplayed());
    type("ar-name", "Emerging");
    browser.driver.findElement(By.id("ar-when")).clear();
    type("ar-minresponses", "50");
    type("ar-alpha", "0.05");
    type("ar-secret", SECRET);
    browser.settleAfter(() -> browser.driver.findElement(By.id("ar-add")).click());
    assertEquals(List.of("Acme detractors", "EU NPS dip", "Emerging"), ruleNames());

    JsonNode rules = api.get("/alert-rules").path("rules");
    assertEquals(3, rules.size());
    assertEquals("new_response", rules.get(0).path("type").asText());
    assertEquals("Acme", rules.get(0).path("when").path("account").asText());
    assertEquals("detractor", rules.get(0).path("when").path("category").get(0).asText());
    assertEquals(hook(), rules.get(0).path("webhook").path("url").asText());
    // Left empty, a new-response rule skips responses older than 30 days (an imported history).
    assertEquals(30, rules.get(0).path("maxAgeDays").asInt(), rules.get(0).toString());
    assertEquals(
        "each new matching response submitted within 30 d, one alert per import batch",
        browser
            .driver
            .findElement(
                By.cssSelector(
                    "#alert-rules tr[data-rule='"
                        + rules.get(0).path("id").asText()
                        + "'] td:nth-of-type(3)"))
            .getText());
    JsonNode dip = rules.get(1);
    assertEquals("metric_drop", dip.path("type").asText());
    assertEquals("EU", dip.path("when").path("segment.region").asText());
    assertEquals(10.0, dip.path("minDrop").asDouble());
    assertEquals(14, dip.path("windowDays").asInt());
    assertEquals(56, dip.path("baselineDays").asInt());
    assertEquals(40, dip.path("minResponses").asInt());
    assertEquals(0.01, dip.path("alpha").asDouble());
    assertEquals("emerging_theme", rules.get(2).path("type").asText());
    assertEquals(0, rules.get(2).path("when").size());
    assertEquals(50, rules.get(2).path("minResponses").asInt());
    // The secret is never shown back, in the API or anywhere in the page.
    assertEquals("****", rules.get(0).path("webhook").path("secret").asText());
    assertFalse(browser.driver.getPageSource().contains(SECRET));
    assertTrue(browser.driver.findElement(By.id("alert-rules")).getText().contains("secret ****"));
    WebElement dipRow =
        browser.driver.findElement(
            By.cssSelector("#alert-rules tr[data-rule='" + dip.path("id").asText() + "']"));
    List<WebElement> dipCells = dipRow.findElements(By.tagName("td"));
    assertEquals("Metric drop", dipCells.get(0).getText());
    assertEquals("metric=nps&segment.region=EU", dipCells.get(1).getText());
    assertEquals(
        "drop > 10 points, last 14 d vs 56 d before, p < 0.01, ≥ 40 responses each side",
        dipCells.get(2).getText());

    // A bad rule is refused with the service's reason, and nothing is added.
    new Select(browser.driver.findElement(By.id("ar-type"))).selectByValue("new_response");
    type("ar-name", "Bad hook");
    type("ar-url", "ftp://127.0.0.1/hook");
    type("ar-secret", SECRET);
    browser.settleAfter(() -> browser.driver.findElement(By.id("ar-add")).click());
    assertTrue(
        message()
            .contains("webhook.url must be an absolute http(s) URL, got 'ftp://127.0.0.1/hook'"),
        message());
    assertEquals(3, api.get("/alert-rules").path("rules").size());

    // Delete the dip rule (the page asks first).
    js("window.confirm = () => true");
    browser.settleAfter(
        () ->
            browser
                .driver
                .findElement(
                    By.cssSelector(
                        "#alert-rules tr[data-rule='"
                            + dip.path("id").asText()
                            + "'] button.delete-rule"))
                .click());
    assertEquals(List.of("Acme detractors", "Emerging"), ruleNames());
    assertEquals(2, api.get("/alert-rules").path("rules").size());

    // An Acme detractor raises one alert, delivered to the receiver; the page shows its log.
    api.post(
        "/responses",
        "application/x-ndjson",
        "{\"id\":\"r1\",\"score\":2,\"comment\":\"Nobody answered.\",\"account\":\"Acme\"}\n"
            + "{\"id\":\"r2\",\"score\":3,\"comment\":\"Slow.\",\"account\":\"Globex\"}\n");
    browser
        .waiting()
        .until(
            d -> {
              try {
                return api.get("/alerts?delivery=delivered").path("total").asInt() == 1;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertEquals(1, received.size());
    open("?view=alerts");
    List<WebElement> alerts = browser.driver.findElements(By.cssSelector("#alert-log li.alert"));
    assertEquals(1, alerts.size());
    WebElement alert = alerts.get(0);
    assertEquals(
        "New response matching 'Acme detractors': r1",
        alert.findElement(By.cssSelector(".alert-title")).getText());
    assertEquals("delivered", alert.findElement(By.cssSelector(".delivery")).getText());
    assertEquals("Acme detractors", alert.findElement(By.cssSelector(".rule-name")).getText());
    alert.findElement(By.tagName("summary")).click();
    String log = alert.findElement(By.cssSelector("ol.attempts")).getText();
    assertTrue(log.endsWith(" HTTP 204"), log);
    assertTrue(
        alert.findElement(By.cssSelector("pre.alert-body")).getText().contains("\"id\": \"r1\""));
    assertEquals("1 alert", browser.driver.findElement(By.id("alert-total")).getText());
    browser.screenshot("alerts");

    // The delivery filter.
    browser.settleAfter(
        () ->
            new Select(browser.driver.findElement(By.id("alert-delivery")))
                .selectByValue("failed"));
    assertEquals(
        "No alerts raised.",
        browser.driver.findElement(By.cssSelector("#alert-log li.empty")).getText());

    // A rule without a webhook: its alerts are listed in the page and sent nowhere.
    type("ar-name", "Globex, here only");
    type("ar-when", "account=Globex&category=detractor");
    for (String id : List.of("ar-url", "ar-secret", "ar-attempts", "ar-backoff")) {
      browser.driver.findElement(By.id(id)).clear();
    }
    type("ar-maxage", "any");
    browser.settleAfter(() -> browser.driver.findElement(By.id("ar-add")).click());
    JsonNode quiet = api.get("/alert-rules").path("rules").get(2);
    assertEquals("Globex, here only", quiet.path("name").asText());
    assertTrue(quiet.path("webhook").isNull(), quiet.toString());
    assertTrue(quiet.path("maxAgeDays").isNull(), quiet.toString());
    assertEquals(
        "none: alerts listed here only",
        browser
            .driver
            .findElement(
                By.cssSelector(
                    "#alert-rules tr[data-rule='" + quiet.path("id").asText() + "'] .no-webhook"))
            .getText());
    api.post(
        "/responses",
        "application/x-ndjson",
        "{\"id\":\"r3\",\"score\":1,\"comment\":\"Broken.\",\"account\":\"Globex\"}\n");
    assertEquals(1, api.get("/alerts?delivery=none").path("total").asInt());
    browser.settleAfter(
        () ->
            new Select(browser.driver.findElement(By.id("alert-delivery"))).selectByValue("none"));
    List<WebElement> listed = browser.driver.findElements(By.cssSelector("#alert-log li.alert"));
    assertEquals(1, listed.size());
    assertEquals(
        "not sent (no webhook)", listed.get(0).findElement(By.cssSelector(".delivery")).getText());
    assertEquals(1, received.size());
    assertEquals(
        List.of(), browser.consoleErrors(entry -> entry.contains("400")), "console errors");
  }

  /**
   * A metric drop's row says when it was last evaluated, the two values compared with their
   * responses and p, and why it raised nothing: here a window with no response (an import of older
   * responses), which a rule that merely stayed silent could not tell from a healthy metric.
   */
  @Test
  void showsAMetricDropsLastEvaluationInItsRow() throws Exception {
    browser.resetConsole();
    JsonNode rule =
        api.post(
            "/alert-rules",
            "application/json",
            "{\"name\":\"Initech NPS\",\"type\":\"metric_drop\",\"when\":{\"account\":\"Initech\"}}");
    String id = rule.path("id").asText();
    open("?view=alerts");
    By cell = By.cssSelector("#alert-rules tr[data-rule='" + id + "'] td:nth-of-type(4)");
    assertEquals(
        "Not yet: evaluated after each import and every 15 minutes",
        browser.driver.findElement(cell).getText());
    // 40 promoters and passives (no detractor: no follow-up opens) 10-29 days old: NPS 50.
    StringBuilder b = new StringBuilder();
    java.time.Instant now = java.time.Instant.now();
    for (int i = 0; i < 40; i++) {
      b.append("{\"id\":\"init-")
          .append(i)
          .append("\",\"score\":")
          .append(i < 20 ? 9 : 8)
          .append(",\"comment\":\"ok\",\"account\":\"Initech\",\"submittedAt\":\"")
          .append(now.minus(java.time.Duration.ofDays(10 + i % 20)))
          .append("\"}\n");
    }
    api.post("/responses", "application/x-ndjson", b.toString());
    open("?view=alerts");
    WebElement evaluation = browser.driver.findElement(cell);
    assertEquals(
        "Too few responses",
        evaluation
            .findElement(By.cssSelector(".last-evaluation.too_few_responses .outcome"))
            .getText());
    assertEquals(
        "NPS – (0 responses, last 7 d) vs 50.00 (40, 28 d before); not tested",
        evaluation.findElement(By.cssSelector(".compared")).getText());
    assertEquals(
        "too few responses to test: 0 in the last 7 days, 40 in the 28 days before; each side"
            + " needs 30 (minResponses)",
        evaluation.findElement(By.cssSelector(".reason")).getText());
    browser.screenshot("alert-rule-evaluation");
    api.delete("/alert-rules/" + id);
    assertEquals(
        List.of(), browser.consoleErrors(entry -> entry.contains("400")), "console errors");
  }

  /**
   * An emerging-theme rule's row says when it was last evaluated, each theme found with its
   * mentions in the two weeks and q, and why (it said "–" while a metric drop's said all this). The
   * rule's evaluation as GET /alert-rules gives it (AlertWebhookTest pins that), drawn by the
   * page's own cell.
   */
  /**
   * An alert's title, written by the server in ASCII (for the webhook, the command line and the
   * PDF), is shown with the page's minus: the new user's trial (session 25) read "-100.00" in a
   * metric drop's title beside the page's own "−100.00". Dates and names keep their hyphens.
   */
  @Test
  void showsAnAlertsTitleWithThePagesMinusSign() throws Exception {
    open("?view=alerts");
    Object out =
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "Promise.all([import('/js/alerts.js'), import('/js/dom.js')]).then(([m, d]) =>"
                    + " done([m.alertItem({id: 'a1', type: 'metric_drop', ruleId: 'r-2', delivery:"
                    + " 'none', raisedAt: '2026-12-05T04:00:00Z', attempts: [], body: {}, title:"
                    + " \"NPS for 'Acme 2024-Q4' fell 150.00 points: -100.00 over the last 7 days"
                    + " (40 responses) against 50.00 over the 28 days before (40); p < 0.001\"},"
                    + " new Map()).querySelector('.alert-title').textContent, d.fmtScore(-100)]"
                    + ".join('|')));");
    assertEquals(
        "NPS for 'Acme 2024-Q4' fell 150.00 points: −100.00 over the last 7 days (40 responses)"
            + " against 50.00 over the 28 days before (40); p < 0.001|−100.00",
        out);
  }

  @Test
  void showsAnEmergingThemeRulesLastEvaluation() throws Exception {
    open("?view=alerts");
    Object out =
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import('/js/alerts.js').then((m) => {"
                    + " const cell = (e) => m.evaluationCell({type: 'emerging_theme',"
                    + "  lastEvaluation: e});"
                    + " const fired = cell({at: '2026-12-01T09:00:00Z', outcome: 'fired',"
                    + "  reason: '2026-W48 (41 responses) against 2026-W47 (40): 1 theme\\'s share"
                    + " rose with q below alpha 0.05; 1 alert raised', emerging: [{name:"
                    + " 'delivery delays', previousMentions: 2, mentions: 21, qValue: 0.00002}]});"
                    + " const few = cell({at: '2026-12-01T09:00:00Z', outcome: 'too_few_responses',"
                    + "  reason: 'too few', emerging: []});"
                    + " done([fired.querySelector('.outcome').textContent,"
                    + "  fired.querySelector('.emerging li').textContent,"
                    + "  fired.querySelector('.reason').textContent,"
                    + "  few.querySelector('.outcome').textContent,"
                    + "  String(few.querySelector('.emerging')),"
                    + "  m.evaluationCell({type: 'emerging_theme', lastEvaluation: null}).textContent,"
                    + "  m.evaluationCell({type: 'new_response'}).textContent].join('|')); });");
    assertEquals(
        "Fired|delivery delays: 2 → 21 mentions, q < 0.001|2026-W48 (41 responses) against"
            + " 2026-W47 (40): 1 theme's share rose with q below alpha 0.05; 1 alert raised|"
            + "Too few responses|null|Not yet: evaluated after each import and every 15 minutes|–",
        out);
  }

  @Test
  void editsTheRulesThatOpenFollowUps() throws Exception {
    browser.resetConsole();
    open("?view=followups");
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#followup-rules tbody tr"));
    assertEquals(1, rows.size());
    assertEquals(
        "detractors",
        rows.get(0).findElement(By.cssSelector("input.fr-id")).getDomProperty("value"));
    assertEquals(
        "category=detractor",
        rows.get(0).findElement(By.cssSelector("input.fr-when")).getDomProperty("value"));
    // The default rule skips responses submitted more than 30 days before their import.
    assertEquals(
        "30", rows.get(0).findElement(By.cssSelector("input.fr-max-age")).getDomProperty("value"));

    // Add an advocate rule for promoters who gave a 10, due in 5 business days.
    browser.driver.findElement(By.id("followup-rule-add")).click();
    WebElement added =
        browser.driver.findElements(By.cssSelector("#followup-rules tbody tr")).get(1);
    WebElement id = added.findElement(By.cssSelector("input.fr-id"));
    id.clear();
    id.sendKeys("tens");
    added.findElement(By.cssSelector("input.fr-name")).sendKeys("Ask for a review");
    new Select(added.findElement(By.cssSelector("select.fr-kind"))).selectByValue("advocate");
    WebElement when = added.findElement(By.cssSelector("input.fr-when"));
    when.clear();
    when.sendKeys("metric=nps&minScore=abc");
    WebElement due = added.findElement(By.cssSelector("input.fr-due"));
    due.clear();
    due.sendKeys("5");
    added.findElement(By.cssSelector("input.fr-max-age")).clear(); // any age

    // A bad filter is refused naming the rule and parameter; nothing changes.
    browser.settleAfter(() -> browser.driver.findElement(By.id("followup-rules-save")).click());
    assertTrue(message().contains("rules[1].when.minScore"), message());
    assertEquals(1, api.get("/followup-rules").path("rules").size());

    WebElement again =
        browser.driver.findElements(By.cssSelector("#followup-rules tbody tr")).get(1);
    WebElement fixed = again.findElement(By.cssSelector("input.fr-when"));
    fixed.clear();
    fixed.sendKeys("metric=nps&minScore=10");
    browser.settleAfter(() -> browser.driver.findElement(By.id("followup-rules-save")).click());
    JsonNode rules = api.get("/followup-rules").path("rules");
    assertEquals(2, rules.size());
    JsonNode tens = rules.get(1);
    assertEquals("tens", tens.path("id").asText());
    assertEquals("Ask for a review", tens.path("name").asText());
    assertEquals("advocate", tens.path("kind").asText());
    assertEquals("{\"metric\":\"nps\",\"minScore\":10}", tens.path("when").toString());
    assertEquals(5, tens.path("dueBusinessDays").asInt());
    assertTrue(tens.path("maxAgeDays").isNull(), tens.toString());
    assertTrue(tens.path("enabled").asBoolean());
    assertEquals(30, rules.get(0).path("maxAgeDays").asInt(), rules.toString());

    // The saved rule opens an advocate follow-up for a 10, and none for a 9.
    api.post(
        "/responses",
        "application/x-ndjson",
        "{\"id\":\"p10\",\"score\":10,\"comment\":\"Love it.\"}\n"
            + "{\"id\":\"p9\",\"score\":9,\"comment\":\"Good.\"}\n");
    JsonNode advocate = api.get("/followups?kind=advocate").path("followups");
    assertEquals(1, advocate.size());
    assertEquals("p10", advocate.get(0).path("responseId").asText());
    assertEquals("tens", advocate.get(0).path("ruleId").asText());

    // Turn the first rule off and remove the second: the page saves exactly that.
    open("?view=followups");
    List<WebElement> now = browser.driver.findElements(By.cssSelector("#followup-rules tbody tr"));
    assertEquals(2, now.size());
    now.get(0).findElement(By.cssSelector("input.fr-enabled")).click();
    now.get(1).findElement(By.cssSelector("button.fr-remove")).click();
    browser.settleAfter(() -> browser.driver.findElement(By.id("followup-rules-save")).click());
    JsonNode last = api.get("/followup-rules").path("rules");
    assertEquals(1, last.size());
    assertEquals("detractors", last.get(0).path("id").asText());
    assertFalse(last.get(0).path("enabled").asBoolean());
    browser.screenshot("followup-rules");
    assertEquals(
        List.of(), browser.consoleErrors(entry -> entry.contains("400")), "console errors");
  }
}
