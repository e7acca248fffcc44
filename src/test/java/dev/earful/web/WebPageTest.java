package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.report.ReportNumbers;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The page in headless Chromium against the real service (real index in a temp folder, real
 * analysis, real theme discovery and ranking) holding the first {@value #ROWS} clothing reviews.
 * Each test compares what the page shows with what the API answers for the same filters, saves
 * screenshots under target/screenshots, and fails on any console error it did not expect.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ChromiumCondition.class)
class WebPageTest {

  static final int ROWS = dev.earful.TestData.WOMENS_REVIEWS_ROWS;
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path data;
  static LiveServer server;
  static Api api;
  static Browser browser;

  private Predicate<String> expectedConsole = entry -> false;

  @BeforeAll
  static void startServerAndBrowser() throws Exception {
    // The browser first: without Chromium the tests fail at once with the install command.
    browser = Browser.start(SCREENSHOTS, 1366, 900);
    server = LiveServer.start(data, null);
    api = new Api(server.baseUrl(), null);
    List<String> lines = ReviewData.ndjson(ROWS);
    JsonNode report =
        api.post("/responses", "application/x-ndjson", String.join("\n", lines) + "\n");
    assertEquals(ROWS, report.path("received").asInt(), report.toString());
    assertEquals(0, report.path("rejected").size(), report.toString());
    api.post("/themes/discover", "application/json", "{}");
    assertTrue(api.get("/themes?limit=1000").path("themes").size() >= 5, "discovery found themes");
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

  @BeforeEach
  void clearConsole() {
    browser.resetConsole();
  }

  @AfterEach
  void failOnConsoleErrors() {
    List<String> errors = browser.consoleErrors(expectedConsole);
    assertEquals(List.of(), errors, "console errors in the browser");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private JavascriptExecutor js() {
    return browser.driver;
  }

  private void open(String pathAndQuery) {
    browser.driver.get(server.baseUrl() + pathAndQuery);
    browser.awaitSettled();
  }

  private WebElement find(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  private List<WebElement> all(String css) {
    return browser.driver.findElements(By.cssSelector(css));
  }

  private String query() {
    return (String) js().executeScript("return location.search");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String count(long n) {
    return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n)
        + (n == 1 ? " comment" : " comments");
  }

  private String message() {
    WebElement box = find("#message");
    return box.isDisplayed() ? box.getText() : "";
  }

  private void assertNoMessageError() {
    assertFalse(find("#message").getAttribute("class").contains("error"), message());
  }

  private static Path awaitDownload(String name) throws Exception {
    Path file = browser.downloads.resolve(name);
    for (int i = 0; i < 300; i++) {
      if (Files.exists(file) && !Files.exists(browser.downloads.resolve(name + ".crdownload"))) {
        return file;
      }
      Thread.sleep(100);
    }
    try (Stream<Path> present = Files.list(browser.downloads)) {
      throw new AssertionError("no download " + name + "; the folder holds " + present.toList());
    }
  }

  private static List<CSVRecord> csv(String text) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(text, format)) {
      return parser.getRecords();
    }
  }

  /** The period labels of the whole data set's trends. */
  private static List<String> periods(String interval) throws Exception {
    List<String> labels = new ArrayList<>();
    api.get("/trends?interval=" + interval)
        .path("periods")
        .forEach(p -> labels.add(p.path("period").asText()));
    assertTrue(labels.size() > 3, "the reviews span several periods: " + labels);
    return labels;
  }

  @SuppressWarnings("unchecked")
  private List<String> trendLabels() {
    return (List<String>)
        js().executeScript(
                "return Chart.getChart(document.getElementById('trend-chart')).data.labels");
  }

  /** A theme's mentions in the ranked list of the whole data set. */
  private static long mentionsOf(String id) throws Exception {
    for (JsonNode t : api.get("/themes?limit=1000").path("themes")) {
      if (t.path("id").asText().equals(id)) {
        return t.path("mentions").asLong();
      }
    }
    throw new AssertionError("theme " + id + " is not in the ranked list");
  }

  private static List<String> names(JsonNode themes) {
    List<String> names = new ArrayList<>();
    themes.forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  /** The names in the order the page lists them ({@link #beneathTheirThemes}). */
  private static List<String> listedNames(JsonNode themes) {
    return beneathTheirThemes(themes).stream().map(t -> t.path("name").asText()).toList();
  }

  /**
   * The order the page lists themes in: GET /themes' ranked order, each theme's sub-themes (in
   * their ranked order) right after it; a sub-theme whose theme is not listed stays where it ranks.
   */
  private static List<JsonNode> beneathTheirThemes(JsonNode themes) {
    java.util.Set<String> listed = new java.util.HashSet<>();
    themes.forEach(t -> listed.add(t.path("id").asText()));
    java.util.Map<String, List<JsonNode>> children = new java.util.HashMap<>();
    List<JsonNode> top = new ArrayList<>();
    for (JsonNode t : themes) {
      String parent = t.path("parentId").isTextual() ? t.path("parentId").asText() : null;
      if (parent != null && listed.contains(parent)) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(t);
      } else {
        top.add(t);
      }
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode t : top) {
      out.add(t);
      out.addAll(children.getOrDefault(t.path("id").asText(), List.of()));
    }
    return out;
  }

  // ---- tests ------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void showsTheCommentsAndTheHeadlineMetricOnLoad() throws Exception {
    open("/");
    JsonNode search = api.get("/search?limit=20");
    JsonNode metrics = api.get("/metrics?metric=csat");
    assertEquals(count(search.path("total").asLong()), find("#result-count").getText());
    assertEquals(ROWS, search.path("total").asLong());
    assertEquals(search.path("hits").size(), all("#hits > li.hit").size());
    WebElement card = find("#headline .metric-card");
    assertEquals("csat", card.getAttribute("data-metric"));
    assertEquals(
        NumberFormat.getIntegerInstance(Locale.ENGLISH).format(metrics.path("count").asLong())
            + " responses",
        card.findElement(By.cssSelector(".metric-count")).getText());
    assertTrue(card.findElement(By.cssSelector(".metric-ci")).getText().startsWith("95% CI ["));
    // The headline is a score: two decimals, as the business review and earful metrics print it
    // (it read "86.4%" where the review read 86.38).
    assertEquals(
        ReportNumbers.score(metrics.path("csat").asDouble()) + "%",
        card.findElement(By.cssSelector(".metric-value")).getText());
    assertEquals(
        "95% CI ["
            + ReportNumbers.score(metrics.path("csatCi95").get(0).asDouble())
            + "%, "
            + ReportNumbers.score(metrics.path("csatCi95").get(1).asDouble())
            + "%]",
        card.findElement(By.cssSelector(".metric-ci")).getText());
    assertNoMessageError();

    // Every response a 5: the mean is whole (5.0 arrives as 5) and is printed once, as a mean.
    open("/?minScore=5");
    WebElement five = find("#headline .metric-card");
    JsonNode fives = api.get("/metrics?metric=csat&minScore=5");
    assertEquals(5.0, fives.path("mean").asDouble());
    assertEquals(
        "Satisfied "
            + NumberFormat.getIntegerInstance(Locale.ENGLISH)
                .format(fives.path("satisfied").asLong())
            + " Neutral 0 Dissatisfied 0 Mean 5.00",
        five.findElement(By.cssSelector(".metric-split")).getText().replaceAll("\\s+", " "));
  }

