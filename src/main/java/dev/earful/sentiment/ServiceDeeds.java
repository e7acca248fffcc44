package dev.earful.sentiment;

import dev.earful.domain.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What someone did for the customer, told without a judging word: "The receptionist found me a
 * cancellation the same afternoon", "Reception kept our bags for us", "The branch manager sorted a
 * new card for my husband", "the waiter brought crayons for the kids without us asking". A person
 * reads the telling itself as praise of whoever did it (nobody writes a survey answer to report a
 * favour they did not value), while the model reads a statement of fact as neutral. When a stretch
 * the model reads neutral has such a shape, the stretch is praise ({@link SentimentScorer} turns it
 * positive; what was acted on stays neutral, carved by {@link ObjectPhrases}).
 *
 * <p>The shape: a named subject (a noun, "someone"; not "I", "we", "they", "it": a pronoun names no
 * one a theme could be about), then its first verb, one that the lexicon does not judge, that is
 * not negated and that tells a deed ({@link #NO_DEED}: not "had me on hold", "got us a refund",
 * "tried to push a warranty on me", "kept me waiting", "put me on hold", which say too little of
 * what was done or say it against the customer); and the customer named after the verb, as the one
 * it was done to or for ("me", "us", "my", "our"). So these stay as the model reads them:
 *
 * <ul>
 *   <li>the customer's own doings ("I moved my booking", "We kept our bags with us");
 *   <li>a verb the lexicon judges ("The staff ignored us", "Support ruined my weekend");
 *   <li>a passive or a state ("My card was replaced", "The nurse is lovely with us");
 *   <li>an action on something that is not the customer's ("The engineer replaced the meter").
 * </ul>
 *
 * A deed told as repeated on the customer ("transferred me four times") or as done while leaving
 * undone what the doer was there for ("closed my ticket without fixing the issue") is no favour but
 * a complaint of whoever did it ({@link #blame}). A one-off harm without a judging word ("the
 * courier threw our parcel over the fence", "the dealership kept my car for two weeks") is still
 * read as praise, wrongly: telling a favour from a harm needs word knowledge. Written here because
 * no library on the classpath gives dependencies; it reads the UD tags the pipeline already has.
 */
final class ServiceDeeds {

  /** How the customer is named after the verb. */
  private static final Set<String> CUSTOMER =
      Set.of("me", "us", "my", "our", "myself", "ourselves");

  /** Possessives that may open a subject ("Our guide"). */
  static final Set<String> POSSESSIVES = Set.of("my", "our", "your", "their", "his", "her");

  /** Pronouns that name a person other than the customer. */
  private static final Set<String> SOMEONE = Set.of("someone", "somebody");

  /**
   * Tags that may stand in a subject's noun phrase and a phrase inside it ("Staff in the shop").
   */
  private static final Set<String> SUBJECT_TAGS =
      Set.of("DET", "NUM", "ADJ", "NOUN", "PROPN", "ADP", "PART", "PUNCT");

  /**
   * Verbs that tell no deed of their own: the light verbs of {@code
   * corpora/phrases/light-verbs.txt} that only carry another word ("be", "have", "get", "make"), or
   * tell a routine act or a lack ("take": "took my details"; "run": "ran out of my size"), wishes
   * and attempts ("want", "try"), and the two that as often hold the customer against their will as
   * for them ("keep": "kept our bags for us" and "kept me waiting"; "put": "put me on hold"). The
   * light verbs that do tell a deed stay: "went to the stockroom to find my size", "found me a
   * cancellation", "gave us a refund", "came out to check on my allergy".
   */
  static final Set<String> NO_DEED =
      Set.of(
          "be", "have", "do", "get", "got", "make", "take", "run", "seem", "look", "feel", "become",
          "keep", "put", "want", "need", "try", "know", "think", "say", "let", "wish", "hope",
          "expect", "like", "love", "hate", "will", "would", "can", "could", "should", "may",
          "might", "must");

  private ServiceDeeds() {}

  /** Whether tokens {@code [from, to)} tell what a named someone did for the customer. */
  static boolean praise(List<Token> tokens, int from, int to) {
    return read(tokens, from, to) == Deed.FAVOUR;
  }

  /**
   * Whether tokens {@code [from, to)} tell a deed that a named someone did to the customer over and
   * over ("Customer services transferred me four times", "the app logged me out twice") or while
   * leaving undone what they were there to do ("Support closed my ticket without fixing the issue",
   * "left the box with a neighbour without knocking"): the telling is a complaint of whoever did
   * it.
   */
  static boolean blame(List<Token> tokens, int from, int to) {
    return read(tokens, from, to) == Deed.HARM;
  }

  /** How a stretch with the shape of a deed done to the customer reads. */
  private enum Deed {
    NONE,
    FAVOUR,
    HARM
  }

  private static Deed read(List<Token> tokens, int from, int to) {
    int subjectEnd = subjectEnd(tokens, from, to);
    if (subjectEnd < 0) {
      return Deed.NONE;
    }
    int verb = -1;
    for (int i = subjectEnd; i < to; i++) {
      Token t = tokens.get(i);
      if (t.tag().equals("VERB") || t.tag().equals("AUX")) {
        verb = t.tag().equals("VERB") ? i : -1;
        break;
      }
      if (!SUBJECT_TAGS.contains(t.tag()) && !t.tag().equals("ADV")) {
        return Deed.NONE;
      }
      if (ObjectPhrases.negator(t)) {
        return Deed.NONE;
      }
    }
    if (verb < 0 || !tellsADeed(tokens.get(verb))) {
      return Deed.NONE;
    }
    boolean customer = false;
    boolean harm = false;
    for (int i = verb + 1; i < to; i++) {
      Token t = tokens.get(i);
      if (ObjectPhrases.negator(t) && !word(t).equals("without")) {
        return Deed.NONE;
      }
      harm |= repeated(tokens, i, to) || leftUndone(tokens, i, to);
      customer |= CUSTOMER.contains(word(t));
    }
    return !customer ? Deed.NONE : harm ? Deed.HARM : Deed.FAVOUR;
  }

  /**
   * Whether "without" at {@code i} is followed by what the doer did not do ("without fixing the
   * issue", "without knocking", "without warning"): a gerund, not "being" or "having" ("without
   * being asked", "without having to chase": a favour), and not with a subject of its own ("without
   * us asking").
   */
  private static boolean leftUndone(List<Token> tokens, int i, int to) {
    if (!word(tokens.get(i)).equals("without") || i + 1 >= to) {
      return false;
    }
    Token next = tokens.get(i + 1);
    String lemma = next.lemma().toLowerCase(Locale.ROOT);
    return (next.tag().equals("VERB") || next.tag().equals("NOUN"))
        && word(next).endsWith("ing")
        && !lemma.equals("be")
        && !lemma.equals("have");
  }

  /**
   * Whether the word at {@code i} says the deed was done over and over ("transferred me four
   * times", "logged me out twice", "ran out of my inhaler again", "every time I switch screens"): a
   * favour is told once, a deed repeated on the customer is a complaint of the repeating.
   */
  private static boolean repeated(List<Token> tokens, int i, int to) {
    String w = word(tokens.get(i));
    String next = i + 1 < to ? word(tokens.get(i + 1)) : "";
    return w.equals("again")
        || w.equals("twice")
        || w.equals("times")
        || (w.equals("every") && next.equals("time"));
  }

  /**
   * The end of the named subject that opens tokens {@code [from, to)} (its first run of nouns, as
   * "The branch manager" or "Transfers"), or -1 when the stretch opens with a pronoun or a verb.
   */
  static int subjectEnd(List<Token> tokens, int from, int to) {
    int k = from;
    while (k < to && openerOfAClause(tokens.get(k))) {
      k++;
    }
    if (k >= to || !namedSubject(tokens.get(k))) {
      return -1;
    }
    k++;
    while (k < to && (tokens.get(k).tag().equals("NOUN") || tokens.get(k).tag().equals("PROPN"))) {
      k++;
    }
    return k;
  }

  /** A conjunction, punctuation, determiner or possessive that may come before the subject. */
  private static boolean openerOfAClause(Token t) {
    String tag = t.tag();
    return tag.equals("CCONJ")
        || tag.equals("PUNCT")
        || tag.equals("DET")
        || tag.equals("ADJ")
        || tag.equals("NUM")
        || POSSESSIVES.contains(word(t));
  }

  private static boolean namedSubject(Token t) {
    String tag = t.tag();
    return tag.equals("NOUN") || tag.equals("PROPN") || SOMEONE.contains(word(t));
  }

  private static boolean tellsADeed(Token verb) {
    String lemma = verb.lemma().toLowerCase(Locale.ROOT);
    return !MentionOnly.judged(verb)
        && !NO_DEED.contains(lemma)
        && Units.negatedVerb(lemma, word(verb)) == null;
  }

  private static String word(Token t) {
    return t.text().toLowerCase(Locale.ROOT);
  }
}
