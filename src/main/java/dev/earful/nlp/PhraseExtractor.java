package dev.earful.nlp;

import dev.earful.domain.Sentence;
import dev.earful.domain.Token;
import dev.earful.nlp.PhraseCandidate.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds phrase candidates in a tagged sentence from UD part-of-speech patterns, since no English
 * chunker model exists for OpenNLP:
 *
 * <ul>
 *   <li>noun compounds of up to three nouns ("customer service rep", "delivery time") and the noun
 *       they are about, skipping generic nouns ("time" in "wait time" leaves "wait");
 *   <li>an adjective before them ("small size", "long wait");
 *   <li>verb patterns of complaints and praise: negation ("never arrived", "didn't work"),
 *       repetition ("keeps crashing", "kept me waiting"), durations ("waited an hour"), manner
 *       ("fits perfectly");
 *   <li>judged qualities: "too expensive", a light verb with an adjective ("runs small"), and an
 *       adjective that qualifies no noun after it ("it is slow", "slow and unstable"): complaints
 *       are often said without a noun;
 *   <li>never a @handle, #hashtag or web address.
 * </ul>
 *
 * A hyphenated word that the tokenizer split ("see-" + "through") is read as one word ({@link
 * HyphenatedWords}).
 *
 * <p>Everything is compared by lower-case lemma. Stateless and thread-safe.
 */
public final class PhraseExtractor {

  private static final int MAX_COMPOUND = 3;
  private static final Set<String> NEGATIONS = Set.of("not", "never", "n't", "no");

  /** The verbs that say something stopped, each with its written forms. */
  private static final Map<String, Set<String>> ENDING_VERBS =
      Map.of(
          "stop", Set.of("stop", "stops", "stopped", "stopping"),
          "quit", Set.of("quit", "quits", "quitting"));

  private static final Set<String> MANNER_ADVERBS =
      Set.of("well", "fine", "badly", "poorly", "great", "right", "wrong", "properly", "perfectly");
  private static final Set<String> BARE_COPULAS = Set.of("be", "have", "do", "will", "would");

  private final PhraseLexicon lexicon;

  public PhraseExtractor(PhraseLexicon lexicon) {
    this.lexicon = lexicon;
  }

  public PhraseExtractor() {
    this(PhraseLexicon.standard());
  }

  public PhraseLexicon lexicon() {
    return lexicon;
  }

  /** The candidates of one sentence, in token order. */
  public List<PhraseCandidate> candidates(Sentence sentence) {
    HyphenatedWords words = HyphenatedWords.of(sentence.tokens());
    List<Token> tokens = words.tokens;
    int n = tokens.size();
    String[] lemma = new String[n];
    String[] tag = new String[n];
    for (int i = 0; i < n; i++) {
      lemma[i] = tokens.get(i).lemma();
      // A @handle, #hashtag or web address names an account, a tag or a page, never an issue; the
      // tokenizer may split "@united" into "@" and "united", so the mark before a word counts too.
      tag[i] = isAddress(tokens, i) ? "X" : tokens.get(i).tag();
    }
    for (int i = 1; i < n; i++) {
      if (i + 1 < n && isFiniteVerbTaggedNoun(tokens, tag, i)) {
        tag[i] = "VERB";
      } else if (isPredicateTaggedAdverb(tokens, lemma, tag, i)) {
        tag[i] = "ADJ";
      }
    }
    List<PhraseCandidate> out = new ArrayList<>();
    nounPhrases(lemma, tag, out);
    verbPatterns(tokens, lemma, tag, out);
    if (!words.none()) {
      out.replaceAll(c -> words.onSentence(c, sentence.tokens()));
    }
    return out;
  }

  private static boolean isAddress(List<Token> tokens, int i) {
    String text = tokens.get(i).text();
    if (text.startsWith("@")
        || text.startsWith("#")
        || text.contains("://")
        || text.startsWith("www.")
        || text.endsWith(".com")
        || text.equals("http")
        || text.equals("https")) {
      return true;
    }
    if (i > 0) {
      Token before = tokens.get(i - 1);
      String mark = before.text();
      return (mark.equals("@") || mark.equals("#")) && before.end() == tokens.get(i).start();
    }
    return false;
  }

