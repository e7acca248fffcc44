package dev.earful.search;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.FieldHighlighter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Highlights the comments of one page of hits for one query: {@code <mark>} around the matched
 * words, at most {@link SearchService#MAX_SNIPPETS} sentences. Not thread-safe; one per search.
 *
 * <p>Lucene's default way (the one that decides) builds a small in-memory index of each comment to
 * score its passages and match phrases as wholes; a profile of bench-http at a million responses
 * put a third of a search's time there. For a query of plain words and a comment of at most {@link
 * SearchService#MAX_SNIPPETS} sentences the answer cannot depend on that: every sentence holding a
 * match is shown whatever its score, in text order, and plain words are marked one by one either
 * way. Those comments (most survey comments) are highlighted from the analyser's tokens instead,
 * with the same marks; phrases, prefixes and longer comments keep the default way.
 */
final class HitHighlighter {

  private final Query query;
  private final UnifiedHighlighter exact;
  private final UnifiedHighlighter fast; // null when the query has more than plain words
  private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);

  HitHighlighter(Query query) {
    this.query = query;
    this.exact = new Reusing(builder());
    this.fast =
        plainWords(query)
            ? new Reusing(builder().withPassageRelevancyOverSpeed(false).withWeightMatches(false))
            : null;
  }

  /**
   * Keeps the field highlighter of its one query between the hits of a page. Lucene builds one per
   * call (the offset strategy with its in-memory index and the automaton of the query's terms), a
   * tenth of a search in a profile of bench-http; that highlighter resets its in-memory index and
   * break iterator for every text, so the marks are the same (HitHighlighterTest compares with
   * Lucene's highlighter built anew for every text).
   */
  private static final class Reusing extends UnifiedHighlighter {
    private FieldHighlighter cached;
    private String cachedField;
    private int cachedPassages;

    Reusing(UnifiedHighlighter.Builder builder) {
      super(builder);
    }

    @Override
    protected FieldHighlighter getFieldHighlighter(
        String field, Query query, Set<Term> allTerms, int maxPassages) {
      if (cached == null || !field.equals(cachedField) || maxPassages != cachedPassages) {
        cached = super.getFieldHighlighter(field, query, allTerms, maxPassages);
        cachedField = field;
        cachedPassages = maxPassages;
      }
      return cached;
    }
  }

  private static UnifiedHighlighter.Builder builder() {
    // Without a searcher the highlighter re-analyses the comment it is given: for a page of short
    // comments that is cheaper than a second stored-fields read per hit.
    return UnifiedHighlighter.builderWithoutSearcher(Schema.commentAnalyzer())
        .withFormatter(new MarkFormatter())
        .withMaxLength(25_000)
        .withMaxNoHighlightPassages(0);
  }

  /**
   * The marked passages of a hit's comment (one the query matches) joined by {@link
   * MarkFormatter#SEPARATOR}; empty or null when none.
   */
  String highlight(String comment) throws java.io.IOException {
    UnifiedHighlighter h = fast != null && fewSentences(comment) ? fast : exact;
    return (String)
        h.highlightWithoutSearcher(Schema.COMMENT, query, comment, SearchService.MAX_SNIPPETS);
  }

  /** Whether the comment has at most MAX_SNIPPETS sentences, as the highlighter splits them. */
  private boolean fewSentences(String comment) {
    sentences.setText(comment);
    int n = 0;
    for (int end = sentences.next(); end != BreakIterator.DONE; end = sentences.next()) {
      if (++n > SearchService.MAX_SNIPPETS) {
        return false;
      }
    }
    return true;
  }

  /** Term queries, possibly under boolean ones: nothing whose marks depend on positions. */
  static boolean plainWords(Query q) {
    if (q instanceof TermQuery) {
      return true;
    }
    if (q instanceof BooleanQuery b) {
      for (BooleanClause c : b.clauses()) {
        if (!plainWords(c.query())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
