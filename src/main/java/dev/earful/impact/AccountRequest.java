package dev.earful.impact;

import dev.earful.domain.Metric;
import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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

    static AccountSort parse(String text) {
      for (AccountSort s : values()) {
        if (s.wireName.equalsIgnoreCase(text.strip())) {
          return s;
        }
      }
      throw new IllegalArgumentException(text);
    }
  }

  /**
   * @throws InvalidRequestException naming every bad parameter
   */
  public static AccountRequest parse(Map<String, List<String>> params, Clock clock) {
    List<FieldError> errors = new ArrayList<>();
    Filter filter = Filter.ALL;
    try {
      filter = Filter.parse(params);
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
    }
    int days = RankingRequest.intParam(params, "periodDays", DEFAULT_PERIOD_DAYS, 1, 3660, errors);
    Instant asOf = filter.to() != null ? filter.to() : clock.instant();
    String asOfText = RankingRequest.single(params, "asOf");
    if (asOfText != null) {
      Map<String, List<String>> one = Map.of("to", List.of(asOfText));
      try {
        asOf = Filter.parse(one).to();
      } catch (InvalidRequestException e) {
        errors.add(
            new FieldError(
                "asOf",
                "must be a date (2024-03-31) or an ISO-8601 instant (2024-03-31T12:00:00Z), got '"
                    + asOfText
                    + "'"));
      }
    }
    AccountSort sort = AccountSort.RISK;
    String sortText = RankingRequest.single(params, "sort");
    if (sortText != null) {
      try {
        sort = AccountSort.parse(sortText);
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "sort",
                "must be risk, change, detractorShare, responses, lastResponse or account, got '"
                    + sortText
                    + "'"));
      }
    }
    boolean reversed = false;
    String order = RankingRequest.single(params, "order");
    if (order != null) {
      switch (order.toLowerCase(Locale.ROOT)) {
        case "asc" -> reversed = !sort.ascending();
        case "desc" -> reversed = sort.ascending();
        default -> errors.add(new FieldError("order", "must be asc or desc, got '" + order + "'"));
      }
    }
    int minResponses =
        RankingRequest.intParam(params, "minResponses", 1, 1, Integer.MAX_VALUE, errors);
    int limit = RankingRequest.intParam(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
    int offset = 0;
    String cursor = RankingRequest.single(params, "cursor");
    if (cursor != null) {
      Integer decoded = decodeCursor(cursor);
      if (decoded == null) {
        errors.add(new FieldError("cursor", "is not a cursor of this list"));
      } else {
        offset = decoded;
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    Metric metric = filter.metric() == null ? Metric.NPS : filter.metric();
    return new AccountRequest(
        filter, metric, asOf, Duration.ofDays(days), sort, reversed, minResponses, offset, limit);
  }

  /** The opaque cursor of the page starting at {@code offset}, or null. */
  public static String cursor(Integer offset) {
    if (offset == null) {
      return null;
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("accounts:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static Integer decodeCursor(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!s.startsWith("accounts:")) {
        return null;
      }
      int offset = Integer.parseInt(s.substring("accounts:".length()));
      return offset >= 0 ? offset : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
