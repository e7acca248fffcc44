package dev.earful.impact;

import dev.earful.domain.Metric;
import dev.earful.impact.ProportionStats.Interval;
import dev.earful.impact.ProportionStats.TestResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compares two periods of the same metric: the change of the headline score with its interval and
 * test, and which themes' share or detractor rate moved significantly. Pure functions of counts,
 * like {@link ProportionStats}, so each figure can be checked by hand.
 *
 * <ul>
 *   <li><b>NPS</b>: difference of the two NPS; each response scores +1, 0 or -1, so NPS/100 is a
 *       mean with variance v = p + d - (p - d)^2; the difference's variance is 100^2 (v1/n1 +
 *       v2/n2); two-sided z test and normal 95% interval.
 *   <li><b>CSAT</b>: difference of % satisfied; pooled two-proportion z (Fisher's exact test when
 *       an expected count is below 5), Newcombe's hybrid score interval.
 *   <li><b>CES</b>: difference of the mean scores; Welch's z (normal approximation, unpooled
 *       variances s1^2/n1 + s2^2/n2) and its normal 95% interval.
 *   <li><b>Themes</b>: share (mentions / responses) and detractor rate (detractors among mentions)
 *       of each theme in both periods, each tested by the two-proportion test above,
 *       Benjamini-Hochberg over all the tests of one measure.
 * </ul>
 */
public final class PeriodComparison {

  public static final String NPS_TEST =
      "two-sided z on the difference of two NPS (variance of the +1/0/-1 scores, p + d - (p -"
          + " d)^2, of each independent period); normal 95% interval";
  public static final String CSAT_TEST =
      "two-sided pooled two-proportion z on % satisfied (Fisher's exact test when an"
          + " expected count < 5); Newcombe hybrid score 95% interval";
  public static final String CES_TEST =
      "two-sided Welch z on the difference of mean scores (unpooled variances); normal 95% interval";
  public static final String THEME_TEST =
      "two-sided pooled two-proportion z (Fisher's exact test when an expected count < 5) on the"
          + " share of"
          + " responses mentioning the theme and on the detractor rate among them, Benjamini-Hochberg"
          + " per measure";

  private PeriodComparison() {}

  /**
   * The change of the headline score from the comparison period to the current one.
   *
   * @param difference current - comparison, in the headline's unit (NPS points, % points, score)
   * @param test "nps-difference-z", "two-proportion-z", "fisher" or "welch-z"
   */
  public record ScoreChange(
      double difference, Interval ci95, double pValue, String test, String method) {}

  /** The test name of a metric's change, as the report states it. */
  public static String method(Metric metric) {
    return switch (metric) {
      case NPS -> NPS_TEST;
      case CSAT -> CSAT_TEST;
      case CES -> CES_TEST;
    };
  }

  /**
   * The change between two score histograms ({@code histogram[score]} = count) of one metric; null
   * when either period has no responses (or, for CES, fewer than two).
   */
  public static ScoreChange scoreChange(Metric metric, long[] current, long[] comparison) {
    ScoreTally c = tally(metric, current);
    ScoreTally p = tally(metric, comparison);
    if (c.count() == 0 || p.count() == 0) {
      return null;
    }
    return switch (metric) {
      case NPS -> {
        double pc = (double) c.positive() / c.count();
        double dc = (double) c.negative() / c.count();
        double pp = (double) p.positive() / p.count();
        double dp = (double) p.negative() / p.count();
        double vc = pc + dc - (pc - dc) * (pc - dc);
        double vp = pp + dp - (pp - dp) * (pp - dp);
        double diff = 100 * ((pc - dc) - (pp - dp));
        double se = 100 * Math.sqrt(vc / c.count() + vp / p.count());
        yield normal(diff, se, "nps-difference-z", NPS_TEST);
      }
      case CSAT -> {
        double diff = 100.0 * c.positive() / c.count() - 100.0 * p.positive() / p.count();
        TestResult t =
            ProportionStats.twoProportionTest(c.positive(), c.count(), p.positive(), p.count());
        Interval ci =
            ProportionStats.newcombeDifference(c.positive(), c.count(), p.positive(), p.count());
        yield new ScoreChange(
            diff,
            new Interval(100 * ci.low(), 100 * ci.high()),
            t.pValue(),
            t.test().equals("z") ? "two-proportion-z" : "fisher",
            CSAT_TEST);
      }
      case CES -> {
        if (c.count() < 2 || p.count() < 2) {
          yield null;
        }
        double mc = (double) c.scoreSum() / c.count();
        double mp = (double) p.scoreSum() / p.count();
        double se =
            Math.sqrt(
                variance(current, mc, c.count()) / c.count()
                    + variance(comparison, mp, p.count()) / p.count());
        yield normal(mc - mp, se, "welch-z", CES_TEST);
      }
    };
  }

