package dev.earful.search;

import static dev.earful.search.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.earful.domain.Metric;
import dev.earful.domain.ThemeCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchServiceTest {

  @TempDir Path data;
  ResponseIndex index;
  SearchService search;

  @BeforeEach
  void setUp() {
    index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
    search = new SearchService(index);
    index.upsert(
        List.of(
            response("r1", Metric.NPS, 2, "The delivery was late and the box was damaged.",
                "2024-01-10T10:00:00Z", Map.of("region", "EU")),
            response("r2", Metric.NPS, 9, "Fast deliveries, lovely staff.",
                "2024-02-10T10:00:00Z", Map.of("region", "US")),
            response("r3", Metric.NPS, 7, "Checkout was confusing.",
                "2024-03-10T10:00:00Z", Map.of("region", "EU"))));
  }

  @AfterEach
  void tearDown() {
    index.close();
  }

  private static Map<String, List<String>> params(String... kv) {
    Map<String, List<String>> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
    }
    return m;
  }

  private List<String> ids(SearchResult r) {
    return r.hits().stream().map(h -> h.response().response().id()).toList();
  }

  @Test
  void stemmedWordsFindTheirVariantsAndAreMarked() {
    SearchResult r = search.search(SearchRequest.parse(params("q", "delivery")));
    assertEquals(2, r.total());
    assertEquals(List.of("r1", "r2").stream().sorted().toList(), ids(r).stream().sorted().toList());
    SearchHit r2 = r.hits().stream().filter(h -> h.response().response().id().equals("r2")).findFirst().orElseThrow();
    assertEquals(List.of("Fast <mark>deliveries</mark>, lovely staff."), r2.highlights());
    assertNull(r.nextCursor());
  }

  @Test
  void withoutAQueryTheNewestComeFirstWithFacets() {
    SearchResult r = search.search(SearchRequest.parse(params()));
    assertEquals(List.of("r3", "r2", "r1"), ids(r));
    assertEquals(Map.of("detractor", 1L, "promoter", 1L, "passive", 1L), r.facets().get("category"));
    assertEquals(Map.of("EU", 2L, "US", 1L), r.facets().get("segment.region"));
    assertEquals(List.of("Checkout was confusing."), r.hits().get(0).highlights());
  }
}
