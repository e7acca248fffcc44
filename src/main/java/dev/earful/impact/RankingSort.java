package dev.earful.impact;

import java.util.Locale;

/** The orders the ranked list can be put in; ties go to more mentions, then theme id. */
public enum RankingSort {
  /** Attributable detractors, largest first: what to fix first (the default). */
  ATTRIBUTABLE,
  /** Mentions, most first. */
  MENTIONS,
  /** Leave-one-out impact on the score, most harmful (most negative) first. */
  IMPACT,
  /** Detractor rate among responses mentioning the theme, highest first. */
  DETRACTOR_RATE;

  /**
   * Parses the API / CLI spelling: attributable, mentions, npsImpact (csatImpact, cesImpact,
   * impact), detractorRate.
   */
  public static RankingSort parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "attributable", "attributabledetractors" -> ATTRIBUTABLE;
      case "mentions" -> MENTIONS;
      case "npsimpact", "csatimpact", "cesimpact", "impact" -> IMPACT;
      case "detractorrate" -> DETRACTOR_RATE;
      default ->
          throw new IllegalArgumentException(
              "unknown sort '"
                  + text
                  + "' (expected attributable, mentions, npsImpact or detractorRate)");
    };
  }

  public String wireName() {
    return switch (this) {
      case ATTRIBUTABLE -> "attributable";
      case MENTIONS -> "mentions";
      case IMPACT -> "npsImpact";
      case DETRACTOR_RATE -> "detractorRate";
    };
  }
}
