package dev.earful.followup;

import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.QueryParameters;
import dev.earful.search.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code GET /api/v1/followups} and {@code earful followups} ask for, read from the same
 * parameters: {@code status} and {@code kind} (each "a,b" or repeated), {@code assignee}, {@code
 * account}, {@code customer} (repeatable; a value may contain a comma), {@code id} (follow-up ids,
 * "a,b" or repeated: the ones a person ticked in the page), {@code overdue} (true or false), {@code
 * limit} (1-500, default 50), {@code cursor} (the {@link ShownPages}: the rows after them) and
 * {@code format} (csv); and every response filter of the read endpoints ({@link Filter#parse}:
 * {@code q}, {@code metric}, {@code from}, {@code to}, {@code minScore}, {@code maxScore}, {@code
 * category}, {@code theme}, {@code sentiment}, {@code segment.KEY}), which a follow-up matches when
 * its response does ({@code from}/{@code to} on the response's submittedAt, as everywhere). {@code
 * account} and {@code customer} are the follow-up's own, which are its response's. The queue's
 * order is kept: overdue first, then by due date ({@link FollowupQueue#all}).
 *
 * @param after what the pages before showed, or null on the first
 */
public record FollowupQuery(
    Set<FollowupStatus> statuses,
    Set<FollowupKind> kinds,
    List<String> assignees,
    List<String> accounts,
    List<String> customers,
    List<String> ids,
    Boolean overdue,
    Filter responses,
    ShownPages after,
    int limit,
    boolean csv) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** What the offset cursors of Earful before 2026-12-04 began with, once decoded. */
  private static final String OFFSET_CURSOR = "followups:";

  private static final Set<String> KNOWN =
      Set.of(
          "status",
          "kind",
          "assignee",
          "account",
          "customer",
          "id",
          "overdue",
          "limit",
          "cursor",
          "format");

  /**
   * @throws InvalidRequestException naming every bad or unknown parameter
   */
  public static FollowupQuery parse(Map<String, List<String>> params) {
    QueryParameters p = new QueryParameters(params);
    Set<FollowupStatus> statuses = EnumSet.noneOf(FollowupStatus.class);
    for (String s : values(params, "status")) {
      try {
        statuses.add(FollowupStatus.parse(s));
      } catch (IllegalArgumentException e) {
        p.error("status", "must be open, contacted, resolved or no_action, got '" + s + "'");
      }
    }
    Set<FollowupKind> kinds = EnumSet.noneOf(FollowupKind.class);
    for (String s : values(params, "kind")) {
      try {
        kinds.add(FollowupKind.parse(s));
      } catch (IllegalArgumentException e) {
        p.error("kind", "must be recover or advocate, got '" + s + "'");
      }
    }
    Boolean overdue = p.bool("overdue");
    for (String name : params.keySet()) {
      if (!KNOWN.contains(name)
          && !Filter.PARAMETERS.contains(name)
          && !name.startsWith(Schema.SEGMENT_PREFIX)) {
        p.error(
            name,
            "unknown parameter (expected status, kind, assignee, account, customer, id,"
                + " overdue, limit, cursor, format, or a response filter: q, metric, from, to,"
                + " minScore, maxScore, category, theme, sentiment, segment.KEY)");
      }
    }
    // account and customer are the follow-up's own (its response's): matched on the follow-up.
    Map<String, List<String>> responseParams = new LinkedHashMap<>(params);
    responseParams.remove("account");
    responseParams.remove("customer");
    Filter responses = Filter.ALL;
    try {
      responses = Filter.parse(responseParams);
    } catch (InvalidRequestException e) {
      p.errors(e.errors());
    }
    int limit = p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    ShownPages after = after(p);
    boolean csv = values(params, "format").contains("csv");
    p.check();
    return new FollowupQuery(
        statuses,
        kinds,
        values(params, "assignee"),
        values(params, "account"),
        values(params, "customer"),
        values(params, "id"),
        overdue,
        responses,
        after,
        limit,
        csv);
  }

  /** The pages the {@code cursor} parameter carries, or null when absent or not valid. */
  private static ShownPages after(QueryParameters p) {
    String cursor = p.text("cursor");
    if (cursor == null) {
      return null;
    }
    try {
      return ShownPages.fromCursor(cursor);
    } catch (IllegalArgumentException e) {
      // Not a position; an offset cursor of an older server is said apart, as its client did
      // nothing wrong: it kept a page's nextCursor across an upgrade.
    }
    String decoded = "";
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // not base64: not a cursor at all
    }
    p.error(
        "cursor",
        decoded.startsWith(OFFSET_CURSOR)
            ? "is a cursor of an older Earful (a page number, which showed a row twice or skipped"
                + " one when the queue moved between pages), no longer read: start again from the"
                + " first page, without cursor"
            : "is not a cursor of the follow-up queue: start again from the first page, without"
                + " cursor");
    return null;
  }

  /** The same query asking for CSV (the HTTP {@code Accept} header can ask for it too). */
  public FollowupQuery asCsv() {
    return new FollowupQuery(
        statuses, kinds, assignees, accounts, customers, ids, overdue, responses, after, limit,
        true);
  }

  /**
   * This query's conditions on the follow-up's own fields, without {@code overdue} (the one that
   * depends on the instant), the response filter, paging and format: what a listing cached between
   * changes is kept by ({@link FollowupQueue#listed}).
   */
  FollowupQuery anyTime() {
    return new FollowupQuery(
        statuses, kinds, assignees, accounts, customers, ids, null, Filter.ALL, null, 0, false);
  }

  /** Whether the query has no condition at all, so it matches the whole queue. */
  public boolean unfiltered() {
    return statuses.isEmpty()
        && kinds.isEmpty()
        && assignees.isEmpty()
        && accounts.isEmpty()
        && customers.isEmpty()
        && ids.isEmpty()
        && overdue == null
        && responses.isAll();
  }

  /**
   * Whether {@code f} matches every condition of the query at {@code now} but the response filter
   * ({@link #responses}), which only the index can answer: {@link FollowupQueue#select} asks it.
   */
  public boolean matches(Followup f, Instant now) {
    return (statuses.isEmpty() || statuses.contains(f.status()))
        && (kinds.isEmpty() || kinds.contains(f.kind()))
        && (assignees.isEmpty() || assignees.contains(f.assignee() == null ? "" : f.assignee()))
        && (accounts.isEmpty() || (f.account() != null && accounts.contains(f.account())))
        && (customers.isEmpty() || (f.customer() != null && customers.contains(f.customer())))
        && (ids.isEmpty() || ids.contains(f.id()))
        && (overdue == null || f.overdueAt(now) == overdue);
  }

  /**
   * The JSON document of one page of {@code matching} (in the queue's order): total, how many are
   * overdue, the page's follow-ups, the first that no page before it showed ({@link #after}), and
   * the cursor of the next page (null on the last).
   */
  public Map<String, Object> page(List<Followup> matching, Instant now) {
    return page(matching, now, null);
  }

  /**
   * {@link #page(List, Instant)} of what {@link FollowupQueue#listed} read: its rows, its instant,
   * and the rows changed since the cursor's earliest read, the only ones {@link ShownPages#then}
   * rebuilds as of an earlier page's read (without them it rebuilds every row).
   */
  public Map<String, Object> page(FollowupQueue.Listed listed) {
    return page(
        listed.rows(),
        listed.readAt(),
        listed.changedSince() == null
            ? null
            : new ShownPages.Changed(listed.changedSince(), listed.changed()));
  }

  private Map<String, Object> page(
      List<Followup> matching, Instant now, ShownPages.Changed changed) {
    List<Followup> rows = new ArrayList<>();
    boolean more = false;
    for (Followup f : unshownCandidates(matching, now, changed)) {
      if (after != null && after.showed(f, this, now)) {
        continue;
      }
      if (rows.size() == limit) {
        more = true;
        break;
      }
      rows.add(f);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", matching.size());
    m.put("overdue", overdue(matching, now));
    m.put("followups", rows.stream().map(f -> FollowupDocuments.view(f, now)).toList());
    ShownPages shown = after == null ? new ShownPages(List.of()) : after;
    m.put(
        "nextCursor",
        more ? shown.then(now, rows.getLast(), matching, this, changed).cursor() : null);
    return m;
  }

  /**
   * How many of {@code matching} (in the queue's order) are overdue at {@code now}. The overdue are
   * the pending whose due time has passed, and the queue's order puts the pending first by due time
   * ({@link QueuePosition}), so they are its first rows: a binary search finds where they end, not
   * a pass over every row the listing matched.
   */
  static long overdue(List<Followup> matching, Instant now) {
    int lo = 0;
    int hi = matching.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (matching.get(mid).overdueAt(now)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The rows of {@code matching} a page may list, in the queue's order: all of them, or, when the
   * kept pages showed every row unchanged since their reads up to the furthest last row ({@link
   * ShownPages#shownThrough}), the changed rows up to that row and every row after it. So a page
   * reads from the cursor's position, not from the top of the listing (session 24).
   */
  private List<Followup> unshownCandidates(
      List<Followup> matching, Instant now, ShownPages.Changed changed) {
    QueuePosition through = after == null ? null : after.shownThrough(this, now, changed);
    if (through == null) {
      return matching;
    }
    List<Followup> candidates = new ArrayList<>();
    for (Followup f : changed.rows()) {
      if (!through.before(f)) {
        candidates.add(f);
      }
    }
    candidates.sort(FollowupQueue.QUEUE_ORDER);
    // every row up to through comes before every row after it
    candidates.addAll(matching.subList(ShownPages.firstAfter(matching, through), matching.size()));
    return candidates;
  }

  private static List<String> values(Map<String, List<String>> params, String name) {
    List<String> out = new ArrayList<>();
    // status, kind and id take "a,b"; an account or a customer may contain a comma itself
    boolean split = name.equals("status") || name.equals("kind") || name.equals("id");
    for (String v : params.getOrDefault(name, List.of())) {
      for (String part : split ? v.split(",") : new String[] {v}) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }
}
