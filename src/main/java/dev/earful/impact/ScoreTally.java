package dev.earful.impact;

import dev.earful.domain.Metric;

/**
 * Counts of one set of responses of one metric: how many, how many in the positive / middle /
 * negative group, and the sum of the scores. Enough to give the metric's headline score of the set
 * and of the set minus a subset, which is what leave-one-out impact needs.
 */
public record ScoreTally(long count, long positive, long middle, long negative, long scoreSum) {

  public static final ScoreTally EMPTY = new ScoreTally(0, 0, 0, 0, 0);

  public ScoreTally minus(ScoreTally other) {
    return new ScoreTally(
        count - other.count,
        positive - other.positive,
        middle - other.middle,
        negative - other.negative,
        scoreSum - other.scoreSum);
  }

  public ScoreTally plus(ScoreTally other) {
    return new ScoreTally(
        count + other.count,
        positive + other.positive,
        middle + other.middle,
        negative + other.negative,
        scoreSum + other.scoreSum);
  }

  /**
   * The headline score: NPS = 100 (promoters - detractors) / count; CSAT = 100 satisfied / count (%
   * satisfied); CES = mean score. NaN for an empty set.
   */
  public double score(Metric metric) {
    if (count == 0) {
      return Double.NaN;
    }
    return switch (metric) {
      case NPS -> 100.0 * (positive - negative) / count;
      case CSAT -> 100.0 * positive / count;
      case CES -> (double) scoreSum / count;
    };
  }

  /** The share of the negative group (detractors, dissatisfied, difficult); NaN when empty. */
  public double negativeRate() {
    return count == 0 ? Double.NaN : (double) negative / count;
  }

  /** The name of the leave-one-out impact field for a metric, as the API and CSV spell it. */
  public static String impactField(Metric metric) {
    return switch (metric) {
      case NPS -> "npsImpact";
      case CSAT -> "csatImpact";
      case CES -> "cesImpact";
    };
  }
}
