package dev.earful.domain;

import java.util.List;

/**
 * The one definition of "this comment mentions this phrase", shared by the theme matcher (spans and
 * highlights) and the index's theme queries (counts, filters, impact), so the two always agree.
 *
 * <p>A phrase is a list of lemmas. Its words are the lemmas with a letter or a digit; the others
 * (punctuation) are not indexed, so they cannot be compared: inside a phrase each is a slot that
 * any one token fills, and at either end it is dropped. A comment mentions the phrase where, inside
 * one sentence, a run of tokens has the phrase's words at the phrase's positions. A phrase without
 * words matches nothing.
 */
public final class LemmaPhrases {

  private LemmaPhrases() {}

  /** A lemma that is compared and indexed: it has a letter or a digit. */
  public static boolean isWord(String lemma) {
    if (lemma == null || lemma.isEmpty()) {
      return false;
    }
    for (int i = 0; i < lemma.length(); i++) {
      if (Character.isLetterOrDigit(lemma.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The phrase from its first word to its last (empty when it has none): what is matched, with each
   * inner non-word a one-token slot.
   */
  public static List<String> trimmed(List<String> phrase) {
    int from = 0;
    int to = phrase.size();
    while (from < to && !isWord(phrase.get(from))) {
      from++;
    }
    while (to > from && !isWord(phrase.get(to - 1))) {
      to--;
    }
    return phrase.subList(from, to);
  }

  /**
   * Whether the tokens of one sentence starting at {@code at} match a {@linkplain #trimmed trimmed}
   * phrase: each word equal to the token's lemma at its position, each non-word any token.
   */
  public static boolean matchesAt(List<Token> sentenceTokens, int at, List<String> trimmed) {
    if (trimmed.isEmpty() || at + trimmed.size() > sentenceTokens.size()) {
      return false;
    }
    for (int j = 0; j < trimmed.size(); j++) {
      String lemma = trimmed.get(j);
      if (isWord(lemma) && !lemma.equals(sentenceTokens.get(at + j).lemma())) {
        return false;
      }
    }
    return true;
  }
}
