package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.TestData;
import dev.earful.report.ReportNumbers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The ranked pain-point list in headless Chromium against the real service: sub-themes shown
 * beneath their theme, and comments in other languages counted and said to be left out. Data: the
 * French / Spanish / German / English mix of {@code data/multilingual-feedback.csv}, real
 * discovery, plus two sub-themes made through the API.
 */
@ExtendWith(ChromiumCondition.class)
class ThemeListPageTest {

  @TempDir static Path data;
  static LiveServer server;
  static Api api;
  static Browser browser;
  static String delivery;
  static JsonNode discovered;

  @BeforeAll
  static void start() throws Exception {
    browser = Browser.start(Path.of("target", "screenshots"), 1366, 900);
    server = LiveServer.start(data, null);
    api = new Api(server.baseUrl(), null);
    api.post("/responses", "application/x-ndjson", TestData.multilingualNdjson());
    discovered = api.post("/themes/discover", "application/json", "{}");
    for (JsonNode t : api.get("/themes?limit=100").path("themes")) {
      if (t.path("name").asText().equals("delivery")) {
        delivery = t.path("id").asText();
      }
    }
    api.post(
        "/themes",
        "application/json",
        "{\"name\":\"late delivery\",\"phrases\":[\"late\"],\"parentId\":\"" + delivery + "\"}");
    api.post("/themes", "application/json", "{\"name\":\"app problems\",\"phrases\":[\"app\"]}");
    String app = null;
    for (JsonNode t : api.get("/themes?limit=100").path("themes")) {
      if (t.path("name").asText().equals("app problems")) {
        app = t.path("id").asText();
      }
    }
    api.post(
        "/themes",
        "application/json",
        "{\"name\":\"slow app\",\"phrases\":[\"slow\"],\"parentId\":\"" + app + "\"}");
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

  /** What {@code script} passes to {@code done}, run in the open page (it may import modules). */
  private static Object inPage(String script) {
    return ((JavascriptExecutor) browser.driver)
        .executeAsyncScript("const done = arguments[arguments.length - 1];" + script);
  }

  private void open(String pathAndQuery) {
    browser.driver.get(server.baseUrl() + pathAndQuery);
    browser.awaitSettled();
  }

  /** The rows the API's list should give: each theme, then its sub-themes, in ranked order. */
  private static List<String> expectedRows() throws Exception {
    JsonNode themes = api.get("/themes?limit=100").path("themes");
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, List<String>> children = new LinkedHashMap<>();
    for (JsonNode t : themes) {
      names.put(t.path("id").asText(), t.path("name").asText());
    }
    List<String> top = new ArrayList<>();
    for (JsonNode t : themes) {
      String parent = t.path("parentId").isTextual() ? t.path("parentId").asText() : null;
      if (parent != null && names.containsKey(parent)) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(t.path("name").asText());
      } else {
        top.add(t.path("id").asText());
      }
    }
    List<String> rows = new ArrayList<>();
    for (String id : top) {
      rows.add(names.get(id));
      for (String child : children.getOrDefault(id, List.of())) {
        rows.add("↳ " + child);
      }
    }
    return rows;
  }

  @Test
  void discoveringAgainOnUnchangedCommentsSaysWhatItFoundAndThatNothingChanged() throws Exception {
    open("/?view=themes");
    browser.driver.findElement(By.id("discover")).click();
    browser
        .waiting()
        .until(d -> d.findElement(By.id("message")).getText().startsWith("Discovery found"));
    int themes = discovered.path("themes").asInt();
    int subThemes = discovered.path("subThemes").asInt();
    assertEquals(
        "Discovery found "
            + themes
            + (themes == 1 ? " theme" : " themes")
            + " and "
            + subThemes
            + (subThemes == 1 ? " sub-theme" : " sub-themes")
            // The setup's edited themes took phrases ("late", "app", "slow") after the first
            // discovery: the discovered theme that held one is no longer placed, and says so (the
            // message read "0 new, 0 changed." with it gone).
            + ": 0 new, 0 changed, 1 no longer found.",
        browser.driver.findElement(By.cssSelector("#message span")).getText());
  }

