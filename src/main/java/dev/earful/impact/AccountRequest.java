package dev.earful.impact;

import dev.earful.domain.Metric;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.QueryParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code GET /api/v1/accounts} asks for: the filters of every read endpoint plus {@code
 * periodDays} (the length of the current and the previous period the change compares; default 90),
 * {@code asOf} (where the current period ends: default the filter's {@code to}, else now), {@code
 * sort} (risk, change, detractorShare, responses, lastResponse, account), {@code order} (asc or
 * desc, reversing the sort's natural order), {@code minResponses}, {@code limit} (1-500, default
 * 50) and {@code cursor}.
 *
 * @param metric the metric rolled up: the filter's, else NPS (scores of different scales are never
 *     mixed)
 */
public record AccountRequest(
    Filter filter,
    Metric metric,
    Instant asOf,
    Duration period,
    AccountSort sort,
    boolean reversed,
    int minResponses,
    int offset,
    int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  public static final int DEFAULT_PERIOD_DAYS = 90;
  private static final String CURSOR_LIST = "accounts";

  /** How the list is ordered; each has the natural direction that puts accounts at risk first. */
  public enum AccountSort {
    /** Lowest metric first, then the higher detractor share. */
    RISK("risk", true),
    /** The largest drop against the previous period first. */
    CHANGE("change", true),
    /** The highest share of detractors first. */
    DETRACTOR_SHARE("detractorShare", false),
    /** The most responses first. */
    RESPONSES("responses", false),
    /** The most recent response first. */
    LAST_RESPONSE("lastResponse", false),
    /** By name, A to Z. */
    ACCOUNT("account", true);

    private final String wireName;
    private final boolean ascending;

    AccountSort(String wireName, boolean ascending) {
      this.wireName = wireName;
      this.ascending = ascending;
    }

    /** Whether the natural order is ascending. */
    public boolean ascending() {
      return ascending;
    }

    public String wireName() {
      return wireName;
    }
  }

  /**
   * @throws InvalidRequestException naming every bad parameter
   */
  public static AccountRequest parse(Map<String, List<String>> params, Clock clock) {
    QueryParameters p = new QueryParameters(params);
    Filter filter = p.filter();
    int days = p.integer("periodDays", DEFAULT_PERIOD_DAYS, 1, 3660);
    Instant asOf = filter.to() != null ? filter.to() : clock.instant();
    String asOfText = p.text("asOf");
    if (asOfText != null) {
      try {
        asOf = Filter.parse(Map.of("to", List.of(asOfText))).to();
      } catch (InvalidRequestException e) {
        p.error(
            "asOf",
            "must be a date (2024-03-31) or an ISO-8601 instant (2024-03-31T12:00:00Z), got '"
                + asOfText
                + "'");
      }
    }
    AccountSort sort =
        p.choice("sort", AccountSort.values(), AccountSort::wireName, AccountSort.RISK);
    boolean reversed = false;
    String order = p.text("order");
    if (order != null) {
      switch (order.toLowerCase(Locale.ROOT)) {
        case "asc" -> reversed = !sort.ascending();
        case "desc" -> reversed = sort.ascending();
        default -> p.error("order", "must be asc or desc, got '" + order + "'");
      }
    }
    int minResponses = p.integer("minResponses", 1, 1, Integer.MAX_VALUE);
    int limit = p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = p.offsetCursor(CURSOR_LIST);
    p.check();
    Metric metric = filter.metric() == null ? Metric.NPS : filter.metric();
    return new AccountRequest(
        filter, metric, asOf, Duration.ofDays(days), sort, reversed, minResponses, offset, limit);
  }

  /** The opaque cursor of the page starting at {@code offset}, or null. */
  public static String cursor(Integer offset) {
    return QueryParameters.offsetCursor(CURSOR_LIST, offset);
  }
}
