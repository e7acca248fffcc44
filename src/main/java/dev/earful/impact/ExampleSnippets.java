package dev.earful.impact;

import dev.earful.domain.CharSpan;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A short excerpt of a comment around the first place a theme is mentioned, HTML-escaped, with
 * {@code <mark>} around the theme's words (the same convention as search highlights); and when two
 * comments quoted as examples are the same text ({@link #sameText}).
 */
public final class ExampleSnippets {

  /** Characters kept before the first mention and the total length aimed at. */
  static final int BEFORE = 60;

  static final int LENGTH = 200;

  private ExampleSnippets() {}

  /**
   * A comment's words, its letters and digits in lower case with each run of anything else one
   * space: two comments are the same when these are. Template sentences that differ only in
   * punctuation ("The internet drops every evening!" and "...evening.") were both quoted under one
   * pain point (session 25). A comment with no letter or digit (emoji, "!!!") is its own text,
   * spacing aside, so two different ones are not taken for one.
   */
  public static String sameText(String comment) {
    String words = NOT_A_WORD.matcher(comment.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    return words.isEmpty() ? comment.strip().replaceAll("\\s+", " ") : words;
  }

  /** A run of characters that are neither letters (with their marks) nor digits. */
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

  public static String snippet(String comment, List<CharSpan> spans) {
    if (spans.isEmpty()) {
      return escape(
          comment.length() <= LENGTH
              ? comment
              : comment.substring(0, cutBack(comment, LENGTH)) + "…");
    }
    List<CharSpan> sorted =
        spans.stream()
            .sorted(
                java.util.Comparator.comparingInt(CharSpan::start).thenComparingInt(CharSpan::end))
            .toList();
    CharSpan first = sorted.get(0);
    int start = Math.max(0, first.start() - BEFORE);
    if (start > 0) {
      int space = comment.indexOf(' ', start);
      start = space >= 0 && space < first.start() ? space + 1 : start;
    }
    int end = Math.min(comment.length(), Math.max(start + LENGTH, first.end()));
    if (end < comment.length()) {
      end = Math.max(first.end(), cutBack(comment, end));
    }
    StringBuilder b = new StringBuilder();
    if (start > 0) {
      b.append("…");
    }
    int pos = start;
    for (CharSpan s : sorted) {
      if (s.start() < pos || s.end() > end) {
        continue; // overlapping or outside the window
      }
      b.append(escape(comment.substring(pos, s.start())));
      b.append("<mark>").append(escape(comment.substring(s.start(), s.end()))).append("</mark>");
      pos = s.end();
    }
    b.append(escape(comment.substring(pos, end)));
    if (end < comment.length()) {
      b.append("…");
    }
    return b.toString();
  }

  /** The last word boundary at or before {@code at}. */
  private static int cutBack(String text, int at) {
    int space = text.lastIndexOf(' ', at);
    return space > 0 ? space : at;
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
