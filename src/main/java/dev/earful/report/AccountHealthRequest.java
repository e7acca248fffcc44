package dev.earful.report;

import dev.earful.impact.AccountHealth;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.QueryParameters;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v1/reports/accounts} asks for: every read filter ({@code to} is the day the
 * health is taken at, default the newest matching response; {@code from} is ignored, since the
 * windows count back from {@code to}), {@code weights} ("level:0.35,trend:0.25,detractors:0.25,
 * recency:0.15", parts not named keep their defaults) and {@code limit} (1-1000, default 50).
 */
public record AccountHealthRequest(Filter filter, AccountHealth.Settings settings, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  /**
   * @throws InvalidRequestException naming every bad parameter
   */
  public static AccountHealthRequest parse(Map<String, List<String>> params) {
    QueryParameters p = new QueryParameters(params);
    Filter filter = p.filter();
    AccountHealth.Settings settings = AccountHealth.Settings.DEFAULT;
    String weights = p.text("weights");
    if (weights != null) {
      try {
        settings = AccountHealth.Settings.parseWeights(weights);
      } catch (IllegalArgumentException e) {
        p.error("weights", e.getMessage());
      }
    }
    int limit = p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    p.check();
    return new AccountHealthRequest(filter, settings, limit);
  }
}
