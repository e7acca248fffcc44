package dev.earful.impact;

import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.FixedBitSet;

/**
 * The filtered responses grouped by theme pattern (the set of themes a response mentions). All
 * responses with the same pattern are identical rows for the regression and for every count, so a
 * million responses become a few thousand weighted rows. Patterns are kept in a canonical order
 * (lexicographic by theme index) so that every sum downstream is taken in the same order whatever
 * the document order of the index: same data, same digits.
 */
public final class PatternTable {

  private final int themeCount;
  private final int[][] themes; // per pattern, ascending theme indices
  private final ScoreTally[] tallies; // per pattern
  private final int[] patternOfDoc; // per doc id (only meaningful for docs in the set), or null

  private PatternTable(int themeCount, int[][] themes, ScoreTally[] tallies, int[] patternOfDoc) {
    this.themeCount = themeCount;
    this.themes = themes;
    this.tallies = tallies;
    this.patternOfDoc = patternOfDoc;
  }

  /** The score of a document by doc id (doc values, or an array in tests). */
  @FunctionalInterface
  public interface ScoreColumn {
    int score(int doc);
  }

  /**
   * Groups the documents in {@code docs} by the themes whose bit sets contain them.
   *
   * @param scores the score of every document, by doc id (only those in {@code docs} are read)
   */
  public static PatternTable build(
      Metric metric, FixedBitSet docs, ScoreColumn scores, List<FixedBitSet> themeDocs) {
    int maxDoc = docs.length();
    int[] raw = new int[maxDoc];
    List<int[]> rawThemes = new ArrayList<>();
    rawThemes.add(new int[0]);
    LongIntMap transitions = new LongIntMap(1 << 12);
    long[] inSet = docs.getBits();
    for (int t = 0; t < themeDocs.size(); t++) {
      long[] bits = themeDocs.get(t).getBits();
      int words = Math.min(inSet.length, bits.length);
      for (int w = 0; w < words; w++) {
        long word = bits[w] & inSet[w];
        while (word != 0) {
          int doc = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
          int from = raw[doc];
          long key = ((long) from << 16) | t;
          int to = transitions.get(key);
          if (to < 0) {
            int[] prev = rawThemes.get(from);
            int[] next = Arrays.copyOf(prev, prev.length + 1);
            next[prev.length] = t; // themes are visited in ascending order
            to = rawThemes.size();
            rawThemes.add(next);
            transitions.put(key, to);
          }
          raw[doc] = to;
        }
      }
    }
    int rawCount = rawThemes.size();
    long[] count = new long[rawCount];
    long[] pos = new long[rawCount];
    long[] mid = new long[rawCount];
    long[] neg = new long[rawCount];
    long[] sum = new long[rawCount];
    Category.Group[] groupOf = groupsByScore(metric);
    for (int w = 0; w < inSet.length; w++) {
      long word = inSet[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        int p = raw[doc];
        int score = scores.score(doc);
        count[p]++;
        sum[p] += score;
        switch (groupOf[score - metric.min()]) {
          case POSITIVE -> pos[p]++;
          case MIDDLE -> mid[p]++;
          case NEGATIVE -> neg[p]++;
        }
      }
    }
    // Patterns created only as stepping stones (no document ends there) are dropped here.
    List<Integer> kept = new ArrayList<>();
    for (int p = 0; p < rawCount; p++) {
      if (count[p] > 0) {
        kept.add(p);
      }
    }
    kept.sort((a, b) -> Arrays.compare(rawThemes.get(a), rawThemes.get(b)));
    int[] canonical = new int[rawCount];
    Arrays.fill(canonical, -1);
    int[][] themes = new int[kept.size()][];
    ScoreTally[] tallies = new ScoreTally[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      int p = kept.get(i);
      canonical[p] = i;
      themes[i] = rawThemes.get(p);
      tallies[i] = new ScoreTally(count[p], pos[p], mid[p], neg[p], sum[p]);
    }
    for (int w = 0; w < inSet.length; w++) {
      long word = inSet[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        raw[doc] = canonical[raw[doc]];
      }
    }
    return new PatternTable(themeDocs.size(), themes, tallies, raw);
  }