  @Test
  @Order(2)
  void searchesTheCommentsAndMarksTheMatches() throws Exception {
    open("/");
    browser.settleAfter(
        () -> {
          find("#f-q").sendKeys("fabric");
          find("#apply").click();
        });
    assertTrue(query().contains("q=fabric"), query());
    JsonNode search = api.get("/search?q=fabric&limit=20");
    assertTrue(search.path("total").asLong() > 20, "enough hits to page");
    assertEquals(count(search.path("total").asLong()), find("#result-count").getText());
    List<WebElement> marks = all("#hits .snippet mark");
    assertFalse(marks.isEmpty(), "highlighted matches");
    for (WebElement mark : marks) {
      assertTrue(mark.getText().toLowerCase(Locale.ROOT).startsWith("fabric"), mark.getText());
    }
    browser.settleAfter(() -> find("#more").click());
    assertEquals(Math.min(40, search.path("total").asInt()), all("#hits > li.hit").size());
    browser.screenshot("search");
    assertNoMessageError();
  }

  @Test
  @Order(3)
  void filtersBySegmentAndCategoryAndKeepsTheFiltersInTheLink() throws Exception {
    open("/?q=fabric");
    browser.settleAfter(
        () -> {
          new Select(find("#f-metric")).selectByValue("csat");
          new Select(find("#f-category")).selectByValue("dissatisfied");
          new Select(find("#f-seg-department")).selectByValue("Dresses");
          find("#apply").click();
        });
    String q = "q=fabric&metric=csat&category=dissatisfied&segment.department=Dresses";
    assertEquals("?" + q, query());
    JsonNode search = api.get("/search?" + q + "&limit=20");
    assertTrue(search.path("total").asLong() > 0);
    assertEquals(count(search.path("total").asLong()), find("#result-count").getText());
    for (WebElement hit : all("#hits > li.hit")) {
      assertEquals("dissatisfied", hit.findElement(By.cssSelector(".category")).getText());
      assertTrue(hit.getText().contains("Department: Dresses"), hit.getText());
    }
    // The link alone brings the same view back.
    browser.driver.navigate().refresh();
    browser.awaitSettled();
    assertEquals("fabric", find("#f-q").getAttribute("value"));
    assertEquals(
        "dissatisfied",
        new Select(find("#f-category")).getFirstSelectedOption().getAttribute("value"));
    assertEquals(
        "Dresses",
        new Select(find("#f-seg-department")).getFirstSelectedOption().getAttribute("value"));
    assertEquals(count(search.path("total").asLong()), find("#result-count").getText());
  }

