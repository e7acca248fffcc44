package dev.earful.impact;

import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import java.util.ArrayList;
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
    List<FieldError> errors = new ArrayList<>();
    Filter filter = null;
    try {
      filter = Filter.parse(params);
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
    }
    TrendAnalyzer.Interval interval = TrendAnalyzer.Interval.WEEK;
    String text = RankingRequest.single(params, "interval");
    if (text != null) {
      try {
        interval = TrendAnalyzer.Interval.parse(text);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("interval", "must be week or month, got '" + text + "'"));
      }
    }
    int minResponses =
        RankingRequest.intParam(
            params,
            "minResponses",
            TrendAnalyzer.Options.DEFAULT_MIN_RESPONSES,
            1,
            Integer.MAX_VALUE,
            errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new TrendRequest(filter, new TrendAnalyzer.Options(interval, minResponses, 0.05));
  }
}
