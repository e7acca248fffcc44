package dev.earful.impact;

import dev.earful.domain.Metric;
import dev.earful.search.DocColumns;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * NPS, CSAT and CES over the responses a {@link Filter} selects, read from doc values (comments are
 * never loaded).
 *
 * <p>Methods:
 *
 * <ul>
 *   <li><b>NPS</b> = 100 (P - D) / n. Each response scores +1 (promoter), 0 (passive) or -1
 *       (detractor); NPS is 100 times their mean. The 95% interval is the adjusted Wald interval of
 *       Rocks (2016, "Interval Estimation for the 'Net Promoter Score'", The American Statistician
 *       70(4)), the best of the methods compared there: with n' = n + 3, p' = (P + 3/4) / n' and d'
 *       = (D + 3/4) / n', it is 100 (p' - d') &plusmn; 1.96 &middot; 100 &middot; sqrt(v' / n')
 *       with v' = p' + d' - (p' - d')^2, clipped to [-100, 100]. The plain normal approximation it
 *       replaces had no width when every response was in one group (121 promoters: [100, 100], so a
 *       target read "above" with certainty). With one response the adjusted interval ends short of
 *       the score of +-100 it is shown beside (one promoter: [-48.5, 98.5]); it is then widened to
 *       reach the score.
 *   <li><b>CSAT</b>: % satisfied (4-5) with a Wilson score interval; the mean score.
 *   <li><b>CES</b>: the mean score with a normal interval mean &plusmn; 1.96 s / sqrt(n) (s the
 *       sample standard deviation); % easy (5-7) with a Wilson interval.
 * </ul>
 *
 * Values are rounded to two decimals. When the filter names no metric the report holds one summary
 * per metric present in the filtered responses, in the order NPS, CSAT, CES (scores of different
 * scales are never mixed); when it names one, exactly that summary, even when empty.
 */
public final class MetricsCalculator {

  /** The 97.5th percentile of the standard normal distribution. */
  static final double Z95 = 1.959963984540054;

  private final ResponseIndex index;

  public MetricsCalculator(ResponseIndex index) {
    this.index = index;
  }

  /** Closed interval, e.g. a 95% confidence interval. */
  public record Interval(double low, double high) {
    public List<Double> toList() {
      return List.of(low, high);
    }
  }

  /** The figures of one metric. */
  public sealed interface Summary permits Nps, Csat, Ces {
    Metric metric();

    long count();
  }

  /** NPS: null {@code nps} and interval when there are no responses. */
  public record Nps(
      long count, long promoters, long passives, long detractors, Double nps, Interval npsCi95)
      implements Summary {
    @Override
    public Metric metric() {
      return Metric.NPS;
    }
  }

  /** CSAT 1-5: satisfied 4-5, neutral 3, dissatisfied 1-2. */
  public record Csat(
      long count,
      long satisfied,
      long neutral,
      long dissatisfied,
      Double percentSatisfied,
      Interval percentSatisfiedCi95,
      Double mean)
      implements Summary {
    @Override
    public Metric metric() {
      return Metric.CSAT;
    }
  }

  /** CES 1-7 (7 = very easy): easy 5-7, neutral 4, difficult 1-3. */
  public record Ces(
      long count,
      long easy,
      long neutral,
      long difficult,
      Double mean,
      Interval meanCi95,
      Double percentEasy,
      Interval percentEasyCi95)
      implements Summary {
    @Override
    public Metric metric() {
      return Metric.CES;
    }
  }

  /**
   * The metrics of one filter.
   *
   * @param requested the metric the filter named, or null
   * @param metrics one summary per metric present (or exactly the requested one)
   */
  public record Report(Metric requested, List<Summary> metrics) {
    public Report {
      metrics = List.copyOf(metrics);
    }

    /** How many responses the filter selected, all metrics together. */
    public long count() {
      return metrics.stream().mapToLong(Summary::count).sum();
    }
  }

  /** The metrics of the responses {@code filter} selects (its text query included). */
  public Report compute(Filter filter) {
    try (ResponseIndex.Snapshot snapshot = index.snapshot()) {
      FixedBitSet docs = snapshot.matching(filter);
      return compute(snapshot.columns(), docs, filter.metric());
    }
  }

  /**
   * The metrics of a stored filter (a target's), read as it means now ({@link
   * ResponseIndex#asNow}): one whose every theme is gone selects no response, where asked as a
   * request it was a 400 that made GET /targets refuse every target.
   */
  public Report computeStored(Filter stored) {
    return index
        .asNow(stored)
        .map(this::compute)
        .orElseGet(
            () -> {
              try (ResponseIndex.Snapshot snapshot = index.snapshot()) {
                return compute(snapshot.columns(), new FixedBitSet(1), stored.metric());
              }
            });
  }

