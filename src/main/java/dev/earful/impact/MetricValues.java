package dev.earful.impact;

/**
 * The headline number of a metric summary and its 95% interval: NPS for NPS, the percentage
 * satisfied for CSAT, the mean for CES. One definition for rollups, dips and alerts.
 */
public final class MetricValues {
  private MetricValues() {}

  /** The headline value, null without responses. */
  public static Double value(MetricsCalculator.Summary s) {
    return switch (s) {
      case MetricsCalculator.Nps n -> n.nps();
      case MetricsCalculator.Csat c -> c.percentSatisfied();
      case MetricsCalculator.Ces c -> c.mean();
    };
  }

  /** Its 95% interval, null without responses. */
  public static MetricsCalculator.Interval interval(MetricsCalculator.Summary s) {
    return switch (s) {
      case MetricsCalculator.Nps n -> n.npsCi95();
      case MetricsCalculator.Csat c -> c.percentSatisfiedCi95();
      case MetricsCalculator.Ces c -> c.meanCi95();
    };
  }
}
