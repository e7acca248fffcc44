package dev.earful.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * bench-sentiment's passes read reviews no earlier pass read: the analyzer remembers the tags of
 * word windows it has seen, so a pass over seen texts would time that memory, not the analysis.
 */
class BenchSentimentFreshTextsTest {

  private static List<String> reviews(int n) {
    return IntStream.range(0, n).mapToObj(i -> "review " + i).toList();
  }

  @Test
  void everyPassGetsReviewsNoEarlierPassReadWhileThereAreEnough() {
    var fresh = new BenchSentimentCommand.FreshTexts(reviews(10), 3, 3);
    List<String> seen = new ArrayList<>();
    for (int pass = 0; pass < 3; pass++) {
      seen.addAll(fresh.next());
    }
    assertEquals(9, seen.size());
    assertEquals(9, new HashSet<>(seen).size());
    assertEquals(
        "3 passes of 3 reviews, each pass on reviews no earlier pass read (9 of 10)",
        fresh.describe());
  }

  @Test
  void saysSoWhenPassesMustReadReviewsAgain() {
    var fresh = new BenchSentimentCommand.FreshTexts(reviews(7), 3, 4);
    assertEquals(List.of("review 0", "review 1", "review 2"), fresh.next());
    assertEquals(List.of("review 3", "review 4", "review 5"), fresh.next());
    assertEquals(List.of("review 0", "review 1", "review 2"), fresh.next());
    assertTrue(fresh.describe().contains("passes after pass 2 read reviews again"));
    Set<String> all = new HashSet<>(reviews(7));
    assertTrue(all.containsAll(fresh.next()));
  }
}
