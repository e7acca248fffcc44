package dev.earful.report;

import dev.earful.impact.AccountHealth;
import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import java.util.ArrayList;
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
    List<FieldError> errors = new ArrayList<>();
    Filter filter = null;
    try {
      filter = Filter.parse(params);
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
    }
    AccountHealth.Settings settings = AccountHealth.Settings.DEFAULT;
    List<String> w = params.get("weights");
    if (w != null && !w.isEmpty() && !w.get(0).isBlank()) {
      try {
        settings = AccountHealth.Settings.parseWeights(w.get(0));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("weights", e.getMessage()));
      }
    }
    int limit = DEFAULT_LIMIT;
    List<String> l = params.get("limit");
    if (l != null && !l.isEmpty() && !l.get(0).isBlank()) {
      try {
        limit = Integer.parseInt(l.get(0).strip());
        if (limit < 1 || limit > MAX_LIMIT) {
          errors.add(new FieldError("limit", "must be within 1-" + MAX_LIMIT + ", got " + limit));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a whole number, got '" + l.get(0) + "'"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new AccountHealthRequest(filter, settings, limit);
  }
}