  /** The button's message says when discovered themes went away, not only what is new. */
  @Test
  void theDiscoveryMessageCountsThemesNoLongerFound() throws Exception {
    open("/?view=themes");
    Object out =
        inPage(
            "import('/js/painpoints.js').then((m) => done(["
                + "m.discoveredText({themes: 40, subThemes: 1, added: 2, updated: 1, removed: 3}),"
                + "m.discoveredText({themes: 1, subThemes: 0, added: 0, updated: 0, removed: 0})"
                + "].join('|')));");
    assertEquals(
        "Discovery found 40 themes and 1 sub-theme: 2 new, 1 changed, 3 no longer found.|"
            + "Discovery found 1 theme and 0 sub-themes: 0 new, 0 changed.",
        out);
  }

  /** A percentage as the business review rounds it (ReportNumbers.percent), "–" of nothing. */
  private static String percent(long part, long of) {
    return of <= 0
        ? "–"
        : String.format(Locale.ROOT, "%.1f%%", ReportNumbers.percent((double) part / of));
  }

  /**
   * The page rounds a rate once, from the counts, as the business review and earful themes do
   * (b1a57ef): 59 detractors of 88 mentions is 67.045%, sent by the API as 0.6705, which the page
   * showed as 67.1% where the review for the same filter said 67.0 (the trial's Globex quarter); a
   * tie rounds half to even as the review does (1 of 16 is 6.25%: 6.2, not 6.3).
   */
  @Test
  void ratesAreRoundedOnceFromTheCountsAsTheReviewRoundsThem() throws Exception {
    open("/?view=themes");
    Object out =
        inPage(
            "Promise.all([import('/js/dom.js'), import('/js/painpoints.js')])"
                + ".then(([d, p]) => { const r = p.themeRates({mentions: 88, detractors: 59,"
                + " share: 0.1528, detractorRate: 0.6705, detractorRateWithout: 0.2971},"
                + " {count: 576, detractors: 204});"
                + " done([r.share, r.rate, r.without, d.pctOf(1, 16), d.pctOf(3, 16),"
                + " d.pctOf(0, 0)].join('|')); });");
    assertEquals("15.3%|67.0%|29.7%|6.2%|18.8%|–", out);
    assertEquals(
        "15.3%|67.0%|29.7%|6.2%|18.8%|–",
        String.join(
            "|",
            percent(88, 576),
            percent(59, 88),
            percent(204 - 59, 576 - 88),
            percent(1, 16),
            percent(3, 16),
            percent(0, 0)),
        "the review's own rounding of the same counts");

    // Every row of the table, and a theme's detail, from the counts of GET /themes.
    JsonNode ranking = api.get("/themes?limit=100");
    long count = ranking.path("count").asLong();
    long detractors = ranking.path("detractors").asLong();
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    ranking.path("themes").forEach(t -> byId.put(t.path("id").asText(), t));
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#themes-table tbody tr"));
    assertEquals(byId.size(), rows.size());
    for (WebElement row : rows) {
      JsonNode t = byId.get(row.getAttribute("data-theme"));
      long mentions = t.path("mentions").asLong();
      long with = t.path("detractors").asLong();
      List<WebElement> cells = row.findElements(By.cssSelector("td"));
      assertEquals(
          List.of(
              percent(mentions, count),
              percent(with, mentions),
              percent(detractors - with, count - mentions)),
          List.of(cells.get(2).getText(), cells.get(3).getText(), cells.get(4).getText()),
          t.path("name").asText());
    }
    JsonNode d = byId.get(delivery);
    open("/?view=theme&open=" + delivery);
    List<WebElement> cards = browser.driver.findElements(By.cssSelector("#theme-numbers .card"));
    assertEquals(
        percent(d.path("mentions").asLong(), count) + " of comments",
        cards.get(0).findElement(By.cssSelector(".muted")).getText());
    assertEquals(
        percent(d.path("detractors").asLong(), d.path("mentions").asLong()),
        cards.get(1).findElement(By.cssSelector("strong")).getText());
    assertEquals(
        "without it: "
            + percent(
                detractors - d.path("detractors").asLong(), count - d.path("mentions").asLong()),
        cards.get(1).findElement(By.cssSelector(".muted")).getText());
  }

