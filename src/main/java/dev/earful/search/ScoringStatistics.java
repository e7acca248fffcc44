package dev.earful.search;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.BytesRef;

/**
 * The term and field statistics a relevance search's first page was scored with, carried by its
 * cursor so that every later page scores with the same ones.
 *
 * <p>BM25 reads how many comments hold each word of the query and how long comments are on average.
 * An import between two pages changes both, so an unchanged comment's relevance moved between
 * pages, and the keyset cursor (the last hit's relevance, then its id) showed hits again or skipped
 * them: 37 of the 119 hits for "router" were shown twice while a client imported (the API trial of
 * 2026-12-05). Scored with the first page's statistics, an unchanged comment keeps its relevance to
 * the bit on every page, as a date or a score does. A word no comment held on the first page has no
 * statistics to keep; it is scored with the current ones, held within the kept field's counts.
 */
final class ScoringStatistics {

  private final Map<String, CollectionStatistics> fields = new TreeMap<>();
  private final Map<Term, TermStatistics> terms = new TreeMap<>();

  /**
   * A searcher over {@code live}'s reader that answers with these statistics where it has them, and
   * with the reader's own (then kept here too) where not.
   */
  IndexSearcher searcher(IndexSearcher live, Executor executor) {
    IndexReader reader = live.getIndexReader();
    IndexSearcher pinned =
        new IndexSearcher(reader, executor) {
          @Override
          public CollectionStatistics collectionStatistics(String field) throws IOException {
            CollectionStatistics kept = fields.get(field);
            if (kept != null) {
              return kept;
            }
            CollectionStatistics now = super.collectionStatistics(field);
            if (now != null) {
              fields.put(field, now);
            }
            return now;
          }

          @Override
          public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq)
              throws IOException {
            TermStatistics kept = terms.get(term);
            if (kept != null) {
              return kept;
            }
            TermStatistics now = within(fields.get(term.field()), term, docFreq, totalTermFreq);
            terms.put(new Term(term.field(), BytesRef.deepCopyOf(term.bytes())), now);
            return now;
          }
        };
    pinned.setSimilarity(live.getSimilarity());
    pinned.setQueryCache(live.getQueryCache());
    pinned.setQueryCachingPolicy(live.getQueryCachingPolicy());
    return pinned;
  }

  /**
   * A word's current counts held within a kept field's: BM25's idf is negative where more comments
   * hold a word than the field has, and Lucene's scorers take no negative score.
   */
  private static TermStatistics within(
      CollectionStatistics field, Term term, long docFreq, long totalTermFreq) {
    long df = field == null ? docFreq : Math.min(docFreq, field.docCount());
    long ttf = field == null ? totalTermFreq : Math.min(totalTermFreq, field.sumTotalTermFreq());
    return new TermStatistics(BytesRef.deepCopyOf(term.bytes()), df, Math.max(df, ttf));
  }

  boolean isEmpty() {
    return fields.isEmpty() && terms.isEmpty();
  }

  /** Bytes {@link #write} takes. */
  int size() {
    int n = 2 + 2;
    for (String f : fields.keySet()) {
      n += 2 + f.getBytes(StandardCharsets.UTF_8).length + 4 * 8;
    }
    for (Term t : terms.keySet()) {
      n += 2 + t.field().getBytes(StandardCharsets.UTF_8).length + 2 + t.bytes().length + 2 * 8;
    }
    return n;
  }

  void write(ByteBuffer buf) {
    buf.putShort((short) fields.size());
    for (CollectionStatistics c : fields.values()) {
      putText(buf, c.field());
      buf.putLong(c.maxDoc()).putLong(c.docCount());
      buf.putLong(c.sumTotalTermFreq()).putLong(c.sumDocFreq());
    }
    buf.putShort((short) terms.size());
    terms.forEach(
        (t, s) -> {
          putText(buf, t.field());
          buf.putShort((short) t.bytes().length)
              .put(t.bytes().bytes, t.bytes().offset, t.bytes().length);
          buf.putLong(s.docFreq()).putLong(s.totalTermFreq());
        });
  }

  /**
   * Reads what {@link #write} wrote; a count out of Lucene's bounds (a cursor edited by hand) is an
   * {@link IllegalArgumentException} from the statistics' own checks, or from here when a word is
   * held by more comments than its field has.
   */
  static ScoringStatistics read(ByteBuffer buf) {
    ScoringStatistics s = new ScoringStatistics();
    int nFields = buf.getShort();
    for (int i = 0; i < nFields; i++) {
      String field = text(buf);
      s.fields.put(
          field,
          new CollectionStatistics(
              field, buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong()));
    }
    int nTerms = buf.getShort();
    for (int i = 0; i < nTerms; i++) {
      String field = text(buf);
      byte[] bytes = new byte[buf.getShort()];
      buf.get(bytes);
      TermStatistics t = new TermStatistics(new BytesRef(bytes), buf.getLong(), buf.getLong());
      CollectionStatistics c = s.fields.get(field);
      if (c == null || t.docFreq() > c.docCount()) {
        throw new IllegalArgumentException("word counts beyond the field's");
      }
      s.terms.put(new Term(field, new BytesRef(bytes)), t);
    }
    return s;
  }

  private static void putText(ByteBuffer buf, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    buf.putShort((short) b.length).put(b);
  }

  private static String text(ByteBuffer buf) {
    byte[] b = new byte[buf.getShort()];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
