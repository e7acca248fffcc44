package dev.earful.impact;

import dev.earful.domain.Metric;
import dev.earful.domain.Theme;
import dev.earful.impact.ProportionStats.Interval;
import dev.earful.impact.ProportionStats.TestResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks themes by what they do to detractors over one filtered set, following PRODUCT.md's Ranking
 * section: per-theme rates with and without the theme, their difference with Newcombe's interval, a
 * p-value, Benjamini-Hochberg q-values over the ranked themes, the leave-one-out score impact, and
 * the adjusted effect with attributable detractors from {@link AdjustedEffects}. Works on a {@link
 * PatternTable}, so it never sees a comment; pure and deterministic.
 */
public final class ImpactRanker {

  /** The knobs of a ranking. */
  public record Options(int minMentions, RankingSort sort, AdjustedEffects.Settings adjusted) {
    public static final int DEFAULT_MIN_MENTIONS = 30;
    public static final Options DEFAULT =
        new Options(
            DEFAULT_MIN_MENTIONS, RankingSort.ATTRIBUTABLE, AdjustedEffects.Settings.DEFAULT);

    public Options {
      if (minMentions < 1) {
        throw new IllegalArgumentException("minMentions must be at least 1");
      }
      java.util.Objects.requireNonNull(sort, "sort");
      java.util.Objects.requireNonNull(adjusted, "adjusted");
    }
  }

  private ImpactRanker() {}

