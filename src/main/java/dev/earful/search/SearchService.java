package dev.earful.search;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.CommentLanguages;
import dev.earful.domain.Polarity;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.store.IndexStoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Full-text search over the responses: BM25 on the comment (see {@link QuerySyntax}), every {@link
 * Filter}, facets (category, sentiment, each segment, language, themes), highlighted snippets, and
 * cursor paging that neither repeats nor skips a hit. Thread-safe.
 */
public final class SearchService {

  /** Values kept per facet dimension (segments can have many). */
  public static final int MAX_FACET_VALUES = 50;

  /** Snippets per hit, and the length of the comment's opening used when nothing is highlighted. */
  static final int MAX_SNIPPETS = 2;

  static final int OPENING_LENGTH = 200;

  /** The facet dimension of themes (computed from theme queries, not stored). */
  public static final String FACET_THEMES = "themes";

  private static final SortField BY_ID = new SortField(Schema.ID, SortField.Type.STRING);
  private static final SortField NEWEST_FIRST =
      new SortedNumericSortField(Schema.SUBMITTED_AT, SortField.Type.LONG, true);

  private final ResponseIndex index;

  /** Facet dimensions with at most this many values are counted by bit sets (FacetBitSets). */
  private final int bitSetValues;

  /**
   * Searches whose results are kept for the same search asked again on the same index state (see
   * {@link SearchResultCache}): pages of 20 hits with their analyses take tens of KB each.
   */
  static final int CACHED_RESULTS = 256;

  /**
   * Characters of comments that the kept results may hold in all (about 25 bytes of analysis a
   * character, so about 50 MB): 256 pages of 20 survey comments are far below it.
   */
  static final long CACHED_CHARS = 2_000_000;

  private final SearchResultCache results;

  /** The last {@link #storedLanguages()} and the index state it was counted on. */
  private record CountedLanguages(Object state, CommentLanguages languages) {}

  private volatile CountedLanguages lastStoredLanguages;

  public SearchService(ResponseIndex index) {
    this(index, FacetBitSets.MAX_VALUES, CACHED_RESULTS);
  }

  /** With {@code bitSetValues} 0 every facet is counted document by document (tests compare). */
  SearchService(ResponseIndex index, int bitSetValues) {
    this(index, bitSetValues, CACHED_RESULTS);
  }

  /** With {@code cachedResults} 0 every search runs (tests compare). */
  SearchService(ResponseIndex index, int bitSetValues, int cachedResults) {
    this.index = index;
    this.bitSetValues = bitSetValues;
    this.results = new SearchResultCache(cachedResults, CACHED_CHARS);
    index.addRemovalListener(
        () -> {
          try (ResponseIndex.Snapshot s = index.snapshot()) {
            results.dropOlderThan(s.version()); // the reader without the deleted responses
          }
        });
  }

  /** Characters of comments that the kept results hold (tests). */
  long cachedChars() {
    return results.chars();
  }

  /** Searches answered from the result cache and searches run since the service started. */
  public long[] cacheHitsAndMisses() {
    return results.hitsAndMisses();
  }

  /**
   * Which of {@code ids} the responses of {@code filter} hold now (the index's one reading of a
   * filter, themes as any of them): for a choice among one search's hits that must also lie in
   * another filter's set.
   */
  public java.util.Set<String> matchingIds(Filter filter, java.util.Collection<String> ids) {
    return index.matchingIds(filter, ids);
  }

  public SearchResult search(SearchRequest request) {
    try (ResponseIndex.Snapshot snapshot = index.snapshot()) {
      // The taxonomy is read before and after: a result that saw it change is not kept.
      long taxonomy = index.themes().version();
      SearchResult cached = results.get(snapshot.stateKey(), taxonomy, request);
      if (cached != null) {
        return cached;
      }
      SearchResult result = search(request, snapshot);
      if (index.themes().version() == taxonomy) {
        results.put(snapshot.stateKey(), snapshot.version(), taxonomy, request, result);
      }
      return result;
    }
  }

