package dev.earful.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.search.FieldError;
import dev.earful.search.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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

  /** {@link #alerts(AlertStore, String, String, String, String, ObjectMapper)}'s first page. */
  public static Map<String, Object> alerts(
      AlertStore store, String ruleId, String delivery, String limitText, ObjectMapper mapper) {
    return alerts(store, ruleId, delivery, limitText, null, mapper);
  }

  /**
   * {@code {"total": N, "alerts": [...], "nextCursor": C}}: the alerts newest first, each with its
   * body as sent and its delivery log, filtered by {@code ruleId} and {@code delivery}, at most
   * {@code limit}, after the alert {@code cursor} names (the last one a page showed; null: from the
   * newest). An alert raised between two pages is newer than every alert shown, so the next page
   * neither repeats nor skips one; when the cursor's own alert was erased since, the next page
   * starts at the first alert raised before it. A client could read only the newest 500 (50 by
   * default) and never the older ones (the API trial of 2026-12-05).
   *
   * @throws InvalidRequestException naming each bad parameter
   */
  public static Map<String, Object> alerts(
      AlertStore store,
      String ruleId,
      String delivery,
      String limitText,
      String cursorText,
      ObjectMapper mapper) {
    List<FieldError> errors = new ArrayList<>();
    Map.Entry<Instant, String> after = null;
    if (cursorText != null && !cursorText.isBlank()) {
      after = cursor(cursorText.strip());
      if (after == null) {
        errors.add(
            new FieldError("cursor", "is not a cursor of the alert list: start again without it"));
      }
    }
    if (delivery != null && !DELIVERIES.contains(delivery)) {
      errors.add(
          new FieldError(
              "delivery",
              "must be pending, delivered, failed or none (rules without a webhook), got '"
                  + delivery
                  + "'"));
    }
    int limit = DEFAULT_LIMIT;
    // A blank limit is the default, as QueryParameters reads it on every other route.
    if (limitText != null && !limitText.isBlank()) {
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
    int start = 0;
    if (after != null) {
      start = all.size();
      for (int i = 0; i < all.size(); i++) {
        Alert a = all.get(i);
        if (a.id().equals(after.getValue())) {
          start = i + 1;
          break;
        }
        if (a.raisedAt().isBefore(after.getKey())) {
          start = i; // the cursor's alert is gone: go on from the first one raised before it
          break;
        }
      }
    }
    int end = Math.min(start + limit, all.size());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : all.subList(start, end)) {
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
    m.put("nextCursor", end < all.size() && end > start ? cursor(all.get(end - 1)) : null);
    return m;
  }

  /** The cursor after {@code last}: its raising instant and id, URL-safe base64. */
  private static String cursor(Alert last) {
    String text = last.raisedAt() + "\n" + last.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The instant and id a cursor holds; null when it is not one. */
  private static Map.Entry<Instant, String> cursor(String text) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 2 || parts[1].isEmpty()) {
        return null;
      }
      return Map.entry(Instant.parse(parts[0]), parts[1]);
    } catch (IllegalArgumentException | DateTimeException e) {
      return null;
    }
  }
}