  /**
   * Every rate of a whole reads on the page as the review and earful themes print it
   * (ReportNumbers.percent: the exact value of 100 * part / whole, half to even), in this browser
   * and in one without Intl's roundingMode (Intl.NumberFormat v3; such a browser ignores it and
   * rounds half up: 1 of 16, 6.25%, read 6.3%). The page's Intl halfEven rounds the shortest
   * decimal that reads as the double, not the double: 3 of 2000 (100 * 0.0015 is 0.15 written,
   * 0.14999... exactly) read 0.2% here where earful themes prints 0.1%, and so did 292 pairs of a
   * whole up to 3,000. The old browser is this one with Intl.NumberFormat dropping roundingMode,
   * under which a second copy of dom.js is imported; there fmtScore's fallback runs too, which no
   * test ran before (session 20 tested halfEven2 alone).
   */
  @Test
  void everyRateOfAWholeReadsAsTheReviewPrintsItWithOrWithoutIntlRoundingMode() throws Exception {
    open("/?view=themes");
    long[] wholes = {16, 88, 2000, 2347};
    Object out =
        inPage(
            "const wholes = "
                + java.util.Arrays.toString(wholes)
                + ";"
                + " const all = (d) => wholes.map((w) => Array.from({length: w + 1},"
                + " (_, p) => d.pctOf(p, w)).join(' ')).join('|');"
                + " import('/js/dom.js').then((d) => { const now = all(d);"
                + " const Real = Intl.NumberFormat;"
                + " Intl.NumberFormat = function (locale, options) {"
                + " const o = Object.assign({}, options); delete o.roundingMode;"
                + " return new Real(locale, o); };"
                + " const halfUp = new Intl.NumberFormat('en', {maximumFractionDigits: 1,"
                + " roundingMode: 'halfEven'}).format(6.25);"
                + " import('/js/dom.js?without-rounding-mode').then((old) => {"
                + " Intl.NumberFormat = Real;"
                + " const xs = [-4.135, 0.125, -18.595, 1.015, 2.675, 8.345, 1234.565, 10.125,"
                + " 0.135, 0.1251, -0.005, 0.004, 0.006, 5, -25, 0.1, 1e-7, 99.999];"
                + " done(JSON.stringify({now: now, old: all(old), halfUp: halfUp,"
                + " scores: xs.map((x) => old.fmtScore(x).replace('−', '-')).join(' ')})); }); });");
    JsonNode printed = new ObjectMapper().readTree((String) out);
    List<String> expected = new ArrayList<>();
    for (long w : wholes) {
      List<String> row = new ArrayList<>();
      for (long p = 0; p <= w; p++) {
        row.add(percent(p, w));
      }
      expected.add(String.join(" ", row));
    }
    assertEquals("6.3", printed.path("halfUp").asText(), "the old browser is simulated");
    List<String> now = List.of(printed.path("now").asText().split("\\|"));
    List<String> old = List.of(printed.path("old").asText().split("\\|"));
    for (int i = 0; i < wholes.length; i++) {
      assertEquals(expected.get(i), now.get(i), "of " + wholes[i] + ", this browser");
    }
    for (int i = 0; i < wholes.length; i++) {
      assertEquals(expected.get(i), old.get(i), "of " + wholes[i] + ", without roundingMode");
    }
    // fmtScore's own fallback (halfEven2 first where roundingMode is not halfEven), run in the
    // copy without roundingMode: the digits of
    // aBrowserWithoutRoundingModeStillRoundsAScoreHalfToEven.
    assertEquals(
        "-4.14 0.12 -18.60 1.02 2.68 8.34 1,234.56 10.12 0.14 0.13 0.00 0.00 0.01 5.00 -25.00 0.10"
            + " 0.00 100.00",
        printed.path("scores").asText());
  }

