package dev.earful.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Generated follow-up journals for the paging tests. */
final class FollowupJournals {

  private FollowupJournals() {}

  /**
   * Writes the queue's journal in {@code dir}: {@code rows} follow-ups {@code fu-0000}, ... opened
   * three days before {@code t0}, a fifth of them resolved, due in whole hours from two days before
   * {@code t0} to two after (so a few share a due time).
   */
  static void write(Path dir, ObjectMapper mapper, SplittableRandom random, int rows, Instant t0)
      throws Exception {
    List<String> lines = new ArrayList<>();
    Instant created = t0.minus(Duration.ofDays(3));
    for (int i = 0; i < rows; i++) {
      FollowupStatus status =
          random.nextInt(5) == 0 ? FollowupStatus.RESOLVED : FollowupStatus.OPEN;
      List<Followup.Change> history = new ArrayList<>();
      history.add(new Followup.Change(created, "rule:detractors", "status", null, "open"));
      if (status != FollowupStatus.OPEN) {
        history.add(new Followup.Change(created, "lead", "status", "open", status.wireName()));
      }
      Followup f =
          new Followup(
              id(i),
              "r" + i,
              FollowupKind.RECOVER,
              "detractors",
              status,
              null,
              due(random, t0),
              created,
              created,
              Metric.NPS,
              random.nextInt(7),
              null,
              null,
              // a few share a submission time, so the id decides their order
              created.minus(Duration.ofHours(random.nextInt(20))),
              "Comment " + i,
              List.of(),
              history,
              null);
      lines.add(mapper.writeValueAsString(FollowupCodec.toMap(f)));
    }
    Files.write(dir.resolve(FollowupQueue.JOURNAL), lines);
  }

  /** A due time in whole hours from two days before {@code t0} to two after. */
  static Instant due(SplittableRandom random, Instant t0) {
    return t0.plus(Duration.ofHours(random.nextInt(-48, 49)));
  }

  static String id(int i) {
    return String.format(Locale.ROOT, "fu-%04d", i);
  }
}
