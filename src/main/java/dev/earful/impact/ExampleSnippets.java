package dev.earful.impact;

import dev.earful.domain.CharSpan;
import java.util.List;

/**
 * A short excerpt of a comment around the first place a theme is mentioned, HTML-escaped, with
 * {@code <mark>} around the theme's words (the same convention as search highlights).
 */
public final class ExampleSnippets {

  /** Characters kept before the first mention and the total length aimed at. */
  static final int BEFORE = 60;

  static final int LENGTH = 200;

  private ExampleSnippets() {}

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
