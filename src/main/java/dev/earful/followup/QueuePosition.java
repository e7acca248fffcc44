package dev.earful.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * Where a follow-up sits in the queue's order, and the opaque cursor of {@code GET
 * /api/v1/followups} that says "the page after this one": URL-safe base64 of a small JSON object
 * ({@code {"pending":true,"due":"…","submittedAt":"…","id":"fu-…"}}).
 *
 * <p>The queue shows overdue first, then pending by due time, then the closed ones. An overdue
 * follow-up is a pending one whose due time has passed, so among the pending ones "overdue first,
 * then by due time" is the order of the due time alone, and the order needs no clock: a follow-up
 * that falls overdue between two pages keeps its place. A page continues after the last row's
 * position rather than at an offset (an offset into a list whose rows leave and move, when one is
 * closed or falls out of an {@code overdue=false} filter, showed a row twice or skipped one).
 */
public record QueuePosition(boolean pending, Instant due, Instant submittedAt, String id) {

  /**
   * The queue's order: pending first, then by due time, at one due time (an import opens its
   * follow-ups due together) the most recent response first, then by id.
   */
  public static final Comparator<QueuePosition> ORDER =
      Comparator.comparing((QueuePosition p) -> !p.pending())
          .thenComparing(QueuePosition::due)
          .thenComparing(
              QueuePosition::submittedAt, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(QueuePosition::id);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CURSOR = 1024;

  public static QueuePosition of(Followup f) {
    return new QueuePosition(f.status().pending(), f.due(), f.submittedAt(), f.id());
  }

  /** Whether {@code f} comes after this position in the queue's order. */
  public boolean before(Followup f) {
    return ORDER.compare(this, of(f)) < 0;
  }

  /** The opaque cursor of the page that starts after this position. */
  public String cursor() {
    ObjectNode o = JSON.createObjectNode();
    o.put("pending", pending);
    o.put("due", due.toString());
    o.put("submittedAt", submittedAt == null ? null : submittedAt.toString());
    o.put("id", id);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a cursor of {@link #cursor()} carries.
   *
   * @throws IllegalArgumentException when it is not one (not base64, not the object, a field
   *     missing or of the wrong type)
   */
  public static QueuePosition fromCursor(String cursor) {
    if (cursor.length() > MAX_CURSOR) {
      throw new IllegalArgumentException("too long");
    }
    String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (o == null
        || !o.isObject()
        || o.size() != 4
        || !o.path("pending").isBoolean()
        || !o.path("due").isTextual()
        || !(o.path("submittedAt").isTextual() || o.path("submittedAt").isNull())
        || !o.path("id").isTextual()) {
      throw new IllegalArgumentException("not a position");
    }
    try {
      return new QueuePosition(
          o.get("pending").booleanValue(),
          Instant.parse(o.get("due").textValue()),
          o.get("submittedAt").isNull() ? null : Instant.parse(o.get("submittedAt").textValue()),
          o.get("id").textValue());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not an instant");
    }
  }
}
