package dev.earful.impact;

import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.QueryParameters;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v1/themes} and {@code earful themes} ask for, read from the same parameters:
 * the filters of every read endpoint plus {@code minMentions} (default 30), {@code sort}
 * (attributable, mentions, npsImpact, detractorRate), {@code limit} (1-1000; default 50, or every
 * theme for CSV) and {@code cursor} (the {@code nextCursor} of the previous page).
 */
public record RankingRequest(Filter filter, ImpactRanker.Options options, int offset, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;
  private static final String CURSOR_LIST = "themes";

  /**
   * @param csv whether the answer is CSV, whose default is the whole list
   * @throws InvalidRequestException naming every bad parameter
   */
  public static RankingRequest parse(Map<String, List<String>> params, boolean csv) {
    QueryParameters p = new QueryParameters(params);
    Filter filter = p.filter();
    int minMentions =
        p.integer("minMentions", ImpactRanker.Options.DEFAULT_MIN_MENTIONS, 1, Integer.MAX_VALUE);
    RankingSort sort = RankingSort.ATTRIBUTABLE;
    String sortText = p.text("sort");
    if (sortText != null) {
      try {
        sort = RankingSort.parse(sortText);
      } catch (IllegalArgumentException e) {
        p.error(
            "sort",
            "must be attributable, mentions, npsImpact or detractorRate, got '" + sortText + "'");
      }
    }
    int limit = p.integer("limit", csv ? MAX_LIMIT : DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = p.offsetCursor(CURSOR_LIST);
    p.check();
    return new RankingRequest(
        filter,
        new ImpactRanker.Options(minMentions, sort, AdjustedEffects.Settings.DEFAULT),
        offset,
        limit);
  }

  /** The opaque cursor of the page starting at {@code offset}, or null. */
  public static String cursor(Integer offset) {
    return QueryParameters.offsetCursor(CURSOR_LIST, offset);
  }
}
