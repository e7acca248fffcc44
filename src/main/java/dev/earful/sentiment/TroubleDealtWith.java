package dev.earful.sentiment;

import dev.earful.domain.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A deed told beside the trouble it dealt with: "The council replaced our broken streetlight within
 * a week", "The personal trainer wrote me a plan around my bad knee", "Our taxi driver waited an
 * extra twenty minutes when our bags were delayed", "The priority services register meant they rang
 * my gran before the planned cut". The model reads the trouble's words ("broken", "bad", "delayed",
 * "cut") as a complaint of the whole stretch, while a person reads the deed as praise of whoever
 * did it and the trouble as the circumstance. In three fresh dev batches in a row (sessions 15 and
 * 16: M 9 aspects, N 4, O 9) this was the shape most often read the wrong way round.
 *
 * <p>The shape, on a stretch the model reads negative that {@link ServiceDeeds} reads as a favour
 * done to the customer (a named subject, an unjudged deed verb, the customer after it, no negator):
 * every word the lexicon judges negative stands after the subject, either in a dependent clause
 * (from a subordinator: "when", "because", "before", "after", "so", "without", "why", "that",
 * "while", "if", "until") or as the modifier of a noun that names the trouble the deed dealt with:
 * after a preposition ("a plan around my bad knee", "talked me out of the more expensive model") or
 * as the object of a repair ({@link #REPAIRS}: "replaced our broken streetlight"). The doer is then
 * praised, what was done is neutral, and a dependent clause keeps the model's reading ("when our
 * bags were delayed" is still a complaint of the bags). Left to the model: a judged subject ("The
 * rude receptionist booked me in"), a judged word in the main clause, the modifier of what the deed
 * gave ("sent me a useless report": a complaint of what was delivered), and an attribute that says
 * the deed erred ({@link #ERRED}: "fed our cat the wrong food"). Still read as a favour, wrongly:
 * "The physio stayed late so I could come after work" ("late" is in the main clause) is not turned,
 * and a harm whose trouble is told in a clause after it would be ("left my parcel outside when it
 * was raining" if the lexicon judged "raining").
 */
final class TroubleDealtWith {

  /** Words that open a dependent clause: the circumstance of the deed, not a judgement of it. */
  private static final Set<String> OPENERS =
      Set.of(
          "when", "because", "before", "after", "so", "without", "why", "that", "while", "if",
          "until");

  /**
   * Verbs that end a trouble: the thing they act on may be named by its fault ("replaced our broken
   * streetlight"), as {@link SpeedPhrases#REPAIRS} and the fault verb "replace".
   */
  private static final Set<String> REPAIRS = repairs();

  private static Set<String> repairs() {
    Set<String> out = new java.util.HashSet<>(SpeedPhrases.REPAIRS);
    out.add("replace");
    return Set.copyOf(out);
  }

  /** Attributes that say the deed itself erred: the thing was the wrong one. */
  private static final Set<String> ERRED = Set.of("wrong", "incorrect");

  private TroubleDealtWith() {}

  /**
   * Where the dependent clause that tells the trouble opens in tokens {@code [from, to)}; {@code
   * to} when the trouble is only in attributes; -1 when the stretch has no such shape: no named
   * subject, no negative word, or one in the main clause that is no attribute.
   */
  static int from(List<Token> tokens, int from, int to) {
    int subjectEnd = ServiceDeeds.subjectEnd(tokens, from, to);
    if (subjectEnd < 0) {
      return -1;
    }
    int dependent = -1;
    boolean trouble = false;
    boolean repair = false;
    boolean preposition = false;
    boolean verbSeen = false;
    for (int k = subjectEnd; k < to; k++) {
      Token t = tokens.get(k);
      String w = t.text().toLowerCase(Locale.ROOT);
      if (ERRED.contains(w)) {
        return -1;
      }
      if (dependent < 0 && (OPENERS.contains(w) || t.tag().equals("SCONJ"))) {
        dependent = k;
      }
      if (t.tag().equals("VERB") && !verbSeen) {
        verbSeen = true;
        repair = REPAIRS.contains(t.lemma().toLowerCase(Locale.ROOT));
      }
      preposition |= verbSeen && t.tag().equals("ADP");
      if (!negative(t)) {
        continue;
      }
      if (dependent < 0 && !(verbSeen && (repair || preposition) && modifier(tokens, k, to))) {
        return -1;
      }
      trouble = true;
    }
    for (int k = from; k < subjectEnd; k++) {
      if (negative(tokens.get(k))) {
        // "The useless engineer replaced my meter": the subject itself is judged.
        return -1;
      }
    }
    return !trouble ? -1 : dependent >= 0 ? dependent : to;
  }

  /** Whether the word at {@code k} modifies the noun after it ("our broken streetlight"). */
  private static boolean modifier(List<Token> tokens, int k, int to) {
    String tag = tokens.get(k).tag();
    return (tag.equals("ADJ") || tag.equals("NOUN") || tag.equals("VERB"))
        && k + 1 < to
        && MentionOnly.isNoun(tokens.get(k + 1));
  }

  private static boolean negative(Token t) {
    Lexicon lexicon = Lexicon.vader();
    String w = t.text().toLowerCase(Locale.ROOT);
    return lexicon.valence(w) <= -MentionOnly.JUDGED
        || lexicon.valence(t.lemma().toLowerCase(Locale.ROOT)) <= -MentionOnly.JUDGED
        || Lexicon.judgement(w) < 0;
  }
}
