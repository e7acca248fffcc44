package dev.earful.domain;

import java.util.Locale;

/** The three sentiment labels. */
public enum Polarity {
  POSITIVE,
  NEUTRAL,
  NEGATIVE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
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
