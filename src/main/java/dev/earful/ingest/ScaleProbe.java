package dev.earful.ingest;

import java.math.BigDecimal;

/**
 * Reads the scores of a file before it is imported, to catch a 1-5 rating about to be read as NPS
 * (the default metric): every response would be a detractor, each would open a follow-up and raise
 * the alerts of detractors, and nothing would say why. A file says what it is when at least {@link
 * #MIN_SCORES} scores are whole numbers and every one lies within 1-5 with no row naming its
 * metric; an NPS survey of that size without a single 0 or 6-10 is not one people send. Likewise a
 * file whose every score is 0 or 1 (a positive/negative label, as in the UCI labelled sentences):
 * read as NPS every response is a detractor. And a file whose scores all lie within 1-7, a 6 or 7
 * among them (a CES survey, 7 = very easy): read as NPS it has no promoter, its easiest answers are
 * detractors, and the score is an NPS of about -60 where the CES is 4.3.
 */
public final class ScaleProbe {

  static final int MIN_SCORES = 20;

  private long scores;
  private boolean outsideOneToFive;
  private boolean outsideOneToSeven;
  private boolean outsideZeroOne;
  private boolean metricNamed;

  public void observe(RawResponse r) {
    if (r.metric() != null && !r.metric().isBlank()) {
      metricNamed = true;
    }
    if (r.score() == null) {
      return;
    }
    BigDecimal number = ResponseValidator.scoreNumber(r.score());
    if (number == null) {
      return; // the validator reports it
    }
    double s = number.doubleValue();
    if (s != Math.rint(s)) {
      return;
    }
    scores++;
    if (s < 1 || s > 5) {
      outsideOneToFive = true;
    }
    if (s < 1 || s > 7) {
      outsideOneToSeven = true;
    }
    if (s != 0 && s != 1) {
      outsideZeroOne = true;
    }
  }

  /** Whether the scores read as a 1-5 rating: enough of them, all within 1-5, no metric named. */
  public boolean looksLikeOneToFiveRating() {
    return !metricNamed && !outsideOneToFive && scores >= MIN_SCORES;
  }

  /** Whether the scores read as 0/1 labels: enough of them, every one 0 or 1, no metric named. */
  public boolean looksLikeZeroOneLabels() {
    return !metricNamed && !outsideZeroOne && scores >= MIN_SCORES;
  }

  /** Whether the scores read as a 1-7 effort score: enough, all within 1-7, a 6 or 7 among them. */
  public boolean looksLikeOneToSevenScore() {
    return !metricNamed && outsideOneToFive && !outsideOneToSeven && scores >= MIN_SCORES;
  }

  /** The metric to name for a scale that is not NPS: ces for 1-7, else csat. */
  public String suggestedMetric() {
    return looksLikeOneToSevenScore() ? "ces" : "csat";
  }

  /**
   * What the scores look like when they would all be read as NPS detractors by mistake ({@code
   * every score is 0 or 1, as in a positive/negative label (1 positive)}), or null when they read
   * as they are.
   */
  public String likelyNotNps() {
    if (looksLikeZeroOneLabels()) {
      return "every score is 0 or 1, as in a positive/negative label (1 positive)";
    }
    if (looksLikeOneToFiveRating()) {
      return "every score is within 1-5, as in a 1-5 rating (CSAT)";
    }
    if (looksLikeOneToSevenScore()) {
      return "every score is within 1-7, as in a 1-7 effort score (CES)";
    }
    return null;
  }
}
