package dev.earful.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Metric;
import dev.earful.fixtures.PlantedDrivers;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ImpactRankerTest {

  private static final PlantedDrivers DATA = new PlantedDrivers(20_000, 42L);

  private static ThemeRanking rank(ImpactRanker.Options options) {
    return ImpactRanker.rank(Metric.NPS, DATA.table(), DATA.themes, null, options);
  }

  @Test
  void putsThePlantedDriversFirstInTheirTrueOrder() {
    ThemeRanking r = rank(ImpactRanker.Options.DEFAULT);
    List<String> top3 = r.themes().stream().limit(3).map(ThemeImpact::id).toList();
    assertEquals(List.of("strong", "medium", "mild"), top3);
    assertEquals(List.of(1, 2, 3), r.themes().stream().limit(3).map(ThemeImpact::rank).toList());
    for (ThemeImpact t : r.themes().subList(0, 3)) {
      assertTrue(t.attributableCi().low() > 0, t.id() + " attributable interval above zero");
    }
  }

  @Test
  void doesNotRankTheConfounderAmongTheDrivers() {
    ThemeRanking r = rank(ImpactRanker.Options.DEFAULT);
    ThemeImpact confounder = find(r, PlantedDrivers.CONFOUNDER);
    assertTrue(confounder.rank() > 3, "confounder ranked " + confounder.rank());
    // Its crude rate difference is large (it rides along with the strongest driver) ...
    assertTrue(confounder.qValue() < 1e-6, "crude association is there: q=" + confounder.qValue());
    // ... but the adjusted effect, holding the driver fixed, is indistinguishable from none.
    assertTrue(confounder.coefficientCi().low() < 0 && confounder.coefficientCi().high() > 0);
    assertTrue(confounder.attributableCi().low() < 0 && confounder.attributableCi().high() > 0);
  }

  @Test
  void callsNoNullThemeSignificantAfterBenjaminiHochberg() {
    ThemeRanking r = rank(ImpactRanker.Options.DEFAULT);
    for (PlantedDrivers.Planted p : PlantedDrivers.NULLS) {
      ThemeImpact t = find(r, p.id());
      assertTrue(t.ranked());
      assertTrue(t.qValue() >= 0.05, p.id() + " q=" + t.qValue());
    }
    for (PlantedDrivers.Planted p : PlantedDrivers.DRIVERS) {
      assertTrue(find(r, p.id()).qValue() < 1e-6, p.id());
    }
  }

  @Test
  void recoversThePlantedLogOddsWithinTheirIntervals() {
    ThemeRanking r = rank(ImpactRanker.Options.DEFAULT);
    for (PlantedDrivers.Planted p : PlantedDrivers.DRIVERS) {
      ThemeImpact t = find(r, p.id());
      assertTrue(
          t.coefficientCi().low() < p.effect() && p.effect() < t.coefficientCi().high(),
          p.id() + " " + t.coefficientCi() + " should cover " + p.effect());
    }
  }

  @Test
  void givesTheSameDigitsOnEveryRun() {
    ThemeRanking a = rank(ImpactRanker.Options.DEFAULT);
    ThemeRanking b = rank(ImpactRanker.Options.DEFAULT);
    assertEquals(a, b);
    // Known digits too, so a change between JVM runs (hash order, an unseeded draw) shows.
    StringBuilder digits = new StringBuilder();
    for (ThemeImpact t : a.themes().subList(0, 3)) {
      digits.append(
          String.format(
              java.util.Locale.ROOT,
              "%s %d %.6f [%.6f, %.6f]; ",
              t.id(),
              t.mentions(),
              t.attributable(),
              t.attributableCi().low(),
              t.attributableCi().high()));
    }
    assertEquals(
        "strong 1641 655.218826 [598.598227, 713.445287]; "
            + "medium 2021 417.318694 [372.135109, 462.267982]; "
            + "mild 2456 200.877979 [163.803226, 242.693515]; ",
        digits.toString());
  }

  @Test
  void listsThemesBelowTheMinimumAfterTheRankedOnesWithoutARank() {
    ImpactRanker.Options options =
        new ImpactRanker.Options(1500, RankingSort.ATTRIBUTABLE, AdjustedEffects.Settings.DEFAULT);
    ThemeRanking r = rank(options);
    Map<Boolean, List<ThemeImpact>> split =
        r.themes().stream().collect(Collectors.partitioningBy(ThemeImpact::ranked));
    for (ThemeImpact t : split.get(false)) {
      assertTrue(t.mentions() < 1500);
      assertNull(t.rank());
      assertTrue(Double.isNaN(t.qValue()));
      assertTrue(Double.isNaN(t.attributable()));
    }
    for (ThemeImpact t : split.get(true)) {
      assertTrue(t.mentions() >= 1500);
    }
    int firstUnranked = r.themes().indexOf(split.get(false).get(0));
    assertEquals(split.get(true).size(), firstUnranked);
    assertFalse(split.get(true).isEmpty());
  }

  @Test
  void sortsByMentionsWhenAsked() {
    ImpactRanker.Options options =
        new ImpactRanker.Options(30, RankingSort.MENTIONS, AdjustedEffects.Settings.DEFAULT);
    List<Long> mentions = rank(options).themes().stream().map(ThemeImpact::mentions).toList();
    List<Long> sorted = mentions.stream().sorted((x, y) -> Long.compare(y, x)).toList();
    assertEquals(sorted, mentions);
  }

  static ThemeImpact find(ThemeRanking r, String id) {
    return r.themes().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  private static dev.earful.domain.Theme theme(String id, String parentId) {
    return new dev.earful.domain.Theme(
        id, id, List.of(id), List.of(List.of(id)), parentId, "edited");
  }

  /**
   * A sub-theme's mentions are its theme's too. Fitted together, one effect would be split between
   * them; the theme is adjusted only against other issues, and the sub-theme stands in for it in a
   * model of its own: each gets what it gets with the other left out.
   */
  @Test
  void adjustsAThemeAgainstOtherIssuesNotAgainstItsOwnSubThemes() {
    // 0 = billing, 1 = charged twice (sub-theme of billing, 95% of its mentions), 2 = staff.
    Map<List<Integer>, ScoreTally> patterns =
        Map.of(
            List.of(), new ScoreTally(6000, 3000, 2400, 600, 6000 * 8),
            List.of(0), new ScoreTally(50, 15, 10, 25, 50 * 6),
            List.of(0, 1), new ScoreTally(950, 300, 175, 475, 950 * 6),
            List.of(2), new ScoreTally(800, 300, 180, 320, 800 * 6));
    PatternTable table = PatternTable.of(3, patterns);
    List<dev.earful.domain.Theme> themes =
        List.of(theme("billing", null), theme("charged twice", "billing"), theme("staff", null));
    ThemeRanking withSub =
        ImpactRanker.rank(Metric.NPS, table, themes, null, ImpactRanker.Options.DEFAULT);

    ThemeRanking issuesOnly =
        ImpactRanker.rank(
            Metric.NPS,
            table.project(new int[] {0, 2}),
            List.of(theme("billing", null), theme("staff", null)),
            null,
            ImpactRanker.Options.DEFAULT);
    assertEquals(
        find(issuesOnly, "billing").attributable(), find(withSub, "billing").attributable());
    assertEquals(find(issuesOnly, "staff").attributable(), find(withSub, "staff").attributable());

    ThemeRanking subStandsIn =
        ImpactRanker.rank(
            Metric.NPS,
            table.project(new int[] {1, 2}),
            List.of(theme("charged twice", null), theme("staff", null)),
            null,
            ImpactRanker.Options.DEFAULT);
    assertEquals(
        find(subStandsIn, "charged twice").attributable(),
        find(withSub, "charged twice").attributable());
    assertEquals(
        List.of("billing", "charged twice", "staff"),
        withSub.themes().stream().map(ThemeImpact::id).toList());
  }
}
