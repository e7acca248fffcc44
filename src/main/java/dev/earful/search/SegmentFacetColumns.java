package dev.earful.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.BytesRef;

/**
 * One segment's segment-facet values (and the comments' languages, counted the same way) as arrays
 * (dimension, doc) to value number, read once per segment from the facet doc values. Counting a
 * facet then costs an array read per matching document instead of a doc-values decode, which is
 * what keeps facets over a million matches in single-digit milliseconds.
 */
final class SegmentFacetColumns {

  /** Dimension names ("segment.region"), in the order of {@link #values}. */
  final String[] dims;

  /** Per dimension, its values; value number {@code v} stands for {@code labels[d][v - 1]}. */
  final String[][] labels;

  /** Per dimension, per document: 0 for none, else the value number. */
  final int[][] values;

  private SegmentFacetColumns(String[] dims, String[][] labels, int[][] values) {
    this.dims = dims;
    this.labels = labels;
    this.values = values;
  }

  static SegmentFacetColumns read(LeafReader leaf) throws IOException {
    SortedSetDocValues dv = DocValues.getSortedSet(leaf, Schema.FACET_FIELD);
    long valueCount = dv.getValueCount();
    Map<String, Integer> dimIndex = new HashMap<>();
    List<String> dims = new ArrayList<>();
    List<List<String>> labels = new ArrayList<>();
    int[] ordDim = new int[(int) valueCount];
    int[] ordValue = new int[(int) valueCount];
    for (int ord = 0; ord < valueCount; ord++) {
      BytesRef term = dv.lookupOrd(ord);
      String[] path = FacetsConfig.stringToPath(term.utf8ToString());
      if (path.length != 2
          || !(path[0].startsWith(Schema.SEGMENT_PREFIX)
              || path[0].equals(Schema.FACET_LANGUAGE))) {
        ordDim[ord] = -1;
        continue;
      }
      Integer d = dimIndex.get(path[0]);
      if (d == null) {
        d = dims.size();
        dimIndex.put(path[0], d);
        dims.add(path[0]);
        labels.add(new ArrayList<>());
      }
      labels.get(d).add(path[1]);
      ordDim[ord] = d;
      ordValue[ord] = labels.get(d).size();
    }
    int maxDoc = leaf.maxDoc();
    int[][] values = new int[dims.size()][];
    for (int d = 0; d < values.length; d++) {
      values[d] = new int[maxDoc];
    }
    if (!dims.isEmpty()) {
      for (int doc = dv.nextDoc(); doc != SortedSetDocValues.NO_MORE_DOCS; doc = dv.nextDoc()) {
        for (int i = 0; i < dv.docValueCount(); i++) {
          int ord = (int) dv.nextOrd();
          int d = ordDim[ord];
          if (d >= 0) {
            values[d][doc] = ordValue[ord];
          }
        }
      }
    }
    String[][] labelArrays = new String[labels.size()][];
    for (int d = 0; d < labelArrays.length; d++) {
      labelArrays[d] = labels.get(d).toArray(String[]::new);
    }
    return new SegmentFacetColumns(dims.toArray(String[]::new), labelArrays, values);
  }
}