  @Test
  void showsEachThemesSubThemesBeneathItAndSaysWhichCommentsAreNotAnalysed() throws Exception {
    JsonNode late = null;
    for (JsonNode t : api.get("/themes?limit=100").path("themes")) {
      if (t.path("name").asText().equals("late delivery")) {
        late = t;
      }
    }
    assertEquals(delivery, late.path("parentId").asText(), "GET /themes names the parent");

    open("/?view=themes");
    List<String> shown = new ArrayList<>();
    for (WebElement row : browser.driver.findElements(By.cssSelector("#themes-table tbody tr"))) {
      String name =
          row.findElement(By.cssSelector("th")).getText().replace(" too few mentions to rank", "");
      boolean sub = row.getAttribute("class").contains("sub-theme");
      assertEquals(sub, name.startsWith("↳ "), name);
      shown.add(name);
    }
    assertEquals(expectedRows(), shown);
    // Every theme here is below the minimum mentions: no empty chart above the table (it showed
    // an empty frame with an axis from 0 to 1).
    assertTrue(
        !browser.driver.findElement(By.cssSelector("figure.chart-box")).isDisplayed(),
        "the chart of nothing ranked is hidden");
    int parentRow = shown.indexOf("delivery");
    assertEquals("↳ late delivery", shown.get(parentRow + 1));
    int appRow = shown.indexOf("app problems");
    assertEquals("↳ slow app", shown.get(appRow + 1));
    assertEquals(
        "25 comments are not in English (French 10, German 8, Spanish 7): Earful finds themes and"
            + " sentiment in English only, so they are searchable but in no theme, and their"
            + " sentiment is not read.",
        browser.driver.findElement(By.id("other-languages")).getText());

    open("/?view=comments");
    List<String> languages = new ArrayList<>();
    for (WebElement li : browser.driver.findElements(By.cssSelector("#language-facet li"))) {
      languages.add(li.getText().replace("\n", " "));
    }
    assertEquals(
        List.of(
            "English 23",
            "French (not analysed) 10",
            "German (not analysed) 8",
            "Spanish (not analysed) 7"),
        languages);
  }

  /**
   * A small survey (48 responses here) has no theme with the default 30 mentions: the list was all
   * "too few mentions to rank" with no way to lower the bar on the page (the API and CLI have
   * minMentions). The page says why nothing is ranked and what to change, and its "Minimum
   * mentions" box ranks the themes from the number given, in the address bar for a shared link.
   */
  @Test
  void saysWhyNothingIsRankedAndLowersTheMinimumMentionsToRankASmallSurvey() throws Exception {
    open("/?view=themes");
    JsonNode ranking = api.get("/themes?limit=100");
    JsonNode top = ranking.path("themes").get(0);
    assertEquals(30, ranking.path("minMentions").asInt());
    WebElement notice = browser.driver.findElement(By.id("rank-notice"));
    assertTrue(notice.isDisplayed(), "the notice of an unranked list");
    long most = top.path("mentions").asLong();
    assertEquals(
        "No theme is ranked: each has fewer than the 30 mentions a theme needs (the most, \u201c"
            + top.path("name").asText()
            + "\u201d, has "
            + most
            + " of "
            + ranking.path("count").asLong()
            + " responses). Lower the minimum mentions (the page's \"Minimum mentions\","
            + " --min-mentions, minMentions=) to "
            + Math.max(1, Math.min(most, 5))
            + ", say, to rank the themes of a small survey or filter; with few mentions the"
            + " intervals are wide.",
        notice.getText());
    assertEquals(ranking.path("unrankedNote").asText(), notice.getText(), "the API's note");
    WebElement box = browser.driver.findElement(By.id("min-mentions"));
    assertEquals("30", box.getDomProperty("value"));

    // The number the notice suggests, typed into the box.
    String lower = String.valueOf(Math.max(1, Math.min(most, 5)));
    box.clear();
    box.sendKeys(lower);
    box.sendKeys(org.openqa.selenium.Keys.TAB);
    browser.waiting().until(d -> d.getCurrentUrl().contains("minMentions=" + lower));
    open("/?view=themes&minMentions=" + lower);
    JsonNode lowered = api.get("/themes?limit=100&minMentions=" + lower);
    List<String> rankedIds = new ArrayList<>();
    for (JsonNode t : lowered.path("themes")) {
      if (t.path("ranked").asBoolean()) {
        rankedIds.add(t.path("id").asText());
      }
    }
    assertTrue(!rankedIds.isEmpty(), lowered.toString());
    List<String> rankedRows = new ArrayList<>();
    for (WebElement row : browser.driver.findElements(By.cssSelector("#themes-table tbody tr"))) {
      if (!row.getAttribute("class").contains("unranked")) {
        rankedRows.add(row.getAttribute("data-theme"));
      }
    }
    java.util.Collections.sort(rankedIds);
    java.util.Collections.sort(rankedRows);
    assertEquals(rankedIds, rankedRows, "the rows ranked are the API's at the lower minimum");
    assertEquals(lower, browser.driver.findElement(By.id("min-mentions")).getDomProperty("value"));
    assertTrue(
        browser.driver.findElement(By.cssSelector("figure.chart-box")).isDisplayed(),
        "the chart of the ranked themes");
    assertTrue(!browser.driver.findElement(By.id("rank-notice")).isDisplayed());
    browser.screenshot("pain-points-min-mentions");
  }

