package dev.earful.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Metric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        List.of());
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
}
