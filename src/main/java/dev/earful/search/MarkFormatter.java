package dev.earful.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats highlighter passages as HTML-escaped text with {@code <mark>} around matched words,
 * passages separated by {@link #SEPARATOR} (a character removed from the text itself) so that the
 * caller can split them into a list.
 */
final class MarkFormatter extends PassageFormatter {

  static final char SEPARATOR = '\u0000';

  @Override
  public String format(Passage[] passages, String content) {
    StringBuilder b = new StringBuilder();
    for (Passage p : passages) {
      if (!b.isEmpty()) {
        b.append(SEPARATOR);
      }
      int pos = p.getStartOffset();
      for (int i = 0; i < p.getNumMatches(); i++) {
        int start = p.getMatchStarts()[i];
        int end = p.getMatchEnds()[i];
        if (start < pos) {
          // overlapping matches (a phrase and its words): extend the previous mark instead
          if (end > pos) {
            int markEnd = b.lastIndexOf("</mark>");
            b.setLength(markEnd);
            append(b, content, pos, end);
            b.append("</mark>");
            pos = end;
          }
          continue;
        }
        append(b, content, pos, start);
        b.append("<mark>");
        append(b, content, start, end);
        b.append("</mark>");
        pos = end;
      }
      append(b, content, pos, p.getEndOffset());
    }
    return b.toString();
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    append(b, s, 0, s.length());
    return b.toString();
  }

  private static void append(StringBuilder b, String content, int from, int to) {
    for (int i = from; i < to; i++) {
      char ch = content.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#x27;");
        case SEPARATOR -> {}
        case '\n', '\r', '\t' -> b.append(' ');
        default -> b.append(ch);
      }
    }
  }
}
