package dev.earful.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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

  /**
   * One physical line: its text without the break, and the break that ended it ("\n", "\r\n", "\r",
   * or "" at the end of the file), which a quoted field spanning lines keeps as it was.
   */
  private record Line(long number, String text, String problem, int bytes, String end) {}

  private final InputStream in;
  private final Charset charset;
  private final int maxRecordBytes;
  private final Deque<Line> replay = new ArrayDeque<>();
  private List<Line> lastTaken = List.of();
  private long lineNumber;
  private boolean first = true;

  CsvRecordSplitter(InputStream in, Charset charset, int maxRecordBytes) {
    this.in = in;
    this.charset = charset;
    this.maxRecordBytes = maxRecordBytes;
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
        lastTaken = taken;
        replayAfterFirst();
        return new Chunk(
            start.number(),
            null,
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
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            i++;
          } else {
            inQuotes = false;
          }
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

  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;

  /** Refills the buffer when it is used up; false at the end of the file. */
  private boolean fill() throws IOException {
    if (pos < limit) {
      return true;
    }
    if (eof) {
      return false;
    }
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private Line nextLine() {
    if (!replay.isEmpty()) {
      return replay.removeFirst();
    }
    try {
      if (!fill()) {
        return null;
      }
      lineNumber++;
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      long total = 0;
      int end = -1; // the line break byte that ended the line, -1 at the end of the file
      while (end < 0 && fill()) {
        int i = pos;
        while (i < limit && buffer[i] != '\n' && buffer[i] != '\r') {
          i++;
        }
        int n = i - pos;
        if (total < maxRecordBytes) {
          kept.write(buffer, pos, (int) Math.min(n, maxRecordBytes - total));
        }
        total += n;
        if (i < limit) {
          end = buffer[i];
          pos = i + 1;
        } else {
          pos = limit;
        }
      }
      String lineEnd = end < 0 ? "" : end == '\r' ? "\r" : "\n";
      if (end == '\r' && fill() && buffer[pos] == '\n') {
        pos++;
        lineEnd = "\r\n";
      }
      long number = lineNumber;
      if (total > maxRecordBytes) {
        return new Line(
            number,
            null,
            "the line is longer than "
                + maxRecordBytes
                + " bytes ("
                + total
                + "); it is skipped (--max-line-bytes raises the bound)",
            0,
            lineEnd);
      }
      byte[] bytes = kept.toByteArray();
      int skip = 0;
      if (first) {
        first = false;
        if (charset.equals(StandardCharsets.UTF_8)
            && bytes.length >= 3
            && (bytes[0] & 0xFF) == 0xEF
            && (bytes[1] & 0xFF) == 0xBB
            && (bytes[2] & 0xFF) == 0xBF) {
          skip = 3; // a byte order mark
        }
      }
      return decode(number, bytes, skip, lineEnd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Line decode(long number, byte[] bytes, int skip, String lineEnd) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
    CharBuffer output =
        CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 1);
    CoderResult result = decoder.decode(input, output, true);
    if (!result.isError()) {
      result = decoder.flush(output);
    }
    if (result.isError()) {
      int at = input.position();
      return new Line(
          number,
          null,
          String.format(
              "byte 0x%02X at column %d is not valid %s text (a file in another encoding, or one"
                  + " that mixes two: pass --charset, e.g. windows-1252 for an Excel export)",
              bytes[at] & 0xFF, at - skip + 1, charset.name()),
          bytes.length,
          lineEnd);
    }
    output.flip();
    return new Line(number, output.toString(), null, bytes.length, lineEnd);
  }
}
