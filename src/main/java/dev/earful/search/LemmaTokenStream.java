package dev.earful.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.IndexableFieldType;

/**
 * Replays lemmas that were analysed before indexing, each at its own absolute position, so the
 * lemma fields keep the comment's real positions (phrase queries) without a Lucene analyser.
 */
final class LemmaTokenStream extends TokenStream {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute increment =
      addAttribute(PositionIncrementAttribute.class);
  private String[] lemmas;
  private int[] positions;
  private int size;
  private int next;
  private int lastPosition;

  /** {@code positions} must be strictly increasing and non-negative. */
  LemmaTokenStream(String[] lemmas, int[] positions, int size) {
    replay(lemmas, positions, size);
  }

  /** Replays these lemmas from the next {@link #reset}. */
  private void replay(String[] lemmas, int[] positions, int size) {
    this.lemmas = lemmas;
    this.positions = positions;
    this.size = size;
  }

  @Override
  public boolean incrementToken() {
    if (next >= size) {
      return false;
    }
    clearAttributes();
    term.setEmpty().append(lemmas[next]);
    increment.setPositionIncrement(positions[next] - lastPosition);
    lastPosition = positions[next];
    next++;
    return true;
  }

  @Override
  public void reset() throws java.io.IOException {
    super.reset();
    next = 0;
    lastPosition = -1;
  }

  /**
   * A field of pre-analysed lemmas. Lucene hands a field the stream it used for the previous
   * document's field of the same name, and this one replays its lemmas through that stream: a new
   * stream per field and document (its attributes and their maps) was a sixth of building a
   * response's document in a profile of an HTTP import.
   */
  static final class LemmaField extends Field {
    private final String[] lemmas;
    private final int[] positions;
    private final int size;

    /** {@code positions} must be strictly increasing and non-negative. */
    LemmaField(String name, String[] lemmas, int[] positions, int size, IndexableFieldType type) {
      super(name, type);
      this.lemmas = lemmas;
      this.positions = positions;
      this.size = size;
    }

    @Override
    public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
      if (reuse instanceof LemmaTokenStream stream) {
        stream.replay(lemmas, positions, size);
        return stream;
      }
      return new LemmaTokenStream(lemmas, positions, size);
    }
  }
}
