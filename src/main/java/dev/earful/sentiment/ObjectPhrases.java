package dev.earful.sentiment;

import dev.earful.domain.Token;
import dev.earful.nlp.PhraseLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The thing an action was done to, carved out of its clause as a neutral stretch: in "support
 * answered my question within the hour", "they fixed the brakes the same day" and "the app crashes
 * every time I try to upload a photo" the clause judges the support, the garage and the app; the
 * question, the brakes and the photo are only what was acted on. Such direct objects were the
 * largest share of the gold-neutral aspects that a fresh batch of dev comments (session 11) got
 * wrong, as they were among the older dev rows ("reset my PIN", "washed the car").
 *
 * <p>Only a noun phrase right after a full verb that judges nothing itself, with no judged word in
 * it or after it in the clause, is carved. So these keep their clause's polarity:
 *
 * <ul>
 *   <li>the object of a verb that judges it ("loved the view", "ruined my holiday", "lost my bag",
 *       "can't fault the food": the lexicon scores the verb) or of a light verb ("had no hot
 *       water", "need an assistant", "made the app simple": {@code
 *       corpora/phrases/light-verbs.txt});
 *   <li>an object with an adjective ("served cold chips": the lexicon does not know "cold", but an
 *       attribute of the thing acted on is where its judgement would be) or judged after it
 *       ("cooked the steak perfectly", "found the staff rude");
 *   <li>a negated action ("didn't fix the heating": the thing is still broken), by any negator the
 *       lexicon knows ({@link Lexicon#NEGATORS}: "without fixing the sync issue", "nobody answered
 *       my emails", "hardly touched the boiler");
 *   <li>a thing sent back or swapped ({@link #FAULT_VERBS}: "returned the dress", "sent the jacket
 *       back") or acted on because one had to ("had to reset the router every day");
 *   <li>a thing a relative clause goes on to describe ("a steak that was raw", "a dish we never
 *       ordered");
 *   <li>a verb's object that is part of a subject ("Opening an account took ten minutes", "Booking
 *       an appointment online was quick").
 * </ul>
 *
 * A thing that an action harms without a judging verb ("the app drains the battery", "froze my
 * savings") is carved too, wrongly: telling harm from service needs world knowledge. Written here
 * because no library on the classpath gives dependencies; it reads the UD tags the pipeline already
 * has.
 */
final class ObjectPhrases {

  /** Verbs whose object is the faulty thing: one sends back or swaps what did not work. */
  static final Set<String> FAULT_VERBS = Set.of("return", "replace", "exchange");

  /** Words after a verb's object that start a clause describing it. */
  private static final Set<String> RELATIVES = Set.of("that", "which", "who", "whose");

  /** Tags at which the verb phrase of the object is over. */
  private static final Set<String> PHRASE_ENDS = Set.of("CCONJ", "SCONJ", "PUNCT", "VERB", "AUX");

  /**
   * Particles of a phrasal verb that may stand between the verb and its object ("threw away the
   * notes", "dug up our drive", "handed over the prescription", "brought out a candle"). Not
   * "back": a thing sent back is the faulty one ("sent back the jacket"), as after {@link
   * #FAULT_VERBS}.
   */
  static final Set<String> PARTICLES = Set.of("up", "down", "out", "off", "away", "over");

  /** Verbs of need after which "to" makes the next verb an obligation ("had to reset it"). */
  private static final Set<String> OBLIGATIONS = Set.of("have", "need");

  private ObjectPhrases() {}

  /** Token ranges {@code [from, to)} of the objects acted on in tokens {@code [from, to)}. */
  static List<int[]> of(List<Token> tokens, int from, int to) {
    List<int[]> out = new ArrayList<>(1);
    for (int i = from; i + 1 < to; i++) {
      Token verb = tokens.get(i);
      if (!verb.tag().equals("VERB") || !actsWithoutJudging(tokens, from, i)) {
        continue;
      }
      int start = i + 1;
      if (start + 1 < to && PARTICLES.contains(tokens.get(start).text().toLowerCase(Locale.ROOT))) {
        start++;
      }
      int end = MentionOnly.nounPhraseEnd(tokens, start, to);
      if (end < 0 || described(tokens, start, end) || describedAfter(tokens, end, to)) {
        continue;
      }
      out.add(new int[] {start, end});
      i = end - 1;
    }
    return out;
  }

  /**
   * Whether the verb at {@code i} is an action that says nothing of its object: not judged, not
   * light, not a fault verb, not a gerund subject, not negated, not an obligation.
   */
  private static boolean actsWithoutJudging(List<Token> tokens, int from, int i) {
    Token verb = tokens.get(i);
    String lemma = verb.lemma().toLowerCase(Locale.ROOT);
    if (MentionOnly.judged(verb)
        || PhraseLexicon.standard().lightVerbs().contains(lemma)
        || FAULT_VERBS.contains(lemma)
        || gerundSubject(tokens, from, i)) {
      return false;
    }
    int k = i - 1;
    while (k >= from && tokens.get(k).tag().equals("ADV") && !negator(tokens.get(k))) {
      k--;
    }
    if (k < from) {
      return true;
    }
    Token before = tokens.get(k);
    if (negator(before)) {
      return false;
    }
    return !(before.text().equalsIgnoreCase("to")
        && k - 1 >= from
        && OBLIGATIONS.contains(tokens.get(k - 1).lemma().toLowerCase(Locale.ROOT)));
  }

  /**
   * Whether the verb at {@code i} opens its clause as a gerund ("Booking an appointment online was
   * quick"): its phrase is the subject the clause judges, not an action done to a thing.
   */
  private static boolean gerundSubject(List<Token> tokens, int from, int i) {
    if (!tokens.get(i).text().toLowerCase(Locale.ROOT).endsWith("ing")) {
      return false;
    }
    for (int k = from; k < i; k++) {
      String tag = tokens.get(k).tag();
      if (tag.equals("NOUN") || tag.equals("PROPN") || tag.equals("PRON")) {
        return false;
      }
    }
    return true;
  }

  static boolean negator(Token t) {
    String word = t.text().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    return Lexicon.NEGATORS.contains(word)
        || word.endsWith("n't")
        || t.lemma().toLowerCase(Locale.ROOT).endsWith("+not");
  }

  /**
   * Whether the object in {@code [from, to)} has an adjective: the lexicon knows no valence for
   * "cold" or "lukewarm", but an attribute of the thing acted on is where its judgement would be.
   */
  private static boolean described(List<Token> tokens, int from, int to) {
    for (int k = from; k < to; k++) {
      if (tokens.get(k).tag().equals("ADJ")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the clause goes on to say something of the object ending at {@code end}: an adjective
   * or a relative clause right after it, "back", or a judged word before the verb phrase ends (at a
   * conjunction, a punctuation mark or another verb: "cooked the steak perfectly"). A verb right
   * after it makes the phrase a subject ("Opening an account took ten minutes", where the account
   * is what the clause judges), not an object.
   */
  private static boolean describedAfter(List<Token> tokens, int end, int to) {
    if (end < to) {
      Token next = tokens.get(end);
      String word = next.text().toLowerCase(Locale.ROOT);
      if (next.tag().equals("ADJ")
          || next.tag().equals("PRON")
          || next.tag().equals("VERB")
          || next.tag().equals("AUX")
          || RELATIVES.contains(word)
          || word.equals("back")) {
        return true;
      }
    }
    for (int k = end; k < to; k++) {
      Token t = tokens.get(k);
      if (PHRASE_ENDS.contains(t.tag())) {
        // What follows is another predicate ("fitted the boiler in an hour and was friendly").
        return false;
      }
      if (MentionOnly.judged(t)) {
        return true;
      }
    }
    return false;
  }
}
