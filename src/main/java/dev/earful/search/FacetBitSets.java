package dev.earful.search;

import dev.earful.domain.Category;
import dev.earful.domain.Polarity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents of each facet value as bit sets over a reader's doc ids: one per category, per
 * sentiment, and per value of each facet dimension with at most {@code maxValues} values (others
 * are listed in {@link #wide} and counted document by document). A facet count is then the popcount
 * of the matches AND the value's set, by words: a profile of bench-http (1M responses) put a sixth
 * of a search in counting facets one matching document at a time (157k matches for one word).
 *
 * <p>Built per segment once (the sets of a segment never change; deleted documents are never in the
 * matches they are intersected with) and joined per reader by words. Immutable.
 */
final class FacetBitSets {

  /**
   * Values a dimension may have and still get bit sets: an eighth of a bit per document each (125
   * KB at a million documents) is cheap for regions and plans, not for a segment of customer ids.
   */
  static final int MAX_VALUES = 32;

  /** By {@link Category#ordinal()}; null where no document has it. */
  final FixedBitSet[] categories;

  /** By {@link Polarity#ordinal()}; null where no document has it. */
  final FixedBitSet[] sentiments;

  /** Dimension to value to its documents, for the dimensions with few values. */
  final Map<String, Map<String, FixedBitSet>> dims;

  /** Dimensions with more values than the bound: counted per document. */
  final Set<String> wide;

  private FacetBitSets(
      FixedBitSet[] categories,
      FixedBitSet[] sentiments,
      Map<String, Map<String, FixedBitSet>> dims,
      Set<String> wide) {
    this.categories = categories;
    this.sentiments = sentiments;
    this.dims = dims;
    this.wide = wide;
  }

  /** One segment's sets, in segment doc ids. */
  static FacetBitSets ofSegment(
      int maxDoc, DocColumns columns, SegmentFacetColumns facets, int maxValues) {
    int size = Math.max(1, maxDoc);
    FixedBitSet[] categories = new FixedBitSet[Category.values().length];
    FixedBitSet[] sentiments = new FixedBitSet[Polarity.values().length];
    for (int doc = 0; doc < maxDoc; doc++) {
      int c = columns.categoryOrdinal(doc);
      if (categories[c] == null) {
        categories[c] = new FixedBitSet(size);
      }
      categories[c].set(doc);
      int s = columns.sentimentOrdinal(doc);
      if (sentiments[s] == null) {
        sentiments[s] = new FixedBitSet(size);
      }
      sentiments[s].set(doc);
    }
    Map<String, Map<String, FixedBitSet>> dims = new LinkedHashMap<>();
    Set<String> wide = new HashSet<>();
    for (int d = 0; d < facets.dims.length; d++) {
      String[] labels = facets.labels[d];
      if (labels.length > maxValues) {
        wide.add(facets.dims[d]);
        continue;
      }
      FixedBitSet[] byValue = new FixedBitSet[labels.length];
      int[] values = facets.values[d];
      for (int doc = 0; doc < maxDoc; doc++) {
        int v = values[doc];
        if (v > 0) {
          if (byValue[v - 1] == null) {
            byValue[v - 1] = new FixedBitSet(size);
          }
          byValue[v - 1].set(doc);
        }
      }
      Map<String, FixedBitSet> m = new LinkedHashMap<>();
      for (int v = 0; v < labels.length; v++) {
        if (byValue[v] != null) {
          m.put(labels[v], byValue[v]);
        }
      }
      dims.put(facets.dims[d], m);
    }
    return new FacetBitSets(categories, sentiments, dims, wide);
  }

  /**
   * The sets of a reader from its segments' sets at their doc bases; a dimension wide in any
   * segment, or with more than {@code maxValues} values over all of them, is wide.
   */
  static FacetBitSets join(
      int maxDoc, int[] bases, int[] maxDocs, List<FacetBitSets> parts, int maxValues) {
    int size = Math.max(1, maxDoc);
    Set<String> wide = new HashSet<>();
    Map<String, Set<String>> labels = new LinkedHashMap<>();
    for (FacetBitSets p : parts) {
      wide.addAll(p.wide);
      p.dims.forEach(
          (dim, values) ->
              labels.computeIfAbsent(dim, k -> new HashSet<>()).addAll(values.keySet()));
    }
    labels.forEach(
        (dim, values) -> {
          if (values.size() > maxValues) {
            wide.add(dim);
          }
        });
    FixedBitSet[] categories = new FixedBitSet[Category.values().length];
    FixedBitSet[] sentiments = new FixedBitSet[Polarity.values().length];
    Map<String, Map<String, FixedBitSet>> dims = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      FacetBitSets p = parts.get(i);
      orInto(categories, p.categories, bases[i], maxDocs[i], size);
      orInto(sentiments, p.sentiments, bases[i], maxDocs[i], size);
      for (Map.Entry<String, Map<String, FixedBitSet>> e : p.dims.entrySet()) {
        if (wide.contains(e.getKey())) {
          continue;
        }
        Map<String, FixedBitSet> m = dims.computeIfAbsent(e.getKey(), k -> new HashMap<>());
        for (Map.Entry<String, FixedBitSet> v : e.getValue().entrySet()) {
          FixedBitSet into = m.computeIfAbsent(v.getKey(), k -> new FixedBitSet(size));
          FixedBitSet.orRange(v.getValue(), 0, into, bases[i], maxDocs[i]);
        }
      }
    }
    return new FacetBitSets(categories, sentiments, dims, wide);
  }

  private static void orInto(
      FixedBitSet[] into, FixedBitSet[] from, int base, int length, int size) {
    for (int o = 0; o < from.length; o++) {
      if (from[o] != null) {
        if (into[o] == null) {
          into[o] = new FixedBitSet(size);
        }
        FixedBitSet.orRange(from[o], 0, into[o], base, length);
      }
    }
  }

  /** Every dimension with sets, wide ones excluded. */
  List<String> dimNames() {
    return new ArrayList<>(dims.keySet());
  }
}
