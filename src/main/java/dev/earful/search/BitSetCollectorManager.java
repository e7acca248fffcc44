package dev.earful.search;

import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.FixedBitSet;

/**
 * Sets the bit of every collected document. When the searcher runs slices of the index on several
 * threads, each slice after the first collects into its own set (two segments can share a word of
 * the set), and {@link #reduce} joins them by words.
 */
final class BitSetCollectorManager implements CollectorManager<SimpleCollector, FixedBitSet> {
  private final FixedBitSet bits;
  private final java.util.List<FixedBitSet> others = new java.util.ArrayList<>(); // guarded by this
  private boolean firstTaken; // guarded by this

  BitSetCollectorManager(FixedBitSet bits) {
    this.bits = bits;
  }

  @Override
  public SimpleCollector newCollector() {
    FixedBitSet bits;
    synchronized (this) {
      if (!firstTaken) {
        firstTaken = true;
        bits = this.bits;
      } else {
        bits = new FixedBitSet(this.bits.length());
        others.add(bits);
      }
    }
    return new SimpleCollector() {
      private int base;

      @Override
      protected void doSetNextReader(LeafReaderContext context) {
        base = context.docBase;
      }

      @Override
      public void collect(int doc) {
        bits.set(base + doc);
      }

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
      }
    };
  }

  @Override
  public synchronized FixedBitSet reduce(Collection<SimpleCollector> collectors) {
    for (FixedBitSet o : others) {
      bits.or(o);
    }
    return bits;
  }
}
