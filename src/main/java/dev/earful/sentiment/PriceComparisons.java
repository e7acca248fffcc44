package dev.earful.sentiment;

import dev.earful.domain.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A thing told to cost less than another: "Family plan works out cheaper than four separate
 * contracts", "The online quote was £80 cheaper than the phone quote", "Cheapest quote I found".
 * The model learnt "cheap" where it means shoddy ("the fabric feels cheap"), and {@link Annotation}
 * turns it to praise only beside a word that names a cost ("cheaper than my old tariff"); a
 * comparison of price said of a plan, a quote or a ticket is read as neutral or as a complaint. A
 * comparative or superlative of "cheap" compares what is paid, so {@link SentimentScorer} turns
 * such a stretch to praise of what comes before "than"; the thing it is compared with ("than four
 * separate contracts") is only the measure, and stays neutral.
 *
 * <p>Only "cheaper" said of the subject (followed by "than", by a measure or by the end of the
 * clause, not by a noun: "they switched to cheaper fabric" is a complaint of the fabric) and
 * "cheapest"; not after a verb of appearance ("looks cheaper than it is", "feels cheaper than the
 * old one": the sense of shoddy) and not negated ("not any cheaper", "wasn't the cheapest"). The
 * plain "cheap" stays with the model and {@link Annotation}: "the zipper is cheap" and "the ticket
 * is cheap" differ only in what the subject is.
 */
final class PriceComparisons {

  /** Verbs of appearance, after which "cheap" means shoddy. */
  private static final Set<String> APPEARANCE =
      Set.of("look", "feel", "seem", "sound", "appear", "make");

  private PriceComparisons() {}

  /**
   * The token index at which tokens {@code [from, to)} compare a price in the subject's favour (the
   * "cheaper" or "cheapest"), or -1.
   */
  static int praise(List<Token> tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      String w = word(tokens.get(i));
      boolean comparative = w.equals("cheaper");
      if (!comparative && !w.equals("cheapest")) {
        continue;
      }
      if (comparative && i + 1 < to && isNoun(tokens.get(i + 1))) {
        return -1;
      }
      for (int k = from; k < i; k++) {
        Token t = tokens.get(k);
        if (ObjectPhrases.negator(t) || APPEARANCE.contains(t.lemma().toLowerCase(Locale.ROOT))) {
          return -1;
        }
      }
      return i;
    }
    return -1;
  }

  /** The index of "than" after the comparison at {@code at}, or -1. */
  static int than(List<Token> tokens, int at, int to) {
    for (int k = at + 1; k < to; k++) {
      if (word(tokens.get(k)).equals("than")) {
        return k;
      }
    }
    return -1;
  }

  private static boolean isNoun(Token t) {
    return t.tag().equals("NOUN") || t.tag().equals("PROPN");
  }

  private static String word(Token t) {
    return t.text().toLowerCase(Locale.ROOT);
  }
}
