package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.store.IndexStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first page by relevance from {@link RelevanceTopHits} is the page Lucene's field collector
 * gives for (score desc, id asc): the same documents, scores and ids in the same order, on a
 * generated index of short comments from a small vocabulary (so that scores tie by the hundred),
 * written over many segments in random id order, with updates and deletions.
 */
class RelevanceTopHitsTest {

  @TempDir Path dir;

  private static final String[] WORDS = {
    "delivery", "late", "staff", "lovely", "refund", "app", "slow", "box", "damaged", "price"
  };

  private static final Sort BY_RELEVANCE = SearchService.sortOf(SortOrder.RELEVANCE);

  @Test
  void theFirstPageByRelevanceIsTheFieldCollectorsPageWithTiesById() throws IOException {
    try (IndexStore store = generated(dir.resolve("sorted"), Schema.INDEX_ORDER)) {
      IndexSearcher searcher = store.acquire();
      try {
        assertTrue(
            searcher.getIndexReader().leaves().size() >= 3,
            "segments: " + searcher.getIndexReader().leaves().size());
        int compared = 0;
        int tiedPages = 0;
        for (Query query : queries()) {
          for (int n : new int[] {1, 5, 20, 21, 100, 5000}) {
            TopFieldDocs expected =
                searcher.search(query, new TopFieldCollectorManager(BY_RELEVANCE, n, null, n));
            TopFieldDocs got = RelevanceTopHits.search(searcher, query, n, BY_RELEVANCE.getSort());
            assertNotNull(got, "every segment is in id order");
            assertEquals(describe(expected), describe(got), query + " n=" + n);
            compared++;
            if (n == 20 && ties(expected) >= 10) {
              tiedPages++;
            }
          }
        }
        assertEquals(queries().size() * 6, compared);
        assertTrue(tiedPages >= 5, "pages of 20 hits with ten or more tied scores: " + tiedPages);
      } finally {
        store.release(searcher);
      }
    }
  }

  @Test
  void anIndexNotInIdOrderIsLeftToTheFieldCollector() throws IOException {
    try (IndexStore store = generated(dir.resolve("unsorted"), null)) {
      IndexSearcher searcher = store.acquire();
      try {
        assertNull(
            RelevanceTopHits.search(
                searcher, new TermQuery(new Term(Schema.COMMENT, "delivery")), 20, null));
      } finally {
        store.release(searcher);
      }
    }
  }

  /** Words, pairs, an exclusion, an OR, a phrase, a filter, and all documents. */
  private static List<Query> queries() {
    List<Query> out = new ArrayList<>();
    QuerySyntax syntax = QuerySyntax.forComments();
    for (String q :
        List.of(
            "delivery",
            "late",
            "price",
            "delivery late",
            "delivery -late",
            "staff OR refund",
            "\"late delivery\"",
            "damaged box app")) {
      out.add(syntax.parse(q));
    }
    out.add(
        new BooleanQuery.Builder()
            .add(syntax.parse("delivery OR box"), BooleanClause.Occur.MUST)
            .add(new TermQuery(new Term(Schema.GROUP, "a")), BooleanClause.Occur.FILTER)
            .build());
    out.add(new MatchAllDocsQuery());
    return out;
  }

  /**
   * 3,000 documents of one to six words, ids in random order, committed in 30 batches; then 300 of
   * them rewritten with new words and 200 deleted.
   */
  private static IndexStore generated(Path indexDir, Sort indexSort) {
    SplittableRandom rnd = new SplittableRandom(14);
    IndexStore store = IndexStore.open(indexDir, Schema.commentAnalyzer(), indexSort);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      ids.add(String.format("r%05d", i));
    }
    for (int i = ids.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      ids.set(j, ids.set(i, ids.get(j)));
    }
    for (int i = 0; i < ids.size(); i++) {
      store.update(Schema.idTerm(ids.get(i)), doc(ids.get(i), rnd));
      if (i % 100 == 99) {
        store.commitDurably();
      }
    }
    for (int i = 0; i < 300; i++) {
      String id = ids.get(rnd.nextInt(ids.size()));
      store.update(Schema.idTerm(id), doc(id, rnd));
    }
    for (int i = 0; i < 200; i++) {
      store.delete(Schema.idTerm(ids.get(rnd.nextInt(ids.size()))));
    }
    store.commitDurably();
    store.refresh();
    return store;
  }

  private static List<IndexableField> doc(String id, SplittableRandom rnd) {
    StringBuilder comment = new StringBuilder();
    int words = 1 + rnd.nextInt(6);
    for (int w = 0; w < words; w++) {
      comment.append(w == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
    }
    return List.of(
        new StringField(Schema.ID, id, Field.Store.YES),
        new SortedDocValuesField(Schema.ID, new BytesRef(id)),
        new StringField(Schema.GROUP, rnd.nextBoolean() ? "a" : "b", Field.Store.NO),
        new TextField(Schema.COMMENT, comment.toString(), Field.Store.NO));
  }

  /** Each hit as doc, score and id. */
  private static List<String> describe(TopFieldDocs docs) {
    List<String> out = new ArrayList<>();
    for (var sd : docs.scoreDocs) {
      FieldDoc fd = (FieldDoc) sd;
      out.add(fd.doc + " " + fd.fields[0] + " " + ((BytesRef) fd.fields[1]).utf8ToString());
    }
    return out;
  }

  /** Hits whose score equals the one before. */
  private static int ties(TopFieldDocs docs) {
    int n = 0;
    for (int i = 1; i < docs.scoreDocs.length; i++) {
      if (((FieldDoc) docs.scoreDocs[i])
          .fields[0].equals(((FieldDoc) docs.scoreDocs[i - 1]).fields[0])) {
        n++;
      }
    }
    return n;
  }
}
