package dev.earful.impact;

import dev.earful.domain.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.FixedBitSet;

/**
 * The filtered responses grouped by theme pattern (the set of themes a response mentions). All
 * responses with the same pattern are identical rows for the regression and for every count, so a
 * million responses become a few thousand weighted rows. Patterns are kept in a canonical order
 * (see {@link #canonicalOrder}) so that every sum downstream is taken in the same order whatever
 * the document order of the index: same data, same digits.
 */
public final class PatternTable {

  private final int themeCount;
  private final int[][] themes; // per pattern, ascending theme indices
  private final ScoreTally[] tallies; // per pattern
  private final int[] rawOfDoc; // per doc id (only meaningful for docs in the set), or null
  private final int[] canonical; // raw pattern id -> pattern index

  private PatternTable(
      int themeCount, int[][] themes, ScoreTally[] tallies, int[] rawOfDoc, int[] canonical) {
    this.themeCount = themeCount;
    this.themes = themes;
    this.tallies = tallies;
    this.rawOfDoc = rawOfDoc;
    this.canonical = canonical;
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
    // Raw pattern ids: 0 is the empty pattern. Themes are visited in ascending order, and in the
    // pass of theme t every document of pattern p moves to the same pattern p + {t}: the target is
    // remembered per source pattern for the current pass (next / stamp), so no hashing is needed.
    int[][] rawThemes = new int[1024][];
    rawThemes[0] = new int[0];
    int rawCount = 1;
    int[] next = new int[1024];
    int[] stamp = new int[1024];
    java.util.Arrays.fill(stamp, -1);
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
          int to;
          if (stamp[from] == t) {
            to = next[from];
          } else {
            if (rawCount == rawThemes.length) {
              int size = rawCount * 2;
              rawThemes = Arrays.copyOf(rawThemes, size);
              next = Arrays.copyOf(next, size);
              stamp = Arrays.copyOf(stamp, size);
              Arrays.fill(stamp, rawCount, size, -1);
            }
            int[] prev = rawThemes[from];
            int[] grown = Arrays.copyOf(prev, prev.length + 1);
            grown[prev.length] = t;
            to = rawCount++;
            rawThemes[to] = grown;
            stamp[from] = t;
            next[from] = to;
          }
          raw[doc] = to;
        }
      }
    }
    // One int row of 5 per raw pattern (count, positive, middle, negative, score sum): one cache
    // line per document instead of five arrays.
    long[] acc = new long[rawCount * 5];
    int[] groupOf = new int[metric.max() - metric.min() + 1];
    for (int sc = metric.min(); sc <= metric.max(); sc++) {
      groupOf[sc - metric.min()] = 1 + metric.categorize(sc).group().ordinal();
    }
    int min = metric.min();
    for (int w = 0; w < inSet.length; w++) {
      long word = inSet[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        int base = raw[doc] * 5;
        int score = scores.score(doc);
        acc[base]++;
        acc[base + groupOf[score - min]]++;
        acc[base + 4] += score;
      }
    }
    // Patterns created only as stepping stones (no document ends there) are dropped here.
    int keptCount = 0;
    for (int p = 0; p < rawCount; p++) {
      if (acc[p * 5] > 0) {
        keptCount++;
      }
    }
    int[] keptRaw = new int[keptCount];
    int[][] keptThemes = new int[keptCount][];
    for (int p = 0, i = 0; p < rawCount; p++) {
      if (acc[p * 5] > 0) {
        keptRaw[i] = p;
        keptThemes[i++] = rawThemes[p];
      }
    }
    int[] order = canonicalOrder(keptThemes);
    int[] kept = new int[keptCount];
    for (int i = 0; i < keptCount; i++) {
      kept[i] = keptRaw[order[i]];
    }
    int[] canonical = new int[rawCount];
    Arrays.fill(canonical, -1);
    int[][] themes = new int[keptCount][];
    ScoreTally[] tallies = new ScoreTally[keptCount];
    for (int i = 0; i < keptCount; i++) {
      int p = kept[i];
      int b = p * 5;
      canonical[p] = i;
      themes[i] = rawThemes[p];
      tallies[i] = new ScoreTally(acc[b], acc[b + 1], acc[b + 2], acc[b + 3], acc[b + 4]);
    }
    return new PatternTable(themeDocs.size(), themes, tallies, raw, canonical);
  }

  /** A table straight from patterns and their tallies (tests, projections). */
  public static PatternTable of(int themeCount, Map<List<Integer>, ScoreTally> patterns) {
    int[][] keys = new int[patterns.size()][];
    ScoreTally[] values = new ScoreTally[patterns.size()];
    int i = 0;
    for (Map.Entry<List<Integer>, ScoreTally> e : patterns.entrySet()) {
      keys[i] = e.getKey().stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
      values[i++] = e.getValue();
    }
    int[] order = canonicalOrder(keys);
    int[][] themes = new int[keys.length][];
    ScoreTally[] tallies = new ScoreTally[keys.length];
    for (int k = 0; k < order.length; k++) {
      themes[k] = keys[order[k]];
      tallies[k] = values[order[k]];
      if (k > 0 && Arrays.equals(themes[k], themes[k - 1])) {
        throw new IllegalArgumentException("duplicate pattern " + Arrays.toString(themes[k]));
      }
    }
    return new PatternTable(themeCount, themes, tallies, null, null);
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
    int[][] projected = new int[themes.length][];
    for (int p = 0; p < themes.length; p++) {
      int[] row = themes[p];
      int n = 0;
      int[] out = new int[row.length];
      for (int t : row) {
        if (newIndex[t] >= 0) {
          out[n++] = newIndex[t]; // kept is ascending, so the order is kept
        }
      }
      projected[p] = n == out.length ? out : Arrays.copyOf(out, n);
    }
    int[] order = canonicalOrder(projected);
    List<int[]> mergedThemes = new ArrayList<>();
    List<ScoreTally> mergedTallies = new ArrayList<>();
    for (int i = 0; i < order.length; i++) {
      int p = order[i];
      int last = mergedThemes.size() - 1;
      if (last >= 0 && Arrays.equals(mergedThemes.get(last), projected[p])) {
        mergedTallies.set(last, mergedTallies.get(last).plus(tallies[p]));
      } else {
        mergedThemes.add(projected[p]);
        mergedTallies.add(tallies[p]);
      }
    }
    return new PatternTable(
        kept.length,
        mergedThemes.toArray(new int[0][]),
        mergedTallies.toArray(new ScoreTally[0]),
        null,
        null);
  }

  /**
   * A canonical order of patterns that depends only on their theme sets (never on document order),
   * with equal patterns next to each other: by a 64-bit hash of the theme list, ties (equal hash
   * prefixes) settled by comparing the lists. Sorting packed primitive keys is several times faster
   * than comparing a hundred thousand arrays.
   */
  static int[] canonicalOrder(int[][] patterns) {
    int n = patterns.length;
    int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (hash(patterns[i]) >>> indexBits << indexBits) | i;
    }
    Arrays.sort(keys);
    long mask = (1L << indexBits) - 1;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) (keys[i] & mask);
    }
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && (keys[j] >>> indexBits) == (keys[i] >>> indexBits)) {
        j++;
      }
      if (j - i > 1) {
        Integer[] run = new Integer[j - i];
        for (int k = i; k < j; k++) {
          run[k - i] = order[k];
        }
        Arrays.sort(run, (x, y) -> Arrays.compare(patterns[x], patterns[y]));
        for (int k = i; k < j; k++) {
          order[k] = run[k - i];
        }
      }
      i = j;
    }
    return order;
  }

  private static long hash(int[] themes) {
    long h = 0x9E3779B97F4A7C15L;
    for (int t : themes) {
      h ^= t + 1L;
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    h *= 0x94D049BB133111EBL;
    return h ^ (h >>> 29);
  }

  /**
   * Whether {@code other} holds the same patterns with the same tallies: both are in the canonical
   * order, so everything computed from the tables alone (a ranking's counts, tests and fitted
   * effects, {@link ImpactRanker#rank}) is the same to the digit, whatever documents they were
   * built from.
   */
  public boolean samePatterns(PatternTable other) {
    return themeCount == other.themeCount
        && Arrays.deepEquals(themes, other.themes)
        && Arrays.equals(tallies, other.tallies);
  }

  /** The same patterns without their documents' (what a kept fit is compared with). */
  PatternTable withoutDocuments() {
    return new PatternTable(themeCount, themes, tallies, null, null);
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
    if (rawOfDoc == null) {
      throw new IllegalStateException("table not built from documents");
    }
    return canonical[rawOfDoc[doc]];
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
}
