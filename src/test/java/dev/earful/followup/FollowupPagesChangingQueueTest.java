package dev.earful.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.http.Json;
import dev.earful.schedule.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of a queue that changes between pages is the same whether its cursor's earlier pages are
 * checked against the rows changed since their reads only (the queue's change log, session 24) or
 * against every row rebuilt as of each read ({@link FollowupQuery#page(List, Instant)}, which knows
 * no change log): the same rows, counts and next cursor, over seeded runs of pages between which
 * follow-ups move, close, reopen, change hands and fall overdue, and a client now and then keeps
 * the cursor with another listing. A page read from the cursor's position (session 24) is held to
 * the same. The rows a listing reads (kept between changes, session 25), its total and its overdue
 * count (a binary search) equal a filter of the whole queue.
 */
class FollowupPagesChangingQueueTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final int ROWS = 80;
  private static final List<FollowupStatus> STATUSES = List.of(FollowupStatus.values());

  @TempDir Path data;

  @Test
  void aPageCheckedAgainstTheChangedRowsIsThePageEveryRowRebuiltGives() throws Exception {
    ObjectMapper mapper = Json.newMapper();
    SplittableRandom random = new SplittableRandom(24);
    write(mapper, random);
    MovableClock clock = new MovableClock(T0);
    List<Map<String, List<String>>> queries =
        List.of(
            Map.of("status", List.of("open,contacted,resolved,no_action")),
            Map.of("status", List.of("open")),
            Map.of("overdue", List.of("true")),
            Map.of("overdue", List.of("false")),
            Map.of("assignee", List.of("sam")));
    int pages = 0;
    int cursorsKeepingAnEarlierPage = 0;
    try (FollowupQueue q =
        FollowupQueue.open(data, (filter, ids) -> new HashSet<>(ids), clock, mapper)) {
      for (int round = 0; round < 60; round++) {
        Map<String, List<String>> asked = queries.get(round % queries.size());
        String limit = Integer.toString(1 + random.nextInt(8));
        String cursor = null;
        for (int page = 0; page < 12; page++) {
          Map<String, List<String>> params = new HashMap<>(asked);
          params.put("limit", List.of(limit));
          if (cursor != null) {
            params.put("cursor", List.of(cursor));
          }
          FollowupQuery query = FollowupQuery.parse(params);
          FollowupQueue.Listed listed = q.listed(query);
          Map<String, Object> fromChanges = query.page(listed);
          Map<String, Object> everyRow = query.page(listed.rows(), listed.readAt());
          assertEquals(everyRow, fromChanges, "round " + round + ", page " + (page + 1));
          // the rows (kept between changes) and the counts, against a filter of the whole queue
          Instant at = listed.readAt();
          List<Followup> all = q.all().stream().filter(f -> query.matches(f, at)).toList();
          assertEquals(all, listed.rows(), "round " + round + ", page " + (page + 1));
          assertEquals(all.size(), fromChanges.get("total"));
          assertEquals(
              all.stream().filter(f -> f.overdueAt(at)).count(),
              fromChanges.get("overdue"),
              "round " + round + ", page " + (page + 1));
          pages++;
          cursor = (String) fromChanges.get("nextCursor");
          if (cursor == null) {
            break;
          }
          if (ShownPages.fromCursor(cursor).pages().size() > 1) {
            cursorsKeepingAnEarlierPage++;
          }
          if (random.nextInt(8) == 0) {
            // a client that keeps the cursor and changes the listing's filter
            asked = queries.get(random.nextInt(queries.size()));
          }
          // between two pages: time passes (or not: a change in the read's own instant), and
          // rows change
          clock.set(clock.instant().plus(Duration.ofMinutes(30L * random.nextInt(3))));
          for (int c = random.nextInt(4); c > 0; c--) {
            change(q, random);
          }
        }
      }
    }
    // the runs reach the case the change log serves: a cursor that keeps an earlier page
    assertTrue(pages > 200, "pages compared: " + pages);
    assertTrue(
        cursorsKeepingAnEarlierPage >= 10,
        "cursors keeping a page: " + cursorsKeepingAnEarlierPage);
  }

  /** A random change of a random follow-up: a due time, a status, an assignee or a note. */
  private static void change(FollowupQueue q, SplittableRandom random) {
    String id = id(random.nextInt(ROWS));
    FollowupPatch patch =
        switch (random.nextInt(4)) {
          case 0 -> new FollowupPatch(null, false, null, due(random), null);
          case 1 ->
              new FollowupPatch(
                  STATUSES.get(random.nextInt(STATUSES.size())), false, null, null, null);
          case 2 -> new FollowupPatch(null, true, random.nextBoolean() ? "sam" : null, null, null);
          default -> new FollowupPatch(null, false, null, null, "called back");
        };
    q.update(id, patch, "lead");
  }

  /**
   * The queue's journal: open follow-ups (a few closed) due from two days before T0 to two after.
   */
  private void write(ObjectMapper mapper, SplittableRandom random) throws Exception {
    FollowupJournals.write(data, mapper, random, ROWS, T0);
  }

  private static Instant due(SplittableRandom random) {
    // whole hours, so a few rows share a due time
    return T0.plus(Duration.ofHours(random.nextInt(-48, 49)));
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "fu-%04d", i);
  }
}
