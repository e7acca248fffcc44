package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While reads run, writes become visible at most once per refresh interval, and each write still
 * returns only once it is visible (read-your-writes): on the real reviews, every write and deletion
 * made while a read is open is seen by the next read, the refreshes were deferred and shared, and
 * every search gives the same hits in the same order as on an index that refreshes after every
 * write. With no read running nothing waits.
 */
class RefreshIntervalTest {

  @TempDir Path data;
  @TempDir Path immediateData;

  private static List<AnalyzedResponse> reviews;

  @BeforeAll
  static void analyse() throws Exception {
    reviews = FacetBitSetsTest.reviews();
  }

  private static final TestCatalog THEMES =
      new TestCatalog(List.of(TestCatalog.theme("t1", "dress", "dress")));

  @Test
  void writesMadeWhileReadsRunAreVisibleWhenTheyReturnAndSearchesMatchImmediateRefreshes() {
    Duration interval = Duration.ofMillis(1500);
    try (ResponseIndex deferred = ResponseIndex.open(data, THEMES, interval);
        ResponseIndex immediate = ResponseIndex.open(immediateData, THEMES)) {
      SearchService deferredSearch = new SearchService(deferred, FacetBitSets.MAX_VALUES, 0);
      SearchService immediateSearch = new SearchService(immediate, FacetBitSets.MAX_VALUES, 0);
      List<SearchRequest> requests = new ArrayList<>();
      for (String q : new String[] {null, "dress", "size small", "comfort*"}) {
        requests.add(SearchRequest.of(Filter.builder().q(q).build()));
        requests.add(
            SearchRequest.of(Filter.builder().q(q).category(Category.Group.NEGATIVE).build())
                .withSort(SortOrder.NEWEST));
      }
      int written = 0;
      long previousReturn = 0;
      try (ResponseIndex.Snapshot running = deferred.snapshot()) { // a read being served
        for (int from = 0; from < 400; from += 100) {
          List<AnalyzedResponse> chunk = reviews.subList(from, from + 100);
          deferred.upsert(chunk);
          long returned = System.nanoTime();
          immediate.upsert(chunk);
          written += chunk.size();
          // Visible on return: the count, the last response by id, and every search.
          assertEquals(written, deferred.count());
          String last = chunk.get(chunk.size() - 1).response().id();
          assertTrue(deferred.get(last).isPresent(), last);
          assertSameHits(requests, deferredSearch, immediateSearch);
          if (from > 0) {
            // Two writes became visible at least an interval apart (refreshing after every write,
            // this test's own reads and writes take a fraction of it).
            long apart = returned - previousReturn;
            assertTrue(apart >= interval.toNanos(), "visible " + apart / 1e6 + " ms apart");
          }
          previousReturn = returned;
        }
        assertTrue(deferred.store().deferredRefreshes() >= 1, "deferred refreshes");
        assertEquals(0, immediate.store().deferredRefreshes());

        // A deletion is gone from reads when it returns, as before.
        String gone = reviews.get(5).response().id();
        assertTrue(deferred.delete(gone));
        assertFalse(deferred.get(gone).isPresent());
        assertEquals(written - 1, deferred.count());
        assertEquals(0, running.numDocs()); // the held read still reads its own state
      }
    }
  }

  @Test
  void writersWaitingTogetherShareOneRefresh() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, THEMES, Duration.ofSeconds(2));
        ResponseIndex.Snapshot running = index.snapshot()) {
      int writers = 4;
      long before = index.store().refreshes();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        List<AnalyzedResponse> chunk = reviews.subList(w * 50, w * 50 + 50);
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  index.upsert(chunk);
                  // Each writer's own responses are visible when its write returns, not only once
                  // all have returned.
                  for (AnalyzedResponse r : chunk) {
                    assertTrue(index.get(r.response().id()).isPresent(), r.response().id());
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertEquals(writers * 50, index.count());
      long refreshes = index.store().refreshes() - before;
      // One refresh after every write would be 4; the writers waited for the same one.
      assertTrue(refreshes < writers, refreshes + " refreshes");
      assertEquals(0, running.numDocs());
    }
  }

  @Test
  void anErasureWhileReadsRunWaitsForOneRefreshNotOnePerResponse() {
    try (ResponseIndex index = ResponseIndex.open(data, THEMES, Duration.ofMillis(500))) {
      List<AnalyzedResponse> written = new ArrayList<>();
      List<String> hers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        AnalyzedResponse a = reviews.get(i);
        Response r = a.response();
        String customer = i % 4 == 0 ? "ann@example.com" : "other-" + i;
        if (i % 4 == 0) {
          hers.add(r.id());
        }
        written.add(
            new AnalyzedResponse(
                new Response(
                    r.id(),
                    r.metric(),
                    r.score(),
                    r.comment(),
                    r.submittedAt(),
                    r.segments(),
                    customer,
                    null),
                a.analysis()));
      }
      index.upsert(written);
      try (ResponseIndex.Snapshot running = index.snapshot()) { // a read being served
        long refreshes = index.store().refreshes();
        long waits = index.store().deferredRefreshes();
        long removed = index.changes().removed();
        List<String> erased = index.deleteWhere(Schema.CUSTOMER, "ann@example.com");
        assertEquals(hers.stream().sorted().toList(), erased);
        // Gone from reads on return, with one refresh (and at most one wait) for all five: one
        // per response made an erasure wait the interval times the customer's responses.
        assertEquals(1, index.store().refreshes() - refreshes);
        assertTrue(index.store().deferredRefreshes() - waits <= 1);
        assertEquals(15, index.count());
        for (String id : hers) {
          assertFalse(index.get(id).isPresent(), id);
        }
        assertEquals(5, index.changes().removed() - removed);
        assertEquals(20, running.numDocs()); // the held read still reads its own state
      }
    }
  }

  @Test
  void withNoReadRunningWritesRefreshAtOnce() {
    // The longest interval: a write that waited for it would hold this test for a minute.
    try (ResponseIndex index = ResponseIndex.open(data, THEMES, Duration.ofSeconds(60))) {
      for (int from = 0; from < 300; from += 100) {
        index.upsert(reviews.subList(from, from + 100));
        assertEquals(from + 100, index.count());
      }
      assertTrue(index.delete(reviews.get(0).response().id()));
      assertEquals(299, index.count());
      assertEquals(0, index.store().deferredRefreshes());
    }
  }

  private static void assertSameHits(
      List<SearchRequest> requests, SearchService deferred, SearchService immediate) {
    for (SearchRequest r : requests) {
      SearchResult a = deferred.search(r);
      SearchResult b = immediate.search(r);
      assertEquals(b.total(), a.total(), r.toString());
      assertEquals(ids(b), ids(a), r.toString());
      assertEquals(b.hits(), a.hits(), r.toString());
      assertEquals(b.facets(), a.facets(), r.toString());
    }
  }

  private static List<String> ids(SearchResult result) {
    List<String> out = new ArrayList<>();
    for (SearchHit hit : result.hits()) {
      out.add(hit.response().response().id());
    }
    return out;
  }
}
