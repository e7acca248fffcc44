package dev.earful.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.Metric;
import dev.earful.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FollowupCodecTest {

  private final ObjectMapper mapper = Json.newMapper();
  private final FollowupCodec codec = new FollowupCodec(mapper);

  @Test
  void writesAJournalLineAsTheMapOfTheApiWouldBeWritten() throws Exception {
    SplittableRandom rnd = new SplittableRandom(14);
    for (int i = 0; i < 500; i++) {
      Followup f = followup(rnd);
      String line = codec.line(f);
      assertEquals(mapper.writeValueAsString(FollowupCodec.toMap(f)), line);
      assertEquals(f, codec.parse(line));
    }
  }

  @Test
  void writesABatchsLinesAsEachAloneWhateverInstantsTheyShare() {
    SplittableRandom rnd = new SplittableRandom(2026);
    Instant[] shared = {
      Instant.parse("2026-12-02T17:00:00Z"),
      Instant.parse("2026-12-04T17:00:00.123Z"),
      Instant.parse("2026-12-07T17:00:00.000000001Z")
    };
    for (int batch = 0; batch < 50; batch++) {
      List<Followup> followups = new ArrayList<>();
      for (int i = rnd.nextInt(40); i > 0; i--) {
        Followup f = followup(rnd);
        // most take their clock readings from a few shared instants, in any order
        Instant due = rnd.nextInt(4) == 0 ? f.due() : shared[rnd.nextInt(shared.length)];
        Instant now = rnd.nextInt(4) == 0 ? f.createdAt() : shared[rnd.nextInt(shared.length)];
        List<Followup.Change> history = new ArrayList<>();
        for (Followup.Change c : f.history()) {
          Instant at = rnd.nextBoolean() ? now : c.at();
          history.add(new Followup.Change(at, c.by(), c.field(), c.from(), c.to()));
        }
        followups.add(
            new Followup(
                f.id(),
                f.responseId(),
                f.kind(),
                f.ruleId(),
                f.status(),
                f.assignee(),
                due,
                now,
                rnd.nextBoolean() ? now : f.updatedAt(),
                f.metric(),
                f.score(),
                f.customer(),
                f.account(),
                f.submittedAt(),
                f.excerpt(),
                f.notes(),
                history,
                null));
      }
      assertEquals(followups.stream().map(codec::line).toList(), codec.lines(followups));
    }
  }

  @Test
  void pinsTheJournalLineOfAnOpenedFollowup() {
    Instant at = Instant.parse("2026-12-02T17:00:00Z");
    Followup f =
        new Followup(
            "fu-0123456789ab",
            "r1",
            FollowupKind.values()[0],
            "recover",
            FollowupStatus.OPEN,
            null,
            Instant.parse("2026-12-04T17:00:00Z"),
            at,
            at,
            Metric.NPS,
            3,
            null,
            "Acme \"EU\"",
            Instant.parse("2026-11-30T08:15:30.250Z"),
            "Slow\ndelivery é",
            List.of(),
            List.of(new Followup.Change(at, "rule:recover", "status", null, "open")),
            null);
    assertEquals(
        "{\"id\":\"fu-0123456789ab\",\"responseId\":\"r1\",\"kind\":\""
            + FollowupKind.values()[0].wireName()
            + "\",\"ruleId\":\"recover\",\"status\":\"open\",\"assignee\":null,"
            + "\"due\":\"2026-12-04T17:00:00Z\",\"createdAt\":\"2026-12-02T17:00:00Z\","
            + "\"updatedAt\":\"2026-12-02T17:00:00Z\",\"metric\":\"nps\",\"score\":3,"
            + "\"category\":\"detractor\",\"customer\":null,\"account\":\"Acme \\\"EU\\\"\","
            + "\"submittedAt\":\"2026-11-30T08:15:30.250Z\",\"excerpt\":\"Slow\\ndelivery é\","
            + "\"notes\":[],\"history\":[{\"at\":\"2026-12-02T17:00:00Z\",\"by\":\"rule:recover\","
            + "\"field\":\"status\",\"from\":null,\"to\":\"open\"}]}",
        codec.line(f));
  }

  private static Followup followup(SplittableRandom rnd) {
    Metric metric = Metric.values()[rnd.nextInt(Metric.values().length)];
    int score =
        switch (metric) {
          case NPS -> rnd.nextInt(11);
          case CSAT -> 1 + rnd.nextInt(5);
          case CES -> 1 + rnd.nextInt(7);
        };
    List<Followup.Note> notes = new ArrayList<>();
    for (int k = rnd.nextInt(3); k > 0; k--) {
      notes.add(new Followup.Note(instant(rnd), text(rnd), text(rnd)));
    }
    List<Followup.Change> history = new ArrayList<>();
    for (int k = rnd.nextInt(4); k > 0; k--) {
      history.add(new Followup.Change(instant(rnd), text(rnd), text(rnd), text(rnd), text(rnd)));
    }
    return new Followup(
        "fu-" + rnd.nextInt(1_000_000),
        text(rnd) == null ? "r" : "r" + text(rnd),
        FollowupKind.values()[rnd.nextInt(FollowupKind.values().length)],
        "rule" + rnd.nextInt(5),
        FollowupStatus.values()[rnd.nextInt(FollowupStatus.values().length)],
        text(rnd),
        instant(rnd),
        instant(rnd),
        instant(rnd),
        metric,
        score,
        text(rnd),
        text(rnd),
        instant(rnd),
        rnd.nextBoolean() ? "" : text(rnd) == null ? "x" : text(rnd),
        notes,
        history,
        null);
  }

  private static Instant instant(SplittableRandom rnd) {
    return Instant.ofEpochSecond(
        1_600_000_000L + rnd.nextLong(200_000_000L), rnd.nextInt(3) * 1_000_000L);
  }

  /** Null, plain, or text with quotes, escapes, control characters and non-ASCII. */
  private static String text(SplittableRandom rnd) {
    String[] parts = {
      "a", "Zoë", "\"", "\\", "\n", "\t", "\u0001", "\u2028", "日本", "😀", " ", "<>&"
    };
    if (rnd.nextInt(4) == 0) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int k = rnd.nextInt(6); k >= 0; k--) {
      b.append(parts[rnd.nextInt(parts.length)]);
    }
    return b.toString();
  }
}
