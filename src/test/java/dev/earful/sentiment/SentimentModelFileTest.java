package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file: fast model, embedding stage and description survive a round trip. */
class SentimentModelFileTest {

  private static final String[] UNITS = Units.normalizeAll("the", "staff", "be", "rude");

  @Test
  void theShippedModelHasAStageAndRoundTrips(@TempDir Path dir) throws Exception {
    SentimentModel model = SentimentScorer.loadDefault(false).model();
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
  void aNumberIsNeverShownAsAWordThatCarriedALabel() {
    // "<num>" stands for any number in the model's features; the response dialog lists carriers
    // as words of the sentence, and a person cannot find "<num>" there.
    SentimentModel model = SentimentScorer.loadDefault(false).model();
    String[] units = Units.normalizeAll("i", "buy", "a", "petite", "and", "be", "5", "'", "8");
    assertTrue(List.of(units).contains(Units.NUMBER));
    for (dev.earful.domain.Polarity label : dev.earful.domain.Polarity.values()) {
      for (SentimentModel.Carrier c : model.carriers(units, label, 20)) {
        assertFalse(c.words().contains(Units.NUMBER), label + ": " + c);
      }
    }
  }

  @Test
  void aBareOpenNlpModelFromEarlierVersionsStillReadsWithoutAStage(@TempDir Path dir)
      throws Exception {
    SentimentModel model = SentimentScorer.loadDefault(false).model();
    Path file = dir.resolve("legacy.bin");
    try (var out = Files.newOutputStream(file)) {
      model.doccat().serialize(out);
    }
    SentimentModel back = SentimentModel.read(file);
    assertNull(back.stage());
    assertEquals(Map.of(), back.about());
    assertArrayEquals(model.probabilities(UNITS), back.probabilities(UNITS));
  }

  @Test
  void aTrainedModelRecordsTheFeatureSetItWasTrainedOn(@TempDir Path dir) throws Exception {
    SentimentModel model = tinyModel();
    assertEquals(SentimentFeatures.VERSION, model.featureSet());
    Path file = dir.resolve("m.bin");
    model.with(null, Map.of("built", "test")).write(file);
    SentimentModel back = SentimentModel.read(file);
    assertEquals(SentimentFeatures.VERSION, back.featureSet());
    assertTrue(back.readsItsOwnFeatures());
    assertEquals(Optional.empty(), back.featureSetWarning());
    // The version is a field of the file, not a line of its description.
    assertEquals(Map.of("built", "test"), back.about());
  }

  @Test
  void aModelFileWithoutAFeatureSetSaysItWasTrainedOnAnOlderOne(@TempDir Path dir)
      throws Exception {
    // Files written before session 9 (the previous built-in model among them) record none.
    SentimentModel old = OlderModels.previousRelease();
    assertEquals(SentimentModel.UNRECORDED, old.featureSet());
    assertFalse(old.readsItsOwnFeatures());
    Path file = dir.resolve("old.bin");
    old.write(file);
    SentimentModel back = SentimentModel.read(file);
    assertEquals(SentimentModel.UNRECORDED, back.featureSet());
    assertTrue(
        back.featureSetWarning().orElseThrow().startsWith("trained on an older feature set"));
  }

  @Test
  void theBuiltInModelWasTrainedOnTheFeaturesThisCodeComputes() {
    // Session 11's file; sessions 8-10 shipped one trained on older rules, with a warning in the
    // API and the page on every default install.
    SentimentModel shipped = SentimentScorer.loadDefault(false).model();
    assertEquals(SentimentFeatures.VERSION, shipped.featureSet());
    assertEquals(Optional.empty(), shipped.featureSetWarning());
  }

  @Test
  void aModelFromANewerFeatureSetSaysItIsNewerAndABadVersionIsRefused(@TempDir Path dir)
      throws Exception {
    SentimentModel newer =
        new SentimentModel(
            tinyModel().doccat(), null, null, Map.of(), SentimentFeatures.VERSION + 1);
    Path file = dir.resolve("newer.bin");
    newer.write(file);
    assertEquals(
        "trained on feature set "
            + (SentimentFeatures.VERSION + 1)
            + ", newer than this version of Earful, which reads feature set "
            + SentimentFeatures.VERSION
            + ": its scores may be off until it is trained again",
        SentimentModel.read(file).featureSetWarning().orElseThrow());

    Path bad = dir.resolve("bad.bin");
    newer.with(null, Map.of()).write(bad);
    byte[] bytes = rewriteAbout(Files.readAllBytes(bad), "featureSet=two\n");
    Files.write(bad, bytes);
    var e = assertThrows(java.io.UncheckedIOException.class, () -> SentimentModel.read(bad));
    assertTrue(e.getCause().getMessage().contains("featureSet='two', not a number"), e.toString());
  }

  /** A small fast model trained by this code on a few made-up sentences. */
  private static SentimentModel tinyModel() {
    List<opennlp.tools.doccat.DocumentSample> samples = new java.util.ArrayList<>();
    String[][] texts = {
      {"positive", "the staff be friendly"}, {"positive", "great service and friendly staff"},
      {"neutral", "i order a medium"}, {"neutral", "i call on tuesday"},
      {"negative", "the staff be rude"}, {"negative", "terrible service and rude staff"},
    };
    for (int k = 0; k < 3; k++) {
      for (String[] t : texts) {
        samples.add(
            SentimentTrainer.sample(dev.earful.domain.Polarity.parse(t[0]), t[1].split(" "), t[1]));
      }
    }
    return SentimentTrainer.train(samples, SentimentTrainer.Algorithm.MAXENT);
  }

  /** The model file's zip with its about.properties replaced by {@code about}. */
  private static byte[] rewriteAbout(byte[] zipBytes, String about) throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zipBytes));
        var zip = new java.util.zip.ZipOutputStream(out)) {
      for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] data = in.readAllBytes();
        if (e.getName().equals(SentimentModel.ABOUT_ENTRY)) {
          data = about.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        zip.write(data);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
