package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.fixtures.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
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
      CyclicBarrier together = new CyclicBarrier(threads);
      List<DocColumns> columns = Collections.synchronizedList(new ArrayList<>());
      List<FacetBitSets> sets = Collections.synchronizedList(new ArrayList<>());
      try (ResponseIndex.Snapshot s = index.snapshot()) {
        IndexReader reader = s.searcher().getIndexReader();
        assertEquals(2, reader.leaves().size());
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          running.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        try {
                          together.await();
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        }
                        columns.add(cache.columns(reader));
                        sets.add(cache.facetBits(reader, FacetBitSets.MAX_VALUES));
                      }));
        }
        for (Thread t : running) {
          t.join();
        }
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
