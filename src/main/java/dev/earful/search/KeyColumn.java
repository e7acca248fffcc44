package dev.earful.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;

/**
 * A string key of every document (its customer or account), read from sorted doc values into one
 * ordinal per doc id and a dictionary, so rollups group a million responses without loading one.
 * Ordinals are in order of first appearance, not sorted; -1 means the document has no value.
 */
public final class KeyColumn {

  private final int[] ordinals;
  private final List<String> values;

  private KeyColumn(int[] ordinals, List<String> values) {
    this.ordinals = ordinals;
    this.values = values;
  }

  /** Reads {@code field} of every document of {@code reader}. */
  static KeyColumn read(IndexReader reader, String field) throws IOException {
    int[] ordinals = new int[Math.max(1, reader.maxDoc())];
    java.util.Arrays.fill(ordinals, -1);
    List<String> values = new ArrayList<>();
    Map<String, Integer> global = new HashMap<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      SortedDocValues dv = DocValues.getSorted(leaf.reader(), field);
      int[] leafToGlobal = new int[dv.getValueCount()];
      java.util.Arrays.fill(leafToGlobal, -1);
      for (int doc = dv.nextDoc();
          doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
          doc = dv.nextDoc()) {
        int ord = dv.ordValue();
        int g = leafToGlobal[ord];
        if (g < 0) {
          String value = dv.lookupOrd(ord).utf8ToString();
          g =
              global.computeIfAbsent(
                  value,
                  v -> {
                    values.add(v);
                    return values.size() - 1;
                  });
          leafToGlobal[ord] = g;
        }
        ordinals[leaf.docBase + doc] = g;
      }
    }
    return new KeyColumn(ordinals, List.copyOf(values));
  }

  /** The ordinal of the document's value, -1 when it has none. */
  public int ordinal(int doc) {
    return ordinals[doc];
  }

  /** The value of an ordinal. */
  public String value(int ordinal) {
    return values.get(ordinal);
  }

  /** How many distinct values there are (ordinals run from 0 to this, exclusive). */
  public int size() {
    return values.size();
  }
}
