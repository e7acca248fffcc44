package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The Accounts tab in headless Chromium against the real service: accounts at risk first as the
 * account-health route ranks them, each part of the health shown beside it, sorting by a column,
 * narrowing by name, an account's name filtering the page, and a customer's history in time order
 * with a detractor who came back as a promoter called out.
 */
@ExtendWith(ChromiumCondition.class)
class AccountsPageTest {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path data;
  static LiveServer server;
  static Api api;
  static Browser browser;

  /**
   * Three accounts whose order by risk is plain: Initech's three answers are detractors, Globex's
   * passives, Acme's promoters but for ann's first answer (a detractor who later gave a 10).
   */
  static final String RESPONSES =
      String.join(
          "\n",
          line("a1", 2, "Support never called back.", "2024-01-10", "ann@acme.example", "Acme"),
          line("a2", 10, "They fixed it, thank you.", "2024-03-01", "ann@acme.example", "Acme"),
          line("a3", 9, "Smooth onboarding.", "2024-03-05", "bob@acme.example", "Acme"),
          line("a4", 10, "Great product.", "2024-03-10", "cy@acme.example", "Acme"),
          line("g1", 7, "Fine, a bit slow.", "2024-03-02", "dee@globex.example", "Globex"),
          line("g2", 8, "Does the job.", "2024-03-04", "eve@globex.example", "Globex"),
          line("g3", 7, "Okay.", "2024-03-06", "dee@globex.example", "Globex"),
          line("i1", 1, "Billing is a mess.", "2024-03-03", "fay@initech.example", "Initech"),
          line("i2", 3, "The app crashes.", "2024-03-07", "gus@initech.example", "Initech"),
          line("i3", 2, "Nobody answers.", "2024-03-09", "fay@initech.example", "Initech"));

  static String line(String id, int score, String comment, String day, String who, String acct) {
    return "{\"id\":\""
        + id
        + "\",\"score\":"
        + score
        + ",\"comment\":\""
        + comment
        + "\",\"submittedAt\":\""
        + day
        + "T12:00:00Z\",\"customer\":\""
        + who
        + "\",\"account\":\""
        + acct
        + "\"}";
  }

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start(SCREENSHOTS, 1366, 900);
    server = LiveServer.start(data, null);
    api = new Api(server.baseUrl(), null);
    JsonNode report = api.post("/responses", "application/x-ndjson", RESPONSES + "\n");
    assertEquals(10, report.path("indexed").asInt(), report.toString());
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

  private List<String> shownAccounts() {
    return browser
        .driver
        .findElements(By.cssSelector("#accounts-table tbody tr[data-account]"))
        .stream()
        .map(e -> e.getDomAttribute("data-account"))
        .toList();
  }

  private WebElement row(String account) {
    return browser.driver.findElement(
        By.cssSelector("#accounts-table tbody tr[data-account='" + account + "']"));
  }

