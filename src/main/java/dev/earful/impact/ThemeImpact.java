package dev.earful.impact;

import dev.earful.impact.ProportionStats.Interval;
import java.util.List;

/**
 * Every number the ranking gives for one theme over the filtered set. Doubles are NaN and objects
 * null where the figure does not exist (for instance the rate without t when every response
 * mentions t, or the adjusted effect of a theme below the minimum mentions).
 *
 * @param rank 1-based position among the ranked themes, null when not ranked
 * @param detractors responses mentioning t that are in the negative group
 * @param test which test gave {@code pValue}: "z" (pooled two-proportion z = 2x2 chi-square) or
 *     "fisher" (exact, when an expected count is below 5)
 * @param scoreImpact leave-one-out impact on the metric's headline score (npsImpact for NPS)
 * @param coefficient the adjusted log odds ratio of being a detractor when t is mentioned
 */
public record ThemeImpact(
    String id,
    String name,
    Integer rank,
    boolean ranked,
    long mentions,
    double share,
    long detractors,
    double detractorRate,
    double detractorRateWithout,
    double difference,
    Interval differenceCi,
    double pValue,
    String test,
    double qValue,
    double scoreImpact,
    double coefficient,
    Interval coefficientCi,
    double attributable,
    Interval attributableCi,
    SentimentMix sentiment,
    List<Example> examples) {

  public ThemeImpact {
    examples = List.copyOf(examples);
  }

  /**
   * How the responses mentioning t speak of it: negatively (a clause holding a mention is
   * negative), else positively, else neutrally, by the precedence a search hit uses; they add up to
   * the mentions.
   */
  public record SentimentMix(long positive, long neutral, long negative) {}

  /** A representative comment: its response id and a snippet with the theme's words marked. */
  public record Example(String id, String snippet) {}

  ThemeImpact withRank(Integer newRank) {
    return with(newRank, sentiment, examples);
  }

  ThemeImpact withSentiment(SentimentMix newSentiment) {
    return with(rank, newSentiment, examples);
  }

  public ThemeImpact withExamples(List<Example> newExamples) {
    return with(rank, sentiment, newExamples);
  }

  private ThemeImpact with(Integer newRank, SentimentMix newSentiment, List<Example> newExamples) {
    return new ThemeImpact(
        id,
        name,
        newRank,
        ranked,
        mentions,
        share,
        detractors,
        detractorRate,
        detractorRateWithout,
        difference,
        differenceCi,
        pValue,
        test,
        qValue,
        scoreImpact,
        coefficient,
        coefficientCi,
        attributable,
        attributableCi,
        newSentiment,
        newExamples);
  }
}
