package dev.earful.sentiment;

import dev.earful.domain.Token;
import dev.earful.nlp.PhraseLexicon;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the customer did, told plainly: "I pay my rent and council tax from this account", "I had my
 * flu jab at the pharmacy on the high street", "We emailed support about the invoice last week".
 * The model reads some such statements as polar from words that lean one way in reviews ("pay",
 * "account", "gift"), but a clause whose subject is the customer and that holds no word the lexicon
 * judges says nothing of the things it names: {@link SentimentScorer} reads it as neutral.
 *
 * <p>Not a plain report, and left to the model: a stretch with a judged word or a negator ("I
 * couldn't fault the room", "we never got the refund"); a wait, a span or a count ("We waited
 * forty-five minutes for our starters", "I had to ask three times": the customer's time is how a
 * complaint is told, {@code corpora/phrases/time-units.txt}); an obligation ("had to", "need to");
 * a thing paid for ("I paid for extra legroom and got a seat next to the toilets": what was paid
 * for is what the comment goes on to judge); and a clause with a subject of its own after the
 * customer's ("and the driver was waiting"), which is a separate piece.
 */
final class PlainReports {

  /** The customer as the subject. */
  private static final Set<String> CUSTOMER = Set.of("i", "we");

  /** Words that count or repeat what the customer had to do. */
  private static final Set<String> COUNTS = Set.of("times", "twice", "again", "forever", "ages");

  private PlainReports() {}

  /** Whether tokens {@code [from, to)} only tell what the customer did (see the class). */
  static boolean told(List<Token> tokens, int from, int to) {
    if (!customerSubject(tokens, from, to)) {
      return false;
    }
    Set<String> units = PhraseLexicon.standard().timeUnits();
    for (int k = from; k < to; k++) {
      Token t = tokens.get(k);
      String word = t.text().toLowerCase(Locale.ROOT);
      String lemma = t.lemma().toLowerCase(Locale.ROOT);
      if (MentionOnly.judged(t)
          || ObjectPhrases.negator(t)
          || units.contains(lemma)
          || COUNTS.contains(word)
          || lemma.equals("wait")
          || (word.equals("to") && k > from && obligation(tokens.get(k - 1)))
          || (lemma.equals("pay") && paidFor(tokens, k + 1, to))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether "pay" is followed by what was paid for ("paid for extra legroom", "paid extra for
   * priority boarding", "pay for 50 seats"): the thing paid for is what the comment goes on to
   * judge, as a thing waited for is ({@link SettingPhrases} keeps both).
   */
  private static boolean paidFor(List<Token> tokens, int k, int to) {
    for (int i = k; i < to && i <= k + 1; i++) {
      if (tokens.get(i).text().equalsIgnoreCase("for")) {
        return true;
      }
    }
    return false;
  }

  private static boolean obligation(Token t) {
    String lemma = t.lemma().toLowerCase(Locale.ROOT);
    return lemma.equals("have") || lemma.equals("need");
  }

  /** Whether the first noun or pronoun of tokens {@code [from, to)} is "I" or "we". */
  private static boolean customerSubject(List<Token> tokens, int from, int to) {
    for (int k = from; k < to; k++) {
      Token t = tokens.get(k);
      String tag = t.tag();
      if (tag.startsWith("NOUN") || tag.startsWith("PROPN") || tag.startsWith("PRON")) {
        String lemma = t.lemma().toLowerCase(Locale.ROOT);
        int plus = lemma.indexOf('+');
        return CUSTOMER.contains(plus > 0 ? lemma.substring(0, plus) : lemma);
      }
    }
    return false;
  }
}