  /** A table straight from patterns and their tallies (tests, projections). */
  public static PatternTable of(int themeCount, Map<List<Integer>, ScoreTally> patterns) {
    List<int[]> keys = new ArrayList<>();
    Map<int[], ScoreTally> byKey = new java.util.IdentityHashMap<>();
    for (Map.Entry<List<Integer>, ScoreTally> e : patterns.entrySet()) {
      int[] k = e.getKey().stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
      keys.add(k);
      byKey.put(k, e.getValue());
    }
    keys.sort(Arrays::compare);
    int[][] themes = new int[keys.size()][];
    ScoreTally[] tallies = new ScoreTally[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0 && Arrays.equals(keys.get(i), keys.get(i - 1))) {
        throw new IllegalArgumentException("duplicate pattern " + Arrays.toString(keys.get(i)));
      }
      themes[i] = keys.get(i);
      tallies[i] = byKey.get(keys.get(i));
    }
    return new PatternTable(themeCount, themes, tallies, null);
  }

  /**
   * The same responses seen through a subset of the themes: theme {@code kept[j]} becomes theme j;
   * patterns that become equal are merged.
   */
  public PatternTable project(int[] kept) {
    int[] newIndex = new int[themeCount];
    Arrays.fill(newIndex, -1);
    for (int j = 0; j < kept.length; j++) {
      newIndex[kept[j]] = j;
    }
    Map<List<Integer>, ScoreTally> merged = new HashMap<>();
    for (int p = 0; p < themes.length; p++) {
      List<Integer> key = new ArrayList<>();
      for (int t : themes[p]) {
        if (newIndex[t] >= 0) {
          key.add(newIndex[t]);
        }
      }
      merged.merge(key, tallies[p], ScoreTally::plus);
    }
    return of(kept.length, merged);
  }

  public int themeCount() {
    return themeCount;
  }

  public int patternCount() {
    return themes.length;
  }

  /** The themes of pattern p, ascending. Do not modify. */
  public int[] themesOf(int p) {
    return themes[p];
  }

  public ScoreTally tally(int p) {
    return tallies[p];
  }

  /** The pattern of a document of the set (only for tables built from bit sets). */
  public int patternOfDoc(int doc) {
    if (patternOfDoc == null) {
      throw new IllegalStateException("table not built from documents");
    }
    return patternOfDoc[doc];
  }

  /** The tally of the whole set. */
  public ScoreTally total() {
    ScoreTally all = ScoreTally.EMPTY;
    for (ScoreTally t : tallies) {
      all = all.plus(t);
    }
    return all;
  }

  /** Per theme, the tally of the responses that mention it. */
  public ScoreTally[] themeTallies() {
    long[][] acc = new long[themeCount][5];
    for (int p = 0; p < themes.length; p++) {
      ScoreTally s = tallies[p];
      for (int t : themes[p]) {
        long[] a = acc[t];
        a[0] += s.count();
        a[1] += s.positive();
        a[2] += s.middle();
        a[3] += s.negative();
        a[4] += s.scoreSum();
      }
    }
    ScoreTally[] out = new ScoreTally[themeCount];
    for (int t = 0; t < themeCount; t++) {
      long[] a = acc[t];
      out[t] = new ScoreTally(a[0], a[1], a[2], a[3], a[4]);
    }
    return out;
  }

  private static Category.Group[] groupsByScore(Metric metric) {
    Category.Group[] g = new Category.Group[metric.max() - metric.min() + 1];
    for (int s = metric.min(); s <= metric.max(); s++) {
      g[s - metric.min()] = metric.categorize(s).group();
    }
    return g;
  }

  /** An open-addressing map from long keys to non-negative ints (-1 for absent). */
  private static final class LongIntMap {
    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap(int capacity) {
      keys = new long[capacity];
      values = new int[capacity];
      Arrays.fill(values, -1);
    }

    int get(long key) {
      int mask = keys.length - 1;
      int i = mix(key) & mask;
      while (values[i] >= 0) {
        if (keys[i] == key) {
          return values[i];
        }
        i = (i + 1) & mask;
      }
      return -1;
    }

    void put(long key, int value) {
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int i = mix(key) & mask;
      while (values[i] >= 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (values[i] < 0) {
        size++;
      }
      keys[i] = key;
      values[i] = value;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new int[oldKeys.length * 2];
      Arrays.fill(values, -1);
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldValues[i] >= 0) {
          put(oldKeys[i], oldValues[i]);
        }
      }
    }

    private static int mix(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }
}
