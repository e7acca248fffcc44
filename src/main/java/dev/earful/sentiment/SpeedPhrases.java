package dev.earful.sentiment;

import dev.earful.domain.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A short span of time said of an event: "the refund arrived within minutes", "Claim paid out in
 * four days", "transfers go through instantly", "sorted a new card the same day". A person reads
 * speed as praise of whoever was fast even with no judging word, while the model often reads such a
 * clause as neutral, or as a complaint when its subject is a word of complaints ("claim"). When
 * nothing in the stretch judges the event badly, the stretch is praise ({@link SentimentScorer}
 * turns it positive).
 *
 * <p>Short is: "within" any span ("within a week", "within the hour"); "in" or "under" a counted
 * span of a day or less ("in twenty minutes", "in under a second", "in four days", not "in a week",
 * which may be slow); "the same day" / "the next day" (or morning, afternoon, evening);
 * "instantly", "immediately", "straight away", "right away", "on the spot". Not praise, and left to
 * the model:
 *
 * <ul>
 *   <li>a stretch with a negator or a word the lexicon judges negative ("broke within a week",
 *       "never arrived within the 14 days", "the zip failed in two days"), unless the word is what
 *       a repair ended ({@link #REPAIRS}: "fixed the leak the next morning");
 *   <li>a span with no event before it in the stretch (a verb, an auxiliary or an adjective:
 *       "within an hour's drive" is no speed).
 * </ul>
 *
 * A failure that has no judged word ("the sleeves came apart within a week") is read as praise,
 * wrongly: telling a failure from a delivery needs word knowledge. Written here because no library
 * on the classpath reads durations; it reads the tags and lemmas the pipeline already has.
 */
final class SpeedPhrases {

  /** The largest span "in" or "under" calls short: a day. */
  private static final long SHORT_IN = 86_400L;

  /** Words that may count a span between its preposition and its unit ("in under ten minutes"). */
  private static final Set<String> COUNTERS =
      Set.of("under", "less", "than", "just", "only", "about", "around", "of", "few", "couple");

  /** Words that are speed by themselves. */
  private static final Set<String> AT_ONCE = Set.of("instantly", "immediately");

  /** "straight away", "right away". */
  private static final Set<String> BEFORE_AWAY = Set.of("straight", "right");

  /** "the same day", "the next morning". */
  private static final Set<String> SAME_OR_NEXT = Set.of("same", "next");

  private static final Set<String> PARTS_OF_DAY = Set.of("day", "morning", "afternoon", "evening");

  private static final Set<String> EVENT_TAGS = Set.of("VERB", "AUX", "ADJ");

  /**
   * Verbs that end a trouble: what they act on may be a word the lexicon judges negative ("fixed
   * the leak the next morning", "sorted the problem within the hour", "swapped my cracked phone on
   * the spot") and the event is still a good one.
   */
  static final Set<String> REPAIRS =
      Set.of("fix", "repair", "mend", "sort", "solve", "resolve", "unblock", "clear", "swap");

  private static boolean nominal(Token t) {
    String tag = t.tag();
    return tag.equals("NOUN") || tag.equals("PROPN") || tag.equals("ADJ") || tag.equals("DET");
  }

  private SpeedPhrases() {}

  /** Whether tokens {@code [from, to)} say an event was fast and judge it badly nowhere. */
  static boolean praise(List<Token> tokens, int from, int to) {
    int[] span = find(tokens, from, to);
    if (span == null || !eventBefore(tokens, from, span[0])) {
      return false;
    }
    boolean repaired = false;
    for (int k = from; k < to; k++) {
      if (k >= span[0] && k < span[1]) {
        continue;
      }
      Token t = tokens.get(k);
      if (t.tag().equals("VERB")) {
        repaired = REPAIRS.contains(t.lemma().toLowerCase(Locale.ROOT));
      }
      if (ObjectPhrases.negator(t) || (negativelyJudged(t) && !(repaired && nominal(t)))) {
        return false;
      }
    }
    return true;
  }

  /** The first short span in tokens {@code [from, to)} as {@code [start, end)}, or null. */
  static int[] find(List<Token> tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      String w = word(tokens.get(i));
      String next = i + 1 < to ? word(tokens.get(i + 1)) : "";
      if (AT_ONCE.contains(w)) {
        return new int[] {i, i + 1};
      }
      if (BEFORE_AWAY.contains(w) && next.equals("away")) {
        return new int[] {i, i + 2};
      }
      if (w.equals("on")
          && next.equals("the")
          && i + 2 < to
          && word(tokens.get(i + 2)).equals("spot")) {
        return new int[] {i, i + 3};
      }
      if (SAME_OR_NEXT.contains(w)
          && i > from
          && i + 1 < to
          && word(tokens.get(i - 1)).equals("the")
          && PARTS_OF_DAY.contains(word(tokens.get(i + 1)))) {
        return new int[] {i - 1, i + 2};
      }
      if (w.equals("within") || w.equals("in") || w.equals("under")) {
        int end = spanEnd(tokens, i, to);
        if (end > 0) {
          return new int[] {i, end};
        }
      }
    }
    return null;
  }

  /**
   * The end of a short span opened by the preposition at {@code i}, or -1: counting words
   * (determiners, numbers, {@link Lexicon#QUANTITIES}, {@link #COUNTERS}), then a unit of time
   * ({@link Lexicon#TIME_SPANS}).
   */
  private static int spanEnd(List<Token> tokens, int i, int to) {
    boolean within = word(tokens.get(i)).equals("within");
    int k = i + 1;
    boolean counted = false;
    while (k < to) {
      Token t = tokens.get(k);
      // The tagger reads some numbers as adjectives ("forty/ADJ minutes"): the lexicon's
      // quantities count as well as the tags.
      if (t.tag().equals("DET")
          || t.tag().equals("NUM")
          || Lexicon.QUANTITIES.containsKey(word(t))
          || COUNTERS.contains(word(t))) {
        counted |= !word(t).equals("the");
        k++;
      } else {
        break;
      }
    }
    if (k >= to || (!counted && !within)) {
      // "within minutes" needs no count; "in minutes" is no span of its own.
      return -1;
    }
    Long seconds = Lexicon.TIME_SPANS.get(tokens.get(k).lemma().toLowerCase(Locale.ROOT));
    if (seconds == null || seconds == Long.MAX_VALUE || (!within && seconds > SHORT_IN)) {
      return -1;
    }
    if (k + 1 < to && measures(tokens.get(k + 1))) {
      // "within an hour of the coast", "within 14 days of purchase", "in ten minutes' walk": a
      // distance or a limit, not how fast something was done.
      return -1;
    }
    return k + 1;
  }

  /** Whether {@code t}, right after a span, makes it a measure of something else. */
  private static boolean measures(Token t) {
    String w = word(t);
    return w.equals("of")
        || w.equals("'s")
        || w.equals("\u2019s")
        || w.equals("'")
        || t.tag().equals("NOUN");
  }

  private static boolean eventBefore(List<Token> tokens, int from, int at) {
    for (int k = from; k < at; k++) {
      if (EVENT_TAGS.contains(tokens.get(k).tag())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the lexicon scores {@code t} negative enough to judge ("broke", "fail", "rude"). */
  static boolean negativelyJudged(Token t) {
    Lexicon lexicon = Lexicon.vader();
    String word = word(t);
    return lexicon.valence(t.lemma()) <= -MentionOnly.JUDGED
        || lexicon.valence(word) <= -MentionOnly.JUDGED
        || Lexicon.judgement(word) < 0.0;
  }

  private static String word(Token t) {
    return t.text().toLowerCase(Locale.ROOT);
  }
}