  private static String one(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  @Test
  void ranksAccountsAtRiskFirstSortsFiltersAndShowsACustomersHistory() throws Exception {
    browser.resetConsole();
    browser.driver.get(server.baseUrl() + "/?view=accounts");
    browser
        .waiting()
        .until(d -> browser.settled() > 0 && !browser.busy() && !shownAccounts().isEmpty());

    // At risk first, in the order of the account-health route.
    JsonNode health = api.get("/reports/accounts?metric=nps");
    List<String> ranked = new ArrayList<>();
    health.path("accounts").forEach(a -> ranked.add(a.path("account").asText()));
    assertEquals(List.of("Initech", "Globex", "Acme"), ranked);
    assertEquals(ranked, shownAccounts());
    assertEquals("3 accounts", browser.driver.findElement(By.id("account-count")).getText());

    // The composite and each of its parts with its risk, as the API gives them.
    JsonNode initech = health.path("accounts").get(0);
    List<WebElement> cells = row("Initech").findElements(By.tagName("td"));
    assertEquals(one(initech.path("health").asDouble()), cells.get(0).getText());
    // Initech's recent window: three detractors, so NPS -100 and a 100% detractor share.
    assertEquals(-100.0, initech.path("level").path("value").asDouble());
    // With a true minus sign, as the other tabs write a figure below zero (it showed a hyphen).
    // A level is a score, a risk a risk: two and three decimals, as the business review prints
    // them (ReportNumbers; the page wrote "-100.0" and "risk 1.00").
    assertEquals(
        "\u2212100.00\nrisk "
            + String.format(Locale.ROOT, "%.3f", initech.path("level").path("risk").asDouble()),
        cells.get(1).getText());
    assertEquals(100.0, initech.path("detractors").path("value").asDouble());
    assertTrue(cells.get(3).getText().startsWith("100.0%\nrisk "), cells.get(3).getText());
    assertEquals(
        Math.round(initech.path("recency").path("value").asDouble()) + " d",
        cells.get(4).getText().lines().findFirst().orElseThrow());
    // Then the rollup: 3 responses, NPS -100 with its interval, last response, 2 customers.
    assertEquals("3", cells.get(5).getText());
    assertTrue(cells.get(6).getText().startsWith("\u2212100.00 ["), cells.get(6).getText());
    assertTrue(!cells.get(6).getText().contains("-"), cells.get(6).getText());
    assertEquals("2024-03-09", cells.get(7).getText());
    assertEquals("2", cells.get(8).getText());
    browser.screenshot("accounts");

    // Other weights, asked of the health route: silence alone ranks the longest-silent first.
    browser.settleAfter(
        () ->
            ((JavascriptExecutor) browser.driver)
                .executeScript(
                    "const w = document.getElementById('account-weights');"
                        + " w.value = 'level:0, trend:0, detractors:0, recency:1';"
                        + " w.dispatchEvent(new Event('change'));"));
    assertEquals(List.of("Globex", "Initech", "Acme"), shownAccounts());
    assertTrue(browser.driver.getCurrentUrl().contains("weights=level%3A0%2Ctrend%3A0"));
    assertTrue(
        browser
            .driver
            .findElement(By.id("accounts-weights"))
            .getText()
            .startsWith("Health weights: level 0, trend 0, detractors 0, recency 1;"),
        browser.driver.findElement(By.id("accounts-weights")).getText());
    browser.settleAfter(
        () ->
            ((JavascriptExecutor) browser.driver)
                .executeScript(
                    "const w = document.getElementById('account-weights');"
                        + " w.value = ''; w.dispatchEvent(new Event('change'));"));
    assertEquals(ranked, shownAccounts());

    // Sort by responses: most first, ties by name; again to reverse. Sorting and narrowing
    // happen in the page, without asking the service again.
    By responses = By.cssSelector("#accounts-table thead button[data-sort='responses']");
    browser.driver.findElement(responses).click();
    assertEquals(List.of("Acme", "Globex", "Initech"), shownAccounts());
    assertTrue(browser.driver.getCurrentUrl().contains("sort=responses"));
    browser.driver.findElement(responses).click();
    assertEquals(List.of("Globex", "Initech", "Acme"), shownAccounts());
    assertTrue(browser.driver.getCurrentUrl().contains("sort=-responses"));

    // Narrow by name.
    browser.driver.findElement(By.id("account-find")).sendKeys("glo");
    browser.waiting().until(d -> shownAccounts().equals(List.of("Globex")));
    assertEquals("1 account of 3", browser.driver.findElement(By.id("account-count")).getText());
    ((JavascriptExecutor) browser.driver)
        .executeScript(
            "const f = document.getElementById('account-find'); f.value = '';"
                + " f.dispatchEvent(new Event('input'));");
    assertEquals(List.of("Globex", "Initech", "Acme"), shownAccounts());

    // An account's name filters the whole page to it and lists its customers, lowest score first.
    browser.settleAfter(
        () -> row("Acme").findElement(By.cssSelector("button.account-link")).click());
    assertTrue(browser.driver.getCurrentUrl().contains("account=Acme"));
    assertEquals("Acme", browser.driver.findElement(By.id("f-account")).getDomProperty("value"));
    assertEquals(List.of("Acme"), shownAccounts());
    List<String> customers =
        browser.driver.findElements(By.cssSelector("#account-customers li")).stream()
            .map(e -> e.getDomAttribute("data-customer"))
            .toList();
    assertEquals(List.of("bob@acme.example", "ann@acme.example", "cy@acme.example"), customers);

    // A customer's history in time order: the detractor who came back as a promoter.
    browser.settleAfter(
        () ->
            browser
                .driver
                .findElement(
                    By.cssSelector(
                        "#account-customers li[data-customer='ann@acme.example'] button"))
                .click());
    WebElement history = browser.driver.findElement(By.id("customer-history"));
    List<String> ids =
        history.findElements(By.cssSelector("ol.history li")).stream()
            .map(e -> e.getDomAttribute("data-id"))
            .toList();
    assertEquals(List.of("a1", "a2"), ids);
    assertEquals(
        "Came back: detractor (2) on 2024-01-10, promoter (10) on 2024-03-01.",
        history.findElement(By.cssSelector(".came-back")).getText());
    assertTrue(
        history.getText().contains("2 responses for Acme, oldest first."), history.getText());
    assertTrue(browser.driver.getCurrentUrl().contains("person=ann%40acme.example"));
    browser.screenshot("account-customer", 1500);

    // The Comments tab keeps the account filter.
    browser.settleAfter(() -> browser.driver.findElement(By.id("tab-comments")).click());
    assertEquals(
        4, browser.driver.findElements(By.cssSelector("#hits li.hit")).size(), "Acme's comments");
    assertEquals(List.of(), browser.consoleErrors(entry -> false), "console errors");
  }
}
