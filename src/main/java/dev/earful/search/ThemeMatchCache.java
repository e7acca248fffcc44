package dev.earful.search;

import dev.earful.domain.Theme;
import dev.earful.store.IndexStoreException;
import java.io.IOException;
import java.util.Map;
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

  private volatile ReaderThemes readerThemes;

  private record ReaderThemes(
      IndexReader.CacheKey key, long version, Map<String, FixedBitSet> bits) {}

  /**
   * Per segment core: the taxonomy version and theme key to the segment's matches (deleted too).
   */
  private record LeafThemes(long version, Map<String, FixedBitSet> bits) {}

  private final Map<IndexReader.CacheKey, LeafThemes> leafThemes = new ConcurrentHashMap<>();

  /**
   * Live documents of {@code searcher} mentioning {@code theme} in {@code field} (see {@link
   * ThemeQueries}), for taxonomy {@code version}. Do not modify the returned set.
   */
  FixedBitSet mentioning(IndexSearcher searcher, Theme theme, String field, long version) {
    IndexReader reader = searcher.getIndexReader();
    IndexReader.CacheKey key = reader.getReaderCacheHelper().getKey();
    ReaderThemes cache = readerThemes;
    if (cache == null || cache.key() != key || cache.version() != version) {
      cache = new ReaderThemes(key, version, new ConcurrentHashMap<>());
      readerThemes = cache;
    }
    String cacheKey = themeKey(theme, field);
    FixedBitSet bits = cache.bits().get(cacheKey);
    if (bits == null) {
      bits = new FixedBitSet(Math.max(1, reader.maxDoc()));
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
      cache.bits().put(cacheKey, bits);
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
