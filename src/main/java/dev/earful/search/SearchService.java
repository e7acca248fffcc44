package dev.earful.search;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.store.IndexStoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Full-text search over the responses: BM25 on the comment (see {@link QuerySyntax}), every {@link
 * Filter}, facets (category, sentiment, each segment, themes), highlighted snippets, and cursor
 * paging that neither repeats nor skips a hit. Thread-safe.
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

  public SearchService(ResponseIndex index) {
    this.index = index;
  }

  public SearchResult search(SearchRequest request) {
    Filter filter = request.filter();
    SortOrder order = request.effectiveSort();
    Sort sort = sortOf(order);
    ThemeCatalog themes = index.themes();
    Query text = QuerySyntax.forComments().parse(filter.q());
    BooleanQuery.Builder qb = new BooleanQuery.Builder();
    qb.add(text == null ? new MatchAllDocsQuery() : text, BooleanClause.Occur.MUST);
    for (Query f : ResponseIndex.FilterQueries.filterClauses(filter, themes)) {
      qb.add(f, BooleanClause.Occur.FILTER);
    }
    Query query = qb.build();
    FieldDoc after =
        request.cursor() == null ? null : decodeCursor(request.cursor(), order, filter, sort);

    try (ResponseIndex.Snapshot snapshot = index.snapshot()) {
      IndexSearcher searcher = snapshot.searcher();
      // One hit more than asked tells whether a next page exists.
      TopFieldCollectorManager top =
          new TopFieldCollectorManager(sort, request.limit() + 1, after, Integer.MAX_VALUE);
      TopFieldDocs docs;
      FacetsCollector fc = null;
      if (request.facets()) {
        Object[] both =
            searcher.search(query, new MultiCollectorManager(top, new FacetsCollectorManager()));
        docs = (TopFieldDocs) both[0];
        fc = (FacetsCollector) both[1];
      } else {
        docs = searcher.search(query, top);
      }
      boolean more = docs.scoreDocs.length > request.limit();
      if (more) {
        docs =
            new TopFieldDocs(
                docs.totalHits,
                java.util.Arrays.copyOf(docs.scoreDocs, request.limit()),
                docs.fields);
      }
      List<SearchHit> hits = hits(snapshot, docs, text, order);
      Map<String, Map<String, Long>> facets =
          fc == null ? Map.of() : facets(snapshot, fc, themes);
      String next =
          more ? Cursor.encode((FieldDoc) docs.scoreDocs[request.limit() - 1], order, filter) : null;
      return new SearchResult(docs.totalHits.value(), hits, facets, next);
    } catch (IOException e) {
      throw new IndexStoreException("cannot search the index", e);
    }
  }

  private List<SearchHit> hits(
      ResponseIndex.Snapshot snapshot, TopFieldDocs docs, Query text, SortOrder order)
      throws IOException {
    String[] snippets = null;
    if (text != null && docs.scoreDocs.length > 0) {
      UnifiedHighlighter highlighter =
          UnifiedHighlighter.builder(snapshot.searcher(), Schema.commentAnalyzer())
              .withFormatter(new MarkFormatter())
              .withMaxLength(25_000)
              .withMaxNoHighlightPassages(0)
              .build();
      snippets = highlighter.highlight(Schema.COMMENT, text, docs, MAX_SNIPPETS);
    }
    ThemeCatalog themes = snapshot.themes();
    List<SearchHit> hits = new ArrayList<>(docs.scoreDocs.length);
    for (int i = 0; i < docs.scoreDocs.length; i++) {
      ScoreDoc sd = docs.scoreDocs[i];
      AnalyzedResponse r = snapshot.load(sd.doc);
      List<String> highlights;
      String snippet = snippets == null ? null : snippets[i];
      if (snippet != null && !snippet.isEmpty()) {
        highlights = splitPassages(snippet);
      } else if (!r.response().comment().isEmpty()) {
        highlights = List.of(opening(r.response().comment()));
      } else {
        highlights = List.of();
      }
      float relevance =
          order == SortOrder.RELEVANCE ? (Float) ((FieldDoc) sd).fields[0] : Float.NaN;
      hits.add(
          new SearchHit(
              r,
              r.response().category(),
              highlights,
              themes.mentionsIn(r.analysis()),
              relevance));
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

  private Map<String, Map<String, Long>> facets(
      ResponseIndex.Snapshot snapshot, FacetsCollector fc, ThemeCatalog themes)
      throws IOException {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    SortedSetDocValuesReaderState state = snapshot.facetState();
    if (state != null) {
      SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, fc);
      List<FacetResult> dims = new ArrayList<>(counts.getAllDims(MAX_FACET_VALUES));
      dims.sort(Comparator.comparing((FacetResult r) -> dimOrder(r.dim)).thenComparing(r -> r.dim));
      for (FacetResult dim : dims) {
        List<LabelAndValue> values = new ArrayList<>(List.of(dim.labelValues));
        values.sort(
            Comparator.comparingLong((LabelAndValue lv) -> -lv.value.longValue())
                .thenComparing(lv -> lv.label));
        Map<String, Long> m = new LinkedHashMap<>();
        for (LabelAndValue lv : values) {
          m.put(lv.label, lv.value.longValue());
        }
        out.put(dim.dim, m);
      }
    }
    List<Theme> all = themes.all();
    if (!all.isEmpty()) {
      FixedBitSet matched = new FixedBitSet(Math.max(1, snapshot.maxDoc()));
      for (FacetsCollector.MatchingDocs md : fc.getMatchingDocs()) {
        if (md.bits() == null) {
          continue;
        }
        DocIdSetIterator it = md.bits().iterator();
        int base = md.context().docBase;
        for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
          matched.set(base + d);
        }
      }
      record Count(String id, long n) {}
      List<Count> counts = new ArrayList<>();
      for (Theme t : all) {
        long n = FixedBitSet.intersectionCount(matched, snapshot.mentioning(t, Schema.LEMMA));
        if (n > 0) {
          counts.add(new Count(t.id(), n));
        }
      }
      counts.sort(Comparator.comparingLong((Count c) -> -c.n()).thenComparing(Count::id));
      Map<String, Long> m = new LinkedHashMap<>();
      for (Count c : counts.subList(0, Math.min(MAX_FACET_VALUES, counts.size()))) {
        m.put(c.id(), c.n());
      }
      out.put(FACET_THEMES, m);
    }
    return out;
  }

  /** category, sentiment, then segments alphabetically. */
  private static int dimOrder(String dim) {
    return switch (dim) {
      case Schema.FACET_CATEGORY -> 0;
      case Schema.FACET_SENTIMENT -> 1;
      default -> 2;
    };
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

  private static FieldDoc decodeCursor(String cursor, SortOrder order, Filter filter, Sort sort) {
    SortField[] fields = sort.getSort();
    FieldDoc after = Cursor.decode(cursor, order, filter, fields.length);
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
    return after;
  }
}
