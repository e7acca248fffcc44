package dev.earful.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * bench-http's warm-up runs the timed requests' shapes with a page one shorter, so that no timed
 * request can be answered from a result the warm-up computed (the result cache keys on the whole
 * request).
 */
class BenchHttpWarmUpTest {

  @Test
  void noWarmUpRequestIsATimedOne() {
    List<String> timed = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(42);
    for (int i = 0; i < 400; i++) {
      timed.add(BenchHttpCommand.searchPath(rnd, i));
    }
    timed.addAll(BenchHttpCommand.rankingPaths());
    Set<String> warm = new HashSet<>();
    for (String path : timed) {
      warm.add(BenchHttpCommand.warmPath(path));
    }
    for (String path : timed) {
      assertTrue(!warm.contains(path), path);
    }
    assertEquals(
        "/api/v1/search?limit=19&q=delivery&category=detractor",
        BenchHttpCommand.warmPath("/api/v1/search?limit=20&q=delivery&category=detractor"));
    assertEquals(
        "/api/v1/themes?limit=49&segment.region=EU",
        BenchHttpCommand.warmPath("/api/v1/themes?limit=50&segment.region=EU"));
    assertThrows(
        IllegalArgumentException.class, () -> BenchHttpCommand.warmPath("/api/v1/search?q=x"));
  }

  /** The load phase's untimed warm-up runs the same mix, in order, each a page one shorter. */
  @Test
  void theLoadWarmUpRunsTheTimedMixWithPagesOneShorter() {
    List<String> rankings = BenchHttpCommand.rankingPaths();
    List<String> warm = BenchHttpCommand.warmMix(rankings);
    assertEquals(rankings.size(), warm.size());
    assertEquals("/api/v1/themes?limit=49", warm.get(0));
    assertEquals("/api/v1/themes?limit=49&segment.region=US&from=2025-01-01", warm.get(4));
    for (String path : warm) {
      assertTrue(!rankings.contains(path), path);
    }
  }
}
