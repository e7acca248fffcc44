package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.CommentLanguages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The note an empty theme list carries while discovery is pending says when as a person would ("in
 * about 9 s"), not the instant the API's runsAt field carries (review R14, second part).
 */
class DiscoveryNoteTest {

  private static final Instant NOW = Instant.parse("2026-12-04T13:04:51.400Z");

  @Test
  void aPendingDiscoverySaysInHowLongNotTheInstant() {
    assertEquals(
        "No themes yet: theme discovery is pending and runs in about 9 s (after the last import).",
        ImpactController.emptyListNote(
            false, NOW.plusSeconds(9), 0, 120, NOW, CommentLanguages.NONE, CommentLanguages.NONE));
    assertEquals(
        "No themes yet: theme discovery is pending and runs in about 10 min (after the last"
            + " import).",
        ImpactController.emptyListNote(
            false,
            NOW.plusSeconds(600),
            0,
            120,
            NOW,
            CommentLanguages.NONE,
            CommentLanguages.NONE));
  }

  @Test
  void saysSecondsUnderAMinuteThenMinutesThenHours() {
    List<String> said =
        List.of(-3, 0, 1, 59, 60, 89, 90, 3569, 3600, 3720, 7200).stream()
            .map(s -> ImpactController.inAbout(Duration.ofSeconds(s)))
            .toList();
    assertEquals(
        List.of(
            "in a moment",
            "in a moment",
            "in about 1 s",
            "in about 59 s",
            "in about 1 min",
            "in about 1 min",
            "in about 2 min",
            "in about 59 min",
            "in about 1 h",
            "in about 1 h 2 min",
            "in about 2 h"),
        said);
  }
}
