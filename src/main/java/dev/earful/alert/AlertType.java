package dev.earful.alert;

import java.util.Locale;

/** What an alert rule watches. */
public enum AlertType {
  /** A new response matching the rule's filter (e.g. a detractor from a named account). */
  NEW_RESPONSE,
  /** The metric of the filtered responses dropping, this window against the baseline before it. */
  METRIC_DROP,
  /** A theme whose share rose significantly (the trends test, after Benjamini-Hochberg). */
  EMERGING_THEME;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for an unknown name
   */
  public static AlertType parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