  private SearchResult search(SearchRequest request, ResponseIndex.Snapshot snapshot) {
    Filter filter = request.filter();
    SortOrder order = request.effectiveSort();
    Sort sort = sortOf(order);
    ThemeCatalog themes = index.themes();
    Query text = QuerySyntax.forComments().parse(filter.q());
    BooleanQuery.Builder qb = new BooleanQuery.Builder();
    qb.add(text == null ? new MatchAllDocsQuery() : text, BooleanClause.Occur.MUST);
    for (Query f : FilterQueries.filterClauses(filter, themes)) {
      qb.add(f, BooleanClause.Occur.FILTER);
    }
    Query query = qb.build();
    Cursor.Position position =
        request.cursor() == null ? null : decodeCursor(request.cursor(), order, filter, sort);
    FieldDoc after = position == null ? null : position.after();

    try {
      // Pass 1, no scores: every match as a bit set, for the exact total and the facets.
      FixedBitSet matched = snapshot.matching(query);
      long total = matched.cardinality();
      Map<String, Map<String, Long>> facets =
          request.facets() ? facets(snapshot, matched, themes) : Map.of();
      if (request.limit() == 0) {
        // A count-only search: the total and the facets are the answer, and there is no page to
        // continue from.
        return new SearchResult(total, List.of(), facets, null);
      }
      // Relevance with a query is scored with the first page's statistics on every page, which the
      // cursor carries (see ScoringStatistics); every other order sorts by stored values.
      ScoringStatistics statistics = null;
      IndexSearcher searcher = snapshot.searcher();
      if (order == SortOrder.RELEVANCE && text != null) {
        statistics =
            position != null && position.statistics() != null
                ? position.statistics()
                : new ScoringStatistics();
        searcher = snapshot.scoredWith(statistics);
      }
      // Pass 2: the page. Counting stops early here, so Lucene can skip documents that cannot
      // make the page (WAND for relevance, points for dates and scores). One hit more than asked
      // tells whether a next page exists.
      TopFieldDocs docs =
          searcher.search(
              query,
              new TopFieldCollectorManager(sort, request.limit() + 1, after, request.limit() + 1));
      boolean more = docs.scoreDocs.length > request.limit();
      if (more) {
        docs =
            new TopFieldDocs(
                docs.totalHits, Arrays.copyOf(docs.scoreDocs, request.limit()), docs.fields);
      }
      List<SearchHit> hits = hits(snapshot, docs, text, order);
      String next =
          more
              ? Cursor.encode(
                  (FieldDoc) docs.scoreDocs[request.limit() - 1], order, filter, statistics)
              : null;
      return new SearchResult(total, hits, facets, next);
    } catch (IOException e) {
      throw new IndexStoreException("cannot search the index", e);
    }
  }

  private List<SearchHit> hits(
      ResponseIndex.Snapshot snapshot, TopFieldDocs docs, Query text, SortOrder order)
      throws IOException {
    HitHighlighter highlighter =
        text != null && docs.scoreDocs.length > 0
            ? new HitHighlighter(snapshot.searcher(), text)
            : null;
    ThemeCatalog themes = snapshot.themes();
    List<SearchHit> hits = new ArrayList<>(docs.scoreDocs.length);
    for (int i = 0; i < docs.scoreDocs.length; i++) {
      ScoreDoc sd = docs.scoreDocs[i];
      AnalyzedResponse r = snapshot.load(sd.doc);
      String comment = r.response().comment();
      String snippet =
          highlighter == null || comment.isEmpty() ? null : highlighter.highlight(sd.doc, comment);
      List<String> highlights;
      if (snippet != null && !snippet.isEmpty()) {
        highlights = splitPassages(snippet);
      } else if (!comment.isEmpty()) {
        highlights = List.of(opening(comment));
      } else {
        highlights = List.of();
      }
      float relevance =
          order == SortOrder.RELEVANCE ? (Float) ((FieldDoc) sd).fields[0] : Float.NaN;
      hits.add(
          new SearchHit(
              r, r.response().category(), highlights, themes.mentionsIn(r.analysis()), relevance));
    }
    return hits;
  }

