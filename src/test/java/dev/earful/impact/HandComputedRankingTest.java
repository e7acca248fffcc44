package dev.earful.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.earful.domain.Metric;
import dev.earful.domain.Theme;
import dev.earful.impact.ProportionStats.Interval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A ranking small enough to work out on paper. 100 NPS responses:
 *
 * <pre>
 *   pattern   responses  detractors  promoters  passives
 *   {late}        40         20          12         8
 *   {rude}        10          4           3         3
 *   {}            50          8          33         9
 *   all          100         32          48        20      NPS(all) = 100 (48 - 32) / 100 = 16
 * </pre>
 *
 * z = 1.959963984540054 (the 0.975 normal quantile), z^2 = 3.841458820694124.
 */
class HandComputedRankingTest {

  private static final double EPS = 1e-12;

  private static ThemeRanking ranking() {
    PatternTable table =
        PatternTable.of(
            2,
            Map.of(
                List.of(0), new ScoreTally(40, 12, 8, 20, 0),
                List.of(1), new ScoreTally(10, 3, 3, 4, 0),
                List.of(), new ScoreTally(50, 33, 9, 8, 0)));
    List<Theme> themes =
        List.of(
            new Theme(
                "late", "late delivery", List.of("late"), List.of(List.of("late")), null, "edited"),
            new Theme(
                "rude", "rude staff", List.of("rude"), List.of(List.of("rude")), null, "edited"));
    ImpactRanker.Options options =
        new ImpactRanker.Options(1, RankingSort.MENTIONS, AdjustedEffects.Settings.DEFAULT);
    return ImpactRanker.rank(Metric.NPS, table, themes, null, options);
  }

  @Test
  void computesEveryFigureOfTheThemeWithTheZTestAsOnPaper() {
    ThemeRanking r = ranking();
    assertEquals(100, r.count());
    assertEquals(32, r.detractors());
    assertEquals(16.0, r.score(), EPS);
    ThemeImpact late = ImpactRankerTest.find(r, "late");
    assertEquals(1, late.rank());
    assertEquals(40, late.mentions());
    assertEquals(0.4, late.share(), EPS); // 40 / 100
    assertEquals(0.5, late.detractorRate(), EPS); // 20 / 40
    assertEquals(0.2, late.detractorRateWithout(), EPS); // 12 / 60
    assertEquals(0.3, late.difference(), EPS);
    // Wilson 20/40: centre (0.5 + z^2/80) / (1 + z^2/40) = 0.5;
    //   half = z / (1 + z^2/40) * sqrt(0.25/40 + z^2/6400) = 0.1480047306653463
    //   -> [0.3519952693346538, 0.6480047306653463]
    // Wilson 12/60: centre (0.2 + z^2/120) / (1 + z^2/60) = 0.21805155563762696,
    //   half = z / (1 + z^2/60) * sqrt(0.16/60 + z^2/14400) = 0.09976650241865204
    //   -> [0.11828505322897492, 0.317818058056279]
    assertEquals(
        new Interval(0.3519952693346538, 0.6480047306653463), ProportionStats.wilson(20, 40));
    Interval w2 = ProportionStats.wilson(12, 60);
    assertEquals(0.11828505322897492, w2.low(), EPS);
    assertEquals(0.317818058056279, w2.high(), EPS);
    // Newcombe: low  = 0.3 - sqrt((0.5 - 0.35199527)^2 + (0.31781806 - 0.2)^2) =
    // 0.11082681188002777
    //           high = 0.3 + sqrt((0.64800473 - 0.5)^2 + (0.2 - 0.11828505)^2) =
    // 0.46906428607223094
    assertEquals(0.11082681188002777, late.differenceCi().low(), EPS);
    assertEquals(0.46906428607223094, late.differenceCi().high(), EPS);
    // Expected cells (12.8, 27.2, 19.2, 40.8) are all >= 5: pooled z test.
    // pooled p = 32/100; se = sqrt(0.32 * 0.68 * (1/40 + 1/60)) = 0.09521904571390466
    // z = 0.3 / se = 3.1506301890630217; p = 2 (1 - Phi(z)) = 0.0016291862969701565
    assertEquals("z", late.test());
    assertEquals(0.0016291862969701565, late.pValue(), 1e-15);
    // BH over 2 ranked themes: sorted p = (0.00162918..., 0.72222...);
    //   q(rude) = 0.72222 * 2/2; q(late) = min(0.0016291862969701565 * 2/1, q(rude))
    assertEquals(0.003258372593940313, late.qValue(), 1e-15);
    // NPS without late: 60 responses, 36 promoters, 12 detractors -> 100 * 24 / 60 = 40
    // npsImpact = 16 - 40 = -24
    assertEquals(-24.0, late.scoreImpact(), EPS);
  }