  /**
   * Compare has the "Minimum mentions" box of the pain points: two small sides ranked nothing at
   * the default 30, each column "–" with nothing said why and no way to lower the bar there. Each
   * side that ranks nothing says so in the API's words; the number typed ranks both sides as GET
   * /themes ranks them at that minimum.
   */
  @Test
  void compareSaysWhyASideRanksNothingAndTakesAMinimumMentions() throws Exception {
    String a = "from=2024-03-01&to=2024-03-01";
    String b = "from=2024-01-01&to=2024-12-31";
    open(
        "/?view=compare&by=period&aFrom=2024-03-01&aTo=2024-03-01&bFrom=2024-01-01&bTo=2024-12-31");
    WebElement box = browser.driver.findElement(By.id("c-min-mentions"));
    assertEquals("30", box.getDomProperty("value"));
    JsonNode sideA = api.get("/themes?limit=100&" + a);
    JsonNode sideB = api.get("/themes?limit=100&" + b);
    assertTrue(sideA.path("unrankedNote").isTextual(), sideA.toString());
    List<String> notes = new ArrayList<>();
    for (WebElement p : browser.driver.findElements(By.cssSelector("#compare-notes p"))) {
      notes.add(p.getText());
    }
    assertEquals(
        List.of(
            "A: " + sideA.path("unrankedNote").asText(),
            "B: " + sideB.path("unrankedNote").asText()),
        notes);

    long most = sideA.path("themes").get(0).path("mentions").asLong();
    String lower = String.valueOf(Math.max(1, Math.min(most, 5)));
    browser.settleAfter(
        () -> {
          box.clear();
          box.sendKeys(lower);
          browser.driver.findElement(By.id("compare")).click();
        });
    assertTrue(browser.driver.getCurrentUrl().contains("minMentions=" + lower));
    assertEquals(
        lower, browser.driver.findElement(By.id("c-min-mentions")).getDomProperty("value"));
    assertTrue(browser.driver.findElements(By.cssSelector("#compare-notes p")).isEmpty());
    // A part the comparison lacks (no notes) is left out, not written as "null".
    assertTrue(
        !browser.driver.findElement(By.id("comparison")).getText().contains("null"),
        browser.driver.findElement(By.id("comparison")).getText());
    Map<String, String> attributable = new LinkedHashMap<>();
    for (JsonNode t : api.get("/themes?limit=100&minMentions=" + lower + "&" + a).path("themes")) {
      JsonNode v = t.path("attributableDetractors").path("value");
      attributable.put(
          t.path("name").asText(),
          v.isNumber()
              ? String.format(Locale.ENGLISH, "%.1f", v.asDouble()).replace('-', '\u2212')
              : "–");
    }
    int ranked = 0;
    for (WebElement row : browser.driver.findElements(By.cssSelector("#compare-table tbody tr"))) {
      String name = row.findElement(By.cssSelector("th")).getText();
      String cell = row.findElements(By.cssSelector("td")).get(2).getText();
      String expected = attributable.get(name);
      assertTrue(cell.equals(expected) || cell.startsWith(expected + " ["), name + ": " + cell);
      ranked += expected.equals("–") ? 0 : 1;
    }
    assertTrue(ranked > 0, "side A ranks themes at minMentions=" + lower);
    browser.screenshot("compare-min-mentions");
  }

