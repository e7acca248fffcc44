package dev.earful.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.search.FieldError;
import dev.earful.search.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of the alert API, built in one place for {@code GET /api/v1/alert-rules} and
 * {@code GET /api/v1/alerts} and for {@code earful alerts} on a data folder, so both read alike.
 */
public final class AlertDocuments {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  static final List<String> DELIVERIES = List.of("pending", "delivered", "failed", "none");

  private AlertDocuments() {}

  /** {@code {"rules": [...]}}: every rule as the API shows it (secrets masked, last evaluation). */
  public static Map<String, Object> rules(AlertStore store) {
    return Map.of("rules", store.rules().stream().map(r -> AlertRules.toView(r, store)).toList());
  }

  /**
   * {@code {"total": N, "alerts": [...]}}: the alerts newest first, each with its body as sent and
   * its delivery log, filtered by {@code ruleId} and {@code delivery}, at most {@code limit}.
   *
   * @throws InvalidRequestException naming each bad parameter
   */
  public static Map<String, Object> alerts(
      AlertStore store, String ruleId, String delivery, String limitText, ObjectMapper mapper) {
    List<FieldError> errors = new ArrayList<>();
    if (delivery != null && !DELIVERIES.contains(delivery)) {
      errors.add(
          new FieldError(
              "delivery",
              "must be pending, delivered, failed or none (rules without a webhook), got '"
                  + delivery
                  + "'"));
    }
    int limit = DEFAULT_LIMIT;
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText.strip());
        if (limit < 1 || limit > MAX_LIMIT) {
          errors.add(new FieldError("limit", "must be within 1-" + MAX_LIMIT + ", got " + limit));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a whole number, got '" + limitText + "'"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    List<Alert> all =
        store.alerts().stream()
            .filter(a -> ruleId == null || a.ruleId().equals(ruleId))
            .filter(a -> delivery == null || a.delivery().wireName().equals(delivery))
            .toList();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : all.subList(0, Math.min(limit, all.size()))) {
      Map<String, Object> m = new LinkedHashMap<>(AlertStore.toMap(a));
      try {
        m.put("body", mapper.readTree(a.body()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored alert body is JSON", e);
      }
      out.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", all.size());
    m.put("alerts", out);
    return m;
  }
}
