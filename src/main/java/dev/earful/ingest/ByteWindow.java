package dev.earful.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * A window of 64 KiB over an input stream, for the readers that scan bytes themselves to keep a
 * record's size bounded (BoundedLineReader, JsonArraySplitter): {@code buffer[pos, limit)} is read
 * and not yet consumed. Hand-written because BufferedInputStream hides its buffer, and both readers
 * scan it in place without copying a byte they may skip.
 */
abstract class ByteWindow {

  protected final InputStream in;
  protected final byte[] buffer = new byte[1 << 16];
  protected int pos;
  protected int limit;
  protected boolean eof;

  /** The offset in the input of {@code buffer[0]}, so a reader can tell where a byte was. */
  protected long base;

  protected ByteWindow(InputStream in) {
    this.in = in;
  }

  /** Refills the buffer when it is used up; false at the end of the input. */
  protected final boolean fill() throws IOException {
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
    base += limit;
    pos = 0;
    limit = n;
    return true;
  }

  /**
   * Reads on until {@code n} bytes are in the window or the input ends (an input may arrive in
   * reads of a byte or two); the bytes in the window afterwards, which may be fewer.
   */
  protected final int fillAtLeast(int n) throws IOException {
    if (!fill()) {
      return 0;
    }
    if (limit - pos < n && pos > 0) {
      System.arraycopy(buffer, pos, buffer, 0, limit - pos);
      base += pos;
      limit -= pos;
      pos = 0;
    }
    while (limit - pos < n && !eof && limit < buffer.length) {
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        eof = true;
      } else {
        limit += read;
      }
    }
    return limit - pos;
  }
}
