package dev.earful.impact;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeMention;
import dev.earful.search.DocColumns;
import dev.earful.search.Filter;
import dev.earful.search.IdLookup;
import dev.earful.search.ResponseIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The ranked theme list and the trends of a filtered set, computed from the index: the filter's bit
 * set, each theme's bit set (cached by the index per reader and taxonomy version), scores, groups
 * and times from doc values. Only the few example comments are ever loaded.
 *
 * <p>The metric in view is the filter's; without one, the metric most of the filtered responses use
 * (ties: NPS, CSAT, CES), and only its responses count: scales are never mixed.
 */
public final class ImpactService {

  /** Examples per theme. */
  public static final int EXAMPLES = 3;

  /**
   * Rankings kept for reuse. A ranking is a pure function of the index state, the taxonomy version,
   * the filter, the options and the page; the web page and a dashboard ask the same one again and
   * again between writes, and one costs tens to hundreds of milliseconds at a million responses (a
   * profile of bench-http: the examples' scan and the pattern table). Each entry is a page of at
   * most a few hundred small records.
   */
  static final int CACHED_RANKINGS = 32;

  private record RankingKey(
      Object indexState,
      long taxonomyVersion,
      Filter filter,
      ImpactRanker.Options options,
      int offset,
      int limit) {}

  private final ResponseIndex index;

