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

  /** A number that rates high: "10/10", "9 out of 10", "5 stars" (see {@link #rating}). */
  static final String GOOD_RATING = "<rating+>";

  /** A number that rates low: "1/10", "2 out of 10", "one star". */
  static final String BAD_RATING = "<rating->";

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
      // "least" stays itself (the lemmatizer may give "little", a dampener): "the least helpful".
      String unit =
          word.equals("least") || (!knows(lexicon, lemma) && knows(lexicon, word)) ? word : lemma;
      String rating = rating(tokens, i, to);
      out.add(rating != null ? rating : normalize(unit));
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

  /**
   * {@link #GOOD_RATING} or {@link #BAD_RATING} when token {@code i} is a number that rates what
   * the comment is about, else null: a fraction of 5, 10 or 100 ("10/10", "1 / 10", "3 out of 10")
   * or a count of stars ("1 star", "five stars"); high from 70% of the scale, low up to 40%, the
   * middle ("5/10", "3 stars") rates neither way. Such a rating is the reviewer's verdict, in
   * product reviews and survey comments alike, but every number folds to one unit otherwise.
   */
  static String rating(List<Token> tokens, int i, int to) {
    double value = numberOf(tokens.get(i).text());
    if (Double.isNaN(value)) {
      return null;
    }
    String text = tokens.get(i).text();
    double scale = Double.NaN;
    int slash = text.indexOf('/');
    if (slash > 0) {
      value = numberOf(text.substring(0, slash));
      scale = numberOf(text.substring(slash + 1));
    } else if (i + 2 < to && tokens.get(i + 1).text().equals("/")) {
      scale = numberOf(tokens.get(i + 2).text());
    } else if (i + 3 < to
        && tokens.get(i + 1).text().equalsIgnoreCase("out")
        && tokens.get(i + 2).text().equalsIgnoreCase("of")) {
      scale = numberOf(tokens.get(i + 3).text());
    } else if (i + 1 < to && tokens.get(i + 1).lemma().toLowerCase(Locale.ROOT).equals("star")) {
      scale = 5;
    }
    if (!(scale == 5 || scale == 10 || scale == 100) || value < 0 || value > scale) {
      return null;
    }
    double share = value / scale;
    return share >= 0.7 ? GOOD_RATING : share <= 0.4 ? BAD_RATING : null;
  }

  /** The number a token says ("7", "7.5", "seven", "ten"), or NaN. */
  private static double numberOf(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
      try {
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        return t.indexOf('/') > 0 ? 0 : Double.NaN;
      }
    }
    return switch (t) {
      case "zero" -> 0;
      case "one" -> 1;
      case "two" -> 2;
      case "three" -> 3;
      case "four" -> 4;
      case "five" -> 5;
      case "six" -> 6;
      case "seven" -> 7;
      case "eight" -> 8;
      case "nine" -> 9;
      case "ten" -> 10;
      default -> Double.NaN;
    };
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