  /**
   * A theme's leave-one-out impact is a change of the score: the table prints it with a score's two
   * decimals, rounded half to even on the API's decimal as earful themes prints it (ReportNumbers);
   * it had one decimal here ("-4.1"), and "%+.2f" (half up: 0.125 read +0.13) in earful themes. A
   * true minus, as every figure of the page.
   */
  @Test
  void theScoreImpactHasAScoresDecimalsAsEarfulThemesPrintsIt() throws Exception {
    open("/?view=themes");
    Object out =
        inPage(
            "import('/js/dom.js').then((d) => done([d.signedScore(-4.135),"
                + " d.signedScore(0.125), d.signedScore(0), d.fmtScore(-25)].join('|')));");
    assertEquals("−4.14|+0.12|0.00|−25.00", out);

    JsonNode ranking = api.get("/themes?limit=100");
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    ranking.path("themes").forEach(t -> byId.put(t.path("id").asText(), t));
    int checked = 0;
    for (WebElement row :
        browser.driver.findElements(By.cssSelector("#themes-table tbody tr[data-theme]"))) {
      JsonNode impact = byId.get(row.getAttribute("data-theme")).path("npsImpact");
      if (impact.isNumber()) {
        String cli = ReportNumbers.signedScore(impact.asDouble());
        assertEquals(
            cli.replace('-', '−'), row.findElements(By.cssSelector("td")).get(5).getText());
        checked++;
      }
    }
    assertTrue(checked > 0, ranking.toString());
  }

  /**
   * A browser without Intl's roundingMode (before Chromium 106, Firefox 116, Safari 15.4) ignores
   * it and rounds half up, so 0.125 would read 0.13 where earful themes prints 0.12 (review R13).
   * There dom.js rounds the score half to even first (halfEven2): run through a half-up Intl
   * format, as such a browser's, it gives on ties and non-ties the digits this Chromium's halfEven
   * gives.
   */
  @Test
  void aBrowserWithoutRoundingModeStillRoundsAScoreHalfToEven() throws Exception {
    open("/?view=themes");
    Object out =
        inPage(
            "import('/js/dom.js').then((d) => {"
                + " const halfUp = new Intl.NumberFormat('en', {minimumFractionDigits: 2,"
                + " maximumFractionDigits: 2});"
                + " const xs = [-4.135, 0.125, -18.595, 1.015, 2.675, 8.345, 1234.565, 10.125,"
                + " 0.135, 0.1251, -0.005, 0.004, 0.006, 5, -25, 0.1, 1e-7, 99.999];"
                + " done(JSON.stringify({old: xs.map((x) => halfUp.format(x)).join(' '),"
                + " fallback: xs.map((x) => halfUp.format(d.halfEven2(x))).join(' '),"
                + " page: xs.map((x) => d.fmtScore(x).replace('−', '-')).join(' ')})); });");
    JsonNode printed = new ObjectMapper().readTree((String) out);
    String expected =
        "-4.14 0.12 -18.60 1.02 2.68 8.34 1,234.56 10.12 0.14 0.13 0.00 0.00 0.01 5.00 -25.00 0.10"
            + " 0.00 100.00";
    assertEquals(expected, printed.path("page").asText());
    // -0.005 rounds to -0, which fmtScore prints "0.00" past the format (the test above).
    assertEquals(expected, printed.path("fallback").asText().replace("-0.00", "0.00"));
    // The half-up format alone, as an old browser printed it: it differs on the ties.
    assertTrue(printed.path("old").asText().startsWith("-4.14 0.13 "), printed.toString());
  }

