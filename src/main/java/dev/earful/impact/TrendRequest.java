package dev.earful.impact;

import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.QueryParameters;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v1/trends} asks for: the filters of every read endpoint plus {@code
 * interval} (week or month, default week) and {@code minResponses} (default 30: periods with fewer
 * are flagged lowVolume and never compared).
 */
public record TrendRequest(Filter filter, TrendAnalyzer.Options options) {

  /**
   * @throws InvalidRequestException naming every bad parameter
   */
  public static TrendRequest parse(Map<String, List<String>> params) {
    QueryParameters p = new QueryParameters(params);
    Filter filter = p.filter();
    TrendAnalyzer.Interval interval =
        p.choice(
            "interval",
            TrendAnalyzer.Interval.values(),
            TrendAnalyzer.Interval::wireName,
            TrendAnalyzer.Interval.WEEK);
    int minResponses =
        p.integer(
            "minResponses", TrendAnalyzer.Options.DEFAULT_MIN_RESPONSES, 1, Integer.MAX_VALUE);
    p.check();
    return new TrendRequest(filter, new TrendAnalyzer.Options(interval, minResponses, 0.05));
  }
}
