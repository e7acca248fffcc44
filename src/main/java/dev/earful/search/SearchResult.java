package dev.earful.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits.
 *
 * @param total every response matching the search (not only this page)
 * @param facets dimension ("category", "sentiment", "themes", "segment.KEY") to value to count,
 *     values by count descending then name; theme values are theme ids
 * @param nextCursor the cursor of the next page, or null on the last page
 */
public record SearchResult(
    long total, List<SearchHit> hits, Map<String, Map<String, Long>> facets, String nextCursor) {

  public SearchResult {
    hits = List.copyOf(hits);
  }
}
