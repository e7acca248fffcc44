package dev.earful.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only files of follow-ups, alerts, targets and schedules. */
class JournalTest {

  @TempDir Path dir;

  @Test
  void anAppendOnAnInterruptedThreadIsKeptAndLaterAppendsStillWrite() {
    Path file = dir.resolve("followups.jsonl");
    try (Journal journal = Journal.open(file).journal()) {
      journal.append(List.of("one"));
      // A request's thread interrupted by a stopping server (a follow-up edited, an import's
      // follow-ups and alerts): the journal's channel, open for the process's life, would close at
      // its first call and refuse every later append until a restart.
      Thread.currentThread().interrupt();
      try {
        journal.append(List.of("two"));
      } finally {
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
      }
      journal.append(List.of("three"));
      Thread.currentThread().interrupt();
      try {
        journal.rewrite(List.of("one", "two", "three", "four"));
      } finally {
        assertTrue(Thread.interrupted());
      }
      journal.append(List.of("five"));
    }
    Journal.Opened reopened = Journal.open(file);
    reopened.journal().close();
    assertEquals(List.of("one", "two", "three", "four", "five"), reopened.lines());
  }
}