  @Test
  @Order(4)
  void ranksThePainPointsAndAClickedThemeFiltersTheComments() throws Exception {
    open("/");
    browser.settleAfter(() -> find("#tab-themes").click());
    assertEquals("?view=themes", query());
    JsonNode themes = api.get("/themes?limit=100").path("themes");
    List<WebElement> rows = all("#themes-table tbody tr");
    assertEquals(themes.size(), rows.size());
    List<JsonNode> listed = beneathTheirThemes(themes);
    for (int i = 0; i < listed.size(); i++) {
      JsonNode t = listed.get(i);
      boolean sub =
          !listed.stream().filter(p -> p.path("id").equals(t.path("parentId"))).toList().isEmpty();
      assertEquals(
          (sub ? "↳ " : "") + t.path("name").asText(),
          rows.get(i)
              .findElement(By.cssSelector("th"))
              .getText()
              .replace(" too few mentions to rank", ""));
    }
    List<String> ranked = new ArrayList<>();
    themes.forEach(
        t -> {
          if (t.path("attributableDetractors").path("value").isNumber() && ranked.size() < 15) {
            ranked.add(t.path("name").asText());
          }
        });
    assertFalse(ranked.isEmpty(), "some themes are ranked");
    assertEquals(
        ranked,
        js().executeScript(
                "return Chart.getChart(document.getElementById('impact-chart')).data.labels"));
    browser.screenshot("pain-points", 1500);

    JsonNode first = listed.get(0);
    String id = first.path("id").asText();
    browser.settleAfter(() -> rows.get(0).findElement(By.cssSelector(".theme-link")).click());
    assertEquals("?theme=" + enc(id), query());
    JsonNode search = api.get("/search?theme=" + enc(id) + "&limit=20");
    assertEquals(first.path("mentions").asLong(), search.path("total").asLong());
    assertEquals(count(search.path("total").asLong()), find("#result-count").getText());
    for (WebElement hit : all("#hits > li.hit")) {
      List<String> chips =
          hit.findElements(By.cssSelector(".theme-chip")).stream()
              .map(WebElement::getText)
              .toList();
      assertTrue(chips.contains(first.path("name").asText()), chips.toString());
    }
  }

