package dev.earful.sentiment;

import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stretches of a polar clause that only mention a thing, carved out of it as neutral, so that a
 * theme mention of that thing does not take the clause's judgement: the place or time an event
 * happened at ({@link SettingPhrases}: "only worked in the lobby") and the thing an action was done
 * to ({@link ObjectPhrases}: "support answered my question within the hour").
 */
final class MentionOnly {

  /**
   * The lexicon valence from which a word judges ("tiny", "dirty", "perfectly"); the lexicon's
   * faint values ("lobby" 0.1, "leave" -0.2) do not.
   */
  static final double JUDGED = 0.5;

  private static final Set<String> NOUN_PHRASE_TAGS =
      Set.of("DET", "NUM", "ADJ", "NOUN", "PROPN", "PRON");

  private MentionOnly() {}

  /** {@code clauses} with every mention-only stretch inside a polar clause split off as neutral. */
  static List<Clause> carve(List<Token> tokens, List<Clause> clauses) {
    List<Clause> out = null;
    for (int c = 0; c < clauses.size(); c++) {
      Clause clause = clauses.get(c);
      List<int[]> stretches =
          clause.sentiment().label() == Polarity.NEUTRAL
              ? List.of()
              : of(tokens, clause.tokenFrom(), clause.tokenTo());
      if (stretches.isEmpty()) {
        if (out != null) {
          out.add(clause);
        }
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(clauses.subList(0, c));
      }
      int from = clause.tokenFrom();
      for (int[] s : stretches) {
        if (s[0] > from) {
          addPart(tokens, out, from, s[0], clause.sentiment());
        }
        out.add(new Clause(s[0], s[1], Sentiment.NEUTRAL));
        from = s[1];
      }
      if (from < clause.tokenTo()) {
        addPart(tokens, out, from, clause.tokenTo(), clause.sentiment());
      }
    }
    return out == null ? clauses : out;
  }

  /**
   * Adds the part {@code [from, to)} of a carved clause with the clause's {@code sentiment}, unless
   * it is only punctuation right after a part already out: then it ends that part ("The courier
   * left my parcel | in the rain | ." and "my parcel | , | in the rain": a full stop or a comma is
   * no clause of its own with the clause's judgement). Before any part, or after a gap, punctuation
   * stays a part of its own, so no token is lost and none moves into a part it does not touch (a
   * carved stretch always follows a verb of its clause, so this does not happen today).
   */
  private static void addPart(
      List<Token> tokens, List<Clause> out, int from, int to, Sentiment sentiment) {
    if (!out.isEmpty() && out.getLast().tokenTo() == from && punctuationOnly(tokens, from, to)) {
      Clause before = out.removeLast();
      out.add(new Clause(before.tokenFrom(), to, before.sentiment()));
    } else {
      out.add(new Clause(from, to, sentiment));
    }
  }

  private static boolean punctuationOnly(List<Token> tokens, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!tokens.get(k).tag().equals("PUNCT")) {
        return false;
      }
    }
    return true;
  }

  /** The settings and objects in tokens {@code [from, to)}, in order, without overlaps. */
  private static List<int[]> of(List<Token> tokens, int from, int to) {
    List<int[]> settings = SettingPhrases.of(tokens, from, to);
    List<int[]> objects = ObjectPhrases.of(tokens, from, to);
    if (objects.isEmpty()) {
      return settings;
    }
    List<int[]> all = new ArrayList<>(settings);
    all.addAll(objects);
    all.sort(Comparator.comparingInt(r -> r[0]));
    List<int[]> out = new ArrayList<>(all.size());
    int end = from;
    for (int[] r : all) {
      if (r[0] >= end) {
        out.add(r);
        end = r[1];
      }
    }
    return out;
  }

  static boolean isNoun(Token t) {
    return t.tag().equals("NOUN") || t.tag().equals("PROPN");
  }

  /** Whether the lexicon judges {@code t}, by its lemma or its own form. */
  static boolean judged(Token t) {
    Lexicon lexicon = Lexicon.vader();
    String word = t.text().toLowerCase(Locale.ROOT);
    return Math.abs(lexicon.valence(t.lemma())) >= JUDGED
        || Math.abs(lexicon.valence(word)) >= JUDGED
        || Lexicon.judgement(word) != 0.0;
  }

  /**
   * The end of the noun phrase at {@code from} (past its last noun), or -1 when there is none or a
   * word of it is judged ("the tiny lobby"). A judged noun right before another noun only
   * classifies it and judges nothing: "for an emergency appointment" is still a setting (the dev
   * split's "The dentist squeezed me in for an emergency appointment on a Saturday", session 13).
   */
  static int nounPhraseEnd(List<Token> tokens, int from, int to) {
    int end = -1;
    for (int k = from; k < to; k++) {
      Token t = tokens.get(k);
      boolean hyphen = t.text().equals("-");
      boolean noun = t.tag().equals("NOUN") || t.tag().equals("PROPN");
      if ((!hyphen && !NOUN_PHRASE_TAGS.contains(t.tag())) || (end > 0 && !noun)) {
        // Past its nouns the phrase is over: "on my jacket last night".
        break;
      }
      if (judged(t) && !(noun && k + 1 < to && isNoun(tokens.get(k + 1)))) {
        return -1;
      }
      if (noun) {
        end = k + 1;
      }
    }
    return end;
  }
}
