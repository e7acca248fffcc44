package dev.earful.domain;

import java.util.Locale;

/** The three sentiment labels. */
public enum Polarity {
  POSITIVE,
  NEUTRAL,
  NEGATIVE;

  // Made once: wireName() is called per field of every response and follow-up written.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  public static Polarity parse(String text) {
    for (Polarity p : values()) {
      if (p.name().equalsIgnoreCase(text.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown sentiment '" + text + "' (expected positive, neutral or negative)");
  }
}
