package dev.earful.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Splits a JSON array (or a lone object) into the bytes of its elements, before any JSON parsing,
 * so that each element is parsed on its own and one huge or broken element costs that element: the
 * scanner follows JSON's structure (strings, escapes, nesting, where a name, a colon, a value or a
 * comma may come), keeps at most {@code maxRecordBytes} of an element and counts the rest without
 * holding it (a 1 GB element costs a 64 KiB buffer). Jackson's streaming parser cannot do this: it
 * holds a whole string token before it can say it is too long, and after any error its position in
 * the input is lost, so the elements after it could not be read.
 *
 * <p>An element whose structure breaks (a quote missing, so that a string runs past the end of its
 * line or swallows the next field; a line cut short; a missing comma) is handed out as damaged,
 * with the line, column and reason of the first byte that cannot be JSON. Reading then
 * resynchronises, as the CSV reader does on the next line: it goes on at the next line whose first
 * character is <code>{</code> (or <code>}, {</code>) indented no deeper than the damaged element's
 * first line, which is where the next element starts both in a file of one element per line and in
 * a pretty-printed one; in an array written on one line, at the next <code>},{</code> on that line.
 * A string that swallowed the boundary of the next element (the quote missing at the end of a
 * comment: <code>"comment":"late},{"id":...</code>) is found again by going back to the first
 * <code>},{</code> inside a string of the damaged element, while it is still in the buffer. This is
 * a heuristic: the damaged element is never read, every element after the resynchronisation point
 * is read as usual, so a wrong guess costs a piece of the damaged element read as an element of its
 * own (a <code>{ }</code> cut from a comment, which the validator rejects for its missing id).
 * JsonResponseReaderTest deletes one quote at random in 600 arrays of three layouts and requires
 * every other record back.
 *
 * <p>Damage that leaves no next element to find (the array or a string is not closed by the end of
 * the input, content after the array) ends the read with an {@link InputFormatException} naming the
 * line; the elements before it have been handed out.
 */
final class JsonArraySplitter extends ByteWindow {

  /**
   * One element: the line it starts on, its bytes, or the problem that kept it from being read; or
   * the {@code damage} to its JSON structure (line, column and reason of the first bad byte).
   */
  record Element(long line, byte[] bytes, String problem, InputFormatException damage) {}

  /**
   * Bytes read ahead of a <code>}</code> inside a string to see whether <code>, {</code> follows.
   */
  private static final int BOUNDARY_LOOKAHEAD = 64;

  /** Jackson's own default bound on nesting; deeper input is damaged, never a deep stack. */
  private static final int MAX_DEPTH = 1000;

  // what the structure allows next
  private static final int VALUE = 0;
  private static final int VALUE_OR_CLOSE = 1; // after [
  private static final int NAME = 2; // after a comma inside an object
  private static final int NAME_OR_CLOSE = 3; // after {
  private static final int COLON = 4;
  private static final int AFTER_VALUE = 5; // a comma or the close of the container
  private static final int END = 6; // the element is complete

  private final int maxRecordBytes;
  private final boolean[] isObject = new boolean[MAX_DEPTH];
  private long line = 1;
  private boolean afterCr;
  private boolean started;
  private boolean single; // the input is one object, not an array
  private boolean done;

  // where the current line started and how it is indented (for columns and resynchronising)
  private long lineStart;
  private boolean inIndent = true;
  private int indent;
  private int lineIndent;

  // the damaged element, for resynchronising before the next one
  private boolean resync;
  private boolean resyncHere;
  private long damagedLine;
  private int damagedIndent;
  private long rewindTo = -1;
  private long rewindLine;
  private long rewindLineStart;

  JsonArraySplitter(InputStream in, int maxRecordBytes) {
    super(in);
    this.maxRecordBytes = maxRecordBytes;
  }

  /** The next element, or null after the last one. */
  Element next() {
    try {
      if (resync) {
        resynchronise();
      }
      if (done) {
        return null;
      }
      if (!started) {
        started = true;
        skipBom();
        int b = skipWhitespace();
        if (b < 0) {
          throw new InputFormatException(
              1, 1, "the body is empty; expected a JSON array of responses");
        }
        if (b == '{') {
          single = true;
        } else if (b == '[') {
          consume(b);
          int after = skipWhitespace();
          if (after == ']') {
            consume(after);
            finish();
            return null;
          }
        } else {
          throw new InputFormatException(line, 0, "expected a JSON array of responses");
        }
      }
      return element();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one element up to the comma or bracket that ends it (or the end, for a lone object). */
  private Element element() throws IOException {
    skipWhitespace();
    long start = line;
    int startIndent = inIndent ? indent : lineIndent;
    long startLineStart = lineStart;
    rewindTo = -1;
    mark = -1;
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long total = 0;
    int depth = 0;
    int expect = VALUE;
    boolean inString = false;
    boolean name = false;
    boolean escaped = false;
    boolean inToken = false;
    long stringLine = 0;
    long stringColumn = 0;
    while (true) {
      if (!fill()) {
        if (inToken) {
          inToken = false;
          expect = depth == 0 ? END : AFTER_VALUE;
        }
        if (single && expect == END) {
          done = true;
          break;
        }
        throw new InputFormatException(
            inString ? stringLine : start,
            0,
            inString
                ? "a string opened on this line is not closed by the end of the input"
                : single ? "the JSON object is not closed" : "the JSON array is not closed");
      }
      if (inString && !escaped) {
        // the bulk of a record is string content: take it a run at a time
        int i = pos;
        while (i < limit
            && buffer[i] != '"'
            && buffer[i] != '\\'
            && buffer[i] != '\n'
            && buffer[i] != '\r'
            && buffer[i] != '}') {
          i++;
        }
        int run = i - pos;
        if (run > 0) {
          if (total < maxRecordBytes) {
            kept.write(buffer, pos, (int) Math.min(run, maxRecordBytes - total));
          }
          total += run;
          pos = i;
          continue;
        }
      }
      int b = buffer[pos];
      String wrong = null;
      if (inString) {
        if (b == '\n' || b == '\r') {
          return damaged(
              start,
              startIndent,
              stringLine,
              stringColumn,
              "a string opened at column "
                  + stringColumn
                  + " is not closed on its line (a quote missing?)");
        }
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
          expect = name ? COLON : depth == 0 ? END : AFTER_VALUE;
        } else if (b == '}' && line == stringLine && rewindTo < 0) {
          noteBoundaryInString(lineStart);
        }
      } else if (inToken && isTokenByte(b)) {
        // a number or true / false / null: Jackson checks its spelling
      } else {
        if (inToken) {
          inToken = false;
          expect = depth == 0 ? END : AFTER_VALUE;
        }
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
          // whitespace between tokens, kept so that Jackson's line numbers stay right
        } else if (expect == END) {
          if (single) {
            break;
          }
          if (b == ',' || b == ']') {
            consume(b);
            if (b == ']') {
              finish();
            }
            break;
          }
          resyncHere = b == '{';
          return damaged(
              start,
              startIndent,
              line,
              column(),
              b == '{'
                  ? "no comma between this record and the next one, at column " + column()
                  : unexpected(b, expect, depth));
        } else if (depth == 0 && !single && (b == ',' || b == ']')) {
          consume(b);
          if (b == ']') {
            finish();
          }
          return new Element(start, null, "no value between two commas of the array", null);
        } else if (b == '"' && (expect == NAME || expect == NAME_OR_CLOSE)) {
          inString = true;
          name = true;
        } else if (b == '"' && (expect == VALUE || expect == VALUE_OR_CLOSE)) {
          inString = true;
          name = false;
        } else if ((b == '{' || b == '[') && (expect == VALUE || expect == VALUE_OR_CLOSE)) {
          if (depth == MAX_DEPTH) {
            return damaged(
                start,
                startIndent,
                line,
                column(),
                "nested deeper than " + MAX_DEPTH + " levels at column " + column());
          }
          isObject[depth++] = b == '{';
          expect = b == '{' ? NAME_OR_CLOSE : VALUE_OR_CLOSE;
        } else if (b == '}'
            && depth > 0
            && isObject[depth - 1]
            && (expect == NAME_OR_CLOSE || expect == AFTER_VALUE)) {
          depth--;
          expect = depth == 0 ? END : AFTER_VALUE;
        } else if (b == ']'
            && depth > 0
            && !isObject[depth - 1]
            && (expect == VALUE_OR_CLOSE || expect == AFTER_VALUE)) {
          depth--;
          expect = depth == 0 ? END : AFTER_VALUE;
        } else if (b == ':' && expect == COLON) {
          expect = VALUE;
        } else if (b == ',' && expect == AFTER_VALUE) {
          expect = isObject[depth - 1] ? NAME : VALUE;
        } else if (isTokenStart(b) && (expect == VALUE || expect == VALUE_OR_CLOSE)) {
          inToken = true;
        } else {
          wrong = unexpected(b, expect, depth);
        }
        if (wrong != null) {
          return damaged(start, startIndent, line, column(), wrong);
        }
        if (inString) {
          stringLine = line;
          stringColumn = column();
        }
      }
      consume(b);
      if (total < maxRecordBytes) {
        kept.write(b);
      }
      total++;
      if (single && expect == END && !inToken && !inString) {
        finish();
        break;
      }
    }
    if (total > maxRecordBytes) {
      return new Element(
          start,
          null,
          "the record is longer than " + maxRecordBytes + " bytes (" + total + "); it is skipped",
          null);
    }
    return new Element(start, kept.toByteArray(), null, null);
  }

  /**
   * Hands out a damaged element and marks the place to resynchronise from: the next call reads on
   * at the next element's start (see the class comment).
   */
  private Element damaged(long start, int startIndent, long atLine, long atColumn, String reason) {
    if (single) {
      done = true;
    } else {
      resync = true;
      damagedLine = line;
      damagedIndent = startIndent;
    }
    return new Element(start, null, null, new InputFormatException(atLine, atColumn, reason));
  }

  /**
   * Inside a string, at a <code>}</code> on the line the string opened on (a string cannot go on
   * past its line, so a damaged one is found there; records laid over several lines open their
   * damaged string on any of them): if <code>, {</code> follows, this may be the end of the element
   * and the start of the next one swallowed by a string whose closing quote is missing; remembered,
   * so that resynchronising can go back to it.
   */
  private void noteBoundaryInString(long startLineStart) throws IOException {
    // the comma and brace may lie past the window's end when the } is the last byte of a read
    if (limit - pos < BOUNDARY_LOOKAHEAD) {
      fillAtLeast(BOUNDARY_LOOKAHEAD);
    }
    int i = pos + 1;
    while (i < limit && (buffer[i] == ' ' || buffer[i] == '\t')) {
      i++;
    }
    if (i >= limit || buffer[i] != ',') {
      return;
    }
    i++;
    while (i < limit && (buffer[i] == ' ' || buffer[i] == '\t')) {
      i++;
    }
    if (i < limit && buffer[i] == '{') {
      rewindTo = base + i;
      rewindLine = line;
      rewindLineStart = startLineStart;
      mark = rewindTo; // kept in the window by refills, for the damage found after one
    }
  }

  /**
   * Moves to the start of the element after a damaged one, or to the end (see the class comment).
   */
  private void resynchronise() throws IOException {
    resync = false;
    mark = -1;
    if (resyncHere) {
      resyncHere = false;
      return;
    }
    if (rewindTo >= base && rewindTo < base + limit) {
      // the rewind point is on the damaged string's line, still in the window
      pos = (int) (rewindTo - base);
      line = rewindLine;
      lineStart = rewindLineStart;
      afterCr = false;
      inIndent = false;
      lineIndent = damagedIndent;
      rewindTo = -1;
      return;
    }
    long firstLine = damagedLine;
    while (fill()) {
      int b = buffer[pos];
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        consume(b);
        continue;
      }
      if (inIndent && indent <= damagedIndent) {
        if (b == '{') {
          return;
        }
        if (b == ']') {
          consume(b);
          finish();
          return;
        }
      }
      if (b == '}' && (line == firstLine || (inIndent && indent <= damagedIndent))) {
        consume(b);
        if (skipToOpeningBrace()) {
          return;
        }
        continue;
      }
      consume(b);
    }
    done = true;
  }

  /**
   * After a <code>}</code>: true when <code>, {</code> follows on the same line (left at the {).
   */
  private boolean skipToOpeningBrace() throws IOException {
    fillAtLeast(256);
    int i = pos;
    while (i < limit && (buffer[i] == ' ' || buffer[i] == '\t')) {
      i++;
    }
    if (i >= limit || buffer[i] != ',') {
      return false;
    }
    i++;
    while (i < limit && (buffer[i] == ' ' || buffer[i] == '\t')) {
      i++;
    }
    if (i >= limit || buffer[i] != '{') {
      return false;
    }
    while (pos < i) {
      consume(buffer[pos]);
    }
    return true;
  }

  private static boolean isTokenStart(int b) {
    return b == '-' || (b >= '0' && b <= '9') || b == 't' || b == 'f' || b == 'n';
  }

  private static boolean isTokenByte(int b) {
    return (b >= '0' && b <= '9')
        || (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || b == '-'
        || b == '+'
        || b == '.';
  }

  /** Why a byte cannot come where it is, in the words of what could. */
  private String unexpected(int b, int expect, int depth) {
    String what =
        switch (expect) {
          case VALUE -> "a value";
          case VALUE_OR_CLOSE -> "a value or ']'";
          case NAME -> "a field name in quotes";
          case NAME_OR_CLOSE -> "a field name in quotes or '}'";
          case COLON -> "':' after the field name";
          case AFTER_VALUE -> isObject[depth - 1] ? "',' or '}'" : "',' or ']'";
          default -> "',' or ']' after the record";
        };
    String shown =
        b >= 0x21 && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02X", b & 0xFF);
    return "unexpected " + shown + " at column " + column() + " where " + what + " should be";
  }

  /** The column (1-based, in bytes) of the byte at {@code pos}. */
  private long column() {
    return base + pos - lineStart + 1;
  }

  /** After the array (or the lone object): only whitespace may follow. */
  private void finish() throws IOException {
    done = true;
    if (skipWhitespace() >= 0) {
      throw new InputFormatException(
          line, 0, "unexpected content after the JSON array (for one object per line use NDJSON)");
    }
  }

  private void skipBom() throws IOException {
    // a body may arrive in reads shorter than the mark's three bytes
    if (fillAtLeast(3) >= 3
        && (buffer[pos] & 0xFF) == 0xEF
        && (buffer[pos + 1] & 0xFF) == 0xBB
        && (buffer[pos + 2] & 0xFF) == 0xBF) {
      pos += 3;
      lineStart = base + pos;
    }
  }

  /** Skips JSON whitespace; the next byte (not consumed), or -1 at the end. */
  private int skipWhitespace() throws IOException {
    while (fill()) {
      int b = buffer[pos];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b;
      }
      consume(b);
    }
    return -1;
  }

  /**
   * Steps over the byte at {@code pos}, counting lines (they end at \n, \r\n or a lone \r, as
   * Jackson counts them) and the indentation of each.
   */
  private void consume(int b) {
    pos++;
    if (b == '\n') {
      if (!afterCr) {
        line++;
      }
      afterCr = false;
      newLine();
    } else if (b == '\r') {
      line++;
      afterCr = true;
      newLine();
    } else {
      afterCr = false;
      if (inIndent) {
        if (b == ' ' || b == '\t') {
          indent++;
        } else {
          inIndent = false;
          lineIndent = indent;
        }
      }
    }
  }

  private void newLine() {
    lineStart = base + pos;
    inIndent = true;
    indent = 0;
  }
}
