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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ImpactService.class);

  private final ResponseIndex index;

  // Least recently used first; guarded by itself. Entries of older index states are never asked
  // for again and age out.
  private final LinkedHashMap<RankingKey, RankedPage> rankings =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RankingKey, RankedPage> eldest) {
          return size() > CACHED_RANKINGS;
        }
      };

  public ImpactService(ResponseIndex index) {
    this(index, QUIET, REFRESH_EVERY);
  }

  /** With other {@link #QUIET} and {@link #REFRESH_EVERY} (tests). */
  ImpactService(ResponseIndex index, java.time.Duration quiet, java.time.Duration refreshEvery) {
    this.index = index;
    this.quietNanos = quiet.toNanos();
    this.refreshEveryNanos = refreshEvery.toNanos();
    // A deleted comment may be an example of a kept page: none is kept past a deletion.
    index.addRemovalListener(
        () -> {
          synchronized (rankings) {
            rankings.clear();
            latest.clear();
          }
        });
  }

  /**
   * Runs {@code listener} after every deletion or replacement, as the service drops its pages then:
   * for what a caller keeps of them (the JSON documents of GET /themes), so no copy of a deleted
   * comment's example outlives the deletion.
   */
  public void afterRemoval(Runnable listener) {
    index.addRemovalListener(listener);
  }

  /** Pages kept, for the current state and as the latest per request (tests). */
  int cachedPages() {
    synchronized (rankings) {
      return rankings.size() + latest.size();
    }
  }

  /** A page of a ranking: the ranking holds only the page's themes. */
  /**
   * @param unrankedNote {@link ThemeRanking#noneRankedNote()} of the whole ranking (the page's
   *     ranking holds only its themes), or null
   */
  public record RankedPage(
      ThemeRanking ranking, int total, int offset, Integer nextOffset, String unrankedNote) {

    public RankedPage(ThemeRanking ranking, int total, int offset, Integer nextOffset) {
      this(ranking, total, offset, nextOffset, null);
    }
  }

  /**
   * A page and how far behind the index it may be: {@code behind} is at most the number of new
   * responses written since the index state it was computed from (a ranking is never served across
   * a replacement), {@code refined} at most the number whose sentiment the background refinement
   * scored again since; both 0: the current state.
   */
  public record RecentPage(RankedPage page, long behind, long refined) {
    public boolean current() {
      return behind == 0 && refined == 0;
    }
  }

  /**
   * The share of the responses a served ranking may lag behind (see {@link #rankRecent}). Under a
   * steady writer every batch makes a new index state, and a first ranking of a state costs a
   * quarter of a second of CPU at a million responses: 16 readers asking for it at once used to
   * queue behind that many computations (bench-http, ranking p95 2-4 s). One percent of the
   * responses the ranking's filter matched moves a theme's share or rate by at most about one
   * percent of itself; every write counts towards the lag, also one outside the filter.
   */
  static final double MAX_LAG_FRACTION = 0.01;

  /**
   * A ranking served behind the index is recomputed in the background only once it is behind by
   * more than this share of {@link #MAX_LAG_FRACTION}, once the index has not changed for {@link
   * #QUIET}, or once {@link #REFRESH_EVERY} has passed since it was computed. Under a steady writer
   * every write made a new state and every ranking asked for after it was computed again, one after
   * the other on the background thread, each soon behind the next write: in a profile of
   * bench-http's 16 readers + 1 writer (1M responses) that thread took an eighth of the server's
   * samples, on the cores the searches need. Served rankings stay within {@link #MAX_LAG_FRACTION};
   * when writes stop, the next ranking asked for after {@link #QUIET} brings it up to date.
   */
  static final double REFRESH_LAG_SHARE = 0.5;

  /** How long the index must be unchanged for a ranking behind it to be recomputed at once. */
  static final java.time.Duration QUIET = java.time.Duration.ofSeconds(1);

  /** The longest a ranking served behind a changing index goes without being recomputed. */
  static final java.time.Duration REFRESH_EVERY = java.time.Duration.ofSeconds(10);

  private final long quietNanos;
  private final long refreshEveryNanos;

  /** The index's change counts last seen by {@link #rankRecent}, and since when (nanoTime). */
  private record Seen(ResponseIndex.Changes changes, long since) {}

  private volatile Seen lastSeen;

  private final AtomicLong backgroundRuns = new AtomicLong();

  /** Rankings recomputed in the background since the service started. */
  long backgroundRuns() {
    return backgroundRuns.get();
  }

  private record LatestKey(
      long taxonomyVersion, Filter filter, ImpactRanker.Options options, int offset, int limit) {}

  /** A computed page with the index's change counts noted before its snapshot was taken. */
  /**
   * {@code responses}: how many responses the filter matched in the state it was computed from;
   * {@code at}: when its snapshot was taken (nanoTime).
   */
  private record Computed(
      RankedPage page, ResponseIndex.Changes changes, long responses, long at) {}

  // The newest computed page per request; guarded by {@code rankings}.
  private final LinkedHashMap<LatestKey, Computed> latest =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LatestKey, Computed> eldest) {
          return size() > CACHED_RANKINGS;
        }
      };

  /** Rankings being computed: a request for the same one waits for it instead of repeating it. */
  private final ConcurrentHashMap<RankingKey, CompletableFuture<RankedPage>> inflight =
      new ConcurrentHashMap<>();

  /** Requests whose current ranking is being computed in the background. */
  private final Set<LatestKey> refreshing = ConcurrentHashMap.newKeySet();

  // One background thread at most, gone when idle: rankings are computed one after the other so
  // that refreshing them never takes more than one core from the requests.
  private final ThreadPoolExecutor background =
      new ThreadPoolExecutor(
          0,
          1,
          30,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "earful-ranking-refresh");
            t.setDaemon(true);
            return t;
          });

  /**
   * The page's first requests of {@code GET /themes}, unfiltered, with the default options: its
   * pain points ({@code limit=100}, painpoints.js) and its list of themes for the filters ({@code
   * limit=1000}, app.js).
   */
  static final List<RankingRequest> FIRST_PAGES =
      List.of(
          RankingRequest.parse(Map.of("limit", List.of("100")), false),
          RankingRequest.parse(Map.of("limit", List.of("1000")), false));

  /** A warm-up of {@link #FIRST_PAGES} is queued and has not started. */
  private final AtomicBoolean warmUpQueued = new AtomicBoolean();

  private final AtomicLong computed = new AtomicLong();

  /** Rankings computed (not found in the cache or being computed) since the service started. */
  long computed() {
    return computed.get();
  }

  /**
   * Computes {@link #FIRST_PAGES} of the current index state and themes in the background, on the
   * thread that refreshes rankings, so the page's first request after a discovery or a taxonomy
   * edit finds them instead of computing while the user waits (0.5-0.7 s at 100,000 responses,
   * session 25). Each page is computed as any request's is ({@link #current}): under the themes'
   * version, which its key holds, so no page of older themes is served for the new list; a request
   * that comes while it runs waits for it, and one that came first leaves it the cached page. One
   * queued warm-up covers every change made before it starts: an edit after edit queues one.
   */
  public void warmFirstPages() {
    if (!warmUpQueued.compareAndSet(false, true)) {
      return;
    }
    background.execute(
        () -> {
          warmUpQueued.set(false); // a change from now on may not be in the state read below
          for (RankingRequest r : FIRST_PAGES) {
            try {
              current(r.filter(), r.options(), r.offset(), r.limit());
            } catch (RuntimeException e) {
              LOG.warn("could not compute a first page of a new taxonomy in the background", e);
            }
          }
        });
  }

  /**
   * Ranks every theme over the filtered set of the current index state and returns themes [offset,
   * offset + limit) of the list, with examples. Concurrent identical requests share one
   * computation; an unchanged state answers from the cache.
   */
  public RankedPage rank(Filter filter, ImpactRanker.Options options, int offset, int limit) {
    return current(filter, options, offset, limit);
  }

  /**
   * Like {@link #rank}, but while the current ranking is not yet computed it may answer the last
   * one computed for the same request, when that one is behind by at most {@link #MAX_LAG_FRACTION}
   * of the responses written since and nothing was deleted or replaced since (a deleted comment
   * never shows as an example), however many responses had their sentiment refined since, unless
   * the filter names sentiments (a refinement moves only the themes' sentiment mix and the
   * examples' order of a ranking that does not select by sentiment; counted in the lag, the
   * refiner's batches forced a ranking computed afresh on one read in five of a few thousand
   * responses, GET /themes p90 0.6-1.6 s while refining against 20 ms, review R6 of session 21; a
   * ranking filtered by sentiment counts them as it counts new responses, review R2 of session 24);
   * the current one is then computed in the background. The answer says how far behind it is, in
   * new and in refined responses.
   */
  public RecentPage rankRecent(Filter filter, ImpactRanker.Options options, int offset, int limit) {
    ResponseIndex.Changes now = index.changes();
    long quietFor = quietFor(now);
    LatestKey key = new LatestKey(index.themes().version(), filter, options, offset, limit);
    Computed last;
    synchronized (rankings) {
      last = latest.get(key);
    }
    if (last != null && last.changes().removed() == now.removed()) {
      long behind = now.written() - last.changes().written();
      long refined = now.refined() - last.changes().refined();
      if (behind == 0 && refined == 0) {
        return new RecentPage(last.page(), 0, 0); // merges change the state, not what it holds
      }
      // A filter on sentiment selects its responses by the label the refiner rewrites: there a
      // refined write moves the set, its counts and impacts, and is lag like a new response.
      long lag = filter.sentiments().isEmpty() ? behind : behind + refined;
      if (lag <= MAX_LAG_FRACTION * last.responses()) {
        boolean due =
            lag > REFRESH_LAG_SHARE * MAX_LAG_FRACTION * last.responses()
                || quietFor >= quietNanos
                || System.nanoTime() - last.at() >= refreshEveryNanos;
        if (due && refreshing.add(key)) {
          backgroundRuns.incrementAndGet();
          background.execute(
              () -> {
                try {
                  current(filter, options, offset, limit);
                } catch (RuntimeException e) {
                  LOG.warn("could not refresh a ranking in the background", e);
                } finally {
                  refreshing.remove(key);
                }
              });
        }
        return new RecentPage(last.page(), behind, refined);
      }
    }
    return new RecentPage(current(filter, options, offset, limit), 0, 0);
  }

  /** How long the index has shown {@code now} to this service, in nanoseconds (0 when new). */
  private long quietFor(ResponseIndex.Changes now) {
    long t = System.nanoTime();
    Seen seen = lastSeen;
    if (seen == null || !seen.changes().equals(now)) {
      lastSeen = new Seen(now, t);
      return 0;
    }
    return t - seen.since();
  }

  private RankedPage current(Filter filter, ImpactRanker.Options options, int offset, int limit) {
    ResponseIndex.Changes changes = index.changes(); // before the snapshot: see Changes
    long at = System.nanoTime();
    long deletions = index.deletions();
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      long version = s.themes().version();
      RankingKey key = new RankingKey(s.stateKey(), version, filter, options, offset, limit);
      synchronized (rankings) {
        RankedPage cached = rankings.get(key);
        if (cached != null) {
          return cached;
        }
      }
      CompletableFuture<RankedPage> mine = new CompletableFuture<>();
      CompletableFuture<RankedPage> running = inflight.putIfAbsent(key, mine);
      if (running != null) {
        try {
          return running.join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw e;
        }
      }
      try {
        computed.incrementAndGet();
        RankedPage page = rank(s, filter, options, offset, limit);
        // the lag is measured against the filtered set, not the whole index: 1% of a million is
        // more than a segment or a day may hold
        Computed computed = new Computed(page, changes, page.ranking().count(), at);
        LatestKey latestKey = new LatestKey(version, filter, options, offset, limit);
        synchronized (rankings) {
          if (index.deletions() != deletions) {
            // a deletion since the snapshot: the page may quote the deleted comment
            mine.complete(page);
            return page;
          }
          rankings.put(key, page);
          Computed before = latest.get(latestKey);
          if (before == null
              || (changes.written() >= before.changes().written()
                  && changes.removed() >= before.changes().removed()
                  && changes.refined() >= before.changes().refined())) {
            latest.put(latestKey, computed);
          }
        }
        mine.complete(page);
        return page;
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
        throw e;
      } finally {
        inflight.remove(key, mine);
      }
    }
  }

  private RankedPage rank(
      ResponseIndex.Snapshot s,
      Filter filter,
      ImpactRanker.Options options,
      int offset,
      int limit) {
    View v = view(s, filter);
    Ranked ranked = rankView(s, filter, v, options);
    ThemeRanking full = ranked.ranking();
    int total = full.themes().size();
    int from = Math.min(offset, total);
    int to = (int) Math.min((long) from + limit, total);
    List<ThemeImpact> page = new ArrayList<>();
    FixedBitSet detractors = detractors(v);
    for (ThemeImpact t : full.themes().subList(from, to)) {
      page.add(t.withExamples(examples(s, v, detractors, ranked.table(), t.id())));
    }
    return new RankedPage(
        full.withThemes(page), total, from, to < total ? to : null, full.noneRankedNote());
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
      Ranked ranked = rankView(s, filter, v, options);
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

  private record FitKey(long taxonomyVersion, Filter filter, ImpactRanker.Options options) {}

  /**
   * A ranking as fitted ({@link ImpactRanker#rank}), with the metric and table it was fitted on.
   */
  private record Fit(Metric metric, PatternTable patterns, ThemeRanking ranking) {}

  /**
   * The last fitted ranking per filter and options. A ranking is a function of the table of theme
   * patterns and score tallies alone, but for the themes' sentiment mix, which it only carries; a
   * table equal to the one a kept fit was made from gets that fit with the mix counted again, not
   * the regression and its bootstrap again (the same digits: the table is in canonical order). The
   * refinement rewrites only sentiment labels, and a write outside a filter leaves its table as it
   * was: while the refiner ran, the background recompute of each ranking asked for, every 10 s,
   * took more CPU than the refiner itself (session 24, GET /themes p90 55-125 ms while refining
   * against 9-28 ms after). Guarded by itself; at most {@link #KEPT_FITS}, least recently used
   * dropped first.
   */
  private final LinkedHashMap<FitKey, Fit> fits =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FitKey, Fit> eldest) {
          return size() > KEPT_FITS;
        }
      };

  /**
   * Fits kept. A kept fit holds its table's patterns and tallies: with bench-impact's generator
   * (200 themes), 18,624 patterns at 100,000 responses (about 1.7 MB, counted from the arrays and
   * records) and 107,306 at a million (about 10 MB). There the check of a new table against a kept
   * one took 6-15 and 5-13 ms, the fit it saves 50-93 and 85-154 ms (a probe, session 25, noisy
   * box). A filter whose fit was dropped is fitted as before, so a small bound costs no more than
   * no kept fit; four covers the page and the refining bench's three departments.
   */
  static final int KEPT_FITS = 4;

  private final AtomicLong fitted = new AtomicLong();

  /** Rankings fitted since the service started ({@link #fits}: not those given a kept fit). */
  long fitted() {
    return fitted.get();
  }

  /** The filtered documents of the metric in view, with what the computations read. */
  private record View(Metric metric, FixedBitSet docs, DocColumns columns, List<Theme> themes) {}

  private record Ranked(ThemeRanking ranking, PatternTable table) {}

  private static View view(ResponseIndex.Snapshot s, Filter filter) {
    FixedBitSet docs = s.matching(filter);
    DocColumns columns = s.columns();
    Metric metric = filter.metric() != null ? filter.metric() : dominantMetric(s, docs);
    if (filter.metric() == null) {
      keepMetric(docs, columns, metric);
    }
    return new View(metric, docs, columns, s.themes().all());
  }

  /**
   * How the responses of {@code docs} that mention {@code theme} speak of it, one polarity each,
   * read from the index's per-polarity theme fields with the precedence a search hit uses ({@code
   * ThemeMatcher}): negative when a clause holding a mention is negative, else positive when one is
   * positive, else neutral; so the three add up to the theme's mentions. Counted per field, a
   * comment that praised a theme in one clause and faulted it in another would count twice (on the
   * women's reviews "fabric" 11,784 beside 9,845 mentions). The index's fields and a hit's clause
   * spans can still differ for a phrase that spans two clauses (0.22% of mentions there).
   */
  static ThemeImpact.SentimentMix sentimentMix(
      ResponseIndex.Snapshot s, Theme theme, FixedBitSet docs) {
    FixedBitSet negative = s.mentioning(theme, Polarity.NEGATIVE);
    FixedBitSet positive = s.mentioning(theme, Polarity.POSITIVE).clone();
    positive.andNot(negative);
    FixedBitSet neutral = s.mentioning(theme).clone();
    neutral.andNot(negative);
    neutral.andNot(s.mentioning(theme, Polarity.POSITIVE));
    return new ThemeImpact.SentimentMix(
        FixedBitSet.intersectionCount(positive, docs),
        FixedBitSet.intersectionCount(neutral, docs),
        FixedBitSet.intersectionCount(negative, docs));
  }

  private Ranked rankView(
      ResponseIndex.Snapshot s, Filter filter, View v, ImpactRanker.Options options) {
    List<Theme> themes = v.themes();
    List<FixedBitSet> bits = new ArrayList<>(themes.size());
    ThemeImpact.SentimentMix[] mix = new ThemeImpact.SentimentMix[themes.size()];
    for (int t = 0; t < themes.size(); t++) {
      Theme theme = themes.get(t);
      bits.add(s.mentioning(theme));
      mix[t] = sentimentMix(s, theme, v.docs());
    }
    PatternTable table = PatternTable.build(v.metric(), v.docs(), v.columns()::score, bits);
    FitKey key = new FitKey(s.themes().version(), filter, options);
    Fit fit;
    synchronized (fits) {
      fit = fits.get(key);
    }
    if (fit != null && fit.metric() == v.metric() && fit.patterns().samePatterns(table)) {
      return new Ranked(withSentiment(fit.ranking(), themes, mix), table);
    }
    ThemeRanking ranking = ImpactRanker.rank(v.metric(), table, themes, mix, options);
    fitted.incrementAndGet();
    synchronized (fits) {
      fits.put(key, new Fit(v.metric(), table.withoutDocuments(), ranking));
    }
    return new Ranked(ranking, table);
  }

  /** {@code ranking} with each theme's sentiment mix replaced by its own in {@code mix}. */
  private static ThemeRanking withSentiment(
      ThemeRanking ranking, List<Theme> themes, ThemeImpact.SentimentMix[] mix) {
    Map<String, ThemeImpact.SentimentMix> byId = new HashMap<>();
    for (int t = 0; t < themes.size(); t++) {
      byId.put(themes.get(t).id(), mix[t]);
    }
    List<ThemeImpact> out = new ArrayList<>(ranking.themes().size());
    for (ThemeImpact t : ranking.themes()) {
      out.add(t.withSentiment(byId.get(t.id())));
    }
    return ranking.withThemes(out);
  }

  /**
   * The metric most of {@code docs} use; when none matched (a misspelt segment, a period without
   * responses), the metric most of all responses use: the empty ranking and report of a CSAT survey
   * said "nps" ("0 responses (nps)" in earful themes) beside the warning that named the typo.
   */
  static Metric dominantMetric(ResponseIndex.Snapshot s, FixedBitSet docs) {
    FixedBitSet counted = docs.cardinality() > 0 ? docs : s.matching(Filter.ALL);
    return dominantMetric(counted, s.columns());
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
   * Candidates kept per theme so that {@link #EXAMPLES} distinct comments remain when some are the
   * same text from different responses (a survey's template sentence, a pasted answer).
   */
  private static final int EXAMPLE_CANDIDATES = 4 * EXAMPLES;

  /**
   * Up to {@link #EXAMPLES} detractor comments mentioning the theme, most representative first: the
   * theme in a negative clause, then the fewest other themes mentioned, then the lowest score, then
   * the response id (so the choice does not depend on the index's document order). A comment whose
   * text (its words: {@link ExampleSnippets#sameText}) is one already chosen is passed over for the
   * next candidate: the review quoted "The internet drops every evening." twice under one pain
   * point.
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
    long[] bestKey = new long[EXAMPLE_CANDIDATES];
    int[] bestDoc = new int[EXAMPLE_CANDIDATES];
    BytesRef[] bestId = new BytesRef[EXAMPLE_CANDIDATES];
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
        if (found == EXAMPLE_CANDIDATES && key > bestKey[EXAMPLE_CANDIDATES - 1]) {
          continue;
        }
        BytesRef id = ids.id(doc);
        int pos = found;
        while (pos > 0
            && (key < bestKey[pos - 1]
                || (key == bestKey[pos - 1] && id.compareTo(bestId[pos - 1]) < 0))) {
          pos--;
        }
        if (pos >= EXAMPLE_CANDIDATES) {
          continue;
        }
        int last = Math.min(found, EXAMPLE_CANDIDATES - 1);
        for (int i = last; i > pos; i--) {
          bestKey[i] = bestKey[i - 1];
          bestDoc[i] = bestDoc[i - 1];
          bestId[i] = bestId[i - 1];
        }
        bestKey[pos] = key;
        bestDoc[pos] = doc;
        bestId[pos] = id;
        found = Math.min(found + 1, EXAMPLE_CANDIDATES);
      }
    }
    List<ThemeImpact.Example> out = new ArrayList<>();
    Set<String> texts = new HashSet<>();
    for (int i = 0; i < found && out.size() < EXAMPLES; i++) {
      AnalyzedResponse r = s.load(bestDoc[i]);
      if (!texts.add(ExampleSnippets.sameText(r.response().comment()))) {
        continue;
      }
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
