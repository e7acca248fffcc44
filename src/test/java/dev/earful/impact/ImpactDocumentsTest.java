package dev.earful.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Metric;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.search.FieldError;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.TestCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpactDocumentsTest {

  private static ThemeRanking handRanking() {
    PatternTable table =
        PatternTable.of(
            2,
            Map.of(
                List.of(0), new ScoreTally(40, 12, 8, 20, 0),
                List.of(1), new ScoreTally(10, 3, 3, 4, 0),
                List.of(), new ScoreTally(50, 33, 9, 8, 0)));
    List<Theme> themes =
        List.of(
            new Theme("late", "late, \"very\" late", List.of(), List.of(), null, "edited"),
            new Theme("rude", "rude staff", List.of(), List.of(), null, "edited"));
    return ImpactRanker.rank(
        Metric.NPS,
        table,
        themes,
        new ThemeImpact.SentimentMix[] {
          new ThemeImpact.SentimentMix(1, 2, 37), new ThemeImpact.SentimentMix(0, 1, 9)
        },
        new ImpactRanker.Options(20, RankingSort.ATTRIBUTABLE, AdjustedEffects.Settings.DEFAULT));
  }

  @Test
  void jsonUsesTheProductFieldNamesAndRoundsForReading() {
    ThemeRanking r = handRanking();
    Map<String, Object> doc =
        ImpactDocuments.ranking(new ImpactService.RankedPage(r, 2, 0, null), null);
    assertEquals("nps", doc.get("metric"));
    assertEquals(100L, doc.get("count"));
    assertEquals(16.0, doc.get("score"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> themes = (List<Map<String, Object>>) doc.get("themes");
    Map<String, Object> late = themes.get(0);
    assertEquals(1, late.get("rank"));
    assertEquals(40L, late.get("mentions"));
    assertEquals(0.4, late.get("share"));
    assertEquals(0.5, late.get("detractorRate"));
    assertEquals(0.2, late.get("detractorRateWithout"));
    assertEquals(Map.of("value", 0.3, "ci95", List.of(0.1108, 0.4691)), late.get("difference"));
    assertEquals(0.00163, late.get("pValue"));
    assertEquals(0.00163, late.get("qValue")); // one ranked theme (minMentions 20)
    assertEquals(-24.0, late.get("npsImpact"));
    assertEquals(Map.of("positive", 1L, "neutral", 2L, "negative", 37L), late.get("sentiment"));
    assertTrue(late.get("attributableDetractors") instanceof Map);
    Map<String, Object> rude = themes.get(1);
    assertFalse(rude.containsKey("rank"));
    assertEquals(false, rude.get("ranked"));
    assertEquals(null, rude.get("attributableDetractors"));
    assertEquals(null, rude.get("qValue"));
  }

  @Test
  void csvHasOneQuotedRowPerThemeWithIntervalColumns() {
    String csv = ImpactDocuments.csv(handRanking(), ThemeCatalog.EMPTY);
    List<String> lines = csv.lines().toList();
    assertEquals(3, lines.size());
    assertEquals(String.join(",", ImpactDocuments.csvHeader(Metric.NPS)), lines.get(0));
    String[] header = lines.get(0).split(",");
    assertEquals("differenceLow", header[10]);
    assertTrue(Arrays.asList(header).contains("npsImpact"));
    assertTrue(
        lines
            .get(1)
            .startsWith(
                "1,late,\"late, \"\"very\"\" late\",true,40,0.4,20,0.5,0.2,0.3,0.1108,0.4691,0.00163,z,0.00163,-24,"),
        lines.get(1));
    assertTrue(
        lines
            .get(2)
            .startsWith(
                ",rude,rude staff,false,10,0.1,4,0.4,0.3111,0.0889,-0.1643,0.3889,0.722,fisher,,-2.889,,,,,,,0,1,9"),
        lines.get(2));
  }

  /**
   * A sub-theme names its theme in the last two columns, after every column the export had before
   * (a sheet that reads "sentimentNegative" as the 25th column still does); a theme at the top
   * level leaves them empty, and a parent's name is a cell like any other (no formula).
   */
  @Test
  void csvNamesEachSubThemesThemeInColumnsAfterTheFigures() {
    Theme late = new Theme("late", "late", List.of(), List.of(), null, "edited");
    Theme staff = new Theme("staff", "=staff, service", List.of(), List.of(), null, "edited");
    Theme rude = new Theme("rude", "rude staff", List.of(), List.of(), "staff", "edited");
    String csv = ImpactDocuments.csv(handRanking(), new TestCatalog(List.of(late, staff, rude)));
    List<String> lines = csv.lines().toList();
    List<String> header = List.of(lines.get(0).split(","));
    assertEquals(27, header.size());
    assertEquals("sentimentNegative", header.get(24));
    assertEquals(List.of("parentId", "parentName"), header.subList(25, 27));
    assertTrue(lines.get(1).startsWith("1,late,"), lines.get(1));
    assertTrue(lines.get(1).endsWith(",1,2,37,,"), lines.get(1));
    assertTrue(lines.get(2).startsWith(",rude,rude staff,"), lines.get(2));
    assertTrue(lines.get(2).endsWith(",0,1,9,staff,\"'=staff, service\""), lines.get(2));
    // The same catalog names the same parent in the JSON document.
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> themes =
        (List<Map<String, Object>>)
            ImpactDocuments.ranking(
                    new ImpactService.RankedPage(handRanking(), 2, 0, null),
                    null,
                    new TestCatalog(List.of(late, staff, rude)))
                .get("themes");
    assertEquals("=staff, service", themes.get(1).get("parentName"));
    assertEquals(null, themes.get(0).get("parentId"));
  }

  @Test
  void csvNeverStartsACellWithAFormula() {
    assertEquals("'=HYPERLINK(\"x\")", ImpactDocuments.cell("=HYPERLINK(\"x\")"));
    assertEquals("'-1", ImpactDocuments.cell("-1"));
    assertEquals("late delivery", ImpactDocuments.cell("late delivery"));
  }

  @Test
  void anEmptySetListsThemesWithoutFigures() {
    ThemeRanking r =
        ImpactRanker.rank(
            Metric.NPS,
            PatternTable.of(1, Map.of()),
            List.of(new Theme("t", "t", List.of(), List.of(), null, "edited")),
            null,
            ImpactRanker.Options.DEFAULT);
    assertEquals(0, r.count());
    ThemeImpact t = r.themes().get(0);
    assertFalse(t.ranked());
    Map<String, Object> doc = ImpactDocuments.theme(t, Metric.NPS);
    assertEquals(null, doc.get("detractorRate"));
    assertEquals(null, doc.get("pValue"));
    assertEquals(2, ImpactDocuments.csv(r, ThemeCatalog.EMPTY).lines().count());
  }

  @Test
  void rejectsEveryBadParameterByName() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                RankingRequest.parse(
                    Map.of(
                        "minMentions", List.of("0"),
                        "sort", List.of("loudness"),
                        "limit", List.of("many"),
                        "cursor", List.of("!!"),
                        "metric", List.of("xyz")),
                    false));
    assertEquals(
        List.of("metric", "minMentions", "sort", "limit", "cursor"),
        e.errors().stream().map(FieldError::field).toList());
  }

  @Test
  void cursorsRoundTripAndCsvDefaultsToTheWholeList() {
    RankingRequest r =
        RankingRequest.parse(Map.of("cursor", List.of(RankingRequest.cursor(50))), false);
    assertEquals(50, r.offset());
    assertEquals(RankingRequest.DEFAULT_LIMIT, r.limit());
    assertEquals(RankingRequest.MAX_LIMIT, RankingRequest.parse(Map.of(), true).limit());
    assertEquals(
        List.of("interval"),
        assertThrows(
                InvalidRequestException.class,
                () -> TrendRequest.parse(Map.of("interval", List.of("fortnight"))))
            .errors()
            .stream()
            .map(FieldError::field)
            .toList());
  }
}
