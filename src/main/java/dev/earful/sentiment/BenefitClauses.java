package dev.earful.sentiment;

import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A deed told with what it let the customer do: "The practice moved my check-up to a Saturday so I
 * didn't miss work", "The physio stayed late so I could come after work", "The airline held the
 * gate for five minutes so we could make the connection". The clause after "so" says the deed
 * served the customer, which praises whoever did it, while the model reads the words of the trouble
 * avoided ("miss", "late") as a complaint or the whole as a plain report. When a sentence has that
 * shape, the doer is praised and the rest of the main clause and the "so" clause (what was done, to
 * what, when, and what the customer could then do) are neutral. Only the clauses (what theme
 * mentions read) change; the sentence and the comment keep the model's reading.
 *
 * <p>The "so" clause must have the customer as its subject ("I", "we") and say what they could do
 * or were spared: an affirmative "could" / "can" / "was able to" with a verb the lexicon does not
 * judge negative, of no perception and not limited ("so I could collect", not "so I could only
 * order a 12" or "so I could hear every word"), or a negated "have to" / "need to" or negated verb
 * the lexicon judges negative ("so I don't have to drive", "so we didn't miss the flight"). The
 * main clause must open with a named subject (a noun; not a pronoun) whose first verb is a full
 * verb of a deed (not a modal, an auxiliary, a passive or a copula: "The flight was delayed so we
 * could ..." is left alone; not a verb the lexicon judges: "The bank lost my cheque so I ...", and
 * so also "The school bus drops the kids at the gate, so I don't have to drive") and holds no
 * negator. So these stay as the model reads them:
 *
 * <ul>
 *   <li>a harm the "so" clause tells: "so we had to stay an extra night", "so I couldn't pay", "so
 *       I could not sleep", "so I lost a day's pay", "so I didn't get a refund" (a negated verb the
 *       lexicon does not judge is something withheld, not spared);
 *   <li>the customer's own doing ("I left early so I could park"), a pronoun doer ("They moved the
 *       class so they could clean the pool"), a wish or request ("The app should open faster so I
 *       can...", "Please add a filter so I can...");
 *   <li>a past deed with a present ability, as often the ironic cost of a harm ("The app deleted my
 *       history so I can start again from scratch");
 *   <li>an ability after a deed the model reads negative, as often the chore a failure left the
 *       customer ("The driver left a card so I could collect the parcel from the depot"), unless
 *       the deed gives extra time ("stayed late so I could come after work");
 *   <li>"so" of degree ("The room was so small we couldn't open the case").
 * </ul>
 *
 * Written here because no library on the classpath gives dependencies; it reads the UD tags the
 * pipeline already has.
 */
final class BenefitClauses {

  /**
   * How the customer is the subject of the "so" clause. Not the generic "you": "the material
   * stretched so you could see the seams" (the women's reviews) tells a fault.
   */
  private static final Set<String> CUSTOMER = Set.of("i", "we");

  /**
   * Verbs of perception: what the customer could see or hear is as often the fault ("so I could
   * hear every word next door") as the favour.
   */
  private static final Set<String> PERCEPTION = Set.of("see", "hear", "feel", "smell", "notice");

  /** Adverbs after "could" that make the ability a limit ("so I could only order a 12"). */
  private static final Set<String> LIMITS = Set.of("only", "just", "barely", "hardly");

  /** Modals of ability whose affirmative tells what the customer could do. */
  private static final Set<String> ABILITY = Set.of("could", "can");

  /** Verbs of need whose negation tells what the customer was spared ("don't have to"). */
  private static final Set<String> NEEDS = Set.of("have", "need");

  /** Forms of "be" before "able to". */
  private static final Set<String> BE = Set.of("was", "were", "am", "are", "is");

  /** Punctuation that ends a clause. */
  private static final Set<String> CLAUSE_MARKS = Set.of(",", ";", ":", ".", "!", "?");

  private BenefitClauses() {}

  /**
   * {@code clauses} (covering tokens {@code [0, tokens.size())} in order) with the main clause and
   * the "so" clause of every benefit told in them re-read: the doer positive, the rest neutral.
   */
  static List<Clause> apply(List<Token> tokens, List<Clause> clauses) {
    List<Clause> out = clauses;
    for (int[] b : of(tokens)) {
      if (b[3] == ABLE && readNegative(out, b[0]) && !extraTime(tokens, b[1], b[2])) {
        // "The driver left a card so I could collect the parcel from the depot": what the customer
        // could then do is as often the chore a failure left them as a favour; a doer the model
        // reads negative stays so (review of session 17, finding 2). A trouble spared ("so I
        // didn't miss work") is a favour whatever the words of the trouble, and so is a deed of
        // extra time ("stayed late", "opened early"), whose time word the model reads as a fault.
        continue;
      }
      out = reread(out, b[0], b[1], b[2]);
    }
    return out;
  }

  /** Kinds of benefit: a trouble spared ("so I didn't miss work"), an ability ("so I could"). */
  static final int SPARED = 0;

  static final int ABLE = 1;

  /**
   * The benefits told in {@code tokens}, each as {start of the doer, end of the doer, end of the
   * "so" clause, {@link #SPARED} or {@link #ABLE}}.
   */
  static List<int[]> of(List<Token> tokens) {
    List<int[]> out = new ArrayList<>(1);
    for (int i = 1; i < tokens.size(); i++) {
      if (!word(tokens.get(i)).equals("so")) {
        continue;
      }
      int end = benefitEnd(tokens, i);
      if (end < 0) {
        continue;
      }
      int from = mainClauseFrom(tokens, i);
      int subjectEnd = ServiceDeeds.subjectEnd(tokens, from, i);
      if (subjectEnd < 0 || !deed(tokens, subjectEnd, i) || lastsOn(tokens, subjectEnd, i)) {
        continue;
      }
      // The doer's clause starts at its subject's phrase: punctuation before it stays where it is.
      int subjectFrom = from;
      while (subjectFrom < subjectEnd && tokens.get(subjectFrom).tag().equals("PUNCT")) {
        subjectFrom++;
      }
      out.add(new int[] {subjectFrom, subjectEnd, end, kind(tokens, i)});
      i = end - 1;
    }
    return out;
  }

  /**
   * The end of the benefit clause that "so" at {@code i} opens ("so I could collect my son's
   * antibiotics", "so I didn't miss work"), or -1 when it opens none (see the class). The clause
   * runs to the end of the sentence or to a later "but" or ";".
   */
  static int benefitEnd(List<Token> tokens, int i) {
    int k = i + 1;
    if (k < tokens.size() && word(tokens.get(k)).equals("that")) {
      k++;
    }
    if (k + 1 >= tokens.size() || !CUSTOMER.contains(word(tokens.get(k)))) {
      return -1;
    }
    k++;
    int verb = spared(tokens, k);
    if (verb < 0) {
      verb = able(tokens, k);
    }
    if (verb < 0) {
      return -1;
    }
    for (int j = verb + 1; j < tokens.size(); j++) {
      String w = word(tokens.get(j));
      if (w.equals("but") || w.equals(";")) {
        return j;
      }
    }
    return tokens.size();
  }

  /**
   * The verb after an affirmative "could" / "can" / "was able to" at {@code k} that the lexicon
   * does not judge negative, or -1.
   */
  private static int able(List<Token> tokens, int k) {
    if (ABILITY.contains(word(tokens.get(k)))) {
      k++;
    } else if (BE.contains(word(tokens.get(k)))
        && k + 2 < tokens.size()
        && word(tokens.get(k + 1)).equals("able")
        && word(tokens.get(k + 2)).equals("to")) {
      k += 3;
    } else {
      return -1;
    }
    while (k < tokens.size() && tokens.get(k).tag().equals("ADV")) {
      if (ObjectPhrases.negator(tokens.get(k)) || LIMITS.contains(word(tokens.get(k)))) {
        return -1;
      }
      k++;
    }
    if (k >= tokens.size()
        || !tokens.get(k).tag().equals("VERB")
        || ObjectPhrases.negator(tokens.get(k))
        || PERCEPTION.contains(tokens.get(k).lemma().toLowerCase(Locale.ROOT))
        || valence(tokens.get(k)) <= -MentionOnly.JUDGED) {
      return -1;
    }
    return k;
  }

  /**
   * The verb after a negated auxiliary at {@code k} when it tells what the customer was spared: a
   * verb of need before "to" ("don't have to drive", "didn't need to queue") or a verb the lexicon
   * judges negative ("didn't miss work", "never have to worry"); else -1.
   */
  private static int spared(List<Token> tokens, int k) {
    boolean negated = false;
    while (k < tokens.size() && (auxiliary(tokens.get(k)) || tokens.get(k).tag().equals("ADV"))) {
      negated |= ObjectPhrases.negator(tokens.get(k));
      String w = word(tokens.get(k));
      if (w.startsWith("could") || w.startsWith("can")) {
        // "so I couldn't ...", "so we can't ...": a negated ability is a harm.
        return -1;
      }
      k++;
    }
    if (!negated || k >= tokens.size() || !tokens.get(k).tag().equals("VERB")) {
      return -1;
    }
    Token verb = tokens.get(k);
    boolean need =
        NEEDS.contains(verb.lemma().toLowerCase(Locale.ROOT))
            && k + 1 < tokens.size()
            && word(tokens.get(k + 1)).equals("to");
    return need || valence(verb) <= -MentionOnly.JUDGED ? k : -1;
  }

  /** Whether the benefit that "so" at {@code so} opens is a trouble spared or an ability. */
  private static int kind(List<Token> tokens, int so) {
    int k = so + 1;
    if (word(tokens.get(k)).equals("that")) {
      k++;
    }
    return spared(tokens, k + 1) >= 0 ? SPARED : ABLE;
  }

  /** Words of time in a deed that tell extra time given ("stayed late"). */
  private static final Set<String> EXTRA_TIME = Set.of("late", "early");

  /**
   * Whether the deed after {@code subjectEnd}, up to its "so", holds a word of {@link #EXTRA_TIME}
   * ("stayed late", "stayed open ten minutes late", "opened early").
   */
  private static boolean extraTime(List<Token> tokens, int subjectEnd, int end) {
    for (int k = subjectEnd; k < end && !word(tokens.get(k)).equals("so"); k++) {
      if (EXTRA_TIME.contains(word(tokens.get(k)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the clause holding token {@code from} reads negative. */
  private static boolean readNegative(List<Clause> clauses, int from) {
    for (Clause c : clauses) {
      if (c.tokenFrom() <= from && from < c.tokenTo()) {
        return c.sentiment().label() == Polarity.NEGATIVE;
      }
    }
    return false;
  }

  /**
   * Whether the main clause's first verb after its subject ({@code [subjectEnd, so)}) is a full
   * verb telling a deed: nothing but adverbs and a phrase inside the subject before it (no pronoun:
   * "Staple top, I bought this top so I can..." is the customer's doing), not an auxiliary or
   * modal, not a verb the lexicon judges or a light verb, and no negator anywhere in the clause.
   */
  private static boolean deed(List<Token> tokens, int subjectEnd, int so) {
    int verb = -1;
    for (int k = subjectEnd; k < so; k++) {
      Token t = tokens.get(k);
      if (ObjectPhrases.negator(t)) {
        return false;
      }
      if (verb < 0 && (auxiliary(t) || t.tag().equals("PRON") || t.tag().equals("PUNCT"))) {
        return false;
      }
      if (verb < 0 && t.tag().equals("VERB")) {
        verb = k;
      }
    }
    if (verb < 0) {
      return false;
    }
    Token v = tokens.get(verb);
    String lemma = v.lemma().toLowerCase(Locale.ROOT);
    return !MentionOnly.judged(v) && !ServiceDeeds.NO_DEED.contains(lemma);
  }

  /**
   * Whether a past deed ({@code [subjectEnd, so)}: "closed", "deleted") is followed by a present
   * ability ("so I can ...", "so we are able to ..."): what the customer can do now because of a
   * deed done is as often the ironic cost of a harm ("The bank closed my account so I can open one
   * elsewhere", "The app deleted my history so I can start again from scratch") as a favour. A past
   * favour tells what the customer could then do ("so I could come after work"); a present deed may
   * give a present ability ("The app shows the queue so I can leave later"), and a present "don't
   * have to" after a past deed is a lasting relief ("moved the collection to Friday so we don't
   * have to ...").
   */
  private static boolean lastsOn(List<Token> tokens, int subjectEnd, int so) {
    int k = so + 1;
    if (k < tokens.size() && word(tokens.get(k)).equals("that")) {
      k++;
    }
    String ability = k + 1 < tokens.size() ? word(tokens.get(k + 1)) : "";
    boolean present = ability.equals("can") || ability.equals("am") || ability.equals("are");
    if (!present) {
      return false;
    }
    for (int v = subjectEnd; v < so; v++) {
      Token t = tokens.get(v);
      if (t.tag().equals("VERB")) {
        String w = word(t);
        String lemma = t.lemma().toLowerCase(Locale.ROOT);
        return !w.equals(lemma) && !w.endsWith("s") && !w.endsWith("ing");
      }
    }
    return false;
  }

  /**
   * Where the clause holding "so" at {@code so} starts: after the last "but", "and" or mark that
   * ends a clause before it, but for a comma right before "so" ("held the gate, so we ..."); not a
   * hyphen ("my check-up").
   */
  private static int mainClauseFrom(List<Token> tokens, int so) {
    int k = so - 1;
    if (k >= 0 && word(tokens.get(k)).equals(",")) {
      k--;
    }
    for (; k >= 0; k--) {
      String w = word(tokens.get(k));
      if (w.equals("but") || w.equals("and") || CLAUSE_MARKS.contains(w)) {
        return k + 1;
      }
    }
    return 0;
  }

  /**
   * {@code clauses} with {@code [from, subjectEnd)} positive and {@code [subjectEnd, end)} neutral;
   * clauses outside stay, clauses across the edges keep their part outside.
   */
  private static List<Clause> reread(List<Clause> clauses, int from, int subjectEnd, int end) {
    List<Clause> out = new ArrayList<>(clauses.size() + 2);
    Sentiment subject = null;
    for (Clause c : clauses) {
      if (c.tokenTo() <= from || c.tokenFrom() >= end) {
        out.add(c);
        continue;
      }
      if (c.tokenFrom() < from) {
        out.add(new Clause(c.tokenFrom(), from, c.sentiment()));
      }
      if (subject == null) {
        Sentiment s = c.sentiment();
        subject = new Sentiment(Polarity.POSITIVE, Math.abs(s.score()), s.confidence());
        out.add(new Clause(from, subjectEnd, subject));
        if (end > subjectEnd) {
          out.add(
              new Clause(subjectEnd, end, new Sentiment(Polarity.NEUTRAL, 0.0, s.confidence())));
        }
      }
      if (c.tokenTo() > end) {
        out.add(new Clause(end, c.tokenTo(), c.sentiment()));
      }
    }
    return out;
  }

  /** An auxiliary or modal, alone or with its negation ("didn't" is one token, AUX+PART). */
  private static boolean auxiliary(Token t) {
    return t.tag().startsWith("AUX") || t.tag().equals("PART");
  }

  private static double valence(Token t) {
    Lexicon lexicon = Lexicon.vader();
    double byLemma = lexicon.valence(t.lemma().toLowerCase(Locale.ROOT));
    return byLemma != 0.0 ? byLemma : lexicon.valence(word(t));
  }

  private static String word(Token t) {
    return t.text().toLowerCase(Locale.ROOT);
  }
}
