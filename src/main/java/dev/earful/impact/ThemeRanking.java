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

  /**
   * Why no theme is ranked and what to change, or null when one is (or none is mentioned): a survey
   * of 40 or 80 comments has no theme with the default 30 mentions, and a list of "not ranked" rows
   * said nothing of it. The one wording of the page, {@code earful themes} (both from {@code GET
   * /themes}'s {@code unrankedNote}) and the business review; read on the whole ranking, never a
   * page of it.
   */
  public String noneRankedNote() {
    ThemeImpact most = null;
    for (ThemeImpact t : themes) {
      if (t.ranked()) {
        return null;
      }
      if (most == null || t.mentions() > most.mentions()) {
        most = t;
      }
    }
    if (most == null || most.mentions() == 0) {
      return null;
    }
    long lower = Math.max(1, Math.min(most.mentions(), 5));
    return String.format(
        java.util.Locale.ROOT,
        "No theme is ranked: each has fewer than the %,d mentions a theme needs (the most,"
            + " \u201c%s\u201d, has %,d of %,d %s). Lower the minimum mentions (the page's"
            + " \"Minimum mentions\", --min-mentions, minMentions=) to %d, say, to rank the themes"
            + " of a small survey or filter; with few mentions the intervals are wide.",
        minMentions,
        most.name(),
        most.mentions(),
        count,
        count == 1 ? "response" : "responses",
        lower);
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
