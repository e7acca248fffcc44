package dev.earful.themes;

import dev.earful.domain.Category;

/**
 * What a comment's score says of it, as an {@link AnalysisSource} may hand it beside the comment
 * (the evaluation commands do; no discovery rule reads it yet, docs/themes-measurements.md session
 * 25): the writer is a detractor (the negative group of the metric: NPS 0-6, CSAT 1-2, CES 1-3), is
 * not one, or gave no score that the source was told of.
 */
public enum Outcome {
  DETRACTOR,
  NOT_DETRACTOR,
  UNKNOWN;

  /** The outcome of a response in {@code category}; {@code null} (no score) is unknown. */
  public static Outcome of(Category category) {
    if (category == null) {
      return UNKNOWN;
    }
    return category.group() == Category.Group.NEGATIVE ? DETRACTOR : NOT_DETRACTOR;
  }
}