  /** The formatter joins passages with the ellipsis; the API gives them as a list. */
  private static List<String> splitPassages(String joined) {
    List<String> out = new ArrayList<>();
    for (String p : joined.split(String.valueOf(MarkFormatter.SEPARATOR))) {
      String s = p.strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** The first {@link #OPENING_LENGTH} characters, cut at a space, HTML-escaped. */
  static String opening(String comment) {
    String c = comment.strip();
    if (c.length() <= OPENING_LENGTH) {
      return escape(c);
    }
    int cut = c.lastIndexOf(' ', OPENING_LENGTH);
    if (cut < OPENING_LENGTH / 2) {
      cut = OPENING_LENGTH;
    }
    return escape(c.substring(0, cut).strip()) + " …";
  }

  static String escape(String s) {
    return MarkFormatter.escape(s);
  }

  /**
   * Counts category, sentiment and segment values over the matched documents: by intersecting the
   * matches with each value's bit set (see {@link FacetBitSets}), and, for dimensions with too many
   * values for sets, document by document from in-memory columns; themes by intersecting with each
   * theme's cached bit set. The intersections are counted together (see {@link FacetTally}): in a
   * profile of searches at a million responses, counting facets was a quarter of the searching
   * thread's time.
   */
  private Map<String, Map<String, Long>> facets(
      ResponseIndex.Snapshot snapshot, FixedBitSet matched, ThemeCatalog themes) {
    long[] categories = new long[Category.values().length];
    long[] sentiments = new long[Polarity.values().length];
    Map<String, Map<String, Long>> segments = new TreeMap<>();
    FacetBitSets sets = bitSetValues > 0 ? snapshot.facetBits(bitSetValues) : null;
    FacetTally tally = new FacetTally(matched);
    if (sets != null) {
      tallyBySets(tally, sets.categories, categories);
      tallyBySets(tally, sets.sentiments, sentiments);
      sets.dims.forEach(
          (dim, values) -> {
            Map<String, Long> m = new HashMap<>();
            values.forEach((label, bits) -> tally.add(bits, n -> putCount(m, label, n)));
            segments.put(dim, m);
          });
    }
    List<Theme> all = themes.all();
    Map<String, Long> themeCounts = new HashMap<>();
    for (Theme t : all) {
      tally.add(snapshot.mentioning(t), n -> putCount(themeCounts, t.id(), n));
    }
    tally.count();
    if (sets == null || !sets.wide.isEmpty()) {
      countByDocument(snapshot, matched, sets, categories, sentiments, segments);
    }
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    Map<String, Long> category = new HashMap<>();
    for (Category cat : Category.values()) {
      if (categories[cat.ordinal()] > 0) {
        category.put(cat.wireName(), categories[cat.ordinal()]);
      }
    }
    out.put(Schema.FACET_CATEGORY, topValues(category));
    Map<String, Long> sentiment = new HashMap<>();
    for (Polarity p : Polarity.values()) {
      if (sentiments[p.ordinal()] > 0) {
        sentiment.put(p.wireName(), sentiments[p.ordinal()]);
      }
    }
    out.put(Schema.FACET_SENTIMENT, topValues(sentiment));
    if (!all.isEmpty()) {
      out.put(FACET_THEMES, topValues(themeCounts));
    }
    countNoLanguage(matched, segments);
    segments.forEach(
        (dim, values) -> {
          if (!values.isEmpty()) {
            out.put(dim, topValues(values));
          }
        });
    return out;
  }

  /**
   * Responses without a comment have no language, so they were missing from the language facet and
   * its counts fell short of the hits: they are counted as {@link Schema#NO_LANGUAGE}. A response
   * has one language at most, so they are the hits less the languages' counts.
   */
  private static void countNoLanguage(
      FixedBitSet matched, Map<String, Map<String, Long>> segments) {
    Map<String, Long> languages =
        segments.computeIfAbsent(Schema.FACET_LANGUAGE, k -> new HashMap<>());
    long none =
        matched.cardinality() - languages.values().stream().mapToLong(Long::longValue).sum();
    putCount(languages, Schema.NO_LANGUAGE, none);
  }

  private static void tallyBySets(FacetTally tally, FixedBitSet[] sets, long[] counts) {
    for (int o = 0; o < sets.length; o++) {
      if (sets[o] != null) {
        int ordinal = o;
        tally.add(sets[o], n -> counts[ordinal] = n);
      }
    }
  }

  /** Values that no match has are left out of a facet. */
  private static void putCount(Map<String, Long> counts, String value, long n) {
    if (n > 0) {
      counts.put(value, n);
    }
  }

  /**
   * The per-document count: every facet when {@code sets} is null, else only its wide dimensions.
   */
  private static void countByDocument(
      ResponseIndex.Snapshot snapshot,
      FixedBitSet matched,
      FacetBitSets sets,
      long[] categories,
      long[] sentiments,
      Map<String, Map<String, Long>> segments) {
    DocColumns columns = snapshot.columns();
    boolean all = sets == null;
    List<ColumnCache.LeafFacets> leaves = snapshot.segmentFacets();
    BitSetIterator it = new BitSetIterator(matched, 0);
    int doc = it.nextDoc();
    for (ColumnCache.LeafFacets leaf : leaves) {
      int base = leaf.docBase();
      int end = base + leaf.maxDoc();
      SegmentFacetColumns c = leaf.columns();
      int[] counted = new int[c.dims.length];
      int n = 0;
      for (int d = 0; d < c.dims.length; d++) {
        if (all || sets.wide.contains(c.dims[d])) {
          counted[n++] = d;
        }
      }
      long[][] counts = new long[n][];
      for (int i = 0; i < n; i++) {
        counts[i] = new long[c.labels[counted[i]].length + 1];
      }
      for (; doc < end; doc = it.nextDoc()) {
        if (all) {
          categories[columns.categoryOrdinal(doc)]++;
          sentiments[columns.sentimentOrdinal(doc)]++;
        }
        int local = doc - base;
        for (int i = 0; i < n; i++) {
          counts[i][c.values[counted[i]][local]]++;
        }
      }
      for (int i = 0; i < n; i++) {
        int d = counted[i];
        Map<String, Long> m = segments.computeIfAbsent(c.dims[d], k -> new HashMap<>());
        for (int v = 1; v < counts[i].length; v++) {
          if (counts[i][v] > 0) {
            m.merge(c.labels[d][v - 1], counts[i][v], Long::sum);
          }
        }
      }
    }
  }

  /** Values listed in a segment warning; more are counted, not named. */
  static final int WARNING_VALUES = 20;

  /**
   * One warning per segment filter that no stored response has: an unknown key, or a value not
   * stored under its key, naming the keys or values that are (and the stored spelling of a value
   * that differs only in case: values match exactly, so "eu" finds nothing when "EU" is stored).
   * The filter itself is valid, and its answer (nothing) is right; the warning says why it is
   * empty.
   */
  /**
   * The {@link #segmentWarnings} of {@code filter} as a bracket to end a sentence with ("
   * (segment.regoin: no response has the segment 'regoin' ...)"); empty when there are none. For an
   * answer that is only a sentence: a review report that cannot be written said only that nothing
   * matched a misspelt segment, where the ranking and search warn.
   */
  public String segmentHint(Filter filter) {
    List<String> hints = new ArrayList<>();
    for (FieldError w : segmentWarnings(filter)) {
      hints.add(w.field() + ": " + w.message());
    }
    return hints.isEmpty() ? "" : " (" + String.join("; ", hints) + ")";
  }

  /**
   * The comments' languages among the responses of {@code filter}: the search's language facet
   * without its count of responses that have no comment (one cached count-only search).
   */
  public CommentLanguages commentLanguages(Filter filter) {
    return languagesOf(search(new SearchRequest(filter, null, 0, null, true)));
  }

  /**
   * The stored comments' languages, neither kept in nor counted by the result cache: for
   * Prometheus, whose scrapes are not searches anybody asked for. Counted again only when the index
   * state changed since the last call (an all-facets count at every scrape costs about 21 ms of CPU
   * at 100,000 responses, with nothing written in between).
   */
  public CommentLanguages storedLanguages() {
    try (ResponseIndex.Snapshot snapshot = index.snapshot()) {
      CountedLanguages last = lastStoredLanguages;
      if (last != null && last.state().equals(snapshot.stateKey())) {
        return last.languages();
      }
      CommentLanguages counted =
          languagesOf(search(new SearchRequest(Filter.ALL, null, 0, null, true), snapshot));
      lastStoredLanguages = new CountedLanguages(snapshot.stateKey(), counted);
      return counted;
    }
  }

  private static CommentLanguages languagesOf(SearchResult counted) {
    Map<String, Long> counts =
        new HashMap<>(counted.facets().getOrDefault(Schema.FACET_LANGUAGE, Map.of()));
    counts.remove(Schema.NO_LANGUAGE);
    return new CommentLanguages(counts);
  }

  /** How many responses the index holds. */
  public int storedResponses() {
    return index.count();
  }

  public List<FieldError> segmentWarnings(Filter filter) {
    if (filter.segments().isEmpty()) {
      return List.of();
    }
    Map<String, TreeSet<String>> known = new TreeMap<>();
    try (ResponseIndex.Snapshot snapshot = index.snapshot()) {
      for (ColumnCache.LeafFacets leaf : snapshot.segmentFacets()) {
        SegmentFacetColumns c = leaf.columns();
        for (int d = 0; d < c.dims.length; d++) {
          if (!c.dims[d].startsWith(Schema.SEGMENT_PREFIX)) {
            continue;
          }
          // By the composed forms, as the filter matches them (stored keys and values are kept
          // as sent, in either form).
          TreeSet<String> values =
              known.computeIfAbsent(
                  UnicodeForms.composed(c.dims[d].substring(Schema.SEGMENT_PREFIX.length())),
                  k -> new TreeSet<>());
          for (String label : c.labels[d]) {
            values.add(UnicodeForms.composed(label));
          }
        }
      }
    }
    List<FieldError> warnings = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : filter.segments().entrySet()) {
      String field = Schema.SEGMENT_PREFIX + e.getKey();
      TreeSet<String> values = known.get(UnicodeForms.composed(e.getKey()));
      if (values == null) {
        warnings.add(
            new FieldError(
                field,
                known.isEmpty()
                    ? "no response has any segment, so this filter matches nothing"
                    : "no response has the segment '"
                        + e.getKey()
                        + "', so this filter matches nothing; the segments are: "
                        + listed(known.keySet())));
        continue;
      }
      for (String wanted : e.getValue()) {
        if (values.contains(UnicodeForms.composed(wanted))) {
          continue;
        }
        String sameButCase =
            values.stream().filter(v -> v.equalsIgnoreCase(wanted)).findFirst().orElse(null);
        warnings.add(
            new FieldError(
                field,
                "no response has '"
                    + wanted
                    + "'"
                    + (sameButCase == null
                        ? ""
                        : "; values match exactly, did you mean '" + sameButCase + "'?")
                    + " (values: "
                    + listed(values)
                    + ")"));
      }
    }
    return warnings;
  }

  private static String listed(java.util.Collection<String> all) {
    List<String> shown = all.stream().limit(WARNING_VALUES).toList();
    return String.join(", ", shown)
        + (all.size() > shown.size() ? " and " + (all.size() - shown.size()) + " more" : "");
  }

  /** The {@link #MAX_FACET_VALUES} largest counts, by count descending then value. */
  private static Map<String, Long> topValues(Map<String, Long> counts) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(
        Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey));
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e :
        entries.subList(0, Math.min(MAX_FACET_VALUES, entries.size()))) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  static Sort sortOf(SortOrder order) {
    return switch (order) {
      case RELEVANCE -> new Sort(SortField.FIELD_SCORE, BY_ID);
      case NEWEST -> new Sort(NEWEST_FIRST, BY_ID);
      case OLDEST ->
          new Sort(new SortedNumericSortField(Schema.SUBMITTED_AT, SortField.Type.LONG), BY_ID);
      case SCORE_DESC ->
          new Sort(
              new SortedNumericSortField(Schema.SCORE, SortField.Type.INT, true),
              NEWEST_FIRST,
              BY_ID);
      case SCORE_ASC ->
          new Sort(
              new SortedNumericSortField(Schema.SCORE, SortField.Type.INT), NEWEST_FIRST, BY_ID);
    };
  }

  private static Cursor.Position decodeCursor(
      String cursor, SortOrder order, Filter filter, Sort sort) {
    SortField[] fields = sort.getSort();
    Cursor.Position position = Cursor.decode(cursor, order, filter, fields.length);
    FieldDoc after = position.after();
    for (int i = 0; i < fields.length; i++) {
      Class<?> expected =
          switch (fields[i].getType()) {
            case SCORE -> Float.class;
            case STRING -> BytesRef.class;
            default ->
                ((SortedNumericSortField) fields[i]).getNumericType() == SortField.Type.INT
                    ? Integer.class
                    : Long.class;
          };
      if (!expected.isInstance(after.fields[i])) {
        throw new InvalidRequestException("cursor", "is not a cursor of this search");
      }
    }
    return position;
  }
}