  /**
   * A score that rounds to zero prints "0.00", with no sign, on the page as in earful themes: the
   * sign is decided from the rounded text (review R12). fmtScore(-0.004) and signedScore(-0.004)
   * printed "−0.00" here where ReportNumbers prints "0.00", and signedScore(0.004) "+0.00" on both
   * sides; a small theme's leave-one-out impact can lie within ±0.005.
   */
  @Test
  void aScoreThatRoundsToZeroHasNoSignAsEarfulThemesPrintsIt() throws Exception {
    open("/?view=themes");
    double[] values = {-0.004, -0.005, 0.004, 0.005, -0.0, 0.006, -0.006};
    Object out =
        inPage(
            "import('/js/dom.js').then((d) => done([-0.004, -0.005, 0.004, 0.005, -0, 0.006,"
                + " -0.006].map((x) => d.fmtScore(x) + ' ' + d.signedScore(x)).join('|')));");
    assertEquals("0.00 0.00|0.00 0.00|0.00 0.00|0.00 0.00|0.00 0.00|0.01 +0.01|−0.01 −0.01", out);
    assertEquals(
        out, printed(values, v -> ReportNumbers.score(v) + " " + ReportNumbers.signedScore(v)));
    // A difference in points (the theme's card, signed1) likewise: -0.04 points read "−0.0 pts"
    // on the card where earful themes prints "0.0" (session 21's trial, ThemesCommand.points).
    double[] points = {-0.04, 0.04, -0.0, 0.06, -0.06, -1.25};
    Object page =
        inPage(
            "import('/js/dom.js').then((d) => done([-0.04, 0.04, -0, 0.06, -0.06, -1.25]"
                + ".map((x) => d.signed1(x)).join('|')));");
    assertEquals("0.0|0.0|0.0|+0.1|−0.1|−1.3", page);
    assertEquals(
        page,
        printed(
            points,
            v ->
                dev.earful.cli.ThemesCommand.points(
                    com.fasterxml.jackson.databind.node.DoubleNode.valueOf(v / 100))));
  }

  /** {@code values} as Java prints them by {@code f}, joined by "|", with the page's minus sign. */
  private static String printed(double[] values, java.util.function.DoubleFunction<String> f) {
    List<String> out = new ArrayList<>();
    for (double v : values) {
      out.add(f.apply(v));
    }
    return String.join("|", out).replace('-', '−');
  }

  /**
   * Under a filter (here the words "delivery"), a theme no matching response mentions comes after
   * every mentioned one and its sub-themes, named with its theme and marked "not mentioned in these
   * responses", as earful themes lists it: such rows sat among the others as "too few mentions to
   * rank", a sub-theme of none beneath its mentioned theme.
   */
  @Test
  void themesNotMentionedUnderTheFilterComeLastAndAreMarked() throws Exception {
    JsonNode filtered = api.get("/themes?limit=100&q=delivery");
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    filtered.path("themes").forEach(t -> byId.put(t.path("id").asText(), t));
    long none = byId.values().stream().filter(t -> t.path("mentions").asLong() == 0).count();
    assertTrue(none > 0 && none < byId.size(), filtered.toString());

    open("/?view=themes&q=delivery");
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#themes-table tbody tr"));
    assertEquals(byId.size(), rows.size());
    boolean seenNone = false;
    for (WebElement row : rows) {
      JsonNode t = byId.get(row.getAttribute("data-theme"));
      boolean unmentioned = t.path("mentions").asLong() == 0;
      String name = row.findElement(By.cssSelector("th")).getText();
      assertEquals(unmentioned, row.getAttribute("class").contains("unmentioned"), name);
      assertEquals(unmentioned, name.endsWith(" not mentioned in these responses"), name);
      assertTrue(!seenNone || unmentioned, "a mentioned theme after an unmentioned one: " + name);
      seenNone |= unmentioned;
      if (unmentioned) {
        assertTrue(!row.getAttribute("class").contains("sub-theme"), name);
        String parent = t.path("parentName").isTextual() ? t.path("parentName").asText() : null;
        assertEquals(
            t.path("name").asText()
                + (parent == null ? "" : " (in " + parent + ")")
                + " not mentioned in these responses",
            name);
        // No impact to estimate: "–" as the API's null, not "0.0" (leave-one-out of nothing).
        assertTrue(t.path("npsImpact").isNull(), t.toString());
        assertEquals("–", row.findElements(By.cssSelector("td")).get(5).getText(), name);
      } else {
        assertEquals(
            t.path("npsImpact").isNull(),
            row.findElements(By.cssSelector("td")).get(5).getText().equals("–"),
            name);
      }
    }
  }
}
