package dev.earful.sentiment;

import dev.earful.domain.Token;
import dev.earful.nlp.PhraseLexicon;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The place or time an event happened at, or a thing that only sets the scene of a judgement,
 * carved out of its clause as a neutral stretch: in "Wifi was free but only worked in the lobby",
 * "the sound kept cutting out during the film" and "results took a month to get to my GP" the
 * clause judges the wifi, the sound and the results; the lobby, the film and the GP are only where
 * or when, and a theme mention of them should not take the complaint. Such a mention-only aspect
 * was the largest class of gold-neutral aspects the aspect set's dev split got wrong.
 *
 * <p>Two places of such a phrase are carved, each a place or time preposition ({@link #SETTINGS})
 * with a noun phrase that holds no word the lexicon judges:
 *
 * <ul>
 *   <li>after the predicate of a clause whose subject is a noun (not "I", "we", "they"), whatever
 *       the predicate is: an event ("only worked in the lobby"), a property ("the music was far too
 *       loud in the weights room", "generous enough for a small team", "the receptionist was lovely
 *       to my daughter") or a comparison's standard ("higher than the supermarket");
 *   <li>inside the subject, between its noun and its predicate ({@link #insideSubject}): "Roaming
 *       charges in Spain were a shock", "Seats on the new trains are uncomfortable", "Staff at the
 *       till were lovely": the clause judges the charges, the seats and the staff.
 * </ul>
 *
 * Until session 14 a property's place and the place inside a subject kept the clause's polarity
 * ("queues were long at the checkout" was read as judging the checkout). The dev split's labels,
 * written by several sessions, say otherwise: of 21 dev aspects inside a clause-opening subject's
 * place phrase 20 are neutral, and of the 14 after an adjective or the copula that the change moved
 * none is polar. These keep their clause's polarity:
 *
 * <ul>
 *   <li>what a customer went through at a place ("I waited forty minutes at the front desk", "we
 *       were treated badly at reception"): the subject is the customer;
 *   <li>a judged place ("only worked in the tiny lobby");
 *   <li>the thing waited or paid for ("the restaurant made us wait an hour for our mains", "the
 *       garage charged us for a new tyre", "the queue for a table") and the price a thing is
 *       weighed against ("small for the price"): the complaint is about it;
 *   <li>a place with no predicate to set ("Long queues at the checkout again").
 * </ul>
 *
 * A defect located in a part ("mould was growing in the shower") is carved too, wrongly: telling
 * the defect from the thing it is found in needs world knowledge. Written here because no library
 * on the classpath attaches prepositional phrases; it reads the UD tags the pipeline already has.
 * {@link MentionOnly} carves what this finds, with the objects {@link ObjectPhrases} finds.
 */
final class SettingPhrases {

  /**
   * Prepositions of place and time, and "for" of whom or what an action was for ("broke the
   * calendar sync for our whole team", "asked for a refund": the dev split's "for" phrases after a
   * verb said of a named subject were all neutral but for the ones {@link #FOR_NAMES_THE_COMPLAINT}
   * keeps), "before", "after" and "until" of a time ("crashed twice before my payment went
   * through", "after the firmware update": session 14, 5 dev aspects right, none lost; not "since",
   * as often a cause as a time: "Since the redesign I can't find anything"), and "than" of a
   * comparison's standard ("higher than the supermarket"); not "with", "of", "about", "from", "by"
   * (they often name the cause, the thing itself or the doer: "the quality of the food", "the reply
   * from support").
   */
  static final Set<String> SETTINGS =
      Set.of(
          "in",
          "at",
          "on",
          "during",
          "inside",
          "outside",
          "near",
          "behind",
          "throughout",
          "to",
          "for",
          "than",
          "before",
          "after",
          "until");

  /**
   * Verbs after which "for" names what the complaint is about, not whom or what an action was for:
   * the thing waited for ("waited an hour for our mains") and the thing paid or charged for
   * ("charged me for fuel").
   */
  static final Set<String> FOR_NAMES_THE_COMPLAINT =
      Set.of("wait", "queue", "charge", "pay", "cost", "bill", "overcharge");

  /**
   * Nouns after "for" that a clause weighs its subject against ("small for the price", "good for
   * the money"): the judgement is of the value, so the price keeps it.
   */
  static final Set<String> VALUE = Set.of("price", "money", "cost");

  /** Subjects that are the customer or a stand-in, whose experience at a place judges it. */
  private static final Set<String> PERSONAL =
      Set.of("i", "we", "you", "they", "he", "she", "it", "there", "someone", "everyone");

  private SettingPhrases() {}

  /** Token ranges {@code [from, to)} of the setting phrases in tokens {@code [from, to)}. */
  static List<int[]> of(List<Token> tokens, int from, int to) {
    List<int[]> out = new ArrayList<>(1);
    int subjectEnd = insideSubject(tokens, from, to, out);
    for (int i = Math.max(from + 1, subjectEnd); i < to; i++) {
      Token t = tokens.get(i);
      if (!setting(t)) {
        continue;
      }
      int end = MentionOnly.nounPhraseEnd(tokens, i + 1, to);
      int predicate = predicate(tokens, from, i);
      if (end < 0 || predicate < 0 || !namedSubject(tokens, from, i)) {
        continue;
      }
      if (namesTheComplaint(tokens, predicate, i, end)) {
        continue;
      }
      out.add(new int[] {i, end});
      i = end - 1;
    }
    return withTimeAnchors(tokens, from, to, out);
  }

  /**
   * {@code settings} with every "of" phrase that anchors a span of time added ("on the second day
   * of the trip", "after about an hour of any film", "within a day of the flood"): the trip, the
   * film and the flood only say when, whatever the clause judges. The span's unit is a word of
   * {@code corpora/phrases/time-units.txt}; a judged anchor keeps its polarity ("within a week of
   * the disaster"). Session 14: the dev split's five aspects in this shape are all neutral.
   */
  private static List<int[]> withTimeAnchors(
      List<Token> tokens, int from, int to, List<int[]> settings) {
    List<int[]> out = null;
    for (int i = from + 1; i + 1 < to; i++) {
      Token t = tokens.get(i);
      if (!t.text().equalsIgnoreCase("of")
          || !PhraseLexicon.standard()
              .timeUnits()
              .contains(tokens.get(i - 1).lemma().toLowerCase(Locale.ROOT))) {
        continue;
      }
      int end = MentionOnly.nounPhraseEnd(tokens, i + 1, to);
      if (end < 0 || inside(settings, i)) {
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(settings);
      }
      out.add(new int[] {i, end});
      i = end - 1;
    }
    if (out == null) {
      return settings;
    }
    out.sort(Comparator.comparingInt(r -> r[0]));
    return out;
  }

  private static boolean inside(List<int[]> ranges, int i) {
    for (int[] r : ranges) {
      if (r[0] <= i && i < r[1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean setting(Token t) {
    return t.tag().equals("ADP") && SETTINGS.contains(t.text().toLowerCase(Locale.ROOT));
  }

  /**
   * Whether the "for" phrase at {@code i} (ending at {@code end}) names what the complaint is
   * about: after a word of waiting or paying at {@code head} ({@link #FOR_NAMES_THE_COMPLAINT}) or
   * holding a price ({@link #VALUE}).
   */
  private static boolean namesTheComplaint(List<Token> tokens, int head, int i, int end) {
    if (!tokens.get(i).text().equalsIgnoreCase("for")) {
      return false;
    }
    if (FOR_NAMES_THE_COMPLAINT.contains(tokens.get(head).lemma().toLowerCase(Locale.ROOT))) {
      return true;
    }
    for (int k = i + 1; k < end; k++) {
      if (VALUE.contains(tokens.get(k).lemma().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds to {@code out} the setting phrases inside the subject that opens tokens {@code [from, to)}
   * (after a conjunction or punctuation that starts the clause): a noun phrase whose last word is a
   * noun, then one or more setting phrases, then (past adverbs) its predicate, a verb or an
   * auxiliary ("Roaming charges in Spain were a shock", "The adviser in the branch set up a
   * standing order"). Returns where the subject ends ({@code from} when there is none), so the
   * phrases after the predicate are looked for from there.
   */
  private static int insideSubject(List<Token> tokens, int from, int to, List<int[]> out) {
    int k = from;
    while (k < to && CLAUSE_OPENERS.contains(tokens.get(k).tag())) {
      k++;
    }
    int head = k;
    if (head < to
        && ServiceDeeds.POSSESSIVES.contains(tokens.get(head).text().toLowerCase(Locale.ROOT))) {
      // "Our taxi driver at the airport": a possessive opens the subject.
      head++;
    }
    while (head < to && SUBJECT_TAGS.contains(tokens.get(head).tag())) {
      head++;
    }
    if (head == k || head >= to || !MentionOnly.isNoun(tokens.get(head - 1))) {
      return from;
    }
    List<int[]> found = new ArrayList<>(1);
    int i = head;
    while (i < to && setting(tokens.get(i))) {
      int end = MentionOnly.nounPhraseEnd(tokens, i + 1, to);
      if (end < 0 || namesTheComplaint(tokens, head - 1, i, end)) {
        return from;
      }
      found.add(new int[] {i, end});
      i = end;
    }
    while (i < to && tokens.get(i).tag().equals("ADV")) {
      i++;
    }
    if (found.isEmpty() || i >= to || !VERB_TAGS.contains(tokens.get(i).tag())) {
      return from;
    }
    out.addAll(found);
    return i;
  }

  /** Tags of a subject's words before its place phrase ("The online booking", "Our old"). */
  private static final Set<String> SUBJECT_TAGS = Set.of("DET", "NUM", "ADJ", "NOUN", "PROPN");

  private static final Set<String> VERB_TAGS = Set.of("VERB", "AUX");

  /** Tags of the conjunctions and punctuation that may open a clause before its subject. */
  private static final Set<String> CLAUSE_OPENERS = Set.of("CCONJ", "SCONJ", "PUNCT");

  /**
   * The nearest predicate before {@code i}: a verb, an auxiliary or an adjective that does not go
   * with a noun after it (as "red" in "spilled red wine on my jacket" does), else -1.
   */
  private static int predicate(List<Token> tokens, int from, int i) {
    for (int k = i - 1; k >= from; k--) {
      String tag = tokens.get(k).tag();
      if (VERB_TAGS.contains(tag) || (tag.equals("ADJ") && !beforeANoun(tokens, k + 1, i))) {
        return k;
      }
    }
    return -1;
  }

  private static boolean beforeANoun(List<Token> tokens, int from, int to) {
    for (int k = from; k < to; k++) {
      String tag = tokens.get(k).tag();
      if (tag.equals("NOUN") || tag.equals("PROPN")) {
        return true;
      }
      if (!tag.equals("ADJ")) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether the clause's first noun or pronoun before {@code i}, ahead of any verb, names something
   * other than a person telling the story ("the sound kept cutting out", "Wifi only worked"; not "I
   * waited", not "couldn't find anyone to help").
   */
  private static boolean namedSubject(List<Token> tokens, int from, int i) {
    for (int k = from; k < i; k++) {
      Token t = tokens.get(k);
      String tag = t.tag();
      if (tag.equals("VERB")
          || tag.equals("AUX")
          || Units.negatedVerb(t.lemma(), t.text().toLowerCase(Locale.ROOT)) != null) {
        // A verb first: the subject was dropped ("Couldn't find anyone to help in the shoe
        // section", where the tagger may call "Couldn't" a noun), so it is the customer's own.
        return false;
      }
      if (tag.equals("NOUN") || tag.equals("PROPN") || tag.equals("PRON")) {
        return !PERSONAL.contains(t.text().toLowerCase(Locale.ROOT));
      }
    }
    return false;
  }
}