  /**
   * Whether the word at {@code i}, tagged as a noun right after a noun, is in fact the sentence's
   * verb: an "-s" form followed by a gerund, an object pronoun, a possessive or an article ("the
   * fee keeps going up", "this top flatters my figure"). A plural noun ending a compound is
   * followed by its verb ("the delivery drivers left"), not by an -ing form or an object, so the
   * compound is not built across it ("fee keep" is no phrase).
   */
  private static boolean isFiniteVerbTaggedNoun(List<Token> tokens, String[] tag, int i) {
    if (!tag[i].equals("NOUN") || !(tag[i - 1].equals("NOUN") || tag[i - 1].equals("PROPN"))) {
      return false;
    }
    String text = tokens.get(i).text().toLowerCase(Locale.ROOT);
    if (!text.endsWith("s") || text.endsWith("ss") || text.endsWith("'s")) {
      return false;
    }
    String next = tag[i + 1];
    String nextText = tokens.get(i + 1).text().toLowerCase(Locale.ROOT);
    return (next.equals("VERB") && nextText.endsWith("ing"))
        || ((next.equals("PRON") || next.equals("DET")) && OBJECT_STARTS.contains(nextText));
  }

  /**
   * The pronouns and determiners that can only start a verb's object after a plural noun: a subject
   * pronoun or a demonstrative there starts a clause about the noun instead ("the bank fees they
   * charge", "shipping costs these days"), and the noun stays a noun.
   */
  private static final java.util.Set<String> OBJECT_STARTS =
      java.util.Set.of(
          "me", "him", "her", "us", "them", "it", "my", "his", "our", "their", "your", "its", "a",
          "an", "the");

  /**
   * Whether the word at {@code i}, tagged as an adverb, is the adjective a clause ends on after
   * "be" ("everything is laggy"): the tagger reads words it does not know in that place as adverbs,
   * but an adverb that ends a clause after "be" without "-ly" is its predicate ("late", "laggy"),
   * unless it is a function word ("here", "again", "too").
   */
  private boolean isPredicateTaggedAdverb(List<Token> tokens, String[] lemma, String[] tag, int i) {
    if (!tag[i].equals("ADV")
        || !lemma[i - 1].equals("be")
        || lemma[i].endsWith("ly")
        || !isWord(lemma[i])
        || lexicon.stopWords().contains(lemma[i])
        || NEGATIONS.contains(lemma[i])) {
      return false;
    }
    return i + 1 == tokens.size() || tag[i + 1].equals("PUNCT") || tag[i + 1].equals("CCONJ");
  }

  private boolean isWord(String lemma) {
    if (lemma.length() < 2 || lemma.length() > 30) {
      return false;
    }
    char first = lemma.charAt(0);
    if (first < 'a' || first > 'z') {
      return false;
    }
    for (int i = 1; i < lemma.length(); i++) {
      char c = lemma.charAt(i);
      if (!((c >= 'a' && c <= 'z') || c == '-' || c == '\'')) {
        return false;
      }
    }
    return true;
  }

  private boolean isNoun(String lemma, String tag) {
    return (tag.equals("NOUN") || tag.equals("PROPN"))
        && isWord(lemma)
        && !lexicon.stopWords().contains(lemma);
  }

  private boolean isContentAdjective(String lemma, String tag) {
    return tag.equals("ADJ")
        && isWord(lemma)
        && !lexicon.stopWords().contains(lemma)
        && !lexicon.evaluative().contains(lemma);
  }

  private boolean isContentVerb(String lemma, String tag) {
    return tag.equals("VERB")
        && isWord(lemma)
        && !lexicon.stopWords().contains(lemma)
        && !lexicon.lightVerbs().contains(lemma)
        && !lexicon.evaluative().contains(lemma);
  }

  private void nounPhrases(String[] lemma, String[] tag, List<PhraseCandidate> out) {
    int n = lemma.length;
    int i = 0;
    while (i < n) {
      if (!isNoun(lemma[i], tag[i])) {
        i++;
        continue;
      }
      int end = i;
      while (end < n && isNoun(lemma[end], tag[end])) {
        end++;
      }
      int from = Math.max(i, end - MAX_COMPOUND);
      int keyAt = -1;
      for (int k = end - 1; k >= from; k--) {
        if (lexicon.canName(lemma[k])) {
          keyAt = k;
          break;
        }
      }
      if (keyAt >= 0) {
        String key = lemma[keyAt];
        // The compound stops at its key unless only generic nouns follow it ("wait time").
        List<String> compound = List.of(java.util.Arrays.copyOfRange(lemma, from, end));
        out.add(new PhraseCandidate(Kind.NOUN, key, List.of(key), keyAt, keyAt + 1, true));
        if (compound.size() > 1) {
          out.add(new PhraseCandidate(Kind.NOUN, key, compound, from, end, true));
        }
        int adj = from - 1;
        if (adj >= 0 && from == i && isContentAdjective(lemma[adj], tag[adj])) {
          List<String> modified = new ArrayList<>();
          modified.add(lemma[adj]);
          modified.addAll(compound);
          out.add(new PhraseCandidate(Kind.MODIFIED_NOUN, key, modified, adj, end, true));
        }
      }
      i = end;
    }
  }

