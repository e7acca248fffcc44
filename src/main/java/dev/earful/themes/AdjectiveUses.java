package dev.earful.themes;

import dev.earful.domain.LemmaPhrases;
import dev.earful.domain.Sentence;
import dev.earful.domain.Token;
import dev.earful.nlp.PhraseCandidate.Kind;
import dev.earful.nlp.PhraseExtractor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the comments use a few adjectives: judging the thing ("it runs small", "the hem is long", "so
 * long") or classifying a noun ("long sleeves", "a small waist", "I ordered a small", "the long
 * one"). A theme matches its phrases by lemma, so a bare adjective as a phrase matches both; where
 * more than a third of a word's uses classify ({@link #CLASSIFYING_SHARE}), the word alone matches
 * many comments that only say what kind of thing they are about, not the reviewer's judgement,
 * which is what an issue is. Such a word is then matched through the two-word forms it is judged in
 * ("be small", "so long", "run large"), each of them judged in most of its own uses. Every such
 * form holds the word, so a theme matches a subset of the comments it matched before.
 *
 * <p>A use classifies when the word comes right after a determiner or a noun, where it stands as a
 * noun ("I ordered a small", "the long", "a size small"), or before a noun with at most a few
 * adjectives, commas and conjunctions between ("long sleeves", "long, flowy skirt"). All else is a
 * judgement. Read from the part-of-speech tags of the analysis, English's grammar rather than a
 * word list. Counted in discovery's second pass, for the bare adjectives of the groups only. Not
 * thread-safe.
 */
final class AdjectiveUses {

  /**
   * The share of a word's uses that classify from which it is matched through its judged forms.
   * Measured on the women's reviews' dev split (mean best-match F1 over every theme shown, 0.573
   * before), before forms needed a first word that judges: a half 0.577 ("small" alone), 0.4 0.576,
   * a third 0.582 ("long" and "large" too: length too long 0.42 -> 0.52, runs small 0.43 -> 0.53),
   * a quarter 0.581 (bust fit 0.66 -> 0.60); the UCI sets identical at each. With that test, at a
   * third: 0.587.
   */
  static final double CLASSIFYING_SHARE = 1.0 / 3;

  /** Words between a classifying adjective and its noun: more adjectives, "," and "and". */
  private static final int MAX_BETWEEN = 3;

  /** Uses of one two-word form: the word before the adjective and the adjective. */
  private static final class Form {
    /** How it is written (lower case), with the uses of each: "is small", "was small". */
    final Map<String, Integer> written = new HashMap<>();

    int uses;
    int classifying;

    /** Uses whose first word is a verb, an auxiliary or an adverb ({@link #judgingWord}). */
    int afterJudgingWord;

    int comments;
    int lastComment = -1;

    /** The commonest way it is written (ties: the first in alphabetical order). */
    String commonestWritten() {
      return written.entrySet().stream()
          .min(
              Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue())
                  .thenComparing(Map.Entry::getKey))
          .orElseThrow()
          .getKey();
    }
  }

  private static final class Uses {
    int uses;
    int classifying;
    final Map<String, Form> forms = new HashMap<>();
  }

  private final Map<String, Uses> byLemma = new HashMap<>();

  AdjectiveUses(Set<String> lemmas) {
    for (String l : lemmas) {
      byLemma.put(l, new Uses());
    }
  }

  /** Counts the uses in one sentence of the {@code comment}-th comment. */
  void add(int comment, Sentence s) {
    List<Token> tokens = s.tokens();
    for (int i = 0; i < tokens.size(); i++) {
      Uses u = byLemma.get(tokens.get(i).lemma());
      if (u == null) {
        continue;
      }
      boolean classifying = classifies(tokens, i);
      u.uses++;
      if (classifying) {
        u.classifying++;
      }
      if (i == 0) {
        continue;
      }
      Token before = tokens.get(i - 1);
      if (!LemmaPhrases.isWord(before.lemma())) {
        continue;
      }
      Form f = u.forms.computeIfAbsent(before.lemma(), k -> new Form());
      f.written.merge(
          before.text().toLowerCase(Locale.ROOT)
              + " "
              + tokens.get(i).text().toLowerCase(Locale.ROOT),
          1,
          Integer::sum);
      f.uses++;
      if (classifying) {
        f.classifying++;
      }
      if (judgingWord(before.tag())) {
        f.afterJudgingWord++;
      }
      if (f.lastComment != comment) {
        f.lastComment = comment;
        f.comments++;
      }
    }
  }

  /** Whether the adjective at {@code i} classifies a noun rather than judging (class comment). */
  static boolean classifies(List<Token> tokens, int i) {
    return namesAKind(tokens, i) || beforeItsNoun(tokens, i);
  }

  /**
   * Whether the adjective at {@code i} stands as a noun: right after a determiner or a noun with no
   * noun after it ("I ordered a small", "the long", "a size small"), the variant bought or its
   * name. A predicate follows a verb, never a determiner or a noun.
   */
  static boolean namesAKind(List<Token> tokens, int i) {
    if (i == 0) {
      return false;
    }
    Token before = tokens.get(i - 1);
    // The tagger reads the "bit" of "a bit long" as a noun: a downtoner judges what follows it.
    boolean downtoner =
        PhraseExtractor.isDegreeWording(
            Kind.QUALITY, List.of(before.lemma(), tokens.get(i).lemma()));
    return !downtoner && (before.tag().equals("DET") || isNoun(before.tag()));
  }

  /**
   * Whether the adjective at {@code i} stands before a noun ("long sleeves", "long, flowy skirt").
   */
  static boolean beforeItsNoun(List<Token> tokens, int i) {
    for (int j = i + 1; j < Math.min(tokens.size(), i + 2 + MAX_BETWEEN); j++) {
      Token next = tokens.get(j);
      if (isNoun(next.tag())) {
        return true;
      }
      boolean between =
          next.tag().equals("ADJ") || next.tag().equals("CCONJ") || next.text().equals(",");
      if (!between) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether a word of this tag before an adjective can say the judgement: a verb or auxiliary that
   * the adjective completes ("is small", "runs small", "feels tight") or an adverb of degree ("too
   * small", "so long", "very long"). A conjunction, preposition, pronoun or another adjective
   * before it ("and long", "in small", "usual small", "extra small") says no judgement.
   */
  static boolean judgingWord(String tag) {
    return tag.equals("VERB") || tag.equals("AUX") || tag.equals("ADV");
  }

  private static boolean isNoun(String tag) {
    return tag.equals("NOUN") || tag.equals("PROPN");
  }

  /**
   * The two-word forms {@code lemma} is matched through, most said first, or null when it is
   * matched on its own: it is, unless more than a third of its uses classify, or no form is kept. A
   * form is kept when it is said in at least {@code minComments} comments, more than half of its
   * uses judge, its first word is no negation ("not long" says the opposite), and that word is a
   * downtoner ("bit long") or, in more than half of its uses, a verb, auxiliary or adverb ({@link
   * #judgingWord}): a form is matched in every use, so "and long" (of "and long sleeves") or "in
   * small" (of "I bought it in small") would match what it does not judge.
   */
  List<DiscoveredTheme.Phrase> judgedForms(String lemma, int minComments) {
    Uses u = byLemma.get(lemma);
    if (u == null || u.classifying <= CLASSIFYING_SHARE * u.uses) {
      return null;
    }
    List<Map.Entry<String, Form>> kept = new ArrayList<>();
    for (Map.Entry<String, Form> e : u.forms.entrySet()) {
      Form f = e.getValue();
      boolean downtoner = PhraseExtractor.isDegreeWording(Kind.QUALITY, List.of(e.getKey(), lemma));
      if (f.comments >= minComments
          && 2 * f.classifying < f.uses
          && (downtoner || 2 * f.afterJudgingWord > f.uses)
          && !PhraseExtractor.isNegation(e.getKey())) {
        kept.add(e);
      }
    }
    if (kept.isEmpty()) {
      return null; // the word still says the judgement sometimes; a theme keeps a phrase to match
    }
    kept.sort(
        Comparator.comparingInt((Map.Entry<String, Form> e) -> -e.getValue().comments)
            .thenComparing(Map.Entry::getKey));
    List<DiscoveredTheme.Phrase> out = new ArrayList<>();
    for (Map.Entry<String, Form> e : kept) {
      Form f = e.getValue();
      out.add(
          new DiscoveredTheme.Phrase(
              List.of(e.getKey(), lemma), f.commonestWritten(), f.comments, true));
    }
    return out;
  }
}
