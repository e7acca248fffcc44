package dev.earful.search;

import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;

/**
 * The per-document numbers that metrics and impact need, read once from doc values into arrays
 * indexed by doc id (never loading comments). Deleted documents keep stale entries: combine with a
 * bit set from {@link ResponseIndex.Snapshot#matching}, which only holds live documents.
 */
public final class DocColumns {

  private final byte[] metric;
  private final byte[] score;
  private final byte[] group;
  private final byte[] category;
  private final byte[] sentiment;
  private final long[] submittedAt;

  DocColumns(int maxDoc) {
    metric = new byte[maxDoc];
    score = new byte[maxDoc];
    group = new byte[maxDoc];
    category = new byte[maxDoc];
    sentiment = new byte[maxDoc];
    submittedAt = new long[maxDoc];
  }

  /** Reads one segment's values. */
  static DocColumns read(LeafReader leaf) throws IOException {
    int maxDoc = leaf.maxDoc();
    DocColumns c = new DocColumns(maxDoc);
    NumericDocValues metrics = DocValues.getNumeric(leaf, Schema.METRIC);
    NumericDocValues groups = DocValues.getNumeric(leaf, Schema.GROUP);
    NumericDocValues sentiments = DocValues.getNumeric(leaf, Schema.SENTIMENT);
    SortedNumericDocValues scores = DocValues.getSortedNumeric(leaf, Schema.SCORE);
    SortedNumericDocValues times = DocValues.getSortedNumeric(leaf, Schema.SUBMITTED_AT);
    for (int doc = 0; doc < maxDoc; doc++) {
      if (metrics.advanceExact(doc)) {
        c.metric[doc] = (byte) metrics.longValue();
      }
      if (groups.advanceExact(doc)) {
        c.group[doc] = (byte) groups.longValue();
      }
      if (sentiments.advanceExact(doc)) {
        c.sentiment[doc] = (byte) sentiments.longValue();
      }
      if (scores.advanceExact(doc)) {
        c.score[doc] = (byte) scores.nextValue();
      }
      if (times.advanceExact(doc)) {
        c.submittedAt[doc] = times.nextValue();
      }
      c.category[doc] = CATEGORY[c.metric[doc]][c.score[doc]];
    }
    return c;
  }

  /** Concatenates segments' columns at their doc bases. */
  static DocColumns concat(int maxDoc, int[] bases, DocColumns[] parts) {
    DocColumns c = new DocColumns(maxDoc);
    for (int i = 0; i < parts.length; i++) {
      DocColumns p = parts[i];
      int n = p.metric.length;
      System.arraycopy(p.metric, 0, c.metric, bases[i], n);
      System.arraycopy(p.score, 0, c.score, bases[i], n);
      System.arraycopy(p.group, 0, c.group, bases[i], n);
      System.arraycopy(p.category, 0, c.category, bases[i], n);
      System.arraycopy(p.sentiment, 0, c.sentiment, bases[i], n);
      System.arraycopy(p.submittedAt, 0, c.submittedAt, bases[i], n);
    }
    return c;
  }

  /** Category ordinal by metric ordinal and score (0 where a score is outside the range). */
  private static final byte[][] CATEGORY = new byte[Metric.values().length][11];

  static {
    for (Metric m : Metric.values()) {
      for (int s = m.min(); s <= m.max(); s++) {
        CATEGORY[m.ordinal()][s] = (byte) m.categorize(s).ordinal();
      }
    }
  }

  public Category category(int doc) {
    return Category.values()[category[doc]];
  }

  public int categoryOrdinal(int doc) {
    return category[doc];
  }

  public int sentimentOrdinal(int doc) {
    return sentiment[doc];
  }

  public int size() {
    return metric.length;
  }

  public Metric metric(int doc) {
    return Metric.values()[metric[doc]];
  }

  public int metricOrdinal(int doc) {
    return metric[doc];
  }

  public int score(int doc) {
    return score[doc];
  }

  public Category.Group group(int doc) {
    return Category.Group.values()[group[doc]];
  }

  /** 0 positive, 1 middle, 2 negative ({@link Category.Group#ordinal()}). */
  public int groupOrdinal(int doc) {
    return group[doc];
  }

  public boolean isNegative(int doc) {
    return group[doc] == Category.Group.NEGATIVE.ordinal();
  }

  public Polarity sentiment(int doc) {
    return Polarity.values()[sentiment[doc]];
  }

  /** Epoch milliseconds. */
  public long submittedAtMillis(int doc) {
    return submittedAt[doc];
  }
}
