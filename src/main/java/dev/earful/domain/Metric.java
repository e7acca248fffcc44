package dev.earful.domain;

import java.util.Locale;

/** A survey metric with its score range and the category each score falls in. */
public enum Metric {
  NPS(0, 10),
  CSAT(1, 5),
  CES(1, 7);

  private final int min;
  private final int max;

  Metric(int min, int max) {
    this.min = min;
    this.max = max;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  public boolean accepts(int score) {
    return score >= min && score <= max;
  }

  /** The lower-case name used on the wire and in the index ("nps"). */
  // Made once: wireName() is called per field of every response and follow-up written.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  /** Parses "nps" / "CSAT" / "ces"; throws {@link IllegalArgumentException} otherwise. */
  public static Metric parse(String text) {
    for (Metric m : values()) {
      if (m.name().equalsIgnoreCase(text.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + text + "' (expected nps, csat or ces)");
  }

  /** The category a score of this metric falls in; the score must be in range. */
  public Category categorize(int score) {
    if (!accepts(score)) {
      throw new IllegalArgumentException(
          "score " + score + " outside " + min + "-" + max + " for " + wireName());
    }
    return switch (this) {
      case NPS ->
          score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
      case CSAT ->
          score >= 4 ? Category.SATISFIED : score == 3 ? Category.NEUTRAL : Category.DISSATISFIED;
      case CES -> score >= 5 ? Category.EASY : score == 4 ? Category.NEUTRAL : Category.DIFFICULT;
    };
  }
}
