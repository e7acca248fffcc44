package dev.earful.ingest;

import java.io.InputStream;

/**
 * A head, {@code n} bytes of 'x' made as they are read, and a tail: a file with a line or record of
 * a gigabyte that neither the disk nor the heap ever holds, for the tests of bounded reading.
 */
public final class GeneratedStream extends InputStream {
  private final byte[] head;
  private final long n;
  private final byte[] tail;
  private long pos;

  public GeneratedStream(byte[] head, long n, byte[] tail) {
    this.head = head;
    this.n = n;
    this.tail = tail;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    long total = head.length + n + tail.length;
    if (pos >= total) {
      return -1;
    }
    int count = (int) Math.min(len, total - pos);
    for (int i = 0; i < count; i++) {
      long p = pos + i;
      if (p < head.length) {
        b[off + i] = head[(int) p];
      } else if (p < head.length + n) {
        int run = (int) Math.min(count - i, head.length + n - p);
        java.util.Arrays.fill(b, off + i, off + i + run, (byte) 'x');
        i += run - 1;
      } else {
        b[off + i] = tail[(int) (p - head.length - n)];
      }
    }
    pos += count;
    return count;
  }
}