  /**
   * The chart and the table order pain points differently (the table lists sub-themes under their
   * theme, the trial's "large" was #5 in the chart and row 73 under "size"): each bar is numbered
   * with the rank the table's # column shows, a sub-theme's bar names its theme, and a click on a
   * bar marks and scrolls to its row instead of leaving the list.
   */
  @Test
  @Order(5)
  void numbersEachBarByItsRankAndAClickedBarMarksItsRowInTheTable() throws Exception {
    JsonNode themes = api.get("/themes?limit=100").path("themes");
    java.util.Map<String, String> names = new java.util.HashMap<>();
    themes.forEach(t -> names.put(t.path("id").asText(), t.path("name").asText()));
    List<String> expected = new ArrayList<>();
    List<JsonNode> bars = new ArrayList<>();
    for (JsonNode t : themes) {
      if (t.path("attributableDetractors").path("value").isNumber() && bars.size() < 15) {
        String parent = names.get(t.path("parentId").asText());
        expected.add(
            t.path("rank").asInt()
                + ". "
                + t.path("name").asText()
                + (parent == null ? "" : " (in " + parent + ")"));
        bars.add(t);
      }
    }
    assertTrue(expected.get(0).startsWith("1. "), expected.toString());
    // The last sub-theme among the bars: the one the table lists furthest from its chart place.
    int bar = -1;
    for (int i = 0; i < bars.size(); i++) {
      if (names.containsKey(bars.get(i).path("parentId").asText())) {
        bar = i;
      }
    }
    assertTrue(bar >= 0, "a sub-theme is among the bars: " + expected);
    String id = bars.get(bar).path("id").asText();

    open("/?view=themes");
    assertEquals(
        expected,
        js().executeScript(
                "return Chart.getChart(document.getElementById('impact-chart'))"
                    + ".scales.y.ticks.map((t) => t.label)"));
    WebElement canvas = find("#impact-chart");
    js().executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
    // The chart is responsive: it is drawn again, a frame or more later, when the page's layout
    // moves its box (the table filling in below it, a scroll bar coming). A bar's centre read
    // before
    // that redraw can miss a short bar (CI, session 13: the click picked nothing), so the centre is
    // read until it is the same twice in a row, 100 ms apart.
    List<?>[] last = {null};
    int barIndex = bar;
    List<?> offset =
        browser
            .waiting()
            .until(
                d -> {
                  List<?> now =
                      (List<?>)
                          js().executeScript(
                                  "const canvas = arguments[0];"
                                      + "const p = Chart.getChart(canvas).getDatasetMeta(0)"
                                      + ".data[arguments[1]].getCenterPoint();"
                                      + "const r = canvas.getBoundingClientRect();"
                                      + "return [Math.round(p.x - r.width / 2),"
                                      + " Math.round(p.y - r.height / 2), r.top, r.width];",
                                  canvas,
                                  barIndex);
                  boolean still = now.equals(last[0]);
                  last[0] = now;
                  return still ? now : null;
                });
    new Actions(browser.driver)
        .moveToElement(
            canvas, ((Number) offset.get(0)).intValue(), ((Number) offset.get(1)).intValue())
        .click()
        .perform();

    browser.waiting().until(d -> !all("#themes-table tbody tr.picked").isEmpty());
    List<WebElement> picked = all("#themes-table tbody tr.picked");
    assertEquals(1, picked.size());
    WebElement row = picked.get(0);
    assertEquals(id, row.getAttribute("data-theme"));
    assertTrue(row.getAttribute("class").contains("sub-theme"), row.getAttribute("class"));
    assertEquals(
        String.valueOf(bars.get(bar).path("rank").asInt()),
        row.findElement(By.cssSelector("td")).getText(),
        "the row's # is the bar's number");
    assertEquals(
        row.findElement(By.cssSelector(".theme-link")), browser.driver.switchTo().activeElement());
    assertEquals(
        Boolean.TRUE,
        js().executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                    + "return r.top >= 0 && r.bottom <= window.innerHeight;",
                row),
        "the row is scrolled into view");
    assertEquals("?view=themes", query(), "the click stays on the list");
  }

  /**
   * The chart's bars can be reached by keyboard, as the table's # column can: each bar has a button
   * over it named by what the bar shows; focusing it shows the bar's tooltip, and Enter or Space
   * marks and scrolls to its row as a click does.
   */
  @Test
  @Order(5)
  void reachesEachBarByKeyboardAndEnterOrSpaceFindsItsRow() throws Exception {
    JsonNode themes = api.get("/themes?limit=100").path("themes");
    java.util.Map<String, String> names = new java.util.HashMap<>();
    themes.forEach(t -> names.put(t.path("id").asText(), t.path("name").asText()));
    List<String> expected = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (JsonNode t : themes) {
      JsonNode a = t.path("attributableDetractors");
      if (a.path("value").isNumber() && ids.size() < 15) {
        String parent = names.get(t.path("parentId").asText());
        JsonNode ci = a.path("ci95");
        expected.add(
            t.path("rank").asInt()
                + ". "
                + t.path("name").asText()
                + (parent == null ? "" : " (in " + parent + ")")
                + ": "
                + fmt1(a.path("value").asDouble())
                + " attributable detractors, 95% interval "
                + fmt1(ci.get(0).asDouble())
                + " to "
                + fmt1(ci.get(1).asDouble()));
        ids.add(t.path("id").asText());
      }
    }
    open("/?view=themes");
    List<WebElement> keys = all("#impact-chart ~ .bar-keys button.bar-key");
    assertEquals(expected, keys.stream().map(k -> k.getAttribute("aria-label")).toList());

    // Focused, a bar shows its tooltip; Tab goes on to the next bar.
    js().executeScript("arguments[0].focus()", keys.get(0));
    assertEquals(
        0L,
        js().executeScript(
                "return Chart.getChart(document.getElementById('impact-chart'))"
                    + ".tooltip.getActiveElements()[0].index"),
        "the focused bar shows its tooltip");
    browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    assertEquals(keys.get(1), browser.driver.switchTo().activeElement());

    for (int[] bar : new int[][] {{keys.size() - 1, 0}, {2, 1}}) {
      WebElement key = keys.get(bar[0]);
      key.sendKeys(bar[1] == 0 ? Keys.ENTER : Keys.SPACE);
      List<WebElement> picked = all("#themes-table tbody tr.picked");
      assertEquals(1, picked.size());
      assertEquals(ids.get(bar[0]), picked.get(0).getAttribute("data-theme"));
      assertEquals(
          picked.get(0).findElement(By.cssSelector(".theme-link")),
          browser.driver.switchTo().activeElement());
    }
    assertEquals("?view=themes", query(), "Enter and Space stay on the list");
    assertEquals(
        Boolean.TRUE,
        js().executeScript(
                "const c = arguments[0].getBoundingClientRect();"
                    + "const b = Chart.getChart(document.getElementById('impact-chart'))"
                    + ".getDatasetMeta(0).data[2];"
                    + "const r = document.getElementById('impact-chart').getBoundingClientRect();"
                    + "return Math.abs(c.top + c.height / 2 - (r.top + b.y)) < 2;",
                keys.get(2)),
        "the key sits over its bar");
  }

  /**
   * A number as the page's fmt1 writes it: the double's exact value, halves away from 0, thousands
   * grouped ("1,000.0"), a true minus sign below zero.
   */
  private static String fmt1(double v) {
    java.text.DecimalFormat grouped =
        new java.text.DecimalFormat(
            "#,##0.0", java.text.DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    return grouped
        .format(new java.math.BigDecimal(v).setScale(1, java.math.RoundingMode.HALF_UP))
        .replace('-', '\u2212');
  }

  @Test
  @Order(6)
  void opensAThemeRenamesItAndTheRankedListShowsTheNewName() throws Exception {
    JsonNode before = api.get("/themes?limit=100").path("themes");
    JsonNode target = before.get(0);
    String id = target.path("id").asText();
    String oldName = target.path("name").asText();
    open("/?view=themes");
    browser.settleAfter(
        () -> all("#themes-table tbody tr").get(0).findElement(By.cssSelector(".details")).click());
    assertEquals("?view=theme&open=" + enc(id), query());
    assertEquals(oldName, find("#theme-title").getText());
    JsonNode detail = api.get("/themes/" + enc(id));
    List<String> phrases = new ArrayList<>();
    detail.path("phrases").forEach(p -> phrases.add(p.asText()));
    assertEquals(
        phrases,
        all("#phrases > li").stream().map(li -> li.getText().replace("×", "").strip()).toList());
    browser
        .waiting()
        .until(
            d ->
                js().executeScript(
                        "return Chart.getChart(document.getElementById('trend-chart')) ? 1 : 0")
                    .equals(1L));
    assertEquals(periods("month"), trendLabels());
    browser.screenshot("theme", 1250);
    browser.settleAfter(() -> new Select(find("#interval")).selectByValue("week"));
    assertEquals("?view=theme&open=" + enc(id) + "&interval=week", query());
    assertEquals(periods("week"), trendLabels());

    String newName = oldName + " (renamed)";
    browser.settleAfter(
        () -> {
          WebElement name = find("#theme-name");
          name.clear();
          name.sendKeys(newName);
          find("#rename").click();
        });
    assertEquals(newName, api.get("/themes/" + enc(id)).path("name").asText());
    assertEquals(newName, find("#theme-title").getText());
    assertTrue(message().contains("Renamed"), message());

    browser.settleAfter(() -> find("#back-to-themes").click());
    List<String> shown =
        all("#themes-table tbody th .theme-link").stream().map(WebElement::getText).toList();
    assertTrue(shown.contains(newName), shown.toString());
    assertFalse(shown.contains(oldName), shown.toString());
    assertEquals(listedNames(api.get("/themes?limit=100").path("themes")), shown);
    // Back to the discovered name, so later tests and their screenshots see the data as imported.
    api.patch("/themes/" + enc(id), "{\"name\":\"" + oldName.replace("\"", "\\\"") + "\"}");
  }

  @Test
  @Order(7)
  void addsAndDropsAPhraseAndTheNumbersFollowAtOnce() throws Exception {
    JsonNode target = api.get("/themes?limit=100").path("themes").get(1);
    String id = target.path("id").asText();
    open("/?view=theme&open=" + enc(id));
    long mentionsBefore = mentionsOf(id);
    assertEquals(
        NumberFormat.getIntegerInstance(Locale.ENGLISH).format(mentionsBefore),
        find("#theme-numbers .card strong").getText());
    browser.settleAfter(
        () -> {
          find("#new-phrase").sendKeys("zipper");
          find("#add-phrase").click();
        });
    JsonNode after = api.get("/themes/" + enc(id));
    List<String> phrases = new ArrayList<>();
    after.path("phrases").forEach(p -> phrases.add(p.asText()));
    assertTrue(phrases.contains("zipper"), phrases.toString());
    long mentionsAfter = mentionsOf(id);
    assertTrue(mentionsAfter >= mentionsBefore);
    assertEquals(
        NumberFormat.getIntegerInstance(Locale.ENGLISH).format(mentionsAfter),
        find("#theme-numbers .card strong").getText());
    assertTrue(all("#phrases > li").stream().anyMatch(li -> li.getText().startsWith("zipper")));
    browser.settleAfter(() -> find("#phrases button[aria-label='Drop phrase zipper']").click());
    assertEquals(mentionsBefore, mentionsOf(id));
    assertEquals(
        NumberFormat.getIntegerInstance(Locale.ENGLISH).format(mentionsBefore),
        find("#theme-numbers .card strong").getText());
    assertFalse(all("#phrases > li").stream().anyMatch(li -> li.getText().startsWith("zipper")));
  }

  @Test
  @Order(8)
  void createsMergesAndDeletesThemesFromThePage() throws Exception {
    open("/?view=themes");
    createTheme("Zips and buttons", "zipper\nbutton");
    createTheme("Hems", "hem\nhemline");
    String zips = idOf("Zips and buttons");
    String hems = idOf("Hems");
    assertTrue(
        all("#themes-table tbody th .theme-link").stream()
            .anyMatch(e -> e.getText().equals("Hems")));

    open("/?view=theme&open=" + enc(hems));
    browser.settleAfter(
        () -> {
          new Select(find("#merge-target")).selectByValue(zips);
          find("#merge").click();
        });
    assertEquals("?view=theme&open=" + enc(zips), query());
    assertEquals("Zips and buttons", find("#theme-title").getText());
    List<String> phrases = new ArrayList<>();
    api.get("/themes/" + enc(zips)).path("phrases").forEach(p -> phrases.add(p.asText()));
    assertTrue(
        phrases.containsAll(List.of("zipper", "button", "hem", "hemline")), phrases.toString());
    assertFalse(names(api.get("/themes?limit=1000").path("themes")).contains("Hems"));

    browser.settleAfter(
        () -> {
          find("#delete-theme").click();
          browser.driver.switchTo().alert().accept();
        });
    assertEquals("?view=themes", query());
    assertFalse(names(api.get("/themes?limit=1000").path("themes")).contains("Zips and buttons"));
    assertFalse(
        all("#themes-table tbody th .theme-link").stream()
            .anyMatch(e -> e.getText().equals("Zips and buttons")));
    assertTrue(message().contains("Deleted"), message());
  }

  private void createTheme(String name, String phrases) {
    find("#new-theme").click();
    browser.waiting().until(d -> find("#new-theme-dialog").isDisplayed());
    find("#nt-name").sendKeys(name);
    find("#nt-phrases").sendKeys(phrases);
    browser.settleAfter(() -> find("#nt-create").click());
    assertTrue(message().contains("Created the theme \"" + name + "\""), message());
  }

  private static String idOf(String name) throws Exception {
    for (JsonNode t : api.get("/themes?limit=1000").path("themes")) {
      if (t.path("name").asText().equals(name)) {
        return t.path("id").asText();
      }
    }
    throw new AssertionError("no theme named " + name);
  }

  @Test
  @Order(9)
  void exportsTheRankedListAndTheSearchResultsAsCsv() throws Exception {
    open("/?segment.department=Dresses&view=themes");
    browser.settleAfter(() -> find("#export-themes").click());
    String file = Files.readString(awaitDownload("earful-pain-points.csv"), StandardCharsets.UTF_8);
    assertEquals(api.csv("/themes?segment.department=Dresses&limit=1000"), file);
    List<CSVRecord> themes = csv(file);
    assertEquals(
        names(api.get("/themes?segment.department=Dresses&limit=1000").path("themes")),
        themes.stream().map(r -> r.get("name")).toList());

    open("/?q=zipper");
    browser.settleAfter(() -> find("#export-comments").click());
    String comments =
        Files.readString(awaitDownload("earful-comments.csv"), StandardCharsets.UTF_8);
    // The comment's language is the last column, so no earlier one moved (review R5).
    assertTrue(comments.lines().findFirst().orElse("").endsWith(",comment,language"), comments);
    List<CSVRecord> rows = csv(comments);
    assertTrue(rows.stream().allMatch(r -> r.get("language").equals("eng")));
    JsonNode search = api.get("/search?q=zipper&limit=200");
    assertEquals(search.path("total").asInt(), rows.size());
    List<String> ids = new ArrayList<>();
    search.path("hits").forEach(hit -> ids.add(hit.path("id").asText()));
    assertEquals(
        ids.subList(0, Math.min(ids.size(), rows.size())),
        rows.stream().limit(ids.size()).map(r -> r.get("id")).toList());
    assertTrue(
        rows.stream().allMatch(r -> r.get("comment").toLowerCase(Locale.ROOT).contains("zipper")));
  }

  @Test
  @Order(10)
  void comparesTwoSegmentsSideBySide() throws Exception {
    open("/?view=compare");
    browser.settleAfter(
        () -> {
          new Select(find("#c-key")).selectByValue("department");
          new Select(find("#c-a")).selectByValue("Dresses");
          new Select(find("#c-b")).selectByValue("Tops");
          find("#compare").click();
        });
    assertEquals("?view=compare&by=segment&key=department&a=Dresses&b=Tops", query());
    List<WebElement> cards = all("#comparison .metric-card");
    assertEquals(2, cards.size());
    NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
    assertEquals(
        n.format(api.get("/metrics?metric=csat&segment.department=Dresses").path("count").asLong())
            + " responses",
        cards.get(0).findElement(By.cssSelector(".metric-count")).getText());
    assertEquals(
        n.format(api.get("/metrics?metric=csat&segment.department=Tops").path("count").asLong())
            + " responses",
        cards.get(1).findElement(By.cssSelector(".metric-count")).getText());
    assertFalse(all("#compare-table tbody tr").isEmpty());
    // B minus A as earful prints a change of score (ReportNumbers.signedScore), from the API's two.
    JsonNode dresses = api.get("/metrics?metric=csat&segment.department=Dresses");
    JsonNode tops = api.get("/metrics?metric=csat&segment.department=Tops");
    double change = tops.path("csat").asDouble() - dresses.path("csat").asDouble();
    assertEquals(
        ReportNumbers.signedScore(change).replace('-', '−') + " points",
        find("#comparison .compare-diff strong").getText());
    browser.screenshot("compare");

    browser.settleAfter(
        () -> {
          new Select(find("#c-by")).selectByValue("period");
          find("#c-afrom").sendKeys("01012024");
          find("#c-ato").sendKeys("03312024");
          find("#c-bfrom").sendKeys("04012024");
          find("#c-bto").sendKeys("06302024");
          find("#compare").click();
        });
    assertEquals(
        "?view=compare&by=period&aFrom=2024-01-01&aTo=2024-03-31&bFrom=2024-04-01&bTo=2024-06-30",
        query());
    cards = all("#comparison .metric-card");
    assertEquals(
        n.format(
                api.get("/metrics?metric=csat&from=2024-01-01&to=2024-03-31")
                    .path("count")
                    .asLong())
            + " responses",
        cards.get(0).findElement(By.cssSelector(".metric-count")).getText());
    assertEquals(
        n.format(
                api.get("/metrics?metric=csat&from=2024-04-01&to=2024-06-30")
                    .path("count")
                    .asLong())
            + " responses",
        cards.get(1).findElement(By.cssSelector(".metric-count")).getText());
  }

  @Test
  @Order(11)
  void opensOneResponseWithItsAnalysis() throws Exception {
    open("/?q=zipper");
    WebElement first = all("#hits > li.hit").get(0);
    String id = first.getAttribute("data-id");
    browser.settleAfter(() -> first.findElement(By.cssSelector(".open-response")).click());
    assertTrue(query().contains("response=" + enc(id)), query());
    WebElement dialog = find("#response-dialog");
    assertTrue(dialog.isDisplayed());
    JsonNode response = api.get("/responses/" + enc(id));
    String comment =
        response.has("comment")
            ? response.path("comment").asText()
            : response.path("response").path("comment").asText();
    assertEquals(comment.strip(), find("#response-body .full-comment").getText().strip());
    assertFalse(all("#response-body .sentences li").isEmpty());
    browser.screenshot("response");
    find("#response-dialog .dialog-close button").sendKeys(Keys.ENTER);
    browser.waiting().until(d -> !query().contains("response="));
    assertFalse(dialog.isDisplayed());
  }

  @Test
  @Order(12)
  void staysReadableOnANarrowScreen() throws Exception {
    browser.resize(390, 844);
    try {
      open("/?q=fabric");
      Number overflow =
          (Number)
              js().executeScript(
                      "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertEquals(0, overflow.intValue(), "no sideways scrolling");
      browser.screenshot("narrow-search");
      open("/?view=themes");
      overflow =
          (Number)
              js().executeScript(
                      "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertEquals(0, overflow.intValue(), "the table scrolls inside its box, not the page");
    } finally {
      browser.resize(1366, 900);
    }
  }

  @Test
  @Order(13)
  void labelsEveryControlAndReachesThemByKeyboard() throws Exception {
    open("/");
    @SuppressWarnings("unchecked")
    List<String> unlabelled =
        (List<String>)
            js().executeScript(
                    """
        const out = [];
        for (const el of document.querySelectorAll('input, select, textarea, button, a[href]')) {
          if (!el.offsetParent) continue;
          const labelled = (el.labels && el.labels.length) || el.getAttribute('aria-label')
              || (el.textContent || '').trim();
          if (!labelled) out.push(el.outerHTML.slice(0, 80));
        }
        return out;""");
    assertEquals(List.of(), unlabelled);
    List<String> reached = new ArrayList<>();
    find("body").sendKeys(Keys.TAB);
    for (int i = 0; i < 40; i++) {
      WebElement active = browser.driver.switchTo().activeElement();
      String idOrText = active.getAttribute("id");
      reached.add(idOrText == null || idOrText.isEmpty() ? active.getText() : idOrText);
      active.sendKeys(Keys.TAB);
    }
    for (String id :
        List.of(
            "f-q",
            "f-metric",
            "f-category",
            "f-sentiment",
            "f-from",
            "f-to",
            "f-theme",
            "apply",
            "tab-comments",
            "tab-themes",
            "tab-compare",
            "export-comments")) {
      assertTrue(reached.contains(id), id + " not reached by Tab: " + reached);
    }
    browser.settleAfter(
        () -> {
          find("#f-q").sendKeys("zipper", Keys.ENTER);
        });
    assertEquals("?q=zipper", query());
  }

  @Test
  @Order(14)
  void showsAProblemFromTheServiceAsAReadableMessage() throws Exception {
    expectedConsole = entry -> entry.contains("/api/v1/") && entry.contains("status of 400");
    open("/?from=last-tuesday");
    String text = message();
    assertTrue(find("#message").getAttribute("class").contains("error"));
    assertTrue(text.contains("from"), text);
    assertFalse(text.contains("{"), "no raw JSON: " + text);
  }

  @Test
  @Order(15)
  void asksForTheApiKeyWhenTheServiceWantsOne(@TempDir Path keyed) throws Exception {
    String key = "write-key-for-the-browser-test";
    expectedConsole = entry -> entry.contains("/api/v1/") && entry.contains("status of 401");
    try (LiveServer secured = LiveServer.start(keyed, key)) {
      new Api(secured.baseUrl(), key)
          .post(
              "/responses",
              "application/x-ndjson",
              String.join("\n", ReviewData.ndjson(50)) + "\n");
      browser.driver.get(secured.baseUrl() + "/");
      browser.waiting().until(d -> find("#key-dialog").isDisplayed());
      assertNotNull(find("#api-key"));
      browser.settleAfter(
          () -> {
            find("#api-key").sendKeys(key);
            find("#key-save").click();
          });
      assertEquals(count(50), find("#result-count").getText());
      assertEquals("API key ✓", find("#key-button").getText());
      browser.screenshot("api-key");
      js().executeScript("sessionStorage.clear()");
    }
  }

  @Test
  @Order(16)
  void aThemeShowsItsSubThemesByNameItsPainFirstAndWhyItsTrendIsOneDot(@TempDir Path small)
      throws Exception {
    try (LiveServer one = LiveServer.start(small, null)) {
      Api smallApi = new Api(one.baseUrl(), null);
      // One week of responses: the trend has one period. The promoter is the newest mention, so
      // examples in date order would show praise first.
      smallApi.post(
          "/responses",
          "application/x-ndjson",
          "{\"id\":\"d2\",\"score\":2,\"comment\":\"The delivery was late and the parcel was"
              + " damaged.\",\"submittedAt\":\"2024-05-01T09:00:00Z\"}\n"
              + "{\"id\":\"d3\",\"score\":4,\"comment\":\"Terrible delivery, it never arrived.\","
              + "\"submittedAt\":\"2024-05-01T10:00:00Z\"}\n"
              + "{\"id\":\"d1\",\"score\":6,\"comment\":\"The delivery was fine but the app"
              + " crashed.\",\"submittedAt\":\"2024-05-01T11:00:00Z\"}\n"
              + "{\"id\":\"p1\",\"score\":10,\"comment\":\"Fast delivery and great service.\","
              + "\"submittedAt\":\"2024-05-01T12:00:00Z\"}\n");
      JsonNode parent =
          smallApi.post(
              "/themes", "application/json", "{\"name\":\"delivery\",\"phrases\":[\"delivery\"]}");
      String id = parent.path("id").asText();
      for (String sub : new String[] {"late delivery", "damaged parcel"}) {
        smallApi.post(
            "/themes",
            "application/json",
            "{\"name\":\"" + sub + "\",\"phrases\":[\"" + sub + "\"],\"parentId\":\"" + id + "\"}");
      }
      JsonNode detail = smallApi.get("/themes/" + enc(id));
      List<String> exampleIds = new ArrayList<>();
      detail.path("examples").forEach(e -> exampleIds.add(e.path("id").asText()));
      assertEquals(List.of("d2", "d3", "d1"), exampleIds, detail.toString());
      assertEquals("detractor", detail.path("examples").get(0).path("category").asText());
      assertEquals(2, detail.path("examples").get(0).path("score").asInt());

      browser.driver.get(one.baseUrl() + "/?view=theme&open=" + enc(id) + "&interval=week");
      browser.awaitSettled();
      browser.waiting().until(d -> find("#trend-note").isDisplayed());
      String family = find("#theme-family").getText();
      assertTrue(family.endsWith("sub-themes: late delivery, damaged parcel"), family);
      assertFalse(family.contains("[object"), family);
      assertEquals(
          List.of("late delivery", "damaged parcel"),
          all("#theme-family .sub-theme").stream().map(WebElement::getText).toList());
      assertEquals(
          "All the matching responses fall in one week (2024-W18), so the trend is a single"
              + " point. A trend needs responses from two or more weeks; responses imported"
              + " without a timestamp carry the time of their import.",
          find("#trend-note").getText());
      List<WebElement> shown = all("#examples > li");
      assertEquals(3, shown.size());
      assertTrue(
          shown.get(0).getText().startsWith("The delivery was late and the parcel was damaged."),
          shown.get(0).getText());
      assertTrue(shown.get(0).getText().contains("detractor"), shown.get(0).getText());
      assertTrue(shown.stream().noneMatch(li -> li.getText().contains("Fast delivery")));
      browser.screenshot("theme-one-week");
    }
  }

  @Test
  @Order(17)
  void csvExportGuardsEveryCellThatAFormulaCouldStartIn() {
    open("/");
    // The page's own csvField, as the export calls it: text that starts like a negative number is
    // still text a spreadsheet would run ("-1+1+cmd|' /C calc'!A0"); real numbers stay numbers.
    Object out =
        js().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import('/js/dom.js').then((m) => done(["
                    + "m.csvField(\"-1+1+cmd|' /C calc'!A0\"), m.csvField('=1+1'), m.csvField('+1'),"
                    + "m.csvField('@SUM(A1)'), m.csvField('\\tx'), m.csvField('\\rx'),"
                    + "m.csvField('-0.5'), m.csvField(-0.5), m.csvField(7), m.csvField('fine')"
                    + "].join('|')));");
    assertEquals(
        "'-1+1+cmd|' /C calc'!A0|'=1+1|'+1|'@SUM(A1)|'\tx|\"'\rx\"|'-0.5|-0.5|7|fine", out);
  }

  /**
   * The page writes a figure below zero with a true minus sign in every tab, as the Compare tab and
   * the targets did: the NPS card, the Accounts tab and a comment's sentiment showed a hyphen ("NPS
   * -9.1", "negative -0.88").
   */
  @Test
  @Order(18)
  void figuresBelowZeroHaveATrueMinusSign() {
    open("/");
    Object out =
        js().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import('/js/dom.js').then((m) => done(["
                    + "m.fmt1(-25), m.fmt2(-0.88), m.fmtInt(-1200), m.pct(-0.05),"
                    + "m.interval([-62.27, 44.09]), m.fmt1(3), m.fmt2(0), m.signed1(-3)"
                    + "].join('|')));");
    assertEquals(
        "\u221225.0|\u22120.88|\u22121,200|\u22125.0%|[\u221262.3, 44.1]|3.0|0.00|\u22123.0", out);
  }

  /**
   * The pain-points chart writes a true minus too: a theme whose mentions come with fewer
   * detractors has a negative attributable number, and an interval that crosses zero a negative
   * lower bound; the bar's tooltip and the name its keyboard button reads out wrote "-2.5" and
   * "-6.2" with a hyphen, beside the table's "−2.5".
   */
  @Test
  @Order(19)
  void chartTooltipsAndBarNamesWriteATrueMinusSign() {
    open("/");
    Object out =
        js().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import('/js/charts.js').then((m) => {"
                    + "  const box = document.createElement('div');"
                    + "  const canvas = document.createElement('canvas');"
                    + "  box.append(canvas);"
                    + "  document.body.append(box);"
                    + "  const theme = {id: 'tq', name: 'quiet rooms',"
                    + "    attributableDetractors: {value: -2.5, ci95: [-6.24, 1.04]}};"
                    + "  const chart = m.impactChart(canvas, [theme], () => {});"
                    + "  const label = chart.config.options.plugins.tooltip.callbacks.label;"
                    + "  const out = [label({raw: -2.5}), label({raw: [-6.24, 1.04]}),"
                    + "    box.querySelector('.bar-key').getAttribute('aria-label')];"
                    + "  m.clearChart(canvas);"
                    + "  box.remove();"
                    + "  done(out.join('|'));"
                    + "});");
    assertEquals(
        "Attributable detractors: \u22122.5|95% interval: \u22126.2 to 1.0|"
            + "quiet rooms: \u22122.5 attributable detractors, 95% interval \u22126.2 to 1.0",
        out);
  }

  /**
   * The pain-points chart's axis writes its ticks below zero with a true minus as its tooltips do
   * (review finding 12): Chart.js's own number format wrote "-6" under the bars.
   */
  @Test
  @Order(20)
  void chartAxisTicksWriteATrueMinusSign() {
    open("/");
    Object out =
        js().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import('/js/charts.js').then((m) => {"
                    + "  const box = document.createElement('div');"
                    + "  box.style.width = '600px';"
                    + "  const canvas = document.createElement('canvas');"
                    + "  box.append(canvas);"
                    + "  document.body.append(box);"
                    + "  const theme = {id: 'tq', name: 'quiet rooms',"
                    + "    attributableDetractors: {value: -2.5, ci95: [-6.24, 1.04]}};"
                    + "  const chart = m.impactChart(canvas, [theme], () => {});"
                    + "  const ticks = chart.scales.x.ticks.map((t) => t.value + '=' + t.label);"
                    + "  m.clearChart(canvas);"
                    + "  box.remove();"
                    + "  done(ticks.join('|'));"
                    + "});");
    List<String> ticks = List.of(((String) out).split("\\|"));
    assertTrue(ticks.size() >= 3, ticks.toString());
    assertTrue(ticks.stream().anyMatch(t -> t.contains("=\u2212")), ticks.toString());
    for (String t : ticks) {
      String[] valueLabel = t.split("=", 2);
      assertFalse(valueLabel[1].contains("-"), ticks.toString());
      assertEquals(
          Double.parseDouble(valueLabel[0]),
          Double.parseDouble(valueLabel[1].replace('\u2212', '-').replace(",", "")),
          ticks.toString());
    }
  }
}
