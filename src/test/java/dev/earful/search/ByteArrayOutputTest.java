package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataOutput;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteArrayOutput} writes the bytes Lucene's {@link ByteBuffersDataOutput} writes (the
 * encoding the stored analyses were written with), for seeded sequences of every kind of write,
 * from a tiny first capacity through many growths.
 */
class ByteArrayOutputTest {

  @Test
  void writesWhatLucenesOutputWrites() throws IOException {
    SplittableRandom random = new SplittableRandom(2026);
    for (int run = 0; run < 300; run++) {
      ByteBuffersDataOutput lucene = new ByteBuffersDataOutput();
      ByteArrayOutput ours = new ByteArrayOutput(random.nextInt(40));
      int writes = random.nextInt(run % 10 == 0 ? 3_000 : 60);
      for (int w = 0; w < writes; w++) {
        int kind = random.nextInt(9);
        long value = random.nextLong() >> random.nextInt(64);
        String text = text(random);
        byte[] raw = new byte[random.nextInt(1 + random.nextInt(2_000))];
        random.nextBytes(raw);
        for (DataOutput out : new DataOutput[] {lucene, ours}) {
          switch (kind) {
            case 0 -> out.writeByte((byte) value);
            case 1 -> out.writeVInt((int) value & Integer.MAX_VALUE);
            case 2 -> out.writeZInt((int) value);
            case 3 -> out.writeZLong(value);
            case 4 -> out.writeLong(value);
            case 5 -> out.writeVLong(value & Long.MAX_VALUE);
            case 6 -> out.writeString(text);
            case 7 -> out.writeBytes(raw, 0, raw.length);
            default -> out.writeInt((int) value);
          }
        }
      }
      assertArrayEquals(lucene.toArrayCopy(), ours.toArray(), "run " + run);
    }
  }

  /** Empty, ASCII, accented, CJK and emoji text of varied length. */
  private static String text(SplittableRandom random) {
    String[] parts = {"", "a", "staff", "é", "ü", "日本", "😀", " ", "\u001F", "\u0000"};
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(random.nextInt(10) == 0 ? 400 : 8);
    for (int i = 0; i < n; i++) {
      b.append(parts[random.nextInt(parts.length)]);
    }
    return b.toString();
  }
}
