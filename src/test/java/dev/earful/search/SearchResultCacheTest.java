package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search asked again on the same index state gets the result it would compute: on the real
 * reviews in several segments, every search of a mix (words, phrase, prefix, exclusion, filters,
 * orders, a second page) answered from the cache equals the same search run by a service without
 * one; and after a write, a replacement, a deletion and a taxonomy change, none of which the cached
 * results saw, the answers again equal the ones computed afresh, not the ones kept.
 */
class SearchResultCacheTest {

  @TempDir Path data;

  @Test
  void cachedResultsEqualFreshOnesAndNoChangeOfIndexOrTaxonomyIsMissed() throws Exception {
    List<AnalyzedResponse> responses = new ArrayList<>(FacetBitSetsTest.reviews());
    // The last review about a dress is held back, to be written once results are cached.
    AnalyzedResponse held = null;
    for (AnalyzedResponse r : responses) {
      if (r.response().comment().toLowerCase(java.util.Locale.ROOT).contains("dress")) {
        held = r;
      }
    }
    responses.remove(held);
    TestCatalog themes =
        new TestCatalog(
            List.of(
                TestCatalog.theme("t1", "dress", "dress"),
                TestCatalog.theme("t2", "size", "size", "true to size")));
    try (ResponseIndex index = ResponseIndex.open(data, themes)) {
      for (int from = 0; from < responses.size(); from += 120) {
        index.upsert(responses.subList(from, Math.min(responses.size(), from + 120)));
      }
      SearchService cached = new SearchService(index);
      SearchService fresh = new SearchService(index, FacetBitSets.MAX_VALUES, 0);
      List<SearchRequest> requests = new ArrayList<>();
      for (String q : new String[] {null, "dress", "size small", "\"true to size\"", "comfort*"}) {
        requests.add(SearchRequest.of(Filter.builder().q(q).build()));
        requests.add(
            SearchRequest.of(Filter.builder().q(q).segment("department", "Tops").build())
                .withSort(SortOrder.NEWEST));
        requests.add(
            SearchRequest.of(Filter.builder().q(q).category(Category.Group.NEGATIVE).build())
                .withLimit(5));
      }
      requests.add(
          SearchRequest.of(Filter.builder().q("dress -love").build())
              .withCursor(
                  cached
                      .search(SearchRequest.of(Filter.builder().q("dress -love").build()))
                      .nextCursor()));
      List<SearchResult> before = new ArrayList<>();
      for (SearchRequest r : requests) {
        SearchResult first = cached.search(r);
        assertSame(first, cached.search(r), "answered from the cache: " + r);
        assertEquals(fresh.search(r), first, r.toString());
        before.add(first);
      }

      // A new response mentioning a dress, a replaced one, a deleted one, a taxonomy change: each
      // time every answer is the fresh one again.
      index.upsert(List.of(held));
      assertAllFresh(requests, cached, fresh);
      AnalyzedResponse first = responses.get(0);
      Response r0 = first.response();
      index.upsert(
          List.of(
              new AnalyzedResponse(
                  new Response(
                      r0.id(), r0.metric(), 1, r0.comment(), r0.submittedAt(), r0.segments()),
                  first.analysis())));
      assertAllFresh(requests, cached, fresh);
      assertTrue(index.delete(responses.get(3).response().id()));
      assertAllFresh(requests, cached, fresh);
      themes.replace(TestCatalog.theme("t2", "fit", "fit", "true to size"));
      List<SearchResult> after = assertAllFresh(requests, cached, fresh);
      int changed = 0;
      for (int i = 0; i < requests.size(); i++) {
        changed += before.get(i).equals(after.get(i)) ? 0 : 1;
      }
      assertEquals(15, changed);
      assertNotEquals(before.get(1), after.get(1));
      // Per search: one miss, then one hit; then one miss per state, 4 states after the first.
      int n = requests.size();
      assertArrayEquals(new long[] {n, 1 + n + 4L * n}, cached.cacheHitsAndMisses());
    }
  }

  private static List<SearchResult> assertAllFresh(
      List<SearchRequest> requests, SearchService cached, SearchService fresh) {
    List<SearchResult> out = new ArrayList<>();
    for (SearchRequest r : requests) {
      SearchResult c = cached.search(r);
      assertEquals(fresh.search(r), c, r.toString());
      out.add(c);
    }
    return out;
  }

  @Test
  void theResultsKeptHoldNoMoreCommentTextThanTheBudget() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, new TestCatalog(List.of()))) {
      index.upsert(FacetBitSetsTest.reviews());
      SearchService run = new SearchService(index, FacetBitSets.MAX_VALUES, 0);
      SearchRequest dress = SearchRequest.of(Filter.builder().q("dress").build());
      SearchRequest size = SearchRequest.of(Filter.builder().q("size").build());
      SearchRequest fabric = SearchRequest.of(Filter.builder().q("fabric").build());
      SearchRequest all = SearchRequest.of(Filter.builder().build()).withLimit(200);
      SearchResult a = run.search(dress);
      SearchResult b = run.search(size);
      SearchResult c = run.search(fabric);
      SearchResult big = run.search(all);
      long ab = SearchResultCache.chars(a) + SearchResultCache.chars(b);
      assertTrue(SearchResultCache.chars(c) > 0 && SearchResultCache.chars(big) > ab);

      Object state = new Object();
      SearchResultCache cache = new SearchResultCache(256, ab);
      cache.put(state, 1, 0, dress, a);
      cache.put(state, 1, 0, size, b);
      assertEquals(ab, cache.chars());
      assertSame(a, cache.get(state, 0, dress));
      // Over the budget: the least recently asked go first (dress was asked last, so size goes).
      cache.put(state, 1, 0, fabric, c);
      assertTrue(cache.chars() <= ab, cache.chars() + " > " + ab);
      assertSame(c, cache.get(state, 0, fabric));
      assertEquals(null, cache.get(state, 0, size));
      // A result over the budget on its own is not kept, and pushes nothing out.
      long before = cache.chars();
      cache.put(state, 1, 0, all, big);
      assertEquals(null, cache.get(state, 0, all));
      assertEquals(before, cache.chars());
      // A newer reader starts the count again.
      cache.put(new Object(), 2, 0, size, b);
      assertEquals(SearchResultCache.chars(b), cache.chars());
    }
  }
}
