package dev.earful.search;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Replays lemmas that were analysed before indexing, each at its own absolute position, so the
 * lemma fields keep the comment's real positions (phrase queries) without a Lucene analyser.
 */
final class LemmaTokenStream extends TokenStream {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute increment =
      addAttribute(PositionIncrementAttribute.class);
  private final String[] lemmas;
  private final int[] positions;
  private final int size;
  private int next;
  private int lastPosition;

  /** {@code positions} must be strictly increasing and non-negative. */
  LemmaTokenStream(String[] lemmas, int[] positions, int size) {
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
}