  // Least recently used first; guarded by itself. Entries of older index states are never asked
  // for again and age out.
  private final java.util.LinkedHashMap<RankingKey, RankedPage> rankings =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<RankingKey, RankedPage> eldest) {
          return size() > CACHED_RANKINGS;
        }
      };

  public ImpactService(ResponseIndex index) {
    this.index = index;
  }

  /** A page of a ranking: the ranking holds only the page's themes. */
  public record RankedPage(ThemeRanking ranking, int total, int offset, Integer nextOffset) {}

  /**
   * Ranks every theme over the filtered set and returns themes [offset, offset + limit) of the
   * list, with examples.
   */
  public RankedPage rank(Filter filter, ImpactRanker.Options options, int offset, int limit) {
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      RankingKey key =
          new RankingKey(s.stateKey(), s.themes().version(), filter, options, offset, limit);
      synchronized (rankings) {
        RankedPage cached = rankings.get(key);
        if (cached != null) {
          return cached;
        }
      }
      RankedPage page = rank(s, filter, options, offset, limit);
      synchronized (rankings) {
        rankings.put(key, page);
      }
      return page;
    }
  }

  private static RankedPage rank(
      ResponseIndex.Snapshot s,
      Filter filter,
      ImpactRanker.Options options,
      int offset,
      int limit) {
    View v = view(s, filter);
    Ranked ranked = rankView(s, v, options);
    ThemeRanking full = ranked.ranking();
    int total = full.themes().size();
    int from = Math.min(offset, total);
    int to = (int) Math.min((long) from + limit, total);
    List<ThemeImpact> page = new ArrayList<>();
    FixedBitSet detractors = detractors(v);
    for (ThemeImpact t : full.themes().subList(from, to)) {
      page.add(t.withExamples(examples(s, v, detractors, ranked.table(), t.id())));
    }
    return new RankedPage(full.withThemes(page), total, from, to < total ? to : null);
  }

  /** One theme's figures (with examples) and its trend over the filtered set. */
  public record ThemeDetail(
      ThemeRanking context, ThemeImpact impact, TrendAnalyzer.TrendReport trend) {}

  /** The figures and trend of one theme, empty when no such theme exists. */
  public Optional<ThemeDetail> detail(
      String themeId,
      Filter filter,
      ImpactRanker.Options options,
      TrendAnalyzer.Options trendOptions) {
    Optional<Theme> theme = index.themes().find(themeId);
    if (theme.isEmpty()) {
      return Optional.empty();
    }
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      View v = view(s, filter);
      Ranked ranked = rankView(s, v, options);
      ThemeRanking full = ranked.ranking();
      ThemeImpact impact =
          full.themes().stream().filter(t -> t.id().equals(themeId)).findFirst().orElseThrow();
      impact = impact.withExamples(examples(s, v, detractors(v), ranked.table(), themeId));
      TrendAnalyzer.TrendReport trend =
          TrendAnalyzer.analyze(
              v.metric(),
              v.docs(),
              v.columns()::score,
              v.columns()::submittedAtMillis,
              List.of(theme.get()),
              List.of(s.mentioning(theme.get())),
              trendOptions);
      return Optional.of(new ThemeDetail(full.withThemes(List.of(impact)), impact, trend));
    }
  }

  /** Per-period volume, score, detractor rate and theme shares; emerging themes. */
  public TrendAnalyzer.TrendReport trends(Filter filter, TrendAnalyzer.Options options) {
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      View v = view(s, filter);
      List<Theme> themes = v.themes();
      List<FixedBitSet> bits = new ArrayList<>(themes.size());
      for (Theme t : themes) {
        bits.add(s.mentioning(t));
      }
      return TrendAnalyzer.analyze(
          v.metric(),
          v.docs(),
          v.columns()::score,
          v.columns()::submittedAtMillis,
          themes,
          bits,
          options);
    }
  }

  /** The filtered documents of the metric in view, with what the computations read. */
  private record View(Metric metric, FixedBitSet docs, DocColumns columns, List<Theme> themes) {}

  private record Ranked(ThemeRanking ranking, PatternTable table) {}

  private static View view(ResponseIndex.Snapshot s, Filter filter) {
    FixedBitSet docs = s.matching(filter);
    DocColumns columns = s.columns();
    Metric metric = filter.metric() != null ? filter.metric() : dominantMetric(docs, columns);
    if (filter.metric() == null) {
      keepMetric(docs, columns, metric);
    }
    return new View(metric, docs, columns, s.themes().all());
  }

  private static Ranked rankView(ResponseIndex.Snapshot s, View v, ImpactRanker.Options options) {
    List<Theme> themes = v.themes();
    List<FixedBitSet> bits = new ArrayList<>(themes.size());
    ThemeImpact.SentimentMix[] mix = new ThemeImpact.SentimentMix[themes.size()];
    for (int t = 0; t < themes.size(); t++) {
      Theme theme = themes.get(t);
      bits.add(s.mentioning(theme));
      mix[t] =
          new ThemeImpact.SentimentMix(
              FixedBitSet.intersectionCount(s.mentioning(theme, Polarity.POSITIVE), v.docs()),
              FixedBitSet.intersectionCount(s.mentioning(theme, Polarity.NEUTRAL), v.docs()),
              FixedBitSet.intersectionCount(s.mentioning(theme, Polarity.NEGATIVE), v.docs()));
    }
    PatternTable table = PatternTable.build(v.metric(), v.docs(), v.columns()::score, bits);
    return new Ranked(ImpactRanker.rank(v.metric(), table, themes, mix, options), table);
  }

  /** The metric most of the documents use; ties go to NPS, then CSAT. */
  static Metric dominantMetric(FixedBitSet docs, DocColumns columns) {
    long[] counts = new long[Metric.values().length];
    long[] bits = docs.getBits();
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        counts[columns.metricOrdinal(doc)]++;
      }
    }
    int best = 0;
    for (int m = 1; m < counts.length; m++) {
      if (counts[m] > counts[best]) {
        best = m;
      }
    }
    return Metric.values()[best];
  }

  private static void keepMetric(FixedBitSet docs, DocColumns columns, Metric metric) {
    long[] bits = docs.getBits();
    int keep = metric.ordinal();
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        if (columns.metricOrdinal(doc) != keep) {
          docs.clear(doc);
        }
      }
    }
  }

  /**
   * The filtered documents that are detractors: examples come only from them, so a page of themes
   * scans each theme's mentions among these (a quarter of the documents, typically) rather than
   * all.
   */
  private static FixedBitSet detractors(View v) {
    FixedBitSet out = new FixedBitSet(v.docs().length());
    long[] bits = v.docs().getBits();
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        if (v.columns().isNegative(doc)) {
          out.set(doc);
        }
      }
    }
    return out;
  }

  /**
   * Up to {@link #EXAMPLES} detractor comments mentioning the theme, most representative first: the
   * theme in a negative clause, then the fewest other themes mentioned, then the lowest score, then
   * the response id (so the choice does not depend on the index's document order).
   */
  private static List<ThemeImpact.Example> examples(
      ResponseIndex.Snapshot s,
      View v,
      FixedBitSet detractors,
      PatternTable table,
      String themeId) {
    Optional<Theme> theme = v.themes().stream().filter(t -> t.id().equals(themeId)).findFirst();
    if (theme.isEmpty()) {
      return List.of();
    }
    FixedBitSet mentions = s.mentioning(theme.get());
    FixedBitSet negative = s.mentioning(theme.get(), Polarity.NEGATIVE);
    IdLookup ids = s.ids();
    long[] bestKey = new long[EXAMPLES];
    int[] bestDoc = new int[EXAMPLES];
    BytesRef[] bestId = new BytesRef[EXAMPLES];
    int found = 0;
    long[] a = mentions.getBits();
    long[] b = detractors.getBits();
    for (int w = 0; w < Math.min(a.length, b.length); w++) {
      long word = a[w] & b[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        long key =
            ((negative.get(doc) ? 0L : 1L) << 40)
                | ((long) table.themesOf(table.patternOfDoc(doc)).length << 16)
                | v.columns().score(doc);
        if (found == EXAMPLES && key > bestKey[EXAMPLES - 1]) {
          continue;
        }
        BytesRef id = ids.id(doc);
        int pos = found;
        while (pos > 0
            && (key < bestKey[pos - 1]
                || (key == bestKey[pos - 1] && id.compareTo(bestId[pos - 1]) < 0))) {
          pos--;
        }
        if (pos >= EXAMPLES) {
          continue;
        }
        int last = Math.min(found, EXAMPLES - 1);
        for (int i = last; i > pos; i--) {
          bestKey[i] = bestKey[i - 1];
          bestDoc[i] = bestDoc[i - 1];
          bestId[i] = bestId[i - 1];
        }
        bestKey[pos] = key;
        bestDoc[pos] = doc;
        bestId[pos] = id;
        found = Math.min(found + 1, EXAMPLES);
      }
    }
    List<ThemeImpact.Example> out = new ArrayList<>();
    for (int i = 0; i < found; i++) {
      AnalyzedResponse r = s.load(bestDoc[i]);
      List<dev.earful.domain.CharSpan> spans =
          s.themes().mentionsIn(r.analysis()).stream()
              .filter(m -> m.themeId().equals(themeId))
              .map(ThemeMention::spans)
              .findFirst()
              .orElse(List.of());
      out.add(
          new ThemeImpact.Example(
              r.response().id(), ExampleSnippets.snippet(r.response().comment(), spans)));
    }
    return out;
  }
}
