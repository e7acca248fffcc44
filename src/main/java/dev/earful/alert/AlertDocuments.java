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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON documents of the alert API, built in one place for {@code GET /api/v1/alerts} and for
 * {@code earful alerts} on a data folder, so both read alike (a rule's, with its warnings, is
 * {@code http.Views.alertRule}, for the same reason).
 */
public final class AlertDocuments {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  static final List<String> DELIVERIES = List.of("pending", "delivered", "failed", "none");

  private AlertDocuments() {}

  /** {@link #alerts(AlertStore, String, String, String, String, ObjectMapper)}'s first page. */
  public static Map<String, Object> alerts(
      AlertStore store, String ruleId, String delivery, String limitText, ObjectMapper mapper) {
    return alerts(store, ruleId, delivery, limitText, null, mapper);
  }

  /**
   * {@code {"total": N, "alerts": [...], "nextCursor": C}}: the alerts newest first, each with its
   * body as sent and its delivery log, filtered by {@code ruleId} and {@code delivery}, at most
   * {@code limit}, after the place {@code cursor} names (null: from the newest). The list is newest
   * first and the alerts of one evaluation share their instant, so a place is the last alert's
   * instant and the alerts of that instant the pages showed: the next page is the alerts raised
   * before it and those of its instant not shown yet, whether or not the last alert is still listed
   * (erased since, or out of a {@code delivery} filter once delivered: going on from the first
   * alert raised before it skipped the rest of its evaluation, review R7). An alert raised between
   * two pages is newer than every alert shown, so none is shown twice or skipped. A client could
   * read only the newest 500 (50 by default) and never the older ones (the API trial of
   * 2026-12-05).
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
    Place after = null;
    if (cursorText != null && !cursorText.isBlank()) {
      after = Place.of(cursorText.strip());
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
    Place place = after;
    List<Alert> rest = place == null ? all : all.stream().filter(place::before).toList();
    List<Alert> page = rest.subList(0, Math.min(limit, rest.size()));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : page) {
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
    m.put(
        "nextCursor",
        rest.size() > page.size() && !page.isEmpty() ? Place.after(page, place).cursor() : null);
    return m;
  }

  /**
   * Where a page of the alert list ended: the instant of its last alert and the ids of that
   * instant's alerts the pages showed (one evaluation's alerts share it).
   */
  private record Place(Instant raisedAt, Set<String> shown) {

    /** True for an alert the list holds after this place. */
    boolean before(Alert a) {
      return a.raisedAt().isBefore(raisedAt)
          || (a.raisedAt().equals(raisedAt) && !shown.contains(a.id()));
    }

    /** The place after {@code page}, which followed {@code previous} (null: the first page). */
    static Place after(List<Alert> page, Place previous) {
      Instant last = page.getLast().raisedAt();
      Set<String> shown = new LinkedHashSet<>();
      if (previous != null && previous.raisedAt().equals(last)) {
        shown.addAll(previous.shown());
      }
      for (Alert a : page) {
        if (a.raisedAt().equals(last)) {
          shown.add(a.id());
        }
      }
      return new Place(last, shown);
    }

    /** The instant and ids, one a line, URL-safe base64. */
    String cursor() {
      String text = raisedAt + "\n" + String.join("\n", shown);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The place a cursor holds; null when it is not one. */
    static Place of(String text) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", -1);
        Set<String> shown = new LinkedHashSet<>();
        for (int i = 1; i < parts.length; i++) {
          if (parts[i].isEmpty()) {
            return null;
          }
          shown.add(parts[i]);
        }
        return shown.isEmpty() ? null : new Place(Instant.parse(parts[0]), shown);
      } catch (IllegalArgumentException | DateTimeException e) {
        return null;
      }
    }
  }
}
