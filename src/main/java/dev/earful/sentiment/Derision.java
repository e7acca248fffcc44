package dev.earful.sentiment;

import dev.earful.domain.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A thing called a joke: "the loyalty discount is a joke", "Legroom is a joke", "the finance guy
 * was a joke", "What a joke." The lexicon scores "joke" as praise (VADER +1.2, from jokes told and
 * enjoyed), and the model reads these as praise of the thing; said of a thing as what it is (the
 * predicate of "be" or "become", or an exclamation "what a joke"), the word derides it. So when a
 * stretch has that shape and the model does not read it as a complaint, {@link SentimentScorer}
 * turns the stretch negative.
 *
 * <p>Only a singular "joke" after the copula, with nothing but determiners, adjectives, adverbs and
 * "bit of" between ("is a complete joke", "was a bit of a joke", "has become a joke"), or after
 * "what" ("What a joke"). Not negated ("the climb is no joke", "it isn't a joke": a warning that
 * something is hard or serious, left to the model), and not a joke told or laughed at ("the host
 * told a joke", "the jokes were brilliant", "we had a laugh and a joke with the staff", "the best
 * part was a joke the comedian told", "the best part was a joke about the pilot").
 */
final class Derision {

  /** The noun that derides the subject it is said of. */
  private static final String JOKE = "joke";

  /** Verbs that say what the subject is. */
  private static final Set<String> COPULAS = Set.of("be", "become");

  /**
   * Words that may stand between the copula and the noun: "a bit of a", "such a", "an absolute".
   */
  private static final Set<String> BETWEEN_TAGS = Set.of("DET", "ADJ", "ADV");

  private static final Set<String> BETWEEN_WORDS = Set.of("bit", "of", "such");

  private Derision() {}

  /** Whether tokens {@code [from, to)} call something a joke (see the class). */
  static boolean told(List<Token> tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      if (word(tokens.get(i)).equals(JOKE)
          && saidOfTheSubject(tokens, from, i)
          && !opensAClause(tokens, i + 1, to)) {
        return true;
      }
    }
    return false;
  }

  /** Whether "joke" at {@code i} is what the copula or "what" before it says the subject is. */
  private static boolean saidOfTheSubject(List<Token> tokens, int from, int i) {
    for (int k = i - 1; k >= from; k--) {
      Token t = tokens.get(k);
      String w = word(t);
      if (ObjectPhrases.negator(t)) {
        return false;
      }
      if (w.equals("what") || COPULAS.contains(t.lemma().toLowerCase(Locale.ROOT))) {
        return true;
      }
      if (!BETWEEN_TAGS.contains(t.tag()) && !BETWEEN_WORDS.contains(w)) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether a relative clause opens at {@code k}, after "joke": "a joke the comedian told", "a joke
   * that the guide made" (the joke is what someone told, not what the subject is), or what the joke
   * was about: "The best part was a joke about the pilot" (review of session 17, finding 6). Not
   * "on" or "at": "the service is a joke at weekends" says when the subject is one.
   */
  private static boolean opensAClause(List<Token> tokens, int k, int to) {
    if (k >= to) {
      return false;
    }
    Token t = tokens.get(k);
    return CLAUSE_STARTS.contains(t.tag())
        || RELATIVES.contains(word(t))
        || word(t).equals(TOLD_ABOUT);
  }

  /** Tags that open a relative clause's subject right after its noun. */
  private static final Set<String> CLAUSE_STARTS = Set.of("DET", "PRON", "PROPN", "NOUN");

  private static final Set<String> RELATIVES = Set.of("that", "which", "who");

  /** The preposition after "joke" that says what a joke told was about. */
  private static final String TOLD_ABOUT = "about";

  private static String word(Token t) {
    return t.text().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
  }
}
