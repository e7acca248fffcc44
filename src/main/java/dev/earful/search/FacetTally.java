package dev.earful.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.lucene.util.FixedBitSet;

/**
 * Counts the matches of one search in many facet sets (each category, sentiment, segment value and
 * theme: about ninety sets of a million bits at a million responses), each count the popcount of
 * the matches AND the set, as {@link FixedBitSet#intersectionCount} gives it. The sets are counted
 * four at a time, so each word of the matches is read once for four sets rather than once for each.
 * Not thread-safe; one per search.
 */
final class FacetTally {

  private final FixedBitSet matched;
  private final List<FixedBitSet> sets = new ArrayList<>();
  private final List<LongConsumer> sinks = new ArrayList<>();

  FacetTally(FixedBitSet matched) {
    this.matched = matched;
  }

  /** Counts {@code set} at {@link #count}, handing the count to {@code sink}. */
  void add(FixedBitSet set, LongConsumer sink) {
    sets.add(set);
    sinks.add(sink);
  }

  /** Counts every set added, in the order added. */
  void count() {
    long[] m = matched.getBits();
    int words = FixedBitSet.bits2words(matched.length());
    int i = 0;
    for (; i + 4 <= sets.size() && coversMatches(i, 4); i += 4) {
      long[] a = sets.get(i).getBits();
      long[] b = sets.get(i + 1).getBits();
      long[] c = sets.get(i + 2).getBits();
      long[] d = sets.get(i + 3).getBits();
      long na = 0;
      long nb = 0;
      long nc = 0;
      long nd = 0;
      for (int w = 0; w < words; w++) {
        long x = m[w];
        na += Long.bitCount(x & a[w]);
        nb += Long.bitCount(x & b[w]);
        nc += Long.bitCount(x & c[w]);
        nd += Long.bitCount(x & d[w]);
      }
      sinks.get(i).accept(na);
      sinks.get(i + 1).accept(nb);
      sinks.get(i + 2).accept(nc);
      sinks.get(i + 3).accept(nd);
    }
    for (; i < sets.size(); i++) {
      sinks.get(i).accept(FixedBitSet.intersectionCount(matched, sets.get(i)));
    }
  }

  /** Whether the sets from {@code from} have a word for every word of the matches. */
  private boolean coversMatches(int from, int n) {
    for (int i = from; i < from + n; i++) {
      if (sets.get(i).length() < matched.length()) {
        return false;
      }
    }
    return true;
  }
}
