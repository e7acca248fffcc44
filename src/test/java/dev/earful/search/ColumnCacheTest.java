package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.fixtures.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches arriving together on a new reader (under a writer, after every refresh) share one join
 * of its columns and facet sets, instead of each joining its own copy.
 */
class ColumnCacheTest {

  @TempDir Path data;

  @Test
  void concurrentReadersOfANewReaderShareOneJoinOfItsColumnsAndFacetSets() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, new TestCatalog(List.of()))) {
      List<AnalyzedResponse> responses = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        responses.add(Fixtures.nps("c" + i, i % 11, i % 3 == 0 ? "Late delivery." : "Fine."));
      }
      index.upsert(responses.subList(0, 150));
      index.upsert(responses.subList(150, 300)); // two segments to join
      ColumnCache cache = new ColumnCache();
      int threads = 8;
      try (ResponseIndex.Snapshot s = index.snapshot()) {
        IndexReader reader = s.searcher().getIndexReader();
        assertEquals(2, reader.leaves().size());
        record Joined(DocColumns columns, FacetBitSets sets) {}
        List<Joined> joined =
            AtOnce.results(
                threads,
                () ->
                    new Joined(
                        cache.columns(reader), cache.facetBits(reader, FacetBitSets.MAX_VALUES)));
        List<DocColumns> columns = joined.stream().map(Joined::columns).toList();
        List<FacetBitSets> sets = joined.stream().map(Joined::sets).toList();
        assertEquals(threads, columns.size());
        for (int t = 0; t < threads; t++) {
          assertSame(columns.get(0), columns.get(t));
          assertSame(sets.get(0), sets.get(t));
        }
        // NPS 0-6 of scores i % 11 over 300 responses.
        assertEquals(
            192,
            sets.get(0).categories[dev.earful.domain.Category.DETRACTOR.ordinal()].cardinality());
      }
    }
  }
}
