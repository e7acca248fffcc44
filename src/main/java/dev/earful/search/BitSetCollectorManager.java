package dev.earful.search;

import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.FixedBitSet;

/** Sets the bit of every collected document. */
final class BitSetCollectorManager implements CollectorManager<SimpleCollector, FixedBitSet> {
  private final FixedBitSet bits;

  BitSetCollectorManager(FixedBitSet bits) {
    this.bits = bits;
  }

  @Override
  public SimpleCollector newCollector() {
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
  public FixedBitSet reduce(Collection<SimpleCollector> collectors) {
    return bits;
  }
}
