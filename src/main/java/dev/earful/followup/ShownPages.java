package dev.earful.followup;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the earlier pages of a {@code GET /api/v1/followups} listing showed, as its cursor carries
 * it: for each page kept, when it was read and the queue position of its last row. A follow-up was
 * shown on such a page when, as it stood then (its status, due time and assignee rebuilt from its
 * history, every change made after the read undone), it matched the listing and sat at or before
 * that row in the queue's order. The next page is the first rows of the listing, in the queue's
 * order as it is now, that no kept page showed.
 *
 * <p>What it cannot rebuild: the response filters ({@code q}, {@code sentiment}, {@code theme},
 * {@code segment.KEY}, ...) are asked of the index as it is now, which keeps no history. A row
 * whose response starts to match between two pages (the refinement relabels it) and sits before the
 * last row shown is taken as shown and is listed from the first page only (review R3 of session
 * 23).
 *
 * <p>Why more than the last row's position (e33e4a8's cursor): a row shown open and then closed
 * moves to the end of an every-status list, past the last row shown, and the later pages showed it
 * again; a row moved before the last row shown (an earlier due time) was never shown. Why every
 * page and not only the first's read time (tried in session 22): a row not yet shown and closed
 * before the second page was read sat before the second page's last row as the first page saw it,
 * and was never shown. A page whose rows a later page's covers (nothing it showed has moved past
 * the later page's last row) is dropped, so a cursor holds more than one page only while rows that
 * were shown sit further on; past {@link #MAX_PAGES} the oldest is dropped (a row it alone showed
 * may then show again).
 *
 * <p>A cursor of the last row's position alone (Earful before session 23) is read as a page read
 * now: the listing goes on after that row as it did.
 */
public record ShownPages(List<ShownPages.Page> pages) {

  /**
   * One page: read at {@code readAt} (null: a cursor of the position alone, read as now), its last
   * row at {@code last}.
   */
  public record Page(Instant readAt, QueuePosition last) {}

  static final int MAX_PAGES = 16;
  private static final int MAX_CURSOR = 8192;
  private static final ObjectMapper JSON = new ObjectMapper();

  public ShownPages {
    pages = List.copyOf(pages);
  }

  /** Whether a kept page showed {@code f}, one of the rows {@code query} matches at {@code now}. */
  boolean showed(Followup f, FollowupQuery query, Instant now) {
    for (Page p : pages) {
      if (showedOn(p, f, query, now)) {
        return true;
      }
    }
    return false;
  }

  private static boolean showedOn(Page p, Followup f, FollowupQuery query, Instant now) {
    Instant at = p.readAt() == null ? now : p.readAt();
    Followup then = p.readAt() == null ? f : asOf(f, at);
    return then != null && query.matches(then, at) && !p.last().before(then);
  }

  /**
   * The rows of a listing opened or changed after {@code since} ({@link FollowupQueue.Listed}): a
   * page read at or after {@code since} saw every other row as it stands.
   */
  public record Changed(Instant since, List<Followup> rows) {}

  /** The earliest read of the kept pages, or null when none has one (a position cursor). */
  Instant earliestRead() {
    Instant earliest = null;
    for (Page p : pages) {
      if (p.readAt() != null && (earliest == null || p.readAt().isBefore(earliest))) {
        earliest = p.readAt();
      }
    }
    return earliest;
  }

  /**
   * These pages and one more, read at {@code now} and ending with {@code last}, less the pages the
   * new one covers over {@code matching} (the rows the listing matches now, in the queue's order).
   * {@code changed} holds the rows of {@code matching} opened or changed since the kept pages'
   * reads ({@link FollowupQueue.Listed#changed}), or is null when not known: then every row is
   * rebuilt as of each read.
   */
  ShownPages then(
      Instant now, Followup last, List<Followup> matching, FollowupQuery query, Changed changed) {
    Page added = new Page(now, QueuePosition.of(last));
    List<Page> kept = new ArrayList<>();
    for (Page p : pages) {
      boolean covered =
          knowsChanges(p, now, changed)
              ? coveredSince(p, added, now, matching, query, changed.rows())
              : covered(p, added, now, matching, query);
      if (!covered) {
        kept.add(p);
      }
    }
    kept.add(added);
    while (kept.size() > MAX_PAGES) {
      kept.removeFirst();
    }
    return new ShownPages(kept);
  }

