package dev.earful.impact;

import dev.earful.domain.Metric;
import java.util.List;

/**
 * The ranked pain-point list of a filtered set: the set's size, detractors and score, the settings
 * that produced it, and every theme (ranked ones first in the chosen order, then those below the
 * minimum mentions by mentions).
 *
 * @param intervalMethod how the attributable-detractor intervals were made: "bootstrap" (seeded
 *     Poisson bootstrap, refitted replicates, percentiles) or "linearised" (its exact normal limit,
 *     for large tables); see {@link AdjustedEffects}
 */
public record ThemeRanking(
    Metric metric,
    long count,
    long detractors,
    double score,
    int minMentions,
    RankingSort sort,
    AdjustedEffects.Settings adjustedSettings,
    String intervalMethod,
    List<ThemeImpact> themes) {

  public ThemeRanking {
    themes = List.copyOf(themes);
  }

  public ThemeRanking withThemes(List<ThemeImpact> newThemes) {
    return new ThemeRanking(
        metric,
        count,
        detractors,
        score,
        minMentions,
        sort,
        adjustedSettings,
        intervalMethod,
        newThemes);
  }

  /** How each figure is computed, for the JSON document and the CLI footer. */
  public static final String METHODS_DIFFERENCE = "Newcombe hybrid score (Wilson intervals), 95%";

  public static final String METHODS_PVALUE =
      "two-sided two-proportion z (pooled; = 2x2 chi-square), Fisher's exact test when an"
          + " expected count < 5";
  public static final String METHODS_QVALUE = "Benjamini-Hochberg over the ranked themes";
}
