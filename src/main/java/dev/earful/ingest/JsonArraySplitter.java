package dev.earful.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Splits a JSON array (or a lone object) into the bytes of its elements, before any JSON parsing,
 * so that each element is parsed on its own and one huge or broken element costs that element: the
 * scanner follows only strings, escapes and nesting, keeps at most {@code maxRecordBytes} of an
 * element and counts the rest without holding it (a 1 GB element costs a 64 KiB buffer). Jackson's
 * streaming parser cannot do this: it holds a whole string token before it can say it is too long,
 * and after such an error its position in the input is lost, so the elements after it could not be
 * read.
 *
 * <p>Structural damage that leaves no next element to find (the array or a string is not closed by
 * the end of the input, content after the array) ends the read with an {@link InputFormatException}
 * naming the line; the elements before it have been handed out.
 */
final class JsonArraySplitter extends ByteWindow {

  /** One element: the line it starts on, its bytes, or the problem that kept it from being read. */
  record Element(long line, byte[] bytes, String problem) {}

  private final int maxRecordBytes;
  private long line = 1;
  private boolean afterCr;
  private boolean started;
  private boolean single; // the input is one object, not an array
  private boolean done;

  JsonArraySplitter(InputStream in, int maxRecordBytes) {
    super(in);
    this.maxRecordBytes = maxRecordBytes;
  }

  /** The next element, or null after the last one. */
  Element next() {
    try {
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
          pos++;
          int after = skipWhitespace();
          if (after == ']') {
            pos++;
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
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    long total = 0;
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    long stringLine = 0;
    while (true) {
      if (!fill()) {
        if (single && depth == 0 && !inString) {
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
            && buffer[i] != '\r') {
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
      if (!inString && depth == 0 && !single && (b == ',' || b == ']')) {
        pos++;
        if (b == ']') {
          finish();
        }
        break;
      }
      pos++;
      countLine(b);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
        stringLine = line;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if ((b == '}' || b == ']') && depth > 0) {
        depth--;
        if (single && depth == 0) {
          if (total < maxRecordBytes) {
            kept.write(b);
          }
          total++;
          finish();
          break;
        }
      }
      if (total < maxRecordBytes) {
        kept.write(b);
      }
      total++;
    }
    if (total > maxRecordBytes) {
      return new Element(
          start,
          null,
          "the record is longer than " + maxRecordBytes + " bytes (" + total + "); it is skipped");
    }
    byte[] bytes = kept.toByteArray();
    if (isBlank(bytes)) {
      return new Element(start, null, "no value between two commas of the array");
    }
    return new Element(start, bytes, null);
  }

  /** After the array (or the lone object): only whitespace may follow. */
  private void finish() throws IOException {
    done = true;
    if (skipWhitespace() >= 0) {
      throw new InputFormatException(
          line, 0, "unexpected content after the JSON array (for one object per line use NDJSON)");
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private void skipBom() throws IOException {
    // a body may arrive in reads shorter than the mark's three bytes
    if (fillAtLeast(3) >= 3
        && (buffer[pos] & 0xFF) == 0xEF
        && (buffer[pos + 1] & 0xFF) == 0xBB
        && (buffer[pos + 2] & 0xFF) == 0xBF) {
      pos += 3;
    }
  }

  /** Skips JSON whitespace; the next byte (not consumed), or -1 at the end. */
  private int skipWhitespace() throws IOException {
    while (fill()) {
      int b = buffer[pos];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b;
      }
      pos++;
      countLine(b);
    }
    return -1;
  }

  /** Lines end at \n, \r\n or a lone \r, as Jackson counts them. */
  private void countLine(int b) {
    if (b == '\n') {
      if (!afterCr) {
        line++;
      }
      afterCr = false;
    } else if (b == '\r') {
      line++;
      afterCr = true;
    } else {
      afterCr = false;
    }
  }
}