  /**
   * The metric most of the stored responses use (NPS then CSAT on a tie, NPS for an empty folder):
   * what an answer of no responses describes, as GET /themes and the review choose it.
   */
  public Metric mostUsed() {
    try (ResponseIndex.Snapshot snapshot = index.snapshot()) {
      return ImpactService.dominantMetric(snapshot, snapshot.matching(Filter.ALL));
    }
  }

  /** The metrics of the documents set in {@code docs}; reusable by the impact ranking. */
  public static Report compute(DocColumns columns, FixedBitSet docs, Metric requested) {
    long[][] histogram = new long[Metric.values().length][11];
    BitSetIterator it = new BitSetIterator(docs, 0);
    for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
      histogram[columns.metricOrdinal(doc)][columns.score(doc)]++;
    }
    List<Summary> out = new ArrayList<>();
    for (Metric m : Metric.values()) {
      long[] h = histogram[m.ordinal()];
      long n = 0;
      for (long c : h) {
        n += c;
      }
      if (m == requested || (requested == null && n > 0)) {
        out.add(summarize(m, h));
      }
    }
    return new Report(requested, out);
  }

  /** The summary of one metric from its score histogram ({@code histogram[score]} = count). */
  public static Summary summarize(Metric metric, long[] histogram) {
    return switch (metric) {
      case NPS -> nps(histogram);
      case CSAT -> csat(histogram);
      case CES -> ces(histogram);
    };
  }

  static Nps nps(long[] h) {
    long promoters = h[9] + h[10];
    long passives = h[7] + h[8];
    long detractors = 0;
    for (int s = 0; s <= 6; s++) {
      detractors += h[s];
    }
    long n = promoters + passives + detractors;
    if (n == 0) {
      return new Nps(0, 0, 0, 0, null, null);
    }
    double nps = 100 * ((double) promoters / n - (double) detractors / n);
    double adjustedN = n + 3;
    double p = (promoters + 0.75) / adjustedN;
    double d = (detractors + 0.75) / adjustedN;
    double centre = 100 * (p - d);
    double half = Z95 * 100 * Math.sqrt((p + d - (p - d) * (p - d)) / adjustedN);
    double low = Math.min(nps, Math.max(-100, centre - half));
    double high = Math.max(nps, Math.min(100, centre + half));
    return new Nps(
        n, promoters, passives, detractors, round2(nps), new Interval(round2(low), round2(high)));
  }

  static Csat csat(long[] h) {
    long satisfied = h[4] + h[5];
    long neutral = h[3];
    long dissatisfied = h[1] + h[2];
    long n = satisfied + neutral + dissatisfied;
    if (n == 0) {
      return new Csat(0, 0, 0, 0, null, null, null);
    }
    return new Csat(
        n,
        satisfied,
        neutral,
        dissatisfied,
        round2(100.0 * satisfied / n),
        wilsonPercent(satisfied, n),
        round2(mean(h, 1, 5)));
  }

  static Ces ces(long[] h) {
    long easy = h[5] + h[6] + h[7];
    long neutral = h[4];
    long difficult = h[1] + h[2] + h[3];
    long n = easy + neutral + difficult;
    if (n == 0) {
      return new Ces(0, 0, 0, 0, null, null, null, null);
    }
    double mean = mean(h, 1, 7);
    Interval meanCi = null;
    if (n > 1) {
      double ss = 0;
      for (int s = 1; s <= 7; s++) {
        ss += h[s] * (s - mean) * (s - mean);
      }
      double sd = Math.sqrt(ss / (n - 1));
      double half = Z95 * sd / Math.sqrt(n);
      meanCi = new Interval(round2(Math.max(1, mean - half)), round2(Math.min(7, mean + half)));
    }
    return new Ces(
        n,
        easy,
        neutral,
        difficult,
        round2(mean),
        meanCi,
        round2(100.0 * easy / n),
        wilsonPercent(easy, n));
  }

  private static double mean(long[] h, int from, int to) {
    long n = 0;
    double sum = 0;
    for (int s = from; s <= to; s++) {
      n += h[s];
      sum += (double) s * h[s];
    }
    return sum / n;
  }

  /** The Wilson score interval of {@code k} successes in {@code n}, in percent. */
  static Interval wilsonPercent(long k, long n) {
    double p = (double) k / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    return new Interval(
        round2(100 * Math.max(0, centre - half)), round2(100 * Math.min(1, centre + half)));
  }

  static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
