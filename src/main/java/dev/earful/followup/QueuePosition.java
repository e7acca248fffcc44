package dev.earful.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;

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

  public static QueuePosition of(Followup f) {
    return new QueuePosition(f.status().pending(), f.due(), f.submittedAt(), f.id());
  }

  /** Whether {@code f} comes after this position in the queue's order. */
  public boolean before(Followup f) {
    return compare(pending, due, submittedAt, id, f) < 0;
  }

  /**
   * {@link #ORDER}'s comparison of {@code a} and {@code b} with no position made for either: the
   * queue sorts and a page's listing asks it of every row.
   */
  static int compare(Followup a, Followup b) {
    return compare(a.status().pending(), a.due(), a.submittedAt(), a.id(), b);
  }

  /** {@link #ORDER}'s comparison of the position of these fields with {@code f}'s. */
  private static int compare(
      boolean pending, Instant due, Instant submittedAt, String id, Followup f) {
    int c = Boolean.compare(!pending, !f.status().pending());
    if (c == 0) {
      c = due.compareTo(f.due());
    }
    if (c == 0 && !Objects.equals(submittedAt, f.submittedAt())) {
      // the most recent response first, a missing time last
      c =
          submittedAt == null
              ? 1
              : f.submittedAt() == null ? -1 : f.submittedAt().compareTo(submittedAt);
    }
    if (c == 0) {
      c = id.compareTo(f.id());
    }
    return c;
  }

  /**
   * The cursor of Earful before session 23, this position alone ({@link ShownPages#fromCursor}
   * still reads it as the page after it).
   */
  public String cursor() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(toJson().toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {"pending", "due", "submittedAt", "id"}}, as a cursor carries it. */
  ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("pending", pending);
    o.put("due", due.toString());
    o.put("submittedAt", submittedAt == null ? null : submittedAt.toString());
    o.put("id", id);
    return o;
  }

  /**
   * The position of {@link #toJson()}.
   *
   * @throws IllegalArgumentException when {@code o} is not one
   */
  static QueuePosition fromJson(JsonNode o) {
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
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an instant");
    }
  }
}