  /**
   * Whether the new page covers {@code p}: no row of {@code matching} that {@code p} showed is past
   * the new page's last row. Each row is rebuilt as of each read.
   */
  private static boolean covered(
      Page p, Page added, Instant now, List<Followup> matching, FollowupQuery query) {
    for (Followup f : matching) {
      if (showedOn(p, f, query, now) && !showedOn(added, f, query, now)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code changed} lists every row changed since {@code p}'s read, which was not after now
   * (a clock that went back, or another server's cursor, is checked row by row).
   */
  private static boolean knowsChanges(Page p, Instant now, Changed changed) {
    return changed != null
        && p.readAt() != null
        && !p.readAt().isBefore(changed.since())
        && !p.readAt().isAfter(now);
  }

  /**
   * {@link #covered} reading only the rows changed since {@code p}'s read and those between the two
   * pages' last rows. A row unchanged since that read stands as it did then: {@code p} showed it
   * when it matched then and sat at or before {@code p}'s last row, and the new page (read now, the
   * row matching now, as every row of {@code matching} does) shows it when it sits at or before the
   * new last row. So such a row is {@code p}'s alone only when it sits after the new last row and
   * at or before {@code p}'s, and matched then; when {@code p}'s last row is at or before the new
   * one, there is none, and only the changed rows are read (session 24: a change since the read
   * made every page read every row, 20-60 ms at 100,000).
   */
  private static boolean coveredSince(
      Page p,
      Page added,
      Instant now,
      List<Followup> matching,
      FollowupQuery query,
      List<Followup> changed) {
    Instant at = p.readAt();
    for (Followup f : changed) {
      if (FollowupQueue.touchedAt(f).isAfter(at)
          && showedOn(p, f, query, now)
          && !showedOn(added, f, query, now)) {
        return false;
      }
    }
    if (QueuePosition.ORDER.compare(p.last(), added.last()) <= 0) {
      return true;
    }
    for (int i = firstAfter(matching, added.last()); i < matching.size(); i++) {
      Followup f = matching.get(i);
      if (p.last().before(f)) {
        return true; // the queue's order: every later row is past p's last row too
      }
      if (!FollowupQueue.touchedAt(f).isAfter(at) && query.matches(f, at)) {
        return false;
      }
    }
    return true;
  }

  /** The index of the first row of {@code rows} (in the queue's order) after {@code position}. */
  static int firstAfter(List<Followup> rows, QueuePosition position) {
    int lo = 0;
    int hi = rows.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (position.before(rows.get(mid))) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * The furthest last row of the kept pages, when every row of a listing at or before it that is
   * unchanged since {@code changed.since()} and matches {@code query} now was shown by the page
   * that ends there; null when that cannot be said. Such a row stands as it did at that page's
   * read, at the same place, and matched then too: the conditions of a listing are the row's own
   * fields, but {@code overdue}, and a row unchanged since a read not after now that is not overdue
   * now was not then, while one overdue now sitting at or before a last row that was overdue at its
   * read was overdue then. The last row's being overdue is checked, as a cursor may be read with
   * another listing than its own.
   */
  QueuePosition shownThrough(FollowupQuery query, Instant now, Changed changed) {
    if (changed == null || pages.isEmpty()) {
      return null;
    }
    Page furthest = null;
    for (Page p : pages) {
      if (p.readAt() == null || p.readAt().isBefore(changed.since()) || p.readAt().isAfter(now)) {
        return null;
      }
      if (furthest == null || QueuePosition.ORDER.compare(p.last(), furthest.last()) > 0) {
        furthest = p;
      }
    }
    QueuePosition last = furthest.last();
    if (Boolean.TRUE.equals(query.overdue())
        && !(last.pending() && last.due().isBefore(furthest.readAt()))) {
      return null;
    }
    return last;
  }

  /**
   * {@code f} as it stood at {@code at}, a page's read ({@link FollowupQueue#listed}: taken under
   * the queue's lock with the copy the page was cut from, so every change the page saw was made at
   * or before it): each change of its status, due time or assignee made after {@code at} undone;
   * null when it did not exist yet. A change stamped at {@code at} is taken as seen by the read:
   * within one process none made after a read is, as the queue stamps a change after the last read
   * even when its clock did not move or went back (review R5 of session 24). A cursor read by
   * another process (one from before a restart, or another server's) is not ordered so: a change
   * made there in the instant of its read, or with a clock behind it, is still taken as seen.
   */
  static Followup asOf(Followup f, Instant at) {
    if (f.createdAt().isAfter(at)) {
      return null;
    }
    List<Followup.Change> history = f.history();
    if (history.isEmpty() || !history.getLast().at().isAfter(at)) {
      return f; // unchanged since: most rows, so no copy is made for them
    }
    FollowupStatus status = f.status();
    Instant due = f.due();
    String assignee = f.assignee();
    for (int i = history.size() - 1; i >= 0; i--) {
      Followup.Change c = history.get(i);
      if (!c.at().isAfter(at)) {
        break;
      }
      switch (c.field()) {
        case "status" -> {
          if (c.from() == null) {
            return null; // the opening
          }
          status = FollowupStatus.parse(c.from());
        }
        case "due" -> due = Instant.parse(c.from());
        case "assignee" -> assignee = c.from();
        default -> {}
      }
    }
    return f.withWork(status, assignee, due, f.updatedAt(), f.notes(), f.history());
  }

  /**
   * The opaque cursor: URL-safe base64 of {@code {"pages": [{"readAt", "pending", "due", ...}]}}.
   */
  public String cursor() {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode list = o.putArray("pages");
    for (Page p : pages) {
      ObjectNode n = list.addObject();
      n.put("readAt", p.readAt() == null ? null : p.readAt().toString());
      n.setAll(p.last().toJson());
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The pages a cursor of {@link #cursor()} carries, or a page of the last row's position alone
   * (the cursor of {@link QueuePosition#cursor()}, Earful before session 23).
   *
   * @throws IllegalArgumentException when it is neither
   */
  public static ShownPages fromCursor(String cursor) {
    if (cursor.length() > MAX_CURSOR) {
      throw new IllegalArgumentException("too long");
    }
    String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    if (!o.has("pages")) {
      return new ShownPages(List.of(new Page(null, QueuePosition.fromJson(o))));
    }
    if (o.size() != 1 || !o.get("pages").isArray() || o.get("pages").isEmpty()) {
      throw new IllegalArgumentException("not pages");
    }
    List<Page> pages = new ArrayList<>();
    for (JsonNode n : o.get("pages")) {
      if (!n.isObject() || !n.path("readAt").isTextual()) {
        throw new IllegalArgumentException("not a page");
      }
      ObjectNode position = ((ObjectNode) n).deepCopy();
      position.remove("readAt");
      try {
        pages.add(
            new Page(Instant.parse(n.get("readAt").textValue()), QueuePosition.fromJson(position)));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an instant");
      }
    }
    return new ShownPages(pages);
  }
}
