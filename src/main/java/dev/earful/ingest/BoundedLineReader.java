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

/**
 * The physical lines of a file, each read as bytes up to a bound and decoded on its own: a line
 * longer than the bound is counted and skipped without being held (a 1 GB line costs 64 KiB of
 * buffer, not an OutOfMemoryError), and a byte the charset does not allow is reported with its line
 * and column instead of ending the read. CSV records and NDJSON lines are both read through it.
 * {@code BufferedReader.readLine} holds a whole line whatever its length, so it cannot do this.
 *
 * <p>Only for charsets in which a line break is the byte {@code \n} or {@code \r} (UTF-8 and the
 * single-byte charsets).
 */
final class BoundedLineReader extends ByteWindow {

  /**
   * One physical line: its text without the break, or the problem that kept it from being read; its
   * length in bytes, and the break that ended it ("\n", "\r\n", "\r", or "" at the end).
   */
  record Line(long number, String text, String problem, int bytes, String end) {
    /** True for a line skipped for its length (its bytes were never kept). */
    boolean tooLong() {
      return problem != null && bytes == 0;
    }
  }

  private final Charset charset;
  private final int maxLineBytes;
  private final String lengthHint;
  private final String charsetHint;
  private long lineNumber;
  private boolean first = true;

  /**
   * @param lengthHint said after a line past the bound, e.g. " (--max-line-bytes raises the bound)"
   * @param charsetHint said after a byte the charset does not allow
   */
  BoundedLineReader(
      InputStream in, Charset charset, int maxLineBytes, String lengthHint, String charsetHint) {
    super(in);
    this.charset = charset;
    this.maxLineBytes = maxLineBytes;
    this.lengthHint = lengthHint;
    this.charsetHint = charsetHint;
  }

  /** The next line, or null at the end of the input. A UTF-8 byte order mark is skipped. */
  Line next() {
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
        if (total < maxLineBytes) {
          kept.write(buffer, pos, (int) Math.min(n, maxLineBytes - total));
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
      if (total > maxLineBytes) {
        return new Line(
            number,
            null,
            "the line is longer than "
                + maxLineBytes
                + " bytes ("
                + total
                + "); it is skipped"
                + lengthHint,
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
    if (charset.equals(StandardCharsets.UTF_8)) {
      // The JDK's own UTF-8 decoding into a String is several times faster than a CharsetDecoder
      // (a sixth of the NDJSON parse in a profile of an HTTP import). It replaces each malformed
      // sequence with U+FFFD and decodes valid input exactly as the strict decoder below does, so a
      // line without U+FFFD is valid and done; one with it (malformed, or a real U+FFFD) goes
      // through the strict decoder, which finds the bad byte's column or decodes it the same.
      String text = new String(bytes, skip, bytes.length - skip, StandardCharsets.UTF_8);
      if (text.indexOf('\uFFFD') < 0) {
        return new Line(number, text, null, bytes.length, lineEnd);
      }
    }
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
              "byte 0x%02X at column %d is not valid %s text%s",
              bytes[at] & 0xFF, at - skip + 1, charset.name(), charsetHint),
          bytes.length,
          lineEnd);
    }
    output.flip();
    return new Line(number, output.toString(), null, bytes.length, lineEnd);
  }
}
