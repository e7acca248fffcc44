package dev.earful.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * The first page of a search by relevance, ties by id: the same hits, in the same order and with
 * the same sort values, as {@code TopFieldCollector} with {@code (score desc, id asc)}, at a
 * fraction of the cost.
 *
 * <p>Why: short survey comments tie on BM25 score by the thousand (178 of the top 200 hits for
 * "delivery" at a million responses), and with an id tie-break every tied match stays competitive,
 * so the field collector scored and compared all 157k matches of that word. Within a segment sorted
 * by id ({@link Schema#INDEX_ORDER}) doc order is id order, so a segment's top hits by (score, doc)
 * are its top hits by (score, id), and Lucene's score collector, which breaks ties by doc, may skip
 * every later tie (it asks the scorer for scores above the page's lowest, block-max WAND skipping
 * whole blocks). The top of each segment is collected that way, and the segments' tops are merged
 * by (score, id): the page lies within their union.
 *
 * <p>Hand-written because Lucene has no collector for a sort whose tie-break follows the index sort
 * across segments: its score collector breaks ties by doc id across segments, which is not id
 * order, and its field collector cannot skip ties.
 */
final class RelevanceTopHits {

  private RelevanceTopHits() {}

  /**
   * The {@code n} best documents matching {@code query} by (score desc, id asc), as field docs
   * whose fields are the score ({@link Float}) and the id ({@link BytesRef}), or null when a
   * segment is not in {@link Schema#INDEX_ORDER} (the caller then sorts by fields).
   */
  static TopFieldDocs search(IndexSearcher searcher, Query query, int n, SortField[] fields)
      throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (LeafReaderContext leaf : leaves) {
      if (!Schema.INDEX_ORDER.equals(leaf.reader().getMetaData().sort())) {
        return null;
      }
    }
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.TOP_SCORES, 1f);
    List<FieldDoc> candidates = new ArrayList<>();
    for (LeafReaderContext leaf : leaves) {
      BulkScorer scorer = weight.bulkScorer(leaf);
      if (scorer == null) {
        continue;
      }
      // One manager per segment: a shared one would carry a minimum score from segment to
      // segment, which is right for ties by doc id but not for ties by id.
      TopScoreDocCollector collector = new TopScoreDocCollectorManager(n, null, n).newCollector();
      LeafCollector leafCollector = collector.getLeafCollector(leaf);
      scorer.score(leafCollector, leaf.reader().getLiveDocs(), 0, DocIdSetIterator.NO_MORE_DOCS);
      leafCollector.finish();
      if (!addWithIds(leaf, collector.topDocs().scoreDocs, candidates)) {
        return null;
      }
    }
    candidates.sort(BY_SCORE_THEN_ID);
    FieldDoc[] top = candidates.subList(0, Math.min(n, candidates.size())).toArray(FieldDoc[]::new);
    return new TopFieldDocs(
        new TotalHits(top.length, TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO), top, fields);
  }

  private static final Comparator<FieldDoc> BY_SCORE_THEN_ID =
      Comparator.comparing((FieldDoc d) -> (Float) d.fields[0], Comparator.reverseOrder())
          .thenComparing(d -> (BytesRef) d.fields[1]);

  /**
   * Reads the ids of a segment's hits (doc values go forward only, so in doc order); false when a
   * hit has none (documents written before ids had doc values sort first by fields).
   */
  private static boolean addWithIds(LeafReaderContext leaf, ScoreDoc[] hits, List<FieldDoc> out)
      throws IOException {
    ScoreDoc[] byDoc = hits.clone();
    Arrays.sort(byDoc, Comparator.comparingInt((ScoreDoc d) -> d.doc));
    SortedDocValues ids = leaf.reader().getSortedDocValues(Schema.ID);
    for (ScoreDoc hit : byDoc) {
      if (ids == null || !ids.advanceExact(hit.doc - leaf.docBase)) {
        return false;
      }
      BytesRef id = BytesRef.deepCopyOf(ids.lookupOrd(ids.ordValue()));
      out.add(new FieldDoc(hit.doc, hit.score, new Object[] {hit.score, id}));
    }
    return true;
  }
}
