package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file: fast model, embedding stage and description survive a round trip. */
class SentimentModelFileTest {

  private static final String[] UNITS = Units.normalizeAll("the", "staff", "be", "rude");

  @Test
  void theShippedModelHasAStageAndRoundTrips(@TempDir Path dir) throws Exception {
    SentimentModel model = SentimentScorer.loadDefault().model();
    assertNotNull(model.stage());
    assertEquals(384, model.stage().dimensions());
    Path file = dir.resolve("m.bin");
    model.write(file);
    SentimentModel back = SentimentModel.read(file);
    assertEquals(model.about(), back.about());
    assertArrayEquals(model.probabilities(UNITS), back.probabilities(UNITS));
    assertEquals(model.stage().threshold(), back.stage().threshold());
    assertEquals(model.stage().mix(), back.stage().mix());
  }

  @Test
  void aBareOpenNlpModelFromEarlierVersionsStillReadsWithoutAStage(@TempDir Path dir)
      throws Exception {
    SentimentModel model = SentimentScorer.loadDefault().model();
    Path file = dir.resolve("legacy.bin");
    try (var out = Files.newOutputStream(file)) {
      model.doccat().serialize(out);
    }
    SentimentModel back = SentimentModel.read(file);
    assertNull(back.stage());
    assertEquals(Map.of(), back.about());
    assertArrayEquals(model.probabilities(UNITS), back.probabilities(UNITS));
  }
}
