package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.TestData;
import dev.earful.devtools.CommentFiles;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.ThemeCatalog;
import dev.earful.fixtures.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index's searcher runs slices of the segments on several threads; the matches (as bit sets)
 * and every sort's page equal those of a searcher on the same reader that runs one segment after
 * the other, on real reviews in more segments than one slice holds.
 */
class SlicedSearchTest {

  @TempDir Path data;

  @Test
  void slicedSearchesFindExactlyWhatASequentialSearchFinds() throws Exception {
    List<String> reviews =
        CommentFiles.readComments(TestData.womensReviews(), List.of("Review Text"), 320);
    List<AnalyzedResponse> responses = new ArrayList<>();
    for (int i = 0; i < reviews.size(); i++) {
      responses.add(Fixtures.nps(String.format(Locale.ROOT, "r%04d", i), i % 11, reviews.get(i)));
    }
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      for (int from = 0; from < responses.size(); from += 40) {
        index.upsert(responses.subList(from, Math.min(responses.size(), from + 40)));
      }
      try (ResponseIndex.Snapshot s = index.snapshot()) {
        IndexSearcher sliced = s.searcher();
        IndexSearcher sequential = new IndexSearcher(sliced.getIndexReader());
        assertTrue(sliced.getSlices().length > 1, "more than one slice");
        int compared = 0;
        for (String q : List.of("dress", "love", "size small", "fit OR fabric", "dress -love")) {
          Query query = QuerySyntax.forComments().parse(q);
          FixedBitSet expected = new FixedBitSet(s.maxDoc());
          sequential.search(query, new BitSetCollectorManager(expected));
          assertEquals(expected, s.matching(query), q);
          for (SortOrder order : SortOrder.values()) {
            Sort sort = SearchService.sortOf(order);
            TopFieldDocs a = sequential.search(query, new TopFieldCollectorManager(sort, 21, 21));
            TopFieldDocs b = sliced.search(query, new TopFieldCollectorManager(sort, 21, 21));
            assertArrayEquals(docs(a), docs(b), q + " " + order);
            compared += a.scoreDocs.length;
          }
          compared += expected.cardinality();
        }
        assertEquals(965, compared);
      }
    }
  }

  private static String[] docs(TopFieldDocs top) {
    String[] out = new String[top.scoreDocs.length];
    for (int i = 0; i < out.length; i++) {
      ScoreDoc d = top.scoreDocs[i];
      out[i] = d.doc + ":" + java.util.Arrays.toString(((FieldDoc) d).fields);
    }
    return out;
  }
}
