package dev.earful.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real quantized bge-small-en-v1.5 from the classpath: no stub, no network. */
class BgeSmallEncoderTest {

  private static final SentenceEncoder ENCODER = BgeSmallEncoder.shared();

  private static double cos(String a, String b) {
    return SentenceEncoder.cosine(ENCODER.encode(a), ENCODER.encode(b));
  }

  @Test
  void pinsCosinesOfThisModel() {
    // Measured with this model and pinned to two decimals; its cosines sit higher than MiniLM's
    // (unrelated texts near 0.45), so no threshold set for one model carries to the other.
    assertEquals(0.82, cos("late delivery", "parcel arrived two weeks late"), 0.01);
    assertEquals(0.92, cos("luggage", "baggage"), 0.01);
    assertEquals(0.45, cos("late delivery", "app keeps crashing"), 0.01);
  }

  @Test
  void placesPraiseNearerPraiseThanComplaint() {
    String praise = "This is an extraordinary film.";
    assertTrue(cos(praise, "A wonderful movie.") > cos(praise, "What a waste of two hours.") + 0.2);
  }

  @Test
  void givesUnitVectorsInOrderAsOneByOne() {
    List<String> texts = List.of("too expensive", "keeps logging me out", "never arrived");
    List<float[]> all = ENCODER.encodeAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(384, all.get(i).length);
      assertEquals(1.0, SentenceEncoder.cosine(all.get(i), all.get(i)), 1e-5);
      assertArrayEquals(ENCODER.encode(texts.get(i)), all.get(i), texts.get(i));
    }
  }

  @Test
  void isFoundByTheNameAModelFileRecords() {
    assertSame(ENCODER, SentenceEncoder.named(BgeSmallEncoder.NAME));
    assertSame(MiniLmEncoder.shared(), SentenceEncoder.named(MiniLmEncoder.NAME));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SentenceEncoder.named("word2vec"));
    assertEquals(
        "unknown sentence encoder 'word2vec' (known: all-minilm-l6-v2-q, bge-small-en-v1.5-q)",
        e.getMessage());
  }
}
