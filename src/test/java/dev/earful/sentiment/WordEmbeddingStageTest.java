package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.earful.embed.MiniLmEncoder;
import dev.earful.embed.SentenceEncoder;
import dev.earful.nlp.TextAnalyzer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Supplier;
import opennlp.tools.doccat.DocumentSample;
import org.junit.jupiter.api.Test;

/**
 * The word-embedding stage on the real MiniLM encoder: fitted on half the hand-labelled set, it
 * carries its training words in the model file, encodes a word it lacks once, and reads back the
 * same.
 */
class WordEmbeddingStageTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();
  private static final Supplier<SentenceEncoder> ENCODER = MiniLmEncoder::shared;

  private static List<DocumentSample> samples() {
    SentimentCorpora.Split<LabelledText> split =
        SentimentCorpora.split(SentimentCorpora.handLabelled(), 0.5, SentimentTrainer.DEFAULT_SEED);
    List<DocumentSample> out = new ArrayList<>();
    for (LabelledText t : split.train()) {
      out.add(SentimentTrainer.sample(t.label(), ANALYZER.analyze(t.text())));
    }
    return out;
  }

  private static String[] units(String text) {
    return SentimentTrainer.unitsOf(ANALYZER.analyze(text));
  }

  @Test
  void carriesItsTrainingWordsAndEncodesAnUnseenWordOnce() throws Exception {
    WordEmbeddingStage stage =
        SentimentTrainer.trainWords(samples(), MiniLmEncoder.shared(), new HashMap<>(), 0.5, false);
    assertEquals(384, stage.dimensions());
    assertEquals(0.5, stage.mix());
    assertEquals(476, stage.words());
    String[] known = units("The crew were wonderful.");
    double[] before = stage.probabilities(known, ENCODER);
    // "wonderful" is not among the training words of this half.
    assertEquals(1, stage.wordsEncoded());
    // "bathroom" is in no training sentence of this half: encoded on first sight, then remembered.
    String[] unseen = units("The bathroom was spotless.");
    double[] first = stage.probabilities(unseen, ENCODER);
    long encoded = stage.wordsEncoded();
    assertEquals(2, encoded);
    assertArrayEquals(first, stage.probabilities(unseen, ENCODER), 0.0);
    assertEquals(encoded, stage.wordsEncoded());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var out = new java.io.DataOutputStream(bytes)) {
      stage.write(out);
    }
    WordEmbeddingStage back =
        WordEmbeddingStage.read(
            new java.io.DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(stage.words(), back.words());
    assertArrayEquals(before, back.probabilities(known, ENCODER), 0.0);
    assertArrayEquals(first, back.probabilities(unseen, ENCODER), 1e-12);
  }

  @Test
  void aWidenedVocabularyScoresTheSameWithoutEncodingAtRunTime() {
    WordEmbeddingStage stage =
        SentimentTrainer.trainWords(samples(), MiniLmEncoder.shared(), new HashMap<>(), 0.5, true);
    assertEquals(476, stage.words());
    // "wonderful" and "bathroom" are in no training sentence of this half; "crew" is, "." is no
    // word.
    WordEmbeddingStage wide =
        stage.withVocabulary(
            List.of("wonderful", "bathroom", "crew", ".", "wonderful"), MiniLmEncoder.shared());
    assertEquals(478, wide.words());
    String[] praise = units("The crew were wonderful.");
    // "not" puts "bathroom" in the negated mean: both halves of its partials are used.
    String[] negated = units("The bathroom was not clean.");
    assertArrayEquals(
        stage.probabilities(praise, ENCODER), wide.probabilities(praise, ENCODER), 0.0);
    assertArrayEquals(
        stage.probabilities(negated, ENCODER), wide.probabilities(negated, ENCODER), 0.0);
    assertEquals(2, stage.wordsEncoded());
    assertEquals(0, wide.wordsEncoded());
  }

  @Test
  void aModelWithAWordStageRoundTripsThroughItsFile() throws Exception {
    List<DocumentSample> samples = samples();
    SentimentModel model =
        SentimentTrainer.train(samples, SentimentTrainer.Algorithm.MAXENT)
            .withWords(
                SentimentTrainer.trainWords(
                    samples, MiniLmEncoder.shared(), new HashMap<>(), 0.5, false));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.write(bytes);
    SentimentModel back = SentimentModel.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertNotNull(back.words());
    SentimentScorer a = new SentimentScorer(model, "a", null);
    SentimentScorer b = new SentimentScorer(back, "b", null);
    for (String probe : List.of("The crew were wonderful.", "The bathroom was spotless.")) {
      assertEquals(
          a.score(ANALYZER.analyze(probe)).sentiment(),
          b.score(ANALYZER.analyze(probe)).sentiment(),
          probe);
    }
  }
}
