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

  /**
   * An offset in the input that a reader may go back to, or -1: refills keep the bytes from it on
   * in the window while they fit (a reader that meets damage can then rewind to it even when the
   * damage is found after a refill); when they no longer fit the mark is dropped (-1).
   */
  protected long mark = -1;

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
    int kept = keepMarked();
    int n = in.read(buffer, kept, buffer.length - kept);
    if (n <= 0) {
      eof = true;
      return false;
    }
    base += limit - kept;
    pos = kept;
    limit = kept + n;
    return true;
  }

  /**
   * With the window used up, moves the marked bytes to its start and returns how many there are (0
   * without a mark, or after dropping one that would fill the window).
   */
  private int keepMarked() {
    if (mark < base || mark >= base + limit) {
      mark = -1;
      return 0;
    }
    int from = (int) (mark - base);
    int kept = limit - from;
    if (kept > buffer.length / 2) {
      mark = -1; // too far back to keep without starving the reads
      return 0;
    }
    System.arraycopy(buffer, from, buffer, 0, kept);
    return kept;
  }

  /**
   * Reads on until {@code n} bytes are in the window or the input ends (an input may arrive in
   * reads of a byte or two); the bytes in the window afterwards, which may be fewer.
   */
  protected final int fillAtLeast(int n) throws IOException {
    if (!fill()) {
      return 0;
    }
    // compact from the mark when there is one before pos, so that it stays in the window
    int from = mark >= base && mark < base + pos ? (int) (mark - base) : pos;
    if (limit - pos < n && from > 0) {
      System.arraycopy(buffer, from, buffer, 0, limit - from);
      base += from;
      limit -= from;
      pos -= from;
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
