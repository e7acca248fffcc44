package dev.earful.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Analysis;
import dev.earful.fixtures.PlantedComments;
import dev.earful.nlp.TextAnalyzer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoverySchedulerTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();
  private static final List<Analysis> COMMENTS =
      PlantedComments.generate(11, 300).stream().map(c -> ANALYZER.analyze(c.text())).toList();

  @Test
  void runsADebouncedRequestWhenFlushedAndOnlyOnce() {
    Taxonomy taxonomy = Taxonomy.inMemory(ANALYZER::lemmasOf);
    try (DiscoveryScheduler s =
        new DiscoveryScheduler(
            new ThemeDiscoverer(), AnalysisSource.of(COMMENTS), taxonomy, Duration.ofHours(1))) {
      s.requestSoon();
      s.requestSoon();
      assertTrue(s.pending());
      assertNull(s.last());
      s.flush();
      assertFalse(s.pending());
      assertEquals(300, s.last().documents());
      long version = taxonomy.version();
      assertTrue(
          taxonomy.all().stream()
              .anyMatch(t -> t.lemmaPhrases().contains(List.of("late", "delivery"))),
          taxonomy.all().toString());
      s.flush();
      assertEquals(version, taxonomy.version());
    }
  }

  @Test
  void runsOnItsOwnAfterTheDebounce() throws InterruptedException {
    Taxonomy taxonomy = Taxonomy.inMemory(ANALYZER::lemmasOf);
    try (DiscoveryScheduler s =
        new DiscoveryScheduler(
            new ThemeDiscoverer(), AnalysisSource.of(COMMENTS), taxonomy, Duration.ofMillis(50))) {
      s.requestSoon();
      for (int i = 0; i < 600 && s.last() == null; i++) {
        Thread.sleep(50);
      }
      assertEquals(300, s.last().documents());
      assertFalse(s.pending());
    }
  }
}
