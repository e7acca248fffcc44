package dev.earful.search;

import dev.earful.store.IndexStoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * The doc-value columns read for metrics, impact and facets, kept per segment core (a segment's
 * values never change, so a refresh reads only new segments) and, for {@link DocColumns}, joined
 * once per reader. Entries leave when their segment closes. Thread-safe.
 */
final class ColumnCache {

  private final Map<IndexReader.CacheKey, DocColumns> leafColumns = new ConcurrentHashMap<>();
  private final Map<IndexReader.CacheKey, SegmentFacetColumns> leafFacets =
      new ConcurrentHashMap<>();
  private volatile Joined joined;

  private record Joined(IndexReader.CacheKey key, DocColumns columns) {}

  /** One segment's facet columns and where its documents start. */
  record LeafFacets(int docBase, int maxDoc, SegmentFacetColumns columns) {}

  /** Metric, score, category group, sentiment and time of every document of {@code reader}. */
  DocColumns columns(IndexReader reader) {
    IndexReader.CacheKey key = reader.getReaderCacheHelper().getKey();
    Joined cached = joined;
    if (cached != null && cached.key() == key) {
      return cached.columns();
    }
    // One thread joins a new reader's columns while the others wait for it: the searches arriving
    // together after a refresh each joined them (13 MB at a million responses) on their own.
    synchronized (columnsLock) {
      cached = joined;
      if (cached != null && cached.key() == key) {
        return cached.columns();
      }
      return joinColumns(reader, key);
    }
  }

  private final Object columnsLock = new Object();
  private final Object bitsLock = new Object();

  private DocColumns joinColumns(IndexReader reader, IndexReader.CacheKey key) {
    List<LeafReaderContext> leaves = reader.leaves();
    DocColumns[] parts = new DocColumns[leaves.size()];
    int[] bases = new int[leaves.size()];
    try {
      for (int i = 0; i < leaves.size(); i++) {
        LeafReaderContext leaf = leaves.get(i);
        bases[i] = leaf.docBase;
        parts[i] = perSegment(leafColumns, leaf, DocColumns::read);
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
    DocColumns all = DocColumns.concat(reader.maxDoc(), bases, parts);
    joined = new Joined(key, all);
    return all;
  }

  private final Map<IndexReader.CacheKey, FacetBitSets> leafFacetBits = new ConcurrentHashMap<>();
  private volatile JoinedBits joinedBits;

  private record JoinedBits(IndexReader.CacheKey key, FacetBitSets bits) {}

  /**
   * The facet values' bit sets of {@code reader} (see {@link FacetBitSets}); cached per segment and
   * reader when {@code maxValues} is {@link FacetBitSets#MAX_VALUES}.
   */
  FacetBitSets facetBits(IndexReader reader, int maxValues) {
    boolean cache = maxValues == FacetBitSets.MAX_VALUES;
    IndexReader.CacheKey key = reader.getReaderCacheHelper().getKey();
    JoinedBits cached = joinedBits;
    if (cache && cached != null && cached.key() == key) {
      return cached.bits();
    }
    if (!cache) {
      return joinBits(reader, key, maxValues, false);
    }
    synchronized (bitsLock) { // as for the columns: one thread joins, the others wait
      cached = joinedBits;
      if (cached != null && cached.key() == key) {
        return cached.bits();
      }
      return joinBits(reader, key, maxValues, true);
    }
  }

  private FacetBitSets joinBits(
      IndexReader reader, IndexReader.CacheKey key, int maxValues, boolean cache) {
    List<LeafReaderContext> leaves = reader.leaves();
    List<FacetBitSets> parts = new ArrayList<>(leaves.size());
    int[] bases = new int[leaves.size()];
    int[] maxDocs = new int[leaves.size()];
    try {
      for (int i = 0; i < leaves.size(); i++) {
        LeafReaderContext leaf = leaves.get(i);
        bases[i] = leaf.docBase;
        maxDocs[i] = leaf.reader().maxDoc();
        SegmentReader<FacetBitSets> read =
            r ->
                FacetBitSets.ofSegment(
                    r.maxDoc(),
                    perSegment(leafColumns, leaf, DocColumns::read),
                    perSegment(leafFacets, leaf, SegmentFacetColumns::read),
                    maxValues);
        parts.add(cache ? perSegment(leafFacetBits, leaf, read) : read.read(leaf.reader()));
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
    FacetBitSets all = FacetBitSets.join(reader.maxDoc(), bases, maxDocs, parts, maxValues);
    if (cache) {
      joinedBits = new JoinedBits(key, all);
    }
    return all;
  }

  /** Each segment's facet columns with its doc base. */
  List<LeafFacets> facets(IndexReader reader) {
    List<LeafReaderContext> leaves = reader.leaves();
    List<LeafFacets> out = new ArrayList<>(leaves.size());
    try {
      for (LeafReaderContext leaf : leaves) {
        out.add(
            new LeafFacets(
                leaf.docBase,
                leaf.reader().maxDoc(),
                perSegment(leafFacets, leaf, SegmentFacetColumns::read)));
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
    return out;
  }

  private interface SegmentReader<T> {
    T read(LeafReader reader) throws IOException;
  }

  private static <T> T perSegment(
      Map<IndexReader.CacheKey, T> cache, LeafReaderContext leaf, SegmentReader<T> read)
      throws IOException {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper == null) {
      return read.read(leaf.reader());
    }
    IndexReader.CacheKey key = helper.getKey();
    T c = cache.get(key);
    if (c == null) {
      c = read.read(leaf.reader());
      if (cache.putIfAbsent(key, c) == null) {
        helper.addClosedListener(cache::remove);
      }
    }
    return c;
  }
}