  /**
   * Whether a token's lemma negates: "not", "n't", "never", "no", or a negated contraction, which
   * the lemmatizer writes as its parts ("can't" as "can+not", "doesn't" as "do+not") or, when it
   * opens a sentence, leaves whole ("Doesn't"). A closed class of English.
   */
  public static boolean isNegation(String lemma) {
    return NEGATIONS.contains(lemma)
        || lemma.endsWith("+not")
        || lemma.endsWith("n't")
        || lemma.endsWith("n\u2019t");
  }

  /**
   * Whether a negation ({@link #isNegation}: "not", "never", "didn't", "wasn't") stands within
   * three words before position i.
   */
  /** The verb of stopping a written form belongs to ("stopped" -> "stop"), or null. */
  private static String endingVerb(String written) {
    for (Map.Entry<String, Set<String>> verb : ENDING_VERBS.entrySet()) {
      if (verb.getValue().contains(written)) {
        return verb.getKey();
      }
    }
    return null;
  }

  private static boolean negatedBefore(String[] lemma, String[] tag, int i) {
    for (int j = i - 1; j >= Math.max(0, i - 3); j--) {
      if (isNegation(lemma[j])) {
        return true;
      }
      if (!(tag[j].equals("AUX") || tag[j].equals("ADV") || tag[j].equals("PART"))) {
        return false;
      }
    }
    return false;
  }

  /**
   * The head noun of the noun phrase that directly follows a verb ending before {@code after}, its
   * object ("enjoyed the pasta", "brought our drinks", "can't beat these prices"), or null when the
   * verb takes none or a pronoun ("it didn't work", "I returned it"). Up to three determiners,
   * possessives, numbers or adjectives may stand before the head.
   */
  public static String objectAfter(List<Token> tokens, int after) {
    for (int j = after; j < Math.min(tokens.size(), after + 4); j++) {
      Token t = tokens.get(j);
      String tag = t.tag();
      if (tag.equals("NOUN") || tag.equals("PROPN")) {
        return t.lemma();
      }
      boolean determiner =
          tag.equals("DET")
              || tag.equals("NUM")
              || tag.equals("ADJ")
              || POSSESSIVES.contains(t.text().toLowerCase(Locale.ROOT));
      if (!determiner) {
        return null;
      }
    }
    return null;
  }

  /**
   * The particles that make a phrasal verb: with one, a verb names something its bare form does not
   * ("sell out" is no sale, "size up" no size, "call back" no call, "fall apart" no fall).
   * English's closed class, not a list for one data set.
   */
  private static final Set<String> PARTICLES =
      Set.of("up", "down", "out", "back", "off", "apart", "through", "over", "away", "in", "on");

  /** The possessive determiners: a word after one starts a noun phrase. */
  static final Set<String> POSSESSIVES = Set.of("my", "your", "his", "her", "its", "our", "their");

  private static String lower(List<Token> tokens, int i) {
    return tokens.get(i).text().toLowerCase(Locale.ROOT);
  }

  /**
   * Tags that start a noun phrase (with the possessives): after "up" or "through" they make it a
   * preposition.
   */
  private static final Set<String> NOUN_PHRASE_STARTS = Set.of("DET", "NOUN", "PROPN", "NUM");

