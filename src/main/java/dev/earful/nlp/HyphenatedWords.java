package dev.earful.nlp;

import dev.earful.domain.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sentence's tokens with each hyphenated word read as one word. The tokenizer (trained on UD
 * English, which splits hyphenated compounds) breaks them apart, and not always the same way:
 * "see-through" becomes "see-" + "through", "well-made" "well" + "-" + "made", "high-quality"
 * "high" + "-quality". Their parts say something else ("see", "made", "through"), so the phrase
 * extractor reads the word whole, as one word that either names a thing ("a t-shirt", "the
 * follow-up") or qualifies one ("see-through", "well-made", "a high-quality fabric"); its
 * candidates are then mapped back to the sentence's own tokens, so that they are matched as lemma
 * phrases like any other. Changing the tokenizer instead would move the sentiment features.
 */
final class HyphenatedWords {

  /** The tokens with hyphenated words joined. */
  final List<Token> tokens;

  /** For each of {@link #tokens}, its first and its last token in the sentence. */
  private final int[] first;

  private final int[] last;

  private HyphenatedWords(List<Token> tokens, int[] first, int[] last) {
    this.tokens = tokens;
    this.first = first;
    this.last = last;
  }

  /** Whether no word was joined: the tokens are the sentence's own. */
  boolean none() {
    return first == null;
  }

  /**
   * Reads {@code tokens}: a hyphenated word is a run of tokens that touch (no space between), made
   * of at least two parts of letters joined by hyphens ("see-" + "through", "well" + "-" + "made",
   * "true" + "-" + "to" + "-" + "size"). A run with a part that is not letters ("9-year-old",
   * "2-3") or that ends on a hyphen ("pre- and post-") is left as it is.
   */
  static HyphenatedWords of(List<Token> tokens) {
    int n = tokens.size();
    List<Token> out = null;
    int[] first = null;
    int[] last = null;
    int i = 0;
    int end = n == 0 ? 0 : runEnd(tokens, 0);
    while (i < n) {
      int nextEnd = end < n ? runEnd(tokens, end) : end;
      if (end > i + 1 && out == null) {
        out = new ArrayList<>(tokens.subList(0, i));
        first = new int[n];
        last = new int[n];
        for (int k = 0; k < i; k++) {
          first[k] = k;
          last[k] = k;
        }
      }
      if (out != null) {
        first[out.size()] = i;
        last[out.size()] = end - 1;
        if (end > i + 1) {
          Token before = out.isEmpty() ? null : out.get(out.size() - 1);
          // A hyphenated word after this one is known by its last part ("well-made t-shirt").
          String after = end < n ? tokens.get(nextEnd - 1).tag() : "";
          out.add(joined(tokens, i, end, before, after));
        } else {
          out.add(tokens.get(i));
        }
      }
      i = end;
      end = nextEnd;
    }
    if (out == null) {
      return new HyphenatedWords(tokens, null, null);
    }
    return new HyphenatedWords(List.copyOf(out), first, last);
  }

  /**
   * The end (exclusive) of the hyphenated word starting at {@code i}, or {@code i + 1} when none
   * starts there.
   */
  private static int runEnd(List<Token> tokens, int i) {
    int n = tokens.size();
    String text = tokens.get(i).text();
    if (!isPart(text) || text.startsWith("-")) {
      return i + 1;
    }
    if (i > 0 && touches(tokens, i - 1) && tokens.get(i - 1).text().endsWith("-")) {
      return i + 1; // the rest of a word whose start is not letters ("9-year-old")
    }
    int end = i + 1;
    int parts = 1;
    while (end < n && touches(tokens, end - 1)) {
      String previous = tokens.get(end - 1).text();
      String next = tokens.get(end).text();
      if (previous.endsWith("-") && isPart(next) && !next.startsWith("-")) {
        end++;
      } else if (next.startsWith("-") && next.length() > 1 && isPart(next)) {
        end++;
      } else if (next.equals("-")
          && end + 1 < n
          && touches(tokens, end)
          && isPart(tokens.get(end + 1).text())
          && !tokens.get(end + 1).text().startsWith("-")) {
        end += 2;
      } else {
        break;
      }
      parts++;
    }
    if (parts < 2 || tokens.get(end - 1).text().endsWith("-")) {
      return i + 1;
    }
    if (end < n && touches(tokens, end - 1) && isLetterOrDigit(tokens.get(end).text())) {
      return i + 1; // the word goes on with a part that is not letters ("covid-19")
    }
    return end;
  }

  /** Whether token {@code i} ends where token {@code i + 1} starts. */
  private static boolean touches(List<Token> tokens, int i) {
    return tokens.get(i).end() == tokens.get(i + 1).start();
  }

  /** Letters, with at most one hyphen before and one after ("see-", "-quality", "made"). */
  private static boolean isPart(String text) {
    int from = text.startsWith("-") ? 1 : 0;
    int to = text.endsWith("-") ? text.length() - 1 : text.length();
    if (to <= from) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if (!Character.isLetter(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetterOrDigit(String text) {
    return !text.isEmpty() && Character.isLetterOrDigit(text.charAt(0));
  }

  /**
   * Tokens [from, end) as one word: its text as written, its lemma the parts' lemmas joined by
   * hyphens ("see-through", "t-shirt" for "t-shirts"), and a tag from where it stands, since the
   * tagger tagged its parts: before a noun it qualifies it ("a see-through top"); after a
   * determiner, a possessive, a number or an adjective it is a noun ("my go-to", "great
   * follow-up"); after a verb or an adverb ("is see-through", "very well-made") it qualifies what
   * the clause is about; elsewhere it takes its last part's tag, as a noun or else as an adjective.
   */
  private static Token joined(List<Token> tokens, int from, int end, Token previous, String after) {
    StringBuilder text = new StringBuilder();
    StringBuilder lemma = new StringBuilder();
    for (int k = from; k < end; k++) {
      Token t = tokens.get(k);
      text.append(t.text());
      String part = strip(t.lemma() == null ? t.text() : t.lemma());
      if (!part.isEmpty()) {
        if (!lemma.isEmpty()) {
          lemma.append('-');
        }
        lemma.append(part);
      }
    }
    String before = previous == null ? "" : previous.tag();
    String lastTag = tokens.get(end - 1).tag();
    String tag;
    if (after.equals("NOUN") || after.equals("PROPN")) {
      tag = "ADJ";
    } else if (before.equals("DET")
        || before.equals("NUM")
        || before.equals("ADJ")
        || (previous != null
            && PhraseExtractor.POSSESSIVES.contains(previous.text().toLowerCase(Locale.ROOT)))) {
      tag = "NOUN";
    } else if (before.equals("AUX")
        || before.equals("VERB")
        || before.equals("ADV")
        || before.equals("PART")) {
      tag = "ADJ";
    } else {
      tag = lastTag.equals("NOUN") || lastTag.equals("PROPN") ? "NOUN" : "ADJ";
    }
    return new Token(
        tokens.get(from).start(),
        tokens.get(end - 1).end(),
        text.toString(),
        tag,
        lemma.toString().toLowerCase(Locale.ROOT));
  }

  private static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '-') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '-') {
      to--;
    }
    return s.substring(from, to);
  }

  /**
   * {@code c}, found over {@link #tokens}, on the sentence's own tokens {@code sentence}: its span
   * widened to whole tokens and, when it is contiguous, its lemmas those of the tokens it covers
   * ("see-", "through"), so that it matches comments as a lemma phrase. Its key stays the joined
   * word.
   */
  PhraseCandidate onSentence(PhraseCandidate c, List<Token> sentence) {
    if (none()) {
      return c;
    }
    int from = first[c.tokenFrom()];
    int to = last[c.tokenTo() - 1] + 1;
    if (from == c.tokenFrom() && to == c.tokenTo()) {
      return c;
    }
    List<String> lemmas = c.lemmas();
    if (c.contiguous()) {
      List<String> own = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        own.add(sentence.get(k).lemma());
      }
      lemmas = own;
    }
    return new PhraseCandidate(c.kind(), c.key(), lemmas, from, to, c.contiguous());
  }
}
