package dev.earful.domain;

import java.util.Locale;

/**
 * Which stages of the sentiment model scored a stored analysis: the fast model alone, or the
 * cascade (the fast model, then the sentence-embedding stage where it is unsure). A response stored
 * before the stage was recorded reads as {@link #FAST}: that is what scored every import by default
 * until then, and a background refinement treats it as not yet refined.
 */
public enum ScoringStage {
  /** The fast model alone. */
  FAST,
  /** The fast model and the embedding stage where it is unsure. */
  CASCADE;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
  }
}
