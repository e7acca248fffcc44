package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

  @Test
  void keepsARealReplacementCharacterAndReportsAMalformedByte() {
    byte[] text = "{\"comment\":\"a \uFFFD b\"}\n".getBytes(StandardCharsets.UTF_8);
    BoundedLineReader.Line line = reader(text).next();
    assertEquals("{\"comment\":\"a \uFFFD b\"}", line.text());
    assertNull(line.problem());

    byte[] bad = {'a', 'b', (byte) 0xE9, 'c', '\n'};
    BoundedLineReader.Line broken = reader(bad).next();
    assertNull(broken.text());
    assertEquals("byte 0xE9 at column 3 is not valid UTF-8 text", broken.problem());
  }

  /** Every line, valid or not, reads as the JDK's strict UTF-8 decoder reads it. */
  @Test
  void decodesEveryLineAsTheStrictDecoderDoes() {
    SplittableRandom rnd = new SplittableRandom(14);
    String[] pieces = {"a", "é", "日", "😀", "\uFFFD", " ", "\"", "{}"};
    for (int i = 0; i < 2_000; i++) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int k = rnd.nextInt(12); k >= 0; k--) {
        if (rnd.nextInt(10) == 0) {
          b.write(0x80 + rnd.nextInt(0x80)); // a stray byte of a multi-byte sequence
        } else {
          b.writeBytes(pieces[rnd.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] bytes = b.toByteArray();
      byte[] input = java.util.Arrays.copyOf(bytes, bytes.length + 1);
      input[bytes.length] = '\n';
      BoundedLineReader.Line line = reader(input).next();
      try {
        String strict =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        assertEquals(strict, line.text());
        assertNull(line.problem());
      } catch (CharacterCodingException e) {
        assertNull(line.text());
        assertEquals(true, line.problem().contains("is not valid UTF-8 text"), line.problem());
      }
    }
  }

  private static BoundedLineReader reader(byte[] bytes) {
    return new BoundedLineReader(
        new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, 1 << 20, "", "");
  }
}
