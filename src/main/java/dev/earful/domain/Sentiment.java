package dev.earful.domain;

/**
 * A polarity with a signed strength in [-1, 1] (negative to positive) and the model's confidence in
 * the label, in [0, 1].
 */
public record Sentiment(Polarity label, double score, double confidence) {

  public static final Sentiment NEUTRAL = new Sentiment(Polarity.NEUTRAL, 0.0, 0.0);

  public Sentiment {
    if (label == null) {
      throw new IllegalArgumentException("label is required");
    }
    if (!(score >= -1.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be in [-1, 1]: " + score);
    }
  }
}
