package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

/**
 * Counting many sets four at a time gives each set's {@link FixedBitSet#intersectionCount} with the
 * matches: sets of every density from empty to full, a number of sets that four does not divide,
 * lengths that end inside a word, and sets shorter than the matches (counted one by one).
 */
class FacetTallyTest {

  @Test
  void countsEachSetAsItsIntersectionWithTheMatches() {
    SplittableRandom random = new SplittableRandom(14);
    int checked = 0;
    for (int length : new int[] {1, 63, 64, 65, 1000, 100_003}) {
      for (int sets = 0; sets <= 11; sets++) {
        FixedBitSet matched = randomSet(random, length, random.nextDouble());
        FixedBitSet[] all = new FixedBitSet[sets];
        for (int i = 0; i < sets; i++) {
          int setLength = i % 5 == 4 ? Math.max(1, length / 2) : length;
          double density = i == 0 ? 0 : i == 1 ? 1 : random.nextDouble();
          all[i] = randomSet(random, setLength, density);
        }
        long[] expected = new long[sets];
        long[] counted = new long[sets];
        FacetTally tally = new FacetTally(matched);
        for (int i = 0; i < sets; i++) {
          expected[i] = FixedBitSet.intersectionCount(matched, all[i]);
          int at = i;
          tally.add(all[i], n -> counted[at] = n);
        }
        tally.count();
        assertArrayEquals(expected, counted, length + " bits, " + sets + " sets");
        checked += sets;
      }
    }
    assertEquals(396, checked);
  }

  @Test
  void countsAKnownIntersection() {
    FixedBitSet matched = new FixedBitSet(200);
    matched.set(0, 100); // documents 0-99
    FixedBitSet[] sets = {new FixedBitSet(200), new FixedBitSet(200), new FixedBitSet(200)};
    sets[0].set(50, 150); // 50 shared
    sets[1].set(199);
    for (int d = 0; d < 200; d += 3) {
      sets[2].set(d); // 0, 3, ..., 99: 34 shared
    }
    long[] counts = new long[5];
    FacetTally tally = new FacetTally(matched);
    tally.add(sets[0], n -> counts[0] = n);
    tally.add(sets[1], n -> counts[1] = n);
    tally.add(sets[2], n -> counts[2] = n);
    tally.add(matched, n -> counts[3] = n);
    tally.add(sets[0], n -> counts[4] = n);
    tally.count();
    assertArrayEquals(new long[] {50, 0, 34, 100, 50}, counts);
  }

  private static FixedBitSet randomSet(SplittableRandom random, int length, double density) {
    FixedBitSet set = new FixedBitSet(length);
    for (int d = 0; d < length; d++) {
      if (random.nextDouble() < density) {
        set.set(d);
      }
    }
    return set;
  }
}