  /**
   * A verb directly followed by its particle ("sold out", "sized up", "never called back", "can't
   * log in"), as one candidate whose key is the phrasal verb itself: its meaning is not its verb's,
   * so the bare verb's statistics do not decide for it. A particle followed by a noun phrase is a
   * preposition ("fits over my hips", "shipped in a box"), not a particle. Only the contiguous form
   * is taken: "tried it on" would name a theme by words its lemma phrase does not match. A light
   * verb with a particle ("ended up", "turned out", "went on") tells the story as the bare light
   * verb does, and gives none unless it is an adjective written apart ("is see through"): with
   * them, the women's reviews' "return" theme took "ended up", "turned out" and "came out", and the
   * generated price issue was named "fee" instead of "too expensive" ("keeps going up" joined it).
   */
  private void phrasalVerb(
      List<Token> tokens, String[] lemma, String[] tag, int i, List<PhraseCandidate> out) {
    int n = lemma.length;
    String l = lemma[i];
    if (!tag[i].equals("VERB")
        || BARE_COPULAS.contains(l)
        || !isWord(l)
        || lexicon.stopWords().contains(l)
        || lexicon.evaluative().contains(l)) {
      return;
    }
    int p = i + 1;
    if (p < n
        && PARTICLES.contains(lemma[p])
        && (p + 1 == n
            || !(NOUN_PHRASE_STARTS.contains(tag[p + 1])
                || POSSESSIVES.contains(lower(tokens, p + 1))))
        && (!lexicon.lightVerbs().contains(l) || isAdjectiveWrittenApart(tokens, lemma, tag, i))) {
      String phrasal = l + " " + lemma[p];
      out.add(new PhraseCandidate(Kind.VERB, phrasal, List.of(l, lemma[p]), i, p + 1, true));
    }
  }

  /**
   * Whether the light verb at {@code i} and the particle after it are an adjective written with a
   * space ("the fabric is see through"): a verb's bare form cannot follow "be", so after "be" and
   * with the particle ending the clause the two words qualify the subject, as "see-through" does,
   * and tell no story ("ended up", "is going up" are not taken).
   */
  private static boolean isAdjectiveWrittenApart(
      List<Token> tokens, String[] lemma, String[] tag, int i) {
    int after = i + 2;
    return i > 0
        && lemma[i - 1].equals("be")
        && lower(tokens, i).equals(lemma[i])
        && (after == lemma.length || tag[after].equals("PUNCT") || tag[after].equals("CCONJ"));
  }

  /**
   * Whether the word at {@code i} is an adjective judged against a noun or verb after "to" ("true
   * to size", "easy to use", "quick to respond"): the three words say the quality, and the
   * adjective alone may say another ("true").
   */
  private boolean isJudgedAgainstWhatFollows(String[] lemma, String[] tag, int i) {
    int n = lemma.length;
    return isContentAdjective(lemma[i], tag[i])
        && i + 2 < n
        && lemma[i + 1].equals("to")
        && (tag[i + 2].equals("NOUN") || tag[i + 2].equals("VERB"))
        && isWord(lemma[i + 2])
        && !lexicon.stopWords().contains(lemma[i + 2]);
  }

  /**
   * The words that open a clause as a verb's object: a wh-word ("believe how soft", "know what to
   * expect") or a complementizer ("realize that", "tell whether"). English's closed class. Not the
   * words that open an adverbial or relative clause after a complete verb ("never arrived when they
   * promised", "doesn't work when I'm offline", "did not arrive, which was annoying", "won't load
   * if I'm on wifi"): there the negated verb is the complaint (review of session 15).
   */
  private static final Set<String> CLAUSE_OPENERS = Set.of("how", "what", "why", "who", "whether");

  /**
   * Whether the verb at {@code i} takes another verb or a clause as its object: "to" and a verb
   * ("can't wait to see it"), an "-ing" form ("can't stop wearing it"), or a clause ("can't believe
   * how soft it is", "didn't realize that it was sheer"). Negated, such a verb tells how the person
   * took what follows; the complaint, if any, is in what follows. "that" opens a clause only where
   * it is no determiner ("didn't like that colour" judges the colour).
   */
  private static boolean takesAVerbOrClause(
      List<Token> tokens, String[] lemma, String[] tag, int i) {
    int n = lemma.length;
    if (i + 1 >= n) {
      return false;
    }
    if (i + 2 < n && lemma[i + 1].equals("to") && tag[i + 2].equals("VERB")) {
      return true;
    }
    if (tag[i + 1].equals("VERB") && lower(tokens, i + 1).endsWith("ing")) {
      return true;
    }
    String next = lemma[i + 1];
    // "that" opens a clause only before the clause's subject ("realize that it was sheer"): not
    // "that colour" (a determiner) nor "that well" (an adverb: "didn't fit that well").
    return CLAUSE_OPENERS.contains(next)
        || (next.equals("that")
            && !tag[i + 1].equals("DET")
            && i + 2 < n
            && (tag[i + 2].equals("PRON")
                || tag[i + 2].equals("PROPN")
                || tag[i + 2].equals("DET")));
  }

