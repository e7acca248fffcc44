package dev.earful.sentiment;

import dev.earful.domain.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a clause into the stretches that each say one thing about one aspect, so a theme mention
 * gets the polarity of what is said about it: "Clean rooms, friendly staff, terrible parking" is
 * three, "The delivery was fast and the packaging was damaged" two. A comma or semicolon splits
 * when both sides hold something that can judge (a verb, an adjective or a lexicon word); "and",
 * "while" and "whereas" split only between two clauses with their own verb, the second with its own
 * subject ("fast and friendly service" and "arrived early and was very polite" stay whole). A side
 * without one joins its neighbour ("Our waiter, Tom, was great"). Written here because no library
 * on the classpath segments opinions; it reads only the UD tags the pipeline already has, so it
 * costs a pass over the units.
 */
final class Segments {

  private static final Set<String> CLAUSE_JOINERS = Set.of("and", "while", "whereas");
  private static final Set<String> PREDICATE_TAGS = Set.of("VERB", "AUX", "ADJ");
  private static final Set<String> VERB_TAGS = Set.of("VERB", "AUX");

  private Segments() {}

  /** Unit ranges {@code [from, to)} covering {@code [from, to)} of {@code u} in order. */
  static List<int[]> of(Units u, List<Token> tokens, int from, int to) {
    String[] units = u.units();
    List<int[]> out = new ArrayList<>(2);
    int start = from;
    for (int i = from + 1; i < to - 1; i++) {
      String w = units[i];
      boolean punct = w.equals(",") || w.equals(";");
      boolean joiner = CLAUSE_JOINERS.contains(w);
      if (!punct && !joiner) {
        continue;
      }
      // The right side runs to the next candidate boundary (or the clause's end).
      int rightFrom = punct ? i + 1 : i;
      int rightTo = to;
      for (int k = i + 1; k < to; k++) {
        if (units[k].equals(",") || units[k].equals(";") || CLAUSE_JOINERS.contains(units[k])) {
          rightTo = k;
          break;
        }
      }
      Set<String> needs = joiner ? VERB_TAGS : PREDICATE_TAGS;
      if (!judges(u, tokens, start, i, needs, !joiner)
          || !judges(u, tokens, rightFrom, rightTo, needs, !joiner)) {
        continue;
      }
      if (joiner && !hasSubject(u, tokens, i + 1, rightTo)) {
        // "The courier arrived early and was very polite": the second verb has no subject of its
        // own, so it still speaks of the courier.
        continue;
      }
      int cut = punct ? i + 1 : i;
      out.add(new int[] {start, cut});
      start = cut;
    }
    out.add(new int[] {start, to});
    return out;
  }

  private static final Set<String> SUBJECT_TAGS = Set.of("NOUN", "PROPN", "PRON");

  /** Nouns that measure rather than name ("a bit small", "a lot better"). */
  private static final Set<String> MEASURES = Set.of("bit", "lot", "little", "tad", "touch");

  /**
   * Whether units {@code [from, to)} open with a subject of their own: a noun or pronoun before
   * their first verb or adjective ("and the staff were friendly", "but I love it"), not "and was
   * very polite", "but well chosen", "but crashes a lot". An adjective that goes with a noun after
   * it is part of the subject ("and rude staff ignored us").
   */
  static boolean hasSubject(Units u, List<Token> tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      Token t = tokens.get(u.tokenOf()[i]);
      if (t.tag().equals("ADJ") && modifiesANoun(u, tokens, i + 1, to)) {
        return true;
      }
      if (PREDICATE_TAGS.contains(t.tag())) {
        return false;
      }
      if (SUBJECT_TAGS.contains(t.tag()) && !MEASURES.contains(u.units()[i])) {
        return true;
      }
    }
    return false;
  }

  /** Whether a noun follows at {@code from}, past more adjectives and adverbs. */
  private static boolean modifiesANoun(Units u, List<Token> tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      String tag = tokens.get(u.tokenOf()[i]).tag();
      if (tag.equals("NOUN") || tag.equals("PROPN")) {
        return !MEASURES.contains(u.units()[i]);
      }
      if (!tag.equals("ADJ") && !tag.equals("ADV")) {
        return false;
      }
    }
    return false;
  }

  /** Whether units {@code [from, to)} hold a word of {@code tags} (or a lexicon word). */
  private static boolean judges(
      Units u, List<Token> tokens, int from, int to, Set<String> tags, boolean lexicon) {
    Lexicon vader = Lexicon.vader();
    for (int i = from; i < to; i++) {
      Token t = tokens.get(u.tokenOf()[i]);
      if (tags.contains(t.tag()) || (lexicon && vader.valence(u.units()[i]) != 0.0)) {
        return true;
      }
    }
    return false;
  }
}