  /**
   * @param themes the themes, in the table's theme order
   * @param sentiment per theme (same order) the polarity mix of its mentions, or null entries
   */
  public static ThemeRanking rank(
      Metric metric,
      PatternTable table,
      List<Theme> themes,
      ThemeImpact.SentimentMix[] sentiment,
      Options options) {
    if (themes.size() != table.themeCount()) {
      throw new IllegalArgumentException("one theme per table column expected");
    }
    ScoreTally all = table.total();
    ScoreTally[] byTheme = table.themeTallies();
    long n = all.count();
    long d = all.negative();
    double overallScore = all.score(metric);

    List<Integer> rankedIdx = new ArrayList<>();
    for (int t = 0; t < themes.size(); t++) {
      if (byTheme[t].count() >= options.minMentions()) {
        rankedIdx.add(t);
      }
    }
    int[] ranked = rankedIdx.stream().mapToInt(Integer::intValue).toArray();

    TestResult[] tests = new TestResult[themes.size()];
    double[] rankedP = new double[ranked.length];
    for (int t = 0; t < themes.size(); t++) {
      ScoreTally with = byTheme[t];
      ScoreTally without = all.minus(with);
      tests[t] =
          ProportionStats.twoProportionTest(
              with.negative(), with.count(), without.negative(), without.count());
    }
    for (int i = 0; i < ranked.length; i++) {
      TestResult r = tests[ranked[i]];
      rankedP[i] = r == null ? Double.NaN : r.pValue();
    }
    double[] q = ProportionStats.benjaminiHochberg(rankedP);

    // A theme's mentions include its sub-themes' (its phrases are theirs too), so a model holding
    // both would split one effect between them: on planted data "billing errors" lost most of its
    // effect to its own sub-theme "charged twice" and fell below a weaker driver. So the issues
    // (top-level themes) are adjusted for each other in one model, and sub-themes in a second
    // model where they stand in for their theme, beside the themes that have none.
    java.util.Set<String> rankedIds = new java.util.HashSet<>();
    for (int t : ranked) {
      rankedIds.add(themes.get(t).id());
    }
    java.util.Set<String> parentsOfRanked = new java.util.HashSet<>();
    boolean[] isSub = new boolean[themes.size()];
    for (int t : ranked) {
      String parent = themes.get(t).parentId();
      if (parent != null && rankedIds.contains(parent)) {
        isSub[t] = true;
        parentsOfRanked.add(parent);
      }
    }
    int[] issues = java.util.Arrays.stream(ranked).filter(t -> !isSub[t]).toArray();
    int[] narrow =
        java.util.Arrays.stream(ranked)
            .filter(t -> !parentsOfRanked.contains(themes.get(t).id()))
            .toArray();
    double[] coefficient = new double[themes.size()];
    double[] attributable = new double[themes.size()];
    Interval[] coefficientCi = new Interval[themes.size()];
    Interval[] attributableCi = new Interval[themes.size()];
    PatternTable modelTable = issues.length == table.themeCount() ? table : table.project(issues);
    if (issues.length > 0) {
      AdjustedEffects.Result adjusted = AdjustedEffects.estimate(modelTable, options.adjusted());
      for (int i = 0; i < issues.length; i++) {
        int t = issues[i];
        coefficient[t] = adjusted.coefficients()[i];
        attributable[t] = adjusted.attributable()[i];
        coefficientCi[t] = adjusted.coefficientCi()[i];
        attributableCi[t] = adjusted.attributableCi()[i];
      }
    }
    if (!parentsOfRanked.isEmpty()) {
      AdjustedEffects.Result adjusted =
          AdjustedEffects.estimate(table.project(narrow), options.adjusted());
      for (int i = 0; i < narrow.length; i++) {
        int t = narrow[i];
        if (isSub[t]) {
          coefficient[t] = adjusted.coefficients()[i];
          attributable[t] = adjusted.attributable()[i];
          coefficientCi[t] = adjusted.coefficientCi()[i];
          attributableCi[t] = adjusted.attributableCi()[i];
        }
      }
    }
    String intervalMethod =
        AdjustedEffects.intervalMethod(modelTable.patternCount(), options.adjusted().replicates());

    List<ThemeImpact> rows = new ArrayList<>();
    int[] rankPos = new int[themes.size()];
    java.util.Arrays.fill(rankPos, -1);
    for (int i = 0; i < ranked.length; i++) {
      rankPos[ranked[i]] = i;
    }
    for (int t = 0; t < themes.size(); t++) {
      Theme theme = themes.get(t);
      ScoreTally with = byTheme[t];
      ScoreTally without = all.minus(with);
      Interval diffCi =
          ProportionStats.newcombeDifference(
              with.negative(), with.count(), without.negative(), without.count());
      double rateWith = with.negativeRate();
      double rateWithout = without.negativeRate();
      TestResult test = tests[t];
      int i = rankPos[t];
      boolean isRanked = i >= 0;
      rows.add(
          new ThemeImpact(
              theme.id(),
              theme.name(),
              null,
              isRanked,
              with.count(),
              n == 0 ? Double.NaN : (double) with.count() / n,
              with.negative(),
              rateWith,
              rateWithout,
              rateWith - rateWithout,
              diffCi,
              test == null ? Double.NaN : test.pValue(),
              test == null ? null : test.test(),
              isRanked ? q[i] : Double.NaN,
              with.count() == 0 ? Double.NaN : overallScore - without.score(metric),
              isRanked ? coefficient[t] : Double.NaN,
              isRanked ? coefficientCi[t] : null,
              isRanked ? attributable[t] : Double.NaN,
              isRanked ? attributableCi[t] : null,
              sentiment == null ? null : sentiment[t],
              List.of()));
    }

    Comparator<ThemeImpact> tie =
        Comparator.comparingLong(ThemeImpact::mentions).reversed().thenComparing(ThemeImpact::id);
    Comparator<ThemeImpact> order =
        switch (options.sort()) {
          case ATTRIBUTABLE -> Comparator.comparingDouble(ThemeImpact::attributable).reversed();
          case MENTIONS -> Comparator.comparingLong(ThemeImpact::mentions).reversed();
          case IMPACT -> Comparator.comparingDouble(ImpactRanker::impactKey);
          case DETRACTOR_RATE -> Comparator.comparingDouble(ImpactRanker::rateKey).reversed();
        };
    List<ThemeImpact> rankedRows =
        rows.stream().filter(ThemeImpact::ranked).sorted(order.thenComparing(tie)).toList();
    List<ThemeImpact> out = new ArrayList<>();
    for (int r = 0; r < rankedRows.size(); r++) {
      out.add(rankedRows.get(r).withRank(r + 1));
    }
    rows.stream().filter(row -> !row.ranked()).sorted(tie).forEach(out::add);
    return new ThemeRanking(
        metric,
        n,
        d,
        overallScore,
        options.minMentions(),
        options.sort(),
        options.adjusted(),
        intervalMethod,
        out);
  }

  private static double impactKey(ThemeImpact t) {
    return Double.isNaN(t.scoreImpact()) ? Double.POSITIVE_INFINITY : t.scoreImpact();
  }

  private static double rateKey(ThemeImpact t) {
    return Double.isNaN(t.detractorRate()) ? Double.NEGATIVE_INFINITY : t.detractorRate();
  }
}
