package dev.earful.sentiment;

import dev.earful.domain.Token;
import dev.earful.nlp.PhraseLexicon;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A failure of a named thing told by its grammar, without a judging word: "The balcony door
 * wouldn't lock", "The airline app would not show my boarding pass", "The chatbot couldn't tell me
 * whether I'm covered" (a negated modal of ability or will: the thing could not or would not do
 * what it is for), and "The hotspot keeps disconnecting my laptop", "the bill keeps changing every
 * month" ("keep" with a gerund: what a comment tells as happening over and over is a complaint; in
 * the dev split 18 of 19 such stretches are, and the other is "keeps getting better", which the
 * model reads as praise). The model reads "lock", "show" or "changing" as nothing and the stretch
 * as neutral; a person reads it as a complaint of the subject. When a stretch the model reads
 * neutral has such a shape, {@link SentimentScorer} blames its subject and leaves the rest (what
 * was not shown, what was disconnected) neutral, as it does for a repeated deed.
 *
 * <p>The shape: a named subject ({@link ServiceDeeds#subjectEnd}: a noun, not "I", "we", "they"; "I
 * can't find anything" says what the customer could not do, not what failed), then, after any
 * adverbs, either "can", "could", "will" or "would" negated ("wouldn't", "cannot", "would not") and
 * a verb the lexicon does not judge ("can't fault", "can't be beaten" are read by the model), or a
 * form of "keep" and a gerund ("kept on asking for assistance"). Not a failure: a degree or
 * comparative after the verb ("The staff couldn't do enough for us", "couldn't do any more": the
 * idiom of praise) or a light verb without an object ("couldn't do", "wouldn't get"). Still read as
 * a failure, wrongly: "The kids wouldn't stop talking about it", where only the meaning of "stop
 * talking" tells praise from "the alarm wouldn't stop beeping".
 */
final class Failures {

  /** Modals of ability and will: negated, they say the subject could not or would not act. */
  private static final Set<String> MODALS = Set.of("can", "could", "will", "would", "wo", "ca");

  /**
   * Tags that may stand in a subject's noun phrase and a phrase inside it ("Staff in the shop").
   */
  private static final Set<String> SUBJECT_TAGS =
      Set.of("DET", "NUM", "ADJ", "NOUN", "PROPN", "ADP", "PART", "PUNCT", "PRON");

  /** Degrees and comparatives after the verb that make "couldn't do ..." praise. */
  private static final Set<String> DEGREES = Set.of("enough", "more", "better", "much", "less");

  /** Tags that open a verb's object. */
  private static final Set<String> OBJECT_STARTS = Set.of("DET", "NUM", "NOUN", "PROPN", "PRON");

  private Failures() {}

  /** Whether tokens {@code [from, to)} tell a failure of their named subject (see the class). */
  static boolean told(List<Token> tokens, int from, int to) {
    int subjectEnd = ServiceDeeds.subjectEnd(tokens, from, to);
    if (subjectEnd < 0) {
      return false;
    }
    int k = predicate(tokens, subjectEnd, to);
    if (k < 0) {
      return false;
    }
    Token t = tokens.get(k);
    String lemma = t.lemma().toLowerCase(Locale.ROOT);
    if (lemma.equals("keep") && t.tag().equals("VERB")) {
      int next = skipAdverbs(tokens, k + 1, to);
      boolean on = next < to && word(tokens.get(next)).equals("on");
      if (on) {
        next++;
      }
      // After "on" the tagger often reads the gerund as a noun ("kept on jamming").
      return next < to && gerund(tokens.get(next), on);
    }
    int verb = negatedModal(tokens, k, to);
    return verb >= 0
        && tokens.get(verb).tag().equals("VERB")
        && !MentionOnly.judged(tokens.get(verb))
        && !degreeAfter(tokens, verb + 1, to)
        && !(light(tokens.get(verb)) && !objectAt(tokens, verb + 1, to));
  }

  /**
   * Whether a degree or comparative follows the verb ("couldn't do enough for us", "couldn't do any
   * more", "couldn't have done more"): the idiom of praise that no effort was spared, not a
   * failure.
   */
  private static boolean degreeAfter(List<Token> tokens, int k, int to) {
    for (int i = k; i < to && i <= k + 1; i++) {
      if (DEGREES.contains(word(tokens.get(i)))) {
        return true;
      }
    }
    return false;
  }

  /** A light verb ({@code corpora/phrases/light-verbs.txt}: "do", "have", "get"). */
  private static boolean light(Token verb) {
    return PhraseLexicon.standard().lightVerbs().contains(verb.lemma().toLowerCase(Locale.ROOT));
  }

  /** Whether a noun phrase or pronoun starts at {@code k}: the verb has an object. */
  private static boolean objectAt(List<Token> tokens, int k, int to) {
    return k < to && OBJECT_STARTS.contains(tokens.get(k).tag());
  }

  /**
   * The index of the verb after a negated modal of ability or will at {@code k} ("wouldn't lock",
   * "can+not", "would not load", "couldn't actually fix"), or -1.
   */
  private static int negatedModal(List<Token> tokens, int k, int to) {
    Token t = tokens.get(k);
    String lemma = t.lemma().toLowerCase(Locale.ROOT);
    int plus = lemma.indexOf('+');
    int after;
    if (plus > 0 && lemma.endsWith("+not") && MODALS.contains(lemma.substring(0, plus))) {
      after = k + 1;
    } else if (t.tag().equals("AUX")
        && MODALS.contains(lemma)
        && k + 1 < to
        && (word(tokens.get(k + 1)).equals("not") || word(tokens.get(k + 1)).equals("never"))) {
      after = k + 2;
    } else {
      return -1;
    }
    int verb = skipAdverbs(tokens, after, to);
    return verb < to ? verb : -1;
  }

  /**
   * The first verb or auxiliary after the subject ending at {@code subjectEnd}, past a phrase
   * inside the subject and adverbs ("The fridge in our room kept...", "The app still won't..."), or
   * -1 when something else comes first or a negator does.
   */
  private static int predicate(List<Token> tokens, int subjectEnd, int to) {
    for (int k = subjectEnd; k < to; k++) {
      Token t = tokens.get(k);
      String tag = t.tag();
      // A negated contraction first: the tagger sometimes reads "wouldn't" as punctuation.
      if (t.lemma().endsWith("+not") || tag.equals("VERB") || tag.equals("AUX")) {
        return k;
      }
      if (ObjectPhrases.negator(t) || !(SUBJECT_TAGS.contains(tag) || tag.equals("ADV"))) {
        return -1;
      }
    }
    return -1;
  }

  private static int skipAdverbs(List<Token> tokens, int k, int to) {
    while (k < to && tokens.get(k).tag().equals("ADV") && !ObjectPhrases.negator(tokens.get(k))) {
      k++;
    }
    return k;
  }

  private static boolean gerund(Token t, boolean afterOn) {
    String tag = t.tag();
    return (tag.equals("VERB") || (afterOn && tag.equals("NOUN"))) && word(t).endsWith("ing");
  }

  private static String word(Token t) {
    return t.text().toLowerCase(Locale.ROOT);
  }
}
