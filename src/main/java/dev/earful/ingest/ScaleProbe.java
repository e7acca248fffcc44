package dev.earful.ingest;

/**
 * Reads the scores of a file before it is imported, to catch a 1-5 rating about to be read as NPS
 * (the default metric): every response would be a detractor, each would open a follow-up and raise
 * the alerts of detractors, and nothing would say why. A file says what it is when at least {@link
 * #MIN_SCORES} scores are whole numbers and every one lies within 1-5 with no row naming its
 * metric; an NPS survey of that size without a single 0 or 6-10 is not one people send.
 */
public final class ScaleProbe {

  static final int MIN_SCORES = 20;

  private long scores;
  private boolean outsideOneToFive;
  private boolean metricNamed;

  public void observe(RawResponse r) {
    if (r.metric() != null && !r.metric().isBlank()) {
      metricNamed = true;
    }
    if (r.score() == null) {
      return;
    }
    double s;
    try {
      s = Double.parseDouble(r.score().strip());
    } catch (NumberFormatException e) {
      return; // the validator reports it
    }
    if (s != Math.rint(s)) {
      return;
    }
    scores++;
    if (s < 1 || s > 5) {
      outsideOneToFive = true;
    }
  }

  /** Whether the scores read as a 1-5 rating: enough of them, all within 1-5, no metric named. */
  public boolean looksLikeOneToFiveRating() {
    return !metricNamed && !outsideOneToFive && scores >= MIN_SCORES;
  }
}
