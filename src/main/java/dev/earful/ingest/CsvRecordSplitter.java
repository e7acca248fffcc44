package dev.earful.ingest;

import dev.earful.ingest.BoundedLineReader.Line;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits a CSV file into the text of its records before any CSV parsing, so that one damaged row
 * costs that row and not the file: each physical line is read as bytes up to a bound (a 1 GB line
 * is skipped in constant memory, never held), decoded on its own (a byte the charset does not allow
 * is reported with its line and column), and lines are joined while a quoted field is open (RFC
 * 4180 line breaks inside quotes). A quote that is still open at the end of the file, or after
 * {@code maxRecordBytes}, is reported on the line that opened it, and reading resumes on the line
 * after it: the rows after a broken quote are not swallowed.
 *
 * <p>Only for charsets in which a line break is the byte {@code \n} or {@code \r} (UTF-8 and the
 * single-byte charsets); {@link #handles(Charset)} says which.
 */
final class CsvRecordSplitter {

  /** A record's text and the line it starts on; {@code problem} set when it cannot be read. */
  record Chunk(long line, String text, String problem, boolean multiLine) {}

  private final BoundedLineReader lines;
  private final int maxRecordBytes;
  private final Deque<Line> replay = new ArrayDeque<>();
  private List<Line> lastTaken = List.of();

  CsvRecordSplitter(InputStream in, Charset charset, int maxRecordBytes) {
    this.lines =
        new BoundedLineReader(
            in,
            charset,
            maxRecordBytes,
            " (--max-line-bytes raises the bound)",
            " (a file in another encoding, or one that mixes two: pass --charset, e.g. windows-1252"
                + " for an Excel export)");
    this.maxRecordBytes = maxRecordBytes;
  }

  private Line nextLine() {
    return replay.isEmpty() ? lines.next() : replay.removeFirst();
  }

  /** Whether a line break in {@code charset} is always the byte 10 or 13 (not UTF-16). */
  static boolean handles(Charset charset) {
    return charset.equals(StandardCharsets.UTF_8)
        || (charset.newEncoder().maxBytesPerChar() == 1
            && java.util.Arrays.equals(
                "\n\r\",;\t".getBytes(charset), new byte[] {10, 13, 34, 44, 59, 9}));
  }

  /** The next record, or null at the end of the file. */
  Chunk next() {
    Line start = nextLine();
    if (start == null) {
      return null;
    }
    lastTaken = List.of(start);
    if (start.problem() != null) {
      return new Chunk(start.number(), null, start.problem(), false);
    }
    if (quotesBalanced(start.text(), true)) {
      return new Chunk(start.number(), start.text(), null, false);
    }
    List<Line> taken = new ArrayList<>();
    taken.add(start);
    StringBuilder text = new StringBuilder(start.text());
    long bytes = start.bytes();
    boolean open = true;
    while (open) {
      Line l = nextLine();
      if (l == null || bytes + l.bytes() > maxRecordBytes) {
        if (l != null) {
          replay.addFirst(l);
        }
        Line second = taken.size() > 1 ? taken.get(1) : l;
        lastTaken = taken;
        replayAfterFirst();
        // The first line's text goes with the problem, and the line after it: the reader may
        // still read the first as a row whose quote is a literal character when the next line is
        // a row too, not the rest of a record that spans lines (see CsvResponseReader.parseChunk).
        return new Chunk(
            start.number(),
            second == null ? start.text() : start.text() + start.end() + second.text(),
            "a quote opened on this line is not closed "
                + (l == null ? "before the end of the file" : "within " + maxRecordBytes + " bytes")
                + "; the row is skipped and reading goes on with the next line",
            true);
      }
      if (l.problem() != null) {
        // the bad line is reported; what the open field held before it goes with it
        lastTaken = taken;
        return new Chunk(l.number(), null, l.problem(), true);
      }
      // The break inside the quoted field is kept as the file has it (a review written on
      // Windows keeps its "\r\n"), as a CSV parser reading the whole file would keep it.
      text.append(taken.get(taken.size() - 1).end()).append(l.text());
      bytes += l.bytes() + taken.get(taken.size() - 1).end().length();
      taken.add(l);
      open = !quotesBalanced(l.text(), false);
    }
    lastTaken = taken;
    return new Chunk(start.number(), text.toString(), null, true);
  }

  /**
   * The last record's text did not make a row (its quotes pair up only by swallowing other rows):
   * its lines after the first are read again as records of their own.
   */
  void replayAfterFirst() {
    for (int i = lastTaken.size() - 1; i >= 1; i--) {
      replay.addFirst(lastTaken.get(i));
    }
    lastTaken = lastTaken.isEmpty() ? List.of() : List.of(lastTaken.get(0));
  }

  // Whether the current record is inside a quoted field at the end of the last line seen.
  private boolean inQuotes;
  private char delimiter; // 0 until known: then any of , ; and tab ends a field

  /** The delimiter, once the header has been read. */
  void delimiter(char d) {
    this.delimiter = d;
  }

  /**
   * Follows RFC 4180 quoting over one line: a quote opens a quoted field only at the start of a
   * field (as commons-csv reads it; elsewhere it is a literal character), {@code ""} inside one is
   * a quote, and a lone quote closes it. True when the record ends with this line.
   */
  private boolean quotesBalanced(String line, boolean startsRecord) {
    if (startsRecord) {
      inQuotes = false;
    }
    boolean fieldStart = startsRecord;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          int pair = escapedQuote(line, i);
          inQuotes = pair >= 0;
          i = Math.max(i, pair);
        }
        fieldStart = false;
      } else if (delimiter == 0 ? c == ',' || c == ';' || c == '\t' : c == delimiter) {
        fieldStart = true;
      } else {
        if (c == '"' && fieldStart) {
          inQuotes = true;
        }
        fieldStart = false;
      }
    }
    return !inQuotes;
  }

  /**
   * At a quote {@code i} inside a quoted field: the index of the second quote when the two are an
   * escaped quote ({@code ""}), else -1 (the quote closes the field).
   */
  static int escapedQuote(CharSequence text, int i) {
    return i + 1 < text.length() && text.charAt(i + 1) == '"' ? i + 1 : -1;
  }
}
