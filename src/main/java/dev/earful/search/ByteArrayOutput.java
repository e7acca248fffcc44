package dev.earful.search;

import java.util.Arrays;
import org.apache.lucene.store.DataOutput;

/**
 * A {@link DataOutput} into one growing array, for the stored analysis and record of a response:
 * the same bytes as Lucene's {@code ByteBuffersDataOutput} (every encoding is {@link DataOutput}'s
 * own), without its blocks of {@code ByteBuffer}s, whose allocation and per-byte bounds checks were
 * about 1.5% of the server's CPU in a profile of an HTTP import (some hundred bytes per response).
 */
final class ByteArrayOutput extends DataOutput {

  private byte[] bytes;
  private int length;

  ByteArrayOutput(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  @Override
  public void writeByte(byte b) {
    if (length == bytes.length) {
      bytes = Arrays.copyOf(bytes, 2 * length);
    }
    bytes[length++] = b;
  }

  @Override
  public void writeBytes(byte[] b, int offset, int n) {
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + n));
    }
    System.arraycopy(b, offset, bytes, length, n);
    length += n;
  }

  /** A copy of what was written. */
  byte[] toArray() {
    return Arrays.copyOf(bytes, length);
  }
}
