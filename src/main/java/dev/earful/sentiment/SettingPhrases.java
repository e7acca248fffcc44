package dev.earful.sentiment;

import dev.earful.domain.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The place or time an event happened at, carved out of its clause as a neutral stretch: in "Wifi
 * was free but only worked in the lobby", "the sound kept cutting out during the film" and "results
 * took a month to get to my GP" the clause judges the wifi, the sound and the results; the lobby,
 * the film and the GP are only where or when, and a theme mention of them should not take the
 * complaint. Such a mention-only aspect was the largest class of gold-neutral aspects the aspect
 * set's dev split got wrong.
 *
 * <p>Only a phrase that the tags show to be an adjunct of an event said of a named subject is
 * carved: a place or time preposition ({@link #SETTINGS}) right after a clause whose nearest
 * predicate before it is a full verb, whose subject is a noun (not "I", "we", "they"), and whose
 * noun phrase holds no word the lexicon judges. So these keep their clause's polarity:
 *
 * <ul>
 *   <li>a place inside the subject ("the staff at the front desk were rude", "long queues at the
 *       checkout");
 *   <li>a property said of a place ("queues were long at the checkout", "service was slow at the
 *       bar": the nearest predicate is an adjective or the copula, so the place is where the
 *       property holds);
 *   <li>what a customer went through at a place ("I waited forty minutes at the front desk", "we
 *       were treated badly at reception");
 *   <li>a judged place ("only worked in the tiny lobby");
 *   <li>the thing waited or paid for ("the restaurant made us wait an hour for our mains", "the
 *       garage charged us for a new tyre"): the complaint is about it.
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
   * keeps); not "with", "of", "about" (they often name the cause).
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
          "for");

  /**
   * Verbs after which "for" names what the complaint is about, not whom or what an action was for:
   * the thing waited for ("waited an hour for our mains") and the thing paid or charged for
   * ("charged me for fuel").
   */
  static final Set<String> FOR_NAMES_THE_COMPLAINT =
      Set.of("wait", "queue", "charge", "pay", "cost", "bill", "overcharge");

  /** Subjects that are the customer or a stand-in, whose experience at a place judges it. */
  private static final Set<String> PERSONAL =
      Set.of("i", "we", "you", "they", "he", "she", "it", "there", "someone", "everyone");

  private SettingPhrases() {}

  /** Token ranges {@code [from, to)} of the setting phrases in tokens {@code [from, to)}. */
  static List<int[]> of(List<Token> tokens, int from, int to) {
    List<int[]> out = new ArrayList<>(1);
    for (int i = from + 1; i < to; i++) {
      Token t = tokens.get(i);
      if (!t.tag().equals("ADP") || !SETTINGS.contains(t.text().toLowerCase(Locale.ROOT))) {
        continue;
      }
      int end = MentionOnly.nounPhraseEnd(tokens, i + 1, to);
      int verb = predicateVerb(tokens, from, i);
      if (end < 0 || verb < 0 || !namedSubject(tokens, from, i)) {
        continue;
      }
      if (t.text().equalsIgnoreCase("for")
          && FOR_NAMES_THE_COMPLAINT.contains(tokens.get(verb).lemma().toLowerCase(Locale.ROOT))) {
        continue;
      }
      out.add(new int[] {i, end});
      i = end - 1;
    }
    return out;
  }

  /**
   * The nearest predicate before {@code i} (a verb, an auxiliary or an adjective that does not go
   * with a noun after it, as "red" in "spilled red wine on my jacket" does) when it is a full verb,
   * else -1.
   */
  private static int predicateVerb(List<Token> tokens, int from, int i) {
    for (int k = i - 1; k >= from; k--) {
      String tag = tokens.get(k).tag();
      if (tag.equals("VERB")) {
        return k;
      }
      if (tag.equals("AUX") || (tag.equals("ADJ") && !beforeANoun(tokens, k + 1, i))) {
        return -1;
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