  @Test
  void usesFishersExactTestWhenAnExpectedCountIsSmall() {
    ThemeImpact rude = ImpactRankerTest.find(ranking(), "rude");
    assertEquals(2, rude.rank());
    assertEquals(0.1, rude.share(), EPS);
    assertEquals(0.4, rude.detractorRate(), EPS); // 4 / 10
    assertEquals(28.0 / 90, rude.detractorRateWithout(), EPS); // 0.3111...
    // Expected detractors among the 10: 10 * 32 / 100 = 3.2 < 5 -> Fisher, two-sided, table
    // [[4, 6], [28, 62]]: sum of hypergeometric P(a) <= P(4) over a = 0..10 = 0.7222209241296316
    assertEquals("fisher", rude.test());
    assertEquals(0.7222209241296316, rude.pValue(), 1e-13);
    assertEquals(0.7222209241296316, rude.qValue(), 1e-13);
    // Wilson 4/10 = [0.16818032970623614, 0.6873262302663417],
    // Wilson 28/90 = [0.22485854647009124, 0.41282824540976554];
    // Newcombe low  = 0.08889 - sqrt((0.4 - 0.16818)^2 + (0.41283 - 0.31111)^2) =
    // -0.16426469087059203
    //          high = 0.08889 + sqrt((0.68733 - 0.4)^2 + (0.31111 - 0.22486)^2) =
    // 0.3888820013201914
    assertEquals(-0.16426469087059203, rude.differenceCi().low(), EPS);
    assertEquals(0.3888820013201914, rude.differenceCi().high(), EPS);
    // NPS without rude: 90 responses, 45 promoters, 28 detractors -> 100 * 17 / 90 = 18.888...
    // npsImpact = 16 - 18.888... = -2.8888888888888893
    assertEquals(-2.8888888888888893, rude.scoreImpact(), EPS);
  }

  @Test
  void wilsonIntervalsAreExactAtTheEdgesAndAbsentWithoutData() {
    assertEquals(0.0, ProportionStats.wilson(0, 25).low());
    assertEquals(1.0, ProportionStats.wilson(25, 25).high());
    assertNull(ProportionStats.wilson(0, 0));
    assertNull(ProportionStats.newcombeDifference(1, 2, 0, 0));
    assertNull(ProportionStats.twoProportionTest(1, 2, 0, 0));
  }

  @Test
  void benjaminiHochbergKeepsOrderAndSkipsMissingValues() {
    // m = 4 (the NaN does not count): sorted 0.01, 0.02, 0.03, 0.5
    // q = min over the tail of p * 4 / rank: 0.04, 0.04, 0.04, 0.5
    double[] q =
        ProportionStats.benjaminiHochberg(new double[] {0.03, Double.NaN, 0.5, 0.01, 0.02});
    assertEquals(0.04, q[0], EPS);
    assertEquals(Double.NaN, q[1]);
    assertEquals(0.5, q[2], EPS);
    assertEquals(0.04, q[3], EPS);
    assertEquals(0.04, q[4], EPS);
  }

  @Test
  void csatAndCesImpactsUseTheirOwnScales() {
    // CSAT: % satisfied. All: 10 responses, 6 satisfied = 60%; theme t: 4 responses, 1 satisfied;
    // without: 6 responses, 5 satisfied = 83.33%; impact = 60 - 83.333 = -23.333...
    PatternTable csat =
        PatternTable.of(
            1,
            Map.of(
                List.of(0), new ScoreTally(4, 1, 1, 2, 4 + 3 + 1 + 2),
                List.of(), new ScoreTally(6, 5, 0, 1, 5 + 5 + 4 + 4 + 5 + 1)));
    List<Theme> one =
        List.of(new Theme("t", "t", List.of("t"), List.of(List.of("t")), null, "edited"));
    ImpactRanker.Options options =
        new ImpactRanker.Options(1, RankingSort.ATTRIBUTABLE, AdjustedEffects.Settings.DEFAULT);
    ThemeImpact t = ImpactRanker.rank(Metric.CSAT, csat, one, null, options).themes().get(0);
    assertEquals(60.0 - 500.0 / 6, t.scoreImpact(), EPS);
    // CES: mean score. All: sum 34 / 10 = 3.4; without: 24 / 6 = 4; impact = -0.6
    ThemeImpact c = ImpactRanker.rank(Metric.CES, csat, one, null, options).themes().get(0);
    assertEquals(3.4 - 4.0, c.scoreImpact(), EPS);
  }
}