  private static ScoreChange normal(double diff, double se, String test, String method) {
    double half = ProportionStats.Z95 * se;
    double pValue = se > 0 ? ProportionStats.normalTwoSidedP(diff / se) : (diff == 0 ? 1 : 0);
    return new ScoreChange(diff, new Interval(diff - half, diff + half), pValue, test, method);
  }

  private static double variance(long[] h, double mean, long n) {
    double ss = 0;
    for (int s = 0; s < h.length; s++) {
      ss += h[s] * (s - mean) * (s - mean);
    }
    return ss / (n - 1);
  }

  /** Counts, groups and score sum of a histogram. */
  public static ScoreTally tally(Metric metric, long[] histogram) {
    long n = 0;
    long pos = 0;
    long mid = 0;
    long neg = 0;
    long sum = 0;
    for (int s = metric.min(); s <= metric.max(); s++) {
      long k = histogram[s];
      n += k;
      sum += k * s;
      switch (metric.categorize(s).group()) {
        case POSITIVE -> pos += k;
        case MIDDLE -> mid += k;
        case NEGATIVE -> neg += k;
      }
    }
    return new ScoreTally(n, pos, mid, neg, sum);
  }

  /** One theme's counts in one period: responses mentioning it, and detractors among those. */
  public record ThemeCounts(String id, String name, long mentions, long detractors) {}

  /** What moved. */
  public enum Measure {
    SHARE,
    DETRACTOR_RATE;

    public String wireName() {
      return this == SHARE ? "share" : "detractorRate";
    }
  }

  /**
   * A theme's measure in both periods and the test of their equality.
   *
   * @param previous the comparison period's value (a proportion)
   * @param current the current period's value
   */
  public record Shift(
      String id,
      String name,
      Measure measure,
      double previous,
      double current,
      long previousCount,
      long previousBase,
      long currentCount,
      long currentBase,
      double pValue,
      String test,
      double qValue) {

    public boolean fell() {
      return current < previous;
    }

    public boolean rose() {
      return current > previous;
    }
  }

  /**
   * Every theme's share and detractor-rate shifts between the periods, each measure's p-values
   * adjusted by Benjamini-Hochberg over the themes tested (themes absent from both periods, and
   * detractor rates of themes unmentioned in either period, are not tested). Ordered by measure,
   * p-value, then id.
   *
   * @param current by theme id, the themes of the current period (in catalog order)
   */
  public static List<Shift> shifts(
      Map<String, ThemeCounts> current,
      long currentResponses,
      Map<String, ThemeCounts> comparison,
      long comparisonResponses) {
    List<Shift> out = new ArrayList<>();
    if (currentResponses == 0 || comparisonResponses == 0) {
      return out;
    }
    for (Measure measure : Measure.values()) {
      List<Shift> tested = new ArrayList<>();
      for (ThemeCounts c : current.values()) {
        ThemeCounts p = comparison.getOrDefault(c.id(), new ThemeCounts(c.id(), c.name(), 0, 0));
        long cx;
        long cn;
        long px;
        long pn;
        if (measure == Measure.SHARE) {
          cx = c.mentions();
          cn = currentResponses;
          px = p.mentions();
          pn = comparisonResponses;
          if (cx + px == 0) {
            continue;
          }
        } else {
          cx = c.detractors();
          cn = c.mentions();
          px = p.detractors();
          pn = p.mentions();
          if (cn == 0 || pn == 0) {
            continue;
          }
        }
        TestResult t = ProportionStats.twoProportionTest(cx, cn, px, pn);
        tested.add(
            new Shift(
                c.id(),
                c.name(),
                measure,
                (double) px / pn,
                (double) cx / cn,
                px,
                pn,
                cx,
                cn,
                t.pValue(),
                t.test(),
                Double.NaN));
      }
      double[] q =
          ProportionStats.benjaminiHochberg(tested.stream().mapToDouble(Shift::pValue).toArray());
      List<Shift> adjusted = new ArrayList<>();
      for (int i = 0; i < tested.size(); i++) {
        Shift s = tested.get(i);
        adjusted.add(
            new Shift(
                s.id(),
                s.name(),
                s.measure(),
                s.previous(),
                s.current(),
                s.previousCount(),
                s.previousBase(),
                s.currentCount(),
                s.currentBase(),
                s.pValue(),
                s.test(),
                q[i]));
      }
      adjusted.sort(Comparator.comparingDouble(Shift::pValue).thenComparing(Shift::id));
      out.addAll(adjusted);
    }
    return out;
  }
}
