package dev.earful.search;

import dev.earful.domain.Theme;
import dev.earful.store.IndexStoreException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents mentioning each theme, as bit sets: cached per reader and taxonomy version, and
 * built from per-segment sets that survive refreshes, so after a write only the new segments run a
 * theme's query. Thread-safe.
 */
final class ThemeMatchCache {

  /**
   * The sets of the two readers asked last: searches that began before a refresh still read the
   * reader before it while new ones read the new one, and with a single entry each would evict the
   * other's sets. Guarded by {@code this}.
   */
  private ReaderThemes current;

  private ReaderThemes previous;

  /**
   * A reader's sets by theme key, each computed once: under a writer every refresh makes a new
   * reader, and the sixteen searches that then arrive together each assembled every theme's set on
   * their own (a profile of bench-http's 16 readers + 1 writer at 1M responses: 1 GB of the phase's
   * 5.4 GB of allocation, the same sets built several times over); the others now wait for the one
   * computing it.
   */
  private record ReaderThemes(
      IndexReader.CacheKey key, long version, Map<String, CompletableFuture<FixedBitSet>> bits) {}

  /**
   * Per segment core: the taxonomy version and theme key to the segment's matches (deleted too).
   */
  private record LeafThemes(long version, Map<String, FixedBitSet> bits) {}

  private final Map<IndexReader.CacheKey, LeafThemes> leafThemes = new ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicLong assembled =
      new java.util.concurrent.atomic.AtomicLong();

  /** Reader-wide sets assembled since this cache was made (each reader, theme and field once). */
  long assembled() {
    return assembled.get();
  }

  /**
   * Live documents of {@code searcher} mentioning {@code theme} in {@code field} (see {@link
   * ThemeQueries}), for taxonomy {@code version}. Do not modify the returned set.
   */
  FixedBitSet mentioning(IndexSearcher searcher, Theme theme, String field, long version) {
    IndexReader reader = searcher.getIndexReader();
    ReaderThemes cache = readerThemes(reader.getReaderCacheHelper().getKey(), version);
    String cacheKey = themeKey(theme, field);
    CompletableFuture<FixedBitSet> mine = new CompletableFuture<>();
    CompletableFuture<FixedBitSet> running = cache.bits().putIfAbsent(cacheKey, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw e;
      }
    }
    try {
      FixedBitSet bits = readerBits(searcher, theme, field, cacheKey, version);
      mine.complete(bits);
      return bits;
    } catch (RuntimeException | Error e) {
      cache.bits().remove(cacheKey, mine); // the next search tries again
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /** The sets of reader {@code key} at taxonomy {@code version}, made when new. */
  private synchronized ReaderThemes readerThemes(IndexReader.CacheKey key, long version) {
    if (current != null && current.key() == key && current.version() == version) {
      return current;
    }
    if (previous != null && previous.key() == key && previous.version() == version) {
      return previous;
    }
    previous = current;
    current = new ReaderThemes(key, version, new ConcurrentHashMap<>());
    return current;
  }

  /** Assembles a reader's set from its segments' sets, computing those a segment lacks. */
  private FixedBitSet readerBits(
      IndexSearcher searcher, Theme theme, String field, String cacheKey, long version) {
    IndexReader reader = searcher.getIndexReader();
    assembled.incrementAndGet();
    FixedBitSet bits = new FixedBitSet(Math.max(1, reader.maxDoc()));
    try {
      Weight weight = null;
      for (LeafReaderContext leaf : reader.leaves()) {
        FixedBitSet leafBits = leafThemeBits(leaf, cacheKey, version);
        if (leafBits == null) {
          if (weight == null) {
            weight =
                searcher.createWeight(
                    searcher.rewrite(ThemeQueries.forTheme(theme, field)),
                    ScoreMode.COMPLETE_NO_SCORES,
                    1f);
          }
          leafBits = computeLeafThemeBits(leaf, weight, cacheKey, version);
        }
        // By words, not bit by bit: under a writer every refresh makes a new reader, and a
        // million-document set per theme and field assembled one bit at a time was a third of a
        // ranking's time in a profile of bench-http (1M responses, 60 themes, one writer).
        Bits live = leaf.reader().getLiveDocs();
        int length = leaf.reader().maxDoc();
        if (live != null) {
          leafBits = leafBits.clone();
          live.applyMask(leafBits, 0);
        }
        FixedBitSet.orRange(leafBits, 0, bits, leaf.docBase, length);
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot search the index", e);
    }
    return bits;
  }

  /** What a theme's bit set depends on: the field and the phrases (not the id or name). */
  private static String themeKey(Theme theme, String field) {
    return field + '\u0000' + theme.lemmaPhrases();
  }

  private FixedBitSet leafThemeBits(LeafReaderContext leaf, String themeKey, long version) {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper == null) {
      return null;
    }
    LeafThemes cached = leafThemes.get(helper.getKey());
    return cached == null || cached.version() != version ? null : cached.bits().get(themeKey);
  }

  private FixedBitSet computeLeafThemeBits(
      LeafReaderContext leaf, Weight weight, String themeKey, long version) throws IOException {
    FixedBitSet bits = new FixedBitSet(Math.max(1, leaf.reader().maxDoc()));
    Scorer scorer = weight.scorer(leaf);
    if (scorer != null) {
      DocIdSetIterator it = scorer.iterator();
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        bits.set(d);
      }
    }
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper != null) {
      boolean[] first = {false};
      LeafThemes entry =
          leafThemes.compute(
              helper.getKey(),
              (k, old) -> {
                first[0] = old == null;
                return old == null || old.version() != version
                    ? new LeafThemes(version, new ConcurrentHashMap<>())
                    : old;
              });
      entry.bits().put(themeKey, bits);
      if (first[0]) {
        helper.addClosedListener(leafThemes::remove);
      }
    }
    return bits;
  }
}