  /**
   * English's downtoners, the degree words that say a quality holds a little: "a bit", "a little",
   * "a tad" (with their article) and "slightly", "somewhat". A closed class of the language, not of
   * a data set; "too" (an excess) is its own pattern. Read before an adjective, they make a wording
   * of the quality ("a bit short" of "short"), found by {@link #isDegreeWording}.
   */
  private static final Set<String> DOWNTONERS_AFTER_A = Set.of("bit", "little", "tad");

  private static final Set<String> DOWNTONERS = Set.of("slightly", "somewhat");

  /**
   * Whether the word at {@code i} is a downtoner: "slightly", "somewhat", or "bit", "little", "tad"
   * after "a", and "bit" after "a little" ("a little bit short"). The British denial "not a bit"
   * (not at all) is read as a downtoner too ("not a bit short" gives "bit short"); rare in reviews.
   */
  private static boolean isDowntoner(String[] lemma, int i) {
    return DOWNTONERS.contains(lemma[i])
        || (i > 0 && lemma[i - 1].equals("a") && DOWNTONERS_AFTER_A.contains(lemma[i]))
        || (i > 1
            && lemma[i].equals("bit")
            && lemma[i - 1].equals("little")
            && lemma[i - 2].equals("a"));
  }

  /**
   * Whether a phrase is a downtoner and its adjective ("bit short", "slightly big"; not the noun
   * phrase "little dress"): a degree of the quality, said as its wording rather than as an issue of
   * its own.
   */
  public static boolean isDegreeWording(Kind kind, List<String> lemmas) {
    return kind == Kind.QUALITY
        && lemmas.size() == 2
        && (DOWNTONERS.contains(lemmas.get(0)) || DOWNTONERS_AFTER_A.contains(lemmas.get(0)));
  }

