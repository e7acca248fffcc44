package dev.earful.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.FieldHighlighter;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * Highlights the comments of one page of hits for one query: {@code <mark>} around the matched
 * words, at most {@link SearchService#MAX_SNIPPETS} sentences. Not thread-safe; one per search.
 *
 * <p>The comment field keeps the offsets of its words in the postings (see {@link Schema}), so the
 * matches of a hit are read from the index: Lucene's highlighter with a searcher takes them from
 * {@code Weight.matches} on the hit's segment. Without a searcher it re-analysed every comment into
 * an in-memory index to find the same matches, and a profile of bench-http at a million responses
 * put a quarter of a search's server time there. The matches are the same either way (same
 * analyser, same positions, same query), passages are scored from the matches alone, so the marks
 * are the same (HitHighlighterTest compares with the highlighter without a searcher on real
 * reviews). Prefix queries still analyse the comment: Lucene reads their matches that way.
 */
final class HitHighlighter {

  private final List<LeafReaderContext> leaves;
  private final FieldHighlighter field;

  HitHighlighter(IndexSearcher searcher, Query query) {
    this.leaves = searcher.getIndexReader().leaves();
    this.field = new FromIndex(searcher).forComments(query);
  }

  /**
   * Lucene's highlighter, for its field highlighter: built once per query, it keeps the strategy
   * that reads offsets and the break iterator (reset for every text) between the hits of a page.
   */
  private static final class FromIndex extends UnifiedHighlighter {
    private final IndexSearcher searcher;

    FromIndex(IndexSearcher searcher) {
      super(
          UnifiedHighlighter.builder(searcher, Schema.commentAnalyzer())
              .withFormatter(new MarkFormatter())
              .withScorer(new Scorer())
              .withMaxLength(25_000)
              .withMaxNoHighlightPassages(0));
      this.searcher = searcher;
    }

    /**
     * Matches read from the index come from one weight for the whole page (see {@link
     * PageMatches}); other offset sources (a prefix query's analysis) are Lucene's.
     */
    @Override
    protected FieldOffsetStrategy getOffsetStrategy(
        OffsetSource offsetSource, UHComponents components) {
      if (offsetSource != OffsetSource.POSTINGS
          || !components.highlightFlags().contains(HighlightFlag.WEIGHT_MATCHES)
          || matchesOtherFields(components)) {
        return super.getOffsetStrategy(offsetSource, components);
      }
      try {
        return new PageMatches(components, searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Whether the field matcher takes a query's matches on another field (the lemma fields) as the
     * comment's. Lucene's own strategy then maps those fields onto the comment's terms, a step that
     * {@link PageMatches} leaves out: it is only equal to Lucene's under the default matcher, which
     * accepts the highlighted field alone (this class never sets another). Lucene's strategy also
     * turns the query cache off, which changes no match.
     */
    private static boolean matchesOtherFields(UHComponents components) {
      return Stream.of(
              Schema.LEMMA, Schema.LEMMA_POSITIVE, Schema.LEMMA_NEUTRAL, Schema.LEMMA_NEGATIVE)
          .anyMatch(components.fieldMatcher());
    }

    FieldHighlighter forComments(Query query) {
      return getFieldHighlighter(
          Schema.COMMENT, query, extractTerms(query), SearchService.MAX_SNIPPETS);
    }

    /**
     * The field as the first segment that has it knows it: Lucene requires the same index options
     * in every segment, and the default merges the field infos of all segments on every search.
     */
    @Override
    protected FieldInfo getFieldInfo(String field) {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
        if (info != null) {
          return info;
        }
      }
      return null;
    }
  }

  /**
   * The matches of a hit from one weight of the query for the whole page. Lucene's strategy for
   * offsets in the postings builds a searcher, rewrites the query and creates its weight for every
   * hit, and so looks up each query term in the segment's terms dictionary again for every hit
   * (Weight.matches with its term lookups was 45% of highlighting in a profile of bench-http at a
   * million responses). One weight keeps each term's state per segment, so a term is looked up once
   * per segment and page. The matches are the same: same query, same segment, same document; the
   * offsets enums are built as Lucene's strategy builds them (HitHighlighterTest compares every hit
   * with Lucene's highlighter).
   */
  private static final class PageMatches extends FieldOffsetStrategy {
    private final List<LeafReaderContext> leaves;
    private final Weight weight;

    PageMatches(UHComponents components, IndexSearcher searcher) throws IOException {
      super(components);
      this.leaves = searcher.getIndexReader().leaves();
      this.weight =
          searcher.createWeight(
              searcher.rewrite(components.query()), ScoreMode.COMPLETE_NO_SCORES, 1f);
    }

    @Override
    public UnifiedHighlighter.OffsetSource getOffsetSource() {
      return UnifiedHighlighter.OffsetSource.POSTINGS;
    }

    @Override
    public OffsetsEnum getOffsetsEnum(LeafReader reader, int docId, String content)
        throws IOException {
      LeafReaderContext leaf = null;
      for (LeafReaderContext l : leaves) {
        if (l.reader() == reader) {
          leaf = l;
          break;
        }
      }
      if (leaf == null || reader.terms(getField()) == null) {
        return leaf == null ? createOffsetsEnumFromReader(reader, docId) : OffsetsEnum.EMPTY;
      }
      Matches matches = weight.matches(leaf, docId);
      if (matches == null) {
        return OffsetsEnum.EMPTY;
      }
      List<OffsetsEnum> enums = new ArrayList<>();
      for (String field : matches) {
        if (components.fieldMatcher().test(field)) {
          MatchesIterator it = matches.getMatches(field);
          if (it != null) {
            enums.add(new OffsetsEnum.OfMatchesIteratorWithSubs(it));
          }
        }
      }
      return switch (enums.size()) {
        case 0 -> OffsetsEnum.EMPTY;
        case 1 -> enums.get(0);
        default -> new OffsetsEnum.MultiOffsetsEnum(enums);
      };
    }
  }

  /**
   * Lucene's passage score, computed the same way in the same order (distinct terms in the order
   * they first occur in the passage, the sum in double, then the position norm), without the hash
   * of terms Lucene builds for every passage: its 32 KB block was a twentieth of a search in a
   * profile. A passage holds a handful of matches, so comparing them pairwise is cheaper.
   */
  static final class Scorer extends PassageScorer {
    @Override
    public float score(Passage passage, int contentLength) {
      int n = passage.getNumMatches();
      BytesRef[] terms = passage.getMatchTerms();
      int[] inDoc = passage.getMatchTermFreqsInDoc();
      BytesRef[] distinct = new BytesRef[n];
      int[] freqInPassage = new int[n];
      int[] freqInDoc = new int[n];
      int size = 0;
      for (int i = 0; i < n; i++) {
        int t = 0;
        while (t < size && !distinct[t].bytesEquals(terms[i])) {
          t++;
        }
        if (t == size) {
          distinct[size] = terms[i];
          freqInDoc[size] = inDoc[i];
          size++;
        }
        freqInPassage[t]++;
      }
      double score = 0d;
      for (int t = 0; t < size; t++) {
        score += tf(freqInPassage[t], passage.getLength()) * weight(contentLength, freqInDoc[t]);
      }
      score *= norm(passage.getStartOffset());
      return (float) score;
    }
  }

  /**
   * The marked passages of a hit's comment ({@code comment} is the stored comment of the top-level
   * document {@code doc}, which the query matches) joined by {@link MarkFormatter#SEPARATOR}; empty
   * or null when none.
   */
  String highlight(int doc, String comment) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    return (String) field.highlightFieldForDoc(leaf.reader(), doc - leaf.docBase, comment);
  }
}
