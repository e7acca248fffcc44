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
  void samplesHeldSeveralTimesOverFitAsTheSamplesOnceWhenTheStageIsToldHowMany() {
    // A recipe of several draws (SentimentTrainer.Recipe#draws) holds every sample that many
    // times; Smile's penalty is added to the sum of the losses, so it must grow as much.
    List<DocumentSample> once = samples();
    List<DocumentSample> thrice = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      thrice.addAll(once);
    }
    HashMap<String, float[]> vectors = new HashMap<>();
    WordEmbeddingStage single =
        SentimentTrainer.trainWords(once, MiniLmEncoder.shared(), vectors, 0.5, false, 1);
    WordEmbeddingStage told =
        SentimentTrainer.trainWords(thrice, MiniLmEncoder.shared(), vectors, 0.5, false, 3);
    WordEmbeddingStage untold =
        SentimentTrainer.trainWords(thrice, MiniLmEncoder.shared(), vectors, 0.5, false, 1);
    double apart = 0;
    for (String text :
        List.of(
            "The crew were wonderful.", "My parcel is still missing.", "I called on Tuesday.")) {
      String[] u = units(text);
      assertArrayEquals(single.probabilities(u, ENCODER), told.probabilities(u, ENCODER), 1e-3);
      double[] a = single.probabilities(u, ENCODER);
      double[] b = untold.probabilities(u, ENCODER);
      for (int k = 0; k < 3; k++) {
        apart = Math.max(apart, Math.abs(a[k] - b[k]));
      }
    }
    // Told nothing, the same penalty weighs a third as much: another fit.
    org.junit.jupiter.api.Assertions.assertTrue(apart > 1e-2, "apart " + apart);
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

  @Test
  void theUnseenRuleRaisesTheWeightByTheShareOfWordsTheMaxentModelDidNotLearn() throws Exception {
    WordEmbeddingStage fixed =
        new WordEmbeddingStage(
            new double[3][2 + EmbeddingStage.DENSE + 1], 1, 0.3, java.util.Map.of(), true);
    // "great" is a lexicon word and "not" a negator (the maxent model reads both whatever it
    // learned), "." is no word: of "the", "headset", "be", "loud", only "headset" and "loud" are
    // new to a model that learned "the" and "be".
    String[] units = {"the", "headset", "be", "not", "great", "and", "loud", "."};
    java.util.function.Predicate<String> learned = java.util.Set.of("the", "be", "and")::contains;
    Annotation a = Annotation.of(units);
    assertEquals(0.4, WordEmbeddingStage.unseenShare(units, learned), 1e-12);
    assertEquals(0.3, fixed.mixFor(a, learned), 0.0);
    assertEquals(0.4, fixed.withUnseen(WordEmbeddingStage.Unseen.FLOOR).mixFor(a, learned), 1e-12);
    assertEquals(
        0.3 + 0.7 * 0.4,
        fixed.withUnseen(WordEmbeddingStage.Unseen.SHIFT).mixFor(a, learned),
        1e-12);
    // Every word learned: the mix stays.
    assertEquals(
        0.3, fixed.withUnseen(WordEmbeddingStage.Unseen.SHIFT).mixFor(a, w -> true), 1e-12);
    assertEquals(0.0, WordEmbeddingStage.unseenShare(new String[] {"great", "."}, w -> false));

    // The rule travels in the file; a stage without it keeps the version-2 bytes.
    for (WordEmbeddingStage.Unseen rule : WordEmbeddingStage.Unseen.values()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (var out = new java.io.DataOutputStream(bytes)) {
        fixed.withUnseen(rule).write(out);
      }
      assertEquals(rule == WordEmbeddingStage.Unseen.FIXED ? 2 : 3, bytes.toByteArray()[3]);
      WordEmbeddingStage back =
          WordEmbeddingStage.read(
              new java.io.DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      assertEquals(rule, back.unseen());
      assertEquals(fixed.withUnseen(rule).mixFor(a, learned), back.mixFor(a, learned), 0.0);
    }
  }

  @Test
  void theScorerGivesTheStageTheMaxentModelsVocabulary() {
    List<DocumentSample> samples = samples();
    SentimentModel model =
        SentimentTrainer.train(samples, SentimentTrainer.Algorithm.MAXENT)
            .withWords(
                SentimentTrainer.trainWords(
                    samples, MiniLmEncoder.shared(), new HashMap<>(), 0.3, true));
    SentimentModel shifted =
        model.withWords(model.words().withUnseen(WordEmbeddingStage.Unseen.SHIFT));
    SentimentScorer fixed = new SentimentScorer(model, "fixed", null);
    SentimentScorer shift = new SentimentScorer(shifted, "shift", null);
    // "gramophone" is in no training sentence: the stage weighs more (the other words are known,
    // so the scorer still reads the sentence as English).
    String fresh = "The gramophone was good.";
    assertEquals(false, model.knows("gramophone"));
    org.junit.jupiter.api.Assertions.assertNotEquals(
        fixed.score(ANALYZER.analyze(fresh)).sentiment().score(),
        shift.score(ANALYZER.analyze(fresh)).sentiment().score());
    // A sentence whose every word the maxent model learned scores the same under both rules.
    String known = "The staff were friendly.";
    for (String w : units(known)) {
      if (WordEmbeddingStage.isWord(w)) {
        assertEquals(true, model.knows(w) || Lexicon.vader().contains(w), w);
      }
    }
    assertEquals(
        fixed.score(ANALYZER.analyze(known)).sentiment(),
        shift.score(ANALYZER.analyze(known)).sentiment());
  }
}