  private void verbPatterns(
      List<Token> tokens, String[] lemma, String[] tag, List<PhraseCandidate> out) {
    int n = lemma.length;
    for (int i = 0; i < n; i++) {
      String l = lemma[i];
      String g = tag[i];
      // "too expensive", "way too small"
      if (l.equals("too") && i + 1 < n && isContentAdjective(lemma[i + 1], tag[i + 1])) {
        out.add(
            new PhraseCandidate(
                Kind.QUALITY, lemma[i + 1], List.of("too", lemma[i + 1]), i, i + 2, true));
        continue;
      }
      // "a bit short", "a little long", "slightly big": a downtoner before a quality that qualifies
      // no noun after it. The adjective alone is still found below; discovery makes the pair a
      // wording of its adjective's theme, never a candidate of its own (ThemeDiscoverer).
      if (isDowntoner(lemma, i)
          && i + 1 < n
          && isContentAdjective(lemma[i + 1], tag[i + 1])
          && (i + 2 == n || !(tag[i + 2].equals("NOUN") || tag[i + 2].equals("PROPN")))
          && !isJudgedAgainstWhatFollows(lemma, tag, i + 1)) {
        out.add(
            new PhraseCandidate(
                Kind.QUALITY, lemma[i + 1], List.of(l, lemma[i + 1]), i, i + 2, true));
      }
      boolean judgedAgainst = isJudgedAgainstWhatFollows(lemma, tag, i);
      // "it is slow", "so unstable", "slow and buggy": an adjective that qualifies no noun after it
      // says the complaint on its own, with the thing it judges left unsaid or said before. Judged
      // against what follows "to" it says only that: "true to size" is no "true".
      if (g.equals("ADJ")
          && isContentAdjective(l, g)
          && !judgedAgainst
          && (i + 1 == n || !(tag[i + 1].equals("NOUN") || tag[i + 1].equals("PROPN")))
          && (i == 0 || !lemma[i - 1].equals("too"))
          && !(i > 0
              && tag[i - 1].equals("VERB")
              && lexicon.lightVerbs().contains(lemma[i - 1])
              && !BARE_COPULAS.contains(lemma[i - 1]))
          && !negatedBefore(lemma, tag, i)) {
        out.add(new PhraseCandidate(Kind.QUALITY, l, List.of(l), i, i + 1, true));
      }
      // "true to size", "easy to use", "hard to zip", "quick to respond": an adjective judged
      // against a noun or verb after "to" says the quality and what it is about together.
      if (judgedAgainst) {
        out.add(
            new PhraseCandidate(Kind.QUALITY, l, List.of(l, "to", lemma[i + 2]), i, i + 3, true));
      }
      // "runs small", "looks cheap", "feels thin"; not "runs true" of "runs true to size"
      if (g.equals("VERB")
          && lexicon.lightVerbs().contains(l)
          && !BARE_COPULAS.contains(l)
          && i + 1 < n
          && isContentAdjective(lemma[i + 1], tag[i + 1])
          && !isJudgedAgainstWhatFollows(lemma, tag, i + 1)) {
        out.add(
            new PhraseCandidate(
                Kind.QUALITY, lemma[i + 1], List.of(l, lemma[i + 1]), i, i + 2, true));
        continue;
      }
      // "sold out", "size up", "never called back", "fell apart"
      phrasalVerb(tokens, lemma, tag, i, out);
      // "keeps crashing", "kept me waiting"
      if (l.equals("keep")) {
        for (int j = i + 1; j < Math.min(n, i + 4); j++) {
          if (tag[j].equals("VERB")
              && tokens.get(j).text().toLowerCase().endsWith("ing")
              && isContentVerb(lemma[j], tag[j])) {
            out.add(
                new PhraseCandidate(
                    Kind.VERB, lemma[j], List.of("keep", lemma[j]), i, j + 1, j == i + 1));
            break;
          }
          if (!(tag[j].equals("PRON") || tag[j].equals("ADV") || tag[j].equals("DET"))) {
            break;
          }
        }
        continue;
      }
      // "stopped working", "quit charging": what stopped is the issue; the verb of stopping alone
      // says nothing of what ("stop"), and "stopped" at the start of a sentence is often not
      // lemmatised, so its written form is read too. Negated, it is praise ("can't stop wearing
      // it") and gives none.
      String ending = endingVerb(tokens.get(i).text().toLowerCase(Locale.ROOT));
      if (ending != null && g.equals("VERB") && !negatedBefore(lemma, tag, i)) {
        int j = i + 1;
        if (j < n
            && tag[j].equals("VERB")
            && tokens.get(j).text().toLowerCase(Locale.ROOT).endsWith("ing")
            && isContentVerb(lemma[j], tag[j])) {
          out.add(
              new PhraseCandidate(
                  Kind.VERB, lemma[j], List.of(ending, lemma[j]), i, j + 1, j == i + 1));
          continue;
        }
      }
      if (!isContentVerb(l, g)) {
        continue;
      }
      // "never arrived", "didn't work", "does not load". A negated contraction is one token whose
      // lemma is kept in the phrase ("do+not work"), so that the phrase matches the comments that
      // say it. A verb whose object is another verb or a clause says no event of its own: "can't
      // wait to wear it" is no wait, "can't stop wearing it" no stop, "can't believe how soft it
      // is" no belief.
      boolean takesAVerb = takesAVerbOrClause(tokens, lemma, tag, i);
      for (int j = i - 1; j >= Math.max(0, i - 3) && !takesAVerb; j--) {
        if (isNegation(lemma[j])) {
          String neg = lemma[j].equals("n't") || lemma[j].equals("no") ? "not" : lemma[j];
          out.add(
              new PhraseCandidate(
                  Kind.VERB, l, List.of(neg, l), j, i + 1, j == i - 1 && neg.equals(lemma[j])));
          break;
        }
        if (!(tag[j].equals("AUX") || tag[j].equals("ADV") || tag[j].equals("PART"))) {
          break;
        }
      }
      // "waited an hour", "waited 40 minutes", "waited forever"
      for (int j = i + 1; j < Math.min(n, i + 4); j++) {
        if (lexicon.timeUnits().contains(lemma[j])
            && (tag[j].equals("NOUN") || tag[j].equals("ADV"))) {
          out.add(new PhraseCandidate(Kind.VERB, l, List.of(l, lemma[j]), i, j + 1, j == i + 1));
          break;
        }
        if (!(tag[j].equals("DET")
            || tag[j].equals("NUM")
            || tag[j].equals("ADJ")
            || tag[j].equals("ADP")
            || lemma[j].equals("for"))) {
          break;
        }
      }
      // "fits perfectly", "works well", "fits me well"
      int adv = i + 1;
      if (adv < n && tag[adv].equals("PRON")) {
        adv++;
      }
      if (adv < n
          && tag[adv].equals("ADV")
          && (MANNER_ADVERBS.contains(lemma[adv])
              || (lemma[adv].endsWith("ly") && isWord(lemma[adv])))) {
        out.add(
            new PhraseCandidate(Kind.VERB, l, List.of(l, lemma[adv]), i, adv + 1, adv == i + 1));
      }
      // A content verb on its own ("the app crashed") still says what the comment is about.
      out.add(new PhraseCandidate(Kind.VERB, l, List.of(l), i, i + 1, true));
    }
  }
}
