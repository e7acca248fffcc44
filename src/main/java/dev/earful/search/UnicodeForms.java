package dev.earful.search;

import java.io.IOException;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Text that reads the same in either Unicode form: "café" is written composed (é, U+00E9) by most
 * keyboards and decomposed (e then U+0301) by some systems and exports, and the two were different
 * words to search and different values to a segment filter. The JDK's {@link Normalizer} suffices:
 * composing is all that is needed here, not ICU's case folding (LowerCaseFilter and
 * ASCIIFoldingFilter follow in the comment analyser).
 */
final class UnicodeForms {

  private UnicodeForms() {}

  /** {@code s} composed (NFC). */
  static String composed(String s) {
    return Normalizer.isNormalized(s, Normalizer.Form.NFC)
        ? s
        : Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /**
   * {@code s} as given, composed and decomposed (one element for ASCII): a filter value matches a
   * stored value written in any of them, since stored values are kept as they were sent.
   */
  static Set<String> forms(String s) {
    Set<String> out = new LinkedHashSet<>();
    out.add(s);
    out.add(composed(s));
    out.add(Normalizer.normalize(s, Normalizer.Form.NFD));
    return out;
  }

  /**
   * Composes each token (NFC) before it is lower-cased and folded, so "cafe" + U+0301 indexes and
   * searches as "café" does. Offsets are the token's own, so highlights are unchanged.
   */
  static final class ComposingFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    ComposingFilter(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      String text = term.toString();
      String composed = composed(text);
      if (!composed.equals(text)) {
        term.setEmpty().append(composed);
      }
      return true;
    }
  }
}
