package dev.earful.followup;

import dev.earful.domain.Metric;
import java.time.Instant;
import java.util.List;

/**
 * A response someone should act on, and what has been done about it. The response's fields that a
 * queue shows are copied in (score, customer, account, an excerpt of the comment), so the queue
 * lists without reading the index; erasing the customer removes the follow-up with them.
 *
 * @param key the response id and kind: one follow-up per response and kind, whatever re-imports
 * @param history every change, oldest first, the first being the opening
 * @param decidedOn a digest of the response's fields a rule can read, as it was when the follow-up
 *     was last opened, closed, reopened or brought up to date by an import ({@link
 *     FollowupQueue#decidedOn}): an import decides again only when the response differs from it;
 *     null in follow-ups an older release stored
 */
public record Followup(
    String id,
    String responseId,
    FollowupKind kind,
    String ruleId,
    FollowupStatus status,
    String assignee,
    Instant due,
    Instant createdAt,
    Instant updatedAt,
    Metric metric,
    int score,
    String customer,
    String account,
    Instant submittedAt,
    String excerpt,
    List<Note> notes,
    List<Change> history,
    String decidedOn) {

  public Followup {
    notes = List.copyOf(notes);
    history = List.copyOf(history);
  }

  /** A note left by someone. */
  public record Note(Instant at, String by, String text) {}

  /**
   * One change: who made it, when, and what ({@code field}: {@code from} to {@code to}; the opening
   * is {@code status: null -> open}).
   */
  public record Change(Instant at, String by, String field, String from, String to) {}

  /**
   * This follow-up with what people change in it (status, assignee, due time) and its record of
   * changes replaced; the response's fields copied in stay.
   */
  public Followup withWork(
      FollowupStatus status,
      String assignee,
      Instant due,
      Instant updatedAt,
      List<Note> notes,
      List<Change> history) {
    return new Followup(
        id,
        responseId,
        kind,
        ruleId,
        status,
        assignee,
        due,
        createdAt,
        updatedAt,
        metric,
        score,
        customer,
        account,
        submittedAt,
        excerpt,
        notes,
        history,
        decidedOn);
  }

  /** Whether it is still to do and past its due time at {@code now}. */
  public boolean overdueAt(Instant now) {
    return status.pending() && due.isBefore(now);
  }

  /** The key of one follow-up per response and kind. */
  public static String key(String responseId, FollowupKind kind) {
    return kind.wireName() + '\u0000' + responseId;
  }

  public String key() {
    return key(responseId, kind);
  }
}
