package dev.earful.cli;

/**
 * Text from the data (comments, ids, theme names) made safe to print in a terminal table: control
 * characters (C0, DEL, C1: ESC starts the sequences that move the cursor, recolour, retitle the
 * window or write the clipboard) and invisible format characters (bidirectional overrides that
 * reorder what is shown) become U+FFFD, so a comment cannot rewrite the table around it.
 */
final class TerminalText {

  private TerminalText() {}

  static String safe(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int type = Character.getType(c);
      boolean bad = type == Character.CONTROL || (type == Character.FORMAT && isBidi(c));
      if (bad && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean isBidi(char c) {
    return (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }
}
