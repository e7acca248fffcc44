package dev.earful.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The real quantized all-MiniLM-L6-v2 from the classpath: no stub, no network. */
class MiniLmEncoderTest {

  private static final SentenceEncoder ENCODER = MiniLmEncoder.shared();

  private static double cos(String a, String b) {
    return SentenceEncoder.cosine(ENCODER.encode(a), ENCODER.encode(b));
  }

  @Test
  void pinsCosinesOfWordingsWithAndWithoutSharedMeaning() {
    // Values measured with this model and pinned to two decimals.
    assertEquals(0.66, cos("late delivery", "parcel arrived two weeks late"), 0.01);
    assertEquals(0.87, cos("luggage", "baggage"), 0.01);
    assertEquals(0.00, cos("late delivery", "app keeps crashing"), 0.01);
    assertEquals(0.75, cos("rude staff", "friendly staff"), 0.01);
  }

  @Test
  void givesUnitVectorsOfTheModelsDimension() {
    float[] v = ENCODER.encode("the app is slow");
    assertEquals(384, ENCODER.dimensions());
    assertEquals(384, v.length);
    assertEquals(1.0, SentenceEncoder.cosine(v, v), 1e-5);
  }

  @Test
  void encodesAListInOrderExactlyAsOneByOne() {
    List<String> texts =
        List.of("too expensive", "keeps logging me out", "nobody called back", "never arrived");
    List<float[]> all = ENCODER.encodeAll(texts);
    assertEquals(texts.size(), all.size());
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(ENCODER.encode(texts.get(i)), all.get(i), texts.get(i));
    }
  }

  @Test
  void givesTheSameVectorOnEveryThread() throws Exception {
    float[] expected = ENCODER.encode("the courier turned up days after the promised date");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> runs =
          pool.invokeAll(
              java.util.Collections.nCopies(
                  8, () -> ENCODER.encode("the courier turned up days after the promised date")));
      for (Future<float[]> run : runs) {
        assertArrayEquals(expected, run.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void rejectsABlankText() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ENCODER.encode("  "));
    assertEquals("a blank text has no meaning to encode", e.getMessage());
  }

  @Test
  void rejectsVectorsOfDifferentLengths() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SentenceEncoder.cosine(new float[] {1}, new float[] {1, 0}));
  }
}
