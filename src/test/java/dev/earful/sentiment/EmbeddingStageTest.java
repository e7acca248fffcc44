package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.earful.domain.Polarity;
import dev.earful.embed.BgeSmallEncoder;
import dev.earful.embed.MiniLmEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The embedding stage names the encoder it was fitted on and is scored only with that one; a stage
 * that refines only the lean keeps the fast model's neutral probability.
 */
class EmbeddingStageTest {

  private static final int D = 4;

  private static double[][] weights() {
    double[][] w = new double[3][D + EmbeddingStage.DENSE + 1];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < w[k].length; i++) {
        w[k][i] = (k + 1) * 0.01 * (i - 3);
      }
    }
    return w;
  }

  private static EmbeddingStage roundTrip(EmbeddingStage stage) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      stage.write(out);
    }
    return EmbeddingStage.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  @Test
  void keepsItsEncodersNameThroughTheFile() throws IOException {
    EmbeddingStage stage = new EmbeddingStage(weights(), BgeSmallEncoder.NAME, D, 0.6, 0.95);
    EmbeddingStage back = roundTrip(stage);
    assertEquals(BgeSmallEncoder.NAME, back.encoder());
    assertEquals(0.6, back.mix());
    assertEquals(0.95, back.threshold());
    float[] v = {0.5f, -0.5f, 0.5f, 0.5f};
    String[] units = Units.normalizeAll("the", "film", "be", "dull");
    assertEquals(stage.probabilities(v, units)[0], back.probabilities(v, units)[0], 1e-15);
    assertEquals(BgeSmallEncoder.NAME, back.with(0.3, 0.8).encoder());
  }

  @Test
  void aLeanOnlyStageKeepsTheFastModelsNeutralAndSharesThePolarMassByTheBlend() throws IOException {
    EmbeddingStage every = new EmbeddingStage(weights(), BgeSmallEncoder.NAME, D, 0.5, 0.98);
    EmbeddingStage lean = roundTrip(every.polarOnly(true));
    assertEquals(true, lean.polarOnly());
    assertEquals(false, every.polarOnly());
    float[] v = {0.5f, -0.5f, 0.5f, 0.5f};
    String[] units = Units.normalizeAll("i", "order", "a", "medium");
    double[] fast = {0.1, 0.7, 0.2};
    double[] blended = every.refine(fast, v, units);
    double[] kept = lean.refine(fast, v, units);
    int pos = Polarity.POSITIVE.ordinal();
    int neg = Polarity.NEGATIVE.ordinal();
    int neutral = Polarity.NEUTRAL.ordinal();
    assertEquals(0.7, kept[neutral], 1e-12);
    assertEquals(1.0, kept[pos] + kept[neg] + kept[neutral], 1e-12);
    assertEquals(blended[pos] / blended[neg], kept[pos] / kept[neg], 1e-9);
  }

  @Test
  void leavesClausesWithANegatorToTheFastModelUnlessItReadsThem() throws IOException {
    EmbeddingStage stage = new EmbeddingStage(weights(), BgeSmallEncoder.NAME, D, 0.5, 0.98);
    String[] negated = Units.normalizeAll("no", "complaint");
    String[] plain = Units.normalizeAll("the", "film", "be", "dull");
    double[] unsure = {0.4, 0.3, 0.3};
    double[] sure = {0.99, 0.005, 0.005};
    assertEquals(false, stage.wanted(unsure, negated));
    assertEquals(true, stage.wanted(unsure, plain));
    assertEquals(false, stage.wanted(sure, plain));
    EmbeddingStage reads = roundTrip(stage.readsNegations(true));
    assertEquals(true, reads.readsNegations());
    assertEquals(true, reads.wanted(unsure, negated));
    assertEquals(false, reads.wanted(sure, negated));
  }

  @Test
  void readsAStageWrittenBeforeItNamedItsEncoderAsMiniLms() throws IOException {
    // Version 1 (every model file up to session 19) had no name: its stage read MiniLM vectors.
    double[][] w = weights();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeInt(D);
      out.writeInt(w[0].length);
      out.writeDouble(0.5);
      out.writeDouble(0.9);
      for (double[] row : w) {
        for (double x : row) {
          out.writeDouble(x);
        }
      }
    }
    EmbeddingStage old =
        EmbeddingStage.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(MiniLmEncoder.NAME, old.encoder());
    assertEquals(0.9, old.threshold());
    assertEquals(false, old.polarOnly());
    assertEquals(false, old.readsNegations());
  }

  @Test
  void aScorerRefusesAnEncoderTheStageWasNotFittedOn() {
    SentimentModel shipped = SentimentScorer.loadDefault(false).model();
    String other =
        shipped.stage().encoder().equals(MiniLmEncoder.NAME)
            ? BgeSmallEncoder.NAME
            : MiniLmEncoder.NAME;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SentimentScorer(
                    shipped, "test", dev.earful.embed.SentenceEncoder.named(other)));
    assertEquals(
        "the model's embedding stage reads "
            + shipped.stage().encoder()
            + " vectors, the encoder is "
            + other,
        e.getMessage());
  }

  @Test
  void theFastStageNeverLoadsTheStagesEncoder(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    // A folder's own model whose stage names an encoder this release does not have: only a
    // scorer that runs the stage may ask for it (review R5 of session 20).
    SentimentModel fast = SentimentScorer.loadDefault(false).model();
    double[][] w = new double[3][384 + EmbeddingStage.DENSE + 1];
    SentimentModel odd =
        fast.with(new EmbeddingStage(w, "no-such-encoder", 384, 0.5, 0.98), fast.about());
    java.nio.file.Path file = SentimentScorer.overrideIn(dir);
    java.nio.file.Files.createDirectories(file.getParent());
    odd.write(file);
    assertEquals(false, SentimentScorer.load(dir, false).cascade());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SentimentScorer.load(dir, true));
    assertEquals(true, e.getMessage().startsWith("unknown sentence encoder 'no-such-encoder'"));
  }

  @Test
  void theFastScorerOfTheDefaultModelRunsNoStage() {
    SentimentScorer fast = SentimentScorer.loadDefault(false);
    assertEquals(false, fast.cascade());
    assertEquals(true, SentimentScorer.loadDefault().cascade());
  }
}
