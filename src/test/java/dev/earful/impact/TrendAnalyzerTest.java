package dev.earful.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Metric;
import dev.earful.domain.Theme;
import dev.earful.impact.TrendAnalyzer.Period;
import dev.earful.impact.TrendAnalyzer.TrendReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/**
 * Three ISO weeks of NPS responses: 2024-W01 (100), 2024-W02 (10: too few), 2024-W03 (100). Theme
 * "outage" goes from 5 mentions (1 detractor) to 30 (25 detractors); theme "praise" stays at 10
 * promoters a week.
 */
class TrendAnalyzerTest {

  private final List<Long> times = new ArrayList<>();
  private final List<Integer> scores = new ArrayList<>();
  private final List<Boolean> outage = new ArrayList<>();
  private final List<Boolean> praise = new ArrayList<>();

  private void add(String time, int score, boolean a, boolean b, int copies) {
    for (int i = 0; i < copies; i++) {
      times.add(Instant.parse(time).toEpochMilli());
      scores.add(score);
      outage.add(a);
      praise.add(b);
    }
  }

  private TrendReport report(TrendAnalyzer.Interval interval) {
    // Week 1: the last second of Sunday 2024-01-07 still belongs to it.
    add("2024-01-03T10:00:00Z", 3, true, false, 1);
    add("2024-01-03T10:00:00Z", 9, true, false, 4);
    add("2024-01-07T23:59:59Z", 2, false, false, 20);
    add("2024-01-04T10:00:00Z", 10, false, true, 10);
    add("2024-01-04T10:00:00Z", 10, false, false, 65);
    // Week 2 starts at midnight on Monday.
    add("2024-01-08T00:00:00Z", 9, false, false, 10);
    // Week 3.
    add("2024-01-17T10:00:00Z", 1, true, false, 25);
    add("2024-01-17T10:00:00Z", 10, true, false, 5);
    add("2024-01-18T10:00:00Z", 4, false, false, 14);
    add("2024-01-18T10:00:00Z", 10, false, true, 10);
    add("2024-01-19T10:00:00Z", 9, false, false, 46);
    int n = times.size();
    FixedBitSet docs = new FixedBitSet(n);
    docs.set(0, n);
    FixedBitSet a = new FixedBitSet(n);
    FixedBitSet b = new FixedBitSet(n);
    for (int i = 0; i < n; i++) {
      if (outage.get(i)) {
        a.set(i);
      }
      if (praise.get(i)) {
        b.set(i);
      }
    }
    List<Theme> themes =
        List.of(
            new Theme("outage", "outage", List.of(), List.of(), null, "edited"),
            new Theme("praise", "praise", List.of(), List.of(), null, "edited"));
    return TrendAnalyzer.analyze(
        Metric.NPS,
        docs,
        scores::get,
        times::get,
        themes,
        List.of(a, b),
        new TrendAnalyzer.Options(interval, 30, 0.05));
  }

  @Test
  void splitsIntoIsoWeeksStartingMondayInUtcAndFlagsQuietWeeks() {
    TrendReport r = report(TrendAnalyzer.Interval.WEEK);
    assertEquals(
        List.of("2024-W01", "2024-W02", "2024-W03"),
        r.periods().stream().map(Period::label).toList());
    Period w1 = r.periods().get(0);
    assertEquals(LocalDate.of(2024, 1, 1), w1.start());
    assertEquals(LocalDate.of(2024, 1, 8), w1.end());
    assertEquals(100, w1.responses());
    // promoters 4 + 10 + 65 = 79, detractors 1 + 20 = 21 -> NPS 58
    assertEquals(58.0, w1.score(), 1e-12);
    assertEquals(0.21, w1.detractorRate(), 1e-12);
    assertFalse(w1.lowVolume());
    assertEquals(new TrendAnalyzer.ThemePoint("praise", 10, 0.1, 0.0), w1.themes().get(0));
    assertEquals(new TrendAnalyzer.ThemePoint("outage", 5, 0.05, 0.2), w1.themes().get(1));
    Period w2 = r.periods().get(1);
    assertEquals(10, w2.responses());
    assertTrue(w2.lowVolume());
    assertEquals(List.of("2024-W01", "2024-W03"), r.compared());
  }

  @Test
  void namesTheThemeWhoseShareRoseAndWhoseImpactGrew() {
    TrendReport r = report(TrendAnalyzer.Interval.WEEK);
    // share 5/100 -> 30/100: pooled 35/200, se = sqrt(0.175 * 0.825 * 2/100), z = 0.25 / se
    // = 4.6524..., p = 3.2806035450166082e-06 (scipy); BH over 2 themes: q = 2p (praise: p = 1).
    assertEquals(1, r.emerging().size());
    TrendAnalyzer.Emerging e = r.emerging().get(0);
    assertEquals("outage", e.id());
    assertEquals("z", e.test());
    assertEquals(3.2806035450166082e-06, e.pValue(), 1e-15);
    assertEquals(2 * 3.2806035450166082e-06, e.qValue(), 1e-15);
    // difference 1/5 - 20/95 = -0.0105... -> 25/30 - 14/70 = 0.6333...; Wald z with variance
    // 0.2*0.8/5 + (20/95)(75/95)/95 + (25/30)(5/30)/30 + 0.2*0.8/70 -> p = 0.0014086535265909735
    assertEquals(1, r.impactGrowing().size());
    TrendAnalyzer.ImpactChange c = r.impactGrowing().get(0);
    assertEquals("outage", c.id());
    assertEquals(-0.010526315789473661, c.previousDifference(), 1e-15);
    assertEquals(0.6333333333333333, c.difference(), 1e-15);
    assertEquals(0.0014086535265909735, c.pValue(), 1e-13);
    // NPS impact, week 3: all = (5 + 10 + 46 - 25 - 14) = 22; without outage: 70 responses,
    // 56 promoters, 14 detractors -> 60; impact 22 - 60 = -38.
    assertEquals(-38.0, c.scoreImpact(), 1e-12);
  }

  @Test
  void groupsByCalendarMonth() {
    TrendReport r = report(TrendAnalyzer.Interval.MONTH);
    assertEquals(1, r.periods().size());
    assertEquals("2024-01", r.periods().get(0).label());
    assertEquals(210, r.periods().get(0).responses());
    assertEquals(List.of(), r.compared());
  }
}
