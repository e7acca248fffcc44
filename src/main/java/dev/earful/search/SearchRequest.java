package dev.earful.search;

import java.util.List;
import java.util.Map;

/**
 * A search: the filter (with its text query), the order, the page size and the cursor of the page
 * to continue from (null for the first page).
 *
 * @param sort null picks the default: relevance with a query, newest without
 * @param limit the page size; 0 asks for the count only (total and facets, no hits, no next page),
 *     which is what a client that wants a number without the comments sends
 * @param facets whether to count facets (a later page of the same search can skip them)
 */
public record SearchRequest(
    Filter filter, SortOrder sort, int limit, String cursor, boolean facets) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 200;

  public SearchRequest {
    filter = filter == null ? Filter.ALL : filter;
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit", "must be between 0 and " + MAX_LIMIT);
    }
    cursor = cursor == null || cursor.isBlank() ? null : cursor.strip();
  }

  public static SearchRequest of(Filter filter) {
    return new SearchRequest(filter, null, DEFAULT_LIMIT, null, true);
  }

  /** The order actually used. */
  public SortOrder effectiveSort() {
    if (sort == null || (sort == SortOrder.RELEVANCE && filter.q() == null)) {
      return filter.q() == null ? SortOrder.NEWEST : SortOrder.RELEVANCE;
    }
    return sort;
  }

  public SearchRequest withCursor(String next) {
    return new SearchRequest(filter, sort, limit, next, facets);
  }

  public SearchRequest withLimit(int newLimit) {
    return new SearchRequest(filter, sort, newLimit, cursor, facets);
  }

  public SearchRequest withSort(SortOrder newSort) {
    return new SearchRequest(filter, newSort, limit, cursor, facets);
  }

  /**
   * Reads a search from request parameters: the {@link Filter#parse filter parameters} plus {@code
   * sort}, {@code limit}, {@code cursor}. Collects every problem before throwing.
   */
  public static SearchRequest parse(Map<String, List<String>> params) {
    QueryParameters p = new QueryParameters(params);
    Filter filter = p.filter();
    SortOrder sort = null;
    String sortText = p.text("sort");
    if (sortText != null) {
      try {
        sort = SortOrder.parse(sortText);
      } catch (InvalidRequestException e) {
        p.errors(e.errors());
      }
    }
    int limit = p.integer("limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
    String cursor = p.text("cursor");
    p.check();
    return new SearchRequest(filter, sort, limit, cursor, true);
  }
}
