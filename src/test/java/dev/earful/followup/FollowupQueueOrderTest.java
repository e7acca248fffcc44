package dev.earful.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.http.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowupQueueOrderTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private static Followup followup(String id, FollowupStatus status, String due, String submitted) {
    return new Followup(
        id,
        "r-" + id,
        FollowupKind.RECOVER,
        "detractors",
        status,
        null,
        Instant.parse(due),
        Instant.parse("2026-12-03T11:31:00Z"),
        Instant.parse("2026-12-03T11:31:00Z"),
        Metric.NPS,
        3,
        null,
        null,
        submitted == null ? null : Instant.parse(submitted),
        "",
        List.of(),
        List.of(),
        null);
  }

  /**
   * Overdue first, then pending by due time, then the closed ones; at one due time (one import
   * opens its follow-ups due together) the most recent response first, not the order of the ids.
   */
  @Test
  void atTheSameDueTimeTheMostRecentResponseComesFirst() {
    String due = "2026-12-07T11:31:00Z";
    List<Followup> queue =
        new ArrayList<>(
            List.of(
                followup("fu-a", FollowupStatus.OPEN, due, "2026-11-05T10:00:00Z"),
                followup("fu-b", FollowupStatus.OPEN, due, "2026-12-02T09:00:00Z"),
                followup("fu-c", FollowupStatus.OPEN, due, null),
                followup("fu-d", FollowupStatus.RESOLVED, due, "2026-12-03T08:00:00Z"),
                followup(
                    "fu-e", FollowupStatus.OPEN, "2026-12-01T00:00:00Z", "2026-10-01T00:00:00Z"),
                followup("fu-f", FollowupStatus.CONTACTED, due, "2026-11-20T10:00:00Z"),
                followup(
                    "fu-g", FollowupStatus.OPEN, "2026-12-05T00:00:00Z", "2026-11-01T00:00:00Z")));
    queue.sort(FollowupQueue.QUEUE_ORDER);
    // The first is the one overdue at NOW: the order of the due times puts it first without a
    // clock.
    assertEquals(
        List.of("fu-e"), queue.stream().filter(f -> f.overdueAt(NOW)).map(Followup::id).toList());
    assertEquals(
        List.of("fu-e", "fu-g", "fu-b", "fu-f", "fu-a", "fu-c", "fu-d"),
        queue.stream().map(Followup::id).toList());
  }

  @TempDir Path data;

  /**
   * The queue keeps its follow-ups in its order as they change (session 24: an ordered index, so a
   * listing sorts nothing): a follow-up given an earlier due time moves up, one closed moves to the
   * end, one erased leaves, each listed once, and the queue opened again from its journal reads the
   * same.
   */
  @Test
  void eachFollowupIsListedOnceAtItsPlaceAsItChanges() throws Exception {
    List<AnalyzedResponse> batch = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      batch.add(
          new AnalyzedResponse(
              new Response("r" + i, Metric.NPS, 2, "", NOW.minus(Duration.ofHours(i)), Map.of()),
              Analysis.EMPTY));
    }
    FollowupQueue.ResponseMatcher everyResponse = (filter, ids) -> new HashSet<>(ids);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    FollowupQuery everyStatus = FollowupQuery.parse(Map.of());
    try (FollowupQueue q = FollowupQueue.open(data, everyResponse, clock, Json.newMapper())) {
      q.onImported(batch, true);
      // one due time: the most recent response first
      assertEquals(List.of("r1", "r2", "r3", "r4"), responses(q.all()));
      q.update(
          id(q, "r3"),
          new FollowupPatch(null, false, null, NOW.minus(Duration.ofDays(1)), null),
          "lead");
      assertEquals(List.of("r3", "r1", "r2", "r4"), responses(q.all()));
      q.update(
          id(q, "r1"), new FollowupPatch(FollowupStatus.RESOLVED, false, null, null, null), "lead");
      assertEquals(List.of("r3", "r2", "r4", "r1"), responses(q.all()));
      // a listing read before the erasure (and kept until a change) does not outlive it
      assertEquals(List.of("r3", "r2", "r4", "r1"), responses(q.listed(everyStatus).rows()));
      q.eraseResponse("r2");
      assertEquals(List.of("r3", "r4", "r1"), responses(q.all()));
      assertEquals(List.of("r3", "r4", "r1"), responses(q.listed(everyStatus).rows()));
      assertEquals(3, q.size());
    }
    try (FollowupQueue q = FollowupQueue.open(data, everyResponse, clock, Json.newMapper())) {
      assertEquals(List.of("r3", "r4", "r1"), responses(q.all()));
    }
  }

  private static String id(FollowupQueue q, String responseId) {
    return q.all().stream()
        .filter(f -> f.responseId().equals(responseId))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static List<String> responses(List<Followup> rows) {
    return rows.stream().map(Followup::responseId).toList();
  }
}
