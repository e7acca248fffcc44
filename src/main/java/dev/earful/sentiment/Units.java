package dev.earful.sentiment;

import dev.earful.domain.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The normalised units the sentiment features read, made from a sentence's tokens: lower-case
 * lemmas with contractions split ("wasn't", lemma "be+not", gives "be" "not"), the surface word
 * where only it is in the lexicon or the feedback judgements ("loved", "cramped"), digits folded to
 * one unit, runs of "!" or "?" folded. Each unit remembers the token it came from so clauses map
 * back onto tokens.
 */
public record Units(String[] units, int[] tokenOf) {

  static final String NUMBER = "<num>";

  /** The units of {@code tokens[from, to)}. */
  public static Units of(List<Token> tokens, int from, int to) {
    List<String> out = new ArrayList<>(to - from + 4);
    List<Integer> owner = new ArrayList<>(to - from + 4);
    Lexicon lexicon = Lexicon.vader();
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      String lemma = t.lemma();
      if (lemma.indexOf('+') > 0) {
        for (String part : lemma.split("\\+")) {
          if (!part.isEmpty()) {
            out.add(normalize(part));
            owner.add(i);
          }
        }
        continue;
      }
      String word = t.text().toLowerCase(Locale.ROOT);
      String verb = negatedVerb(lemma, word);
      if (verb != null) {
        out.add(verb);
        owner.add(i);
        out.add("not");
        owner.add(i);
        continue;
      }
      String unit = !knows(lexicon, lemma) && knows(lexicon, word) ? word : lemma;
      out.add(normalize(unit));
      owner.add(i);
    }
    int[] map = new int[owner.size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = owner.get(i);
    }
    return new Units(out.toArray(String[]::new), map);
  }

  /**
   * The verb's lemma of a negated contraction that the lemmatizer left whole, or null. Mid-sentence
   * it splits them ("wasn't" gives "be+not"), but a capitalised one that opens a sentence with its
   * subject dropped is often tagged as a noun or a name and kept as it is ("Wasn't/PROPN/wasn't
   * impressed", "Couldn't/NOUN/couldn't find anyone to help", "Doesn't fit"): no negator then, and
   * "Wasn't impressed with the room" read as praise. Stems as the lemmatizer gives them elsewhere.
   */
  static String negatedVerb(String lemma, String word) {
    String w = word.replace('\u2019', '\'');
    if (lemma.indexOf('+') >= 0 || w.length() <= 3 || !w.endsWith("n't")) {
      return null;
    }
    String stem = w.substring(0, w.length() - 3);
    return switch (stem) {
      case "wo" -> "will";
      case "ca", "can" -> "can";
      case "sha" -> "shall";
      case "ai", "is", "are", "was", "were", "am" -> "be";
      case "do", "does", "did" -> "do";
      case "has", "have", "had" -> "have";
      case "could", "would", "should", "must", "might", "need", "dare" -> stem;
      default -> null;
    };
  }

  /**
   * Whether the rules judge {@code word} as it is: a VADER word or a feedback judgement. The
   * judgements are adjectives that the lemmatizer often takes for a verb's participle ("cramped"
   * gives "cram", "overcooked" "overcook", "leaking" "leak"), so without this they never fired.
   */
  private static boolean knows(Lexicon lexicon, String word) {
    return lexicon.contains(word) || Lexicon.judgement(word) != 0.0;
  }

  /** The units of every token. */
  public static Units of(List<Token> tokens) {
    return of(tokens, 0, tokens.size());
  }

  /** Units of plain lower-case words, for tests and for text that is already lemmatised. */
  public static String[] normalizeAll(String... words) {
    String[] out = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      out[i] = normalize(words[i].toLowerCase(Locale.ROOT));
    }
    return out;
  }

  static String normalize(String unit) {
    if (unit.equals("n't") || unit.equals("nt")) {
      return "not";
    }
    char c = unit.isEmpty() ? ' ' : unit.charAt(0);
    if (c == '!' || c == '?') {
      boolean same = true;
      for (int k = 1; k < unit.length(); k++) {
        if (unit.charAt(k) != '!' && unit.charAt(k) != '?') {
          same = false;
          break;
        }
      }
      if (same) {
        return unit.indexOf('?') >= 0 ? "?" : "!";
      }
    }
    if (c >= '0' && c <= '9') {
      return NUMBER;
    }
    return unit;
  }

  public int size() {
    return units.length;
  }
}
