package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.earful.domain.Analysis;
import dev.earful.domain.Polarity;
import dev.earful.nlp.TextAnalyzer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a small seeded sample of the hand-labelled set: fast, and deterministic. */
class SentimentTrainerTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static List<DocumentSample> samples() {
    SentimentCorpora.Split<LabelledText> split =
        SentimentCorpora.split(SentimentCorpora.handLabelled(), 0.5, SentimentTrainer.DEFAULT_SEED);
    List<DocumentSample> out = new ArrayList<>();
    for (LabelledText t : split.train()) {
      out.add(SentimentTrainer.sample(t.label(), ANALYZER.analyze(t.text())));
    }
    return out;
  }

  private static final List<String> PROBES =
      List.of(
          "The crew were wonderful.",
          "My parcel is still missing.",
          "I flew to Denver on Friday.",
          "Good food but the wait was awful.");

  @Test
  void theSameSamplesTrainTheSameModel() throws Exception {
    List<DocumentSample> samples = samples();
    SentimentModel first = SentimentTrainer.train(samples, SentimentTrainer.Algorithm.MAXENT);
    SentimentModel second = SentimentTrainer.train(samples, SentimentTrainer.Algorithm.MAXENT);
    for (String probe : PROBES) {
      String[] units = SentimentTrainer.unitsOf(ANALYZER.analyze(probe));
      assertArrayEquals(first.probabilities(units), second.probabilities(units), 0.0, probe);
    }
    // Known values too, so a change between JVM runs shows (these moved with the lexicon features
    // of feedback judgements VADER lacks, 8cc4da0, and with the narrower cost and wait rules; and
    // in session 8 with the cost rule's words leaving the n-gram features, 19a3b58; in session 9
    // with e19aeb0's "can't ... enough" and plural-cost rules: it passes at 290b811 and fails at
    // 539417a, whose other change is 3388d1d's tagger refactor, which keeps every tag; and with
    // feature set 2's feedback judgements).
    String[] units = SentimentTrainer.unitsOf(ANALYZER.analyze(PROBES.get(0)));
    assertEquals(
        "[0.8428991136369874, 0.09276044923014662, 0.0643404371328659]",
        java.util.Arrays.toString(first.probabilities(units)));
  }

  @Test
  void aWrittenModelReadsBackWithTheSamePredictions() throws Exception {
    SentimentModel model = SentimentTrainer.train(samples(), SentimentTrainer.Algorithm.NAIVEBAYES);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.write(bytes);
    SentimentModel back = SentimentModel.read(new ByteArrayInputStream(bytes.toByteArray()));
    for (String probe : PROBES) {
      String[] units = SentimentTrainer.unitsOf(ANALYZER.analyze(probe));
      assertArrayEquals(model.probabilities(units), back.probabilities(units), 1e-12, probe);
    }
  }

  @Test
  void theFastFeaturePathMatchesOpenNlpsOwnCategorizer() throws Exception {
    SentimentModel model = SentimentScorer.loadDefault(false).model();
    // The fast stage's own OpenNLP model, serialised and read back by OpenNLP alone.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.doccat().serialize(bytes);
    DocumentCategorizerME me =
        new DocumentCategorizerME(
            new opennlp.tools.doccat.DoccatModel(new ByteArrayInputStream(bytes.toByteArray())));
    for (String probe : PROBES) {
      String[] units = SentimentTrainer.unitsOf(ANALYZER.analyze(probe));
      double[] viaOpenNlp = me.categorize(units);
      double[] ours = model.probabilities(units);
      for (Polarity p : Polarity.values()) {
        assertEquals(viaOpenNlp[me.getIndex(p.wireName())], ours[p.ordinal()], 1e-12, probe);
      }
    }
  }

  @Test
  void aSpreadRecipeHidesWordsOfOneSourceFromTheMaxentModelButNotLexiconWords() {
    List<DocumentSample> phones =
        DefaultTraining.tagged(
            List.of(
                new DocumentSample("negative", new String[] {"the", "battery", "die", "."}),
                new DocumentSample("positive", new String[] {"the", "screen", "be", "great"})),
            "phones");
    List<DocumentSample> hotels =
        DefaultTraining.tagged(
            List.of(
                new DocumentSample("negative", new String[] {"the", "room", "be", "not", "clean"})),
            "hotels");
    List<DocumentSample> all = new ArrayList<>(phones);
    all.addAll(hotels);
    List<DocumentSample> shared = DefaultTraining.spreadOnly(all, 2);
    // "the" and "be" occur in both sources; "great", "die" and "clean" are lexicon words; "not" is
    // a negator; "battery", "screen" and "room" each belong to one source.
    assertArrayEquals(new String[] {"the", "~", "die", "."}, shared.get(0).getText());
    assertArrayEquals(new String[] {"the", "~", "be", "great"}, shared.get(1).getText());
    assertArrayEquals(new String[] {"the", "~", "be", "not", "clean"}, shared.get(2).getText());
    assertEquals("hotels", shared.get(2).getExtraInformation().get(DefaultTraining.SOURCE));
    assertEquals(3, SentimentTrainer.Recipe.parse("MAXENT:spread=3").spread());
    assertEquals(0, SentimentTrainer.Recipe.parse("MAXENT").spread());
  }

  @Test
  void aCascadeRecipeSharesItsFastModelsWithTheRecipeWithoutTheStage() {
    SentimentTrainer.Recipe cascade =
        SentimentTrainer.Recipe.parse("MAXENT:words=0.3,stage=cascade,unseen=floor");
    assertEquals(true, cascade.cascade());
    assertEquals(false, SentimentTrainer.Recipe.parse("MAXENT:stage=fast").cascade());
    assertEquals(false, SentimentTrainer.Recipe.parse("MAXENT:words=0.3").cascade());
    // The stage is fitted on the fast models of the recipe without it, trained (and kept) once.
    assertEquals(
        SentimentTrainer.Recipe.parse("MAXENT:words=0.3").trained().name(),
        cascade.trained().withoutStage().name());
    assertEquals("MAXENT{stage=cascade, words=0.3}", cascade.trained().name());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> SentimentTrainer.Recipe.parse("MAXENT:stage=yes").cascade());
    // The key is the project's own, not an OpenNLP parameter.
    List<DocumentSample> samples = samples();
    String[] units = SentimentTrainer.unitsOf(ANALYZER.analyze(PROBES.get(3)));
    assertArrayEquals(
        SentimentTrainer.Recipe.parse("MAXENT").train(samples).probabilities(units),
        SentimentTrainer.Recipe.parse("MAXENT:stage=cascade").train(samples).probabilities(units),
        0.0);
  }

  @Test
  void weakLabelsKeepAgreeingSentencesAndDropContradictingOnes() {
    assertEquals(Optional.of(Polarity.POSITIVE), weak(Polarity.POSITIVE, "I love the colour."));
    assertEquals(Optional.of(Polarity.NEUTRAL), weak(Polarity.POSITIVE, "I ordered a medium."));
    assertEquals(Optional.empty(), weak(Polarity.POSITIVE, "The zip is terrible."));
    assertEquals(Optional.of(Polarity.NEGATIVE), weak(Polarity.NEGATIVE, "The zip is terrible."));
    assertEquals(Optional.empty(), weak(Polarity.NEGATIVE, "I love the colour."));
    assertEquals(Optional.empty(), weak(Polarity.NEGATIVE, "I ordered a medium."));
  }

  @Test
  void evenJudgementsKeepAsManyPositiveAdjectiveJudgementsAsNegativeOnesAndEachLabelsCount() {
    // The rarest label (negative) keeps all of its sentences under the cap, half of them lexicon-
    // free judgements; the positive label keeps a sample of a pool where such judgements are rare.
    List<Polarity> labels = new ArrayList<>();
    List<Analysis> comments = new ArrayList<>();
    add(labels, comments, Polarity.NEGATIVE, "The sleeves were short.", 20);
    add(labels, comments, Polarity.NEGATIVE, "The zip is terrible.", 20);
    add(labels, comments, Polarity.POSITIVE, "The fabric was thick.", 10);
    add(labels, comments, Polarity.POSITIVE, "I love the colour.", 200);
    add(labels, comments, Polarity.POSITIVE, "I ordered a medium.", 100);
    SentimentTrainer.WeakSamples weak =
        SentimentTrainer.weakSamples(labels, comments, 1.5, SentimentTrainer.DEFAULT_SEED, true);

    assertEquals(java.util.Map.of(Polarity.NEGATIVE, 20L), weak.judgedCounts(1.5, false));
    assertEquals(
        java.util.Map.of(Polarity.POSITIVE, 10L, Polarity.NEGATIVE, 20L),
        weak.judgedCounts(1.5, true));
    assertEquals(labelCounts(weak.capped(1.5, false)), labelCounts(weak.capped(1.5, true)));
    assertEquals(
        java.util.Map.of("positive", 60L, "neutral", 60L, "negative", 40L),
        labelCounts(weak.capped(1.5, true)));
    assertEquals(weak.capped(1.5), weak.capped(1.5, false));

    SentimentTrainer.Recipe recipe = SentimentTrainer.Recipe.parse("MAXENT:judgements=even");
    assertEquals(Boolean.TRUE, recipe.evenJudgements());
    assertEquals(null, SentimentTrainer.Recipe.parse("MAXENT").evenJudgements());
  }

  @Test
  void aSampleSeedDrawsOtherReviewSentencesOnTheSameSplit(@TempDir Path shared) throws Exception {
    generatedSharedData(shared);
    java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.Writer.nullWriter());
    DefaultTraining.Data first =
        new DefaultTraining(ANALYZER, SentimentTrainer.DEFAULT_SEED, quiet).load(shared);
    DefaultTraining.Data same =
        new DefaultTraining(ANALYZER, SentimentTrainer.DEFAULT_SEED, quiet)
            .sampleSeed(SentimentTrainer.DEFAULT_SEED)
            .load(shared);
    DefaultTraining.Data other =
        new DefaultTraining(ANALYZER, SentimentTrainer.DEFAULT_SEED, quiet)
            .sampleSeed(7)
            .load(shared);

    // Every split is the seed's: the same review dev and held-out rows, file and hand-labelled
    // parts.
    assertEquals(texts(first.reviewDev()), texts(other.reviewDev()));
    assertEquals(texts(first.reviewTest()), texts(other.reviewTest()));
    for (int i = 0; i < first.files().size(); i++) {
      assertEquals(texts(first.files().get(i).train()), texts(other.files().get(i).train()));
      assertEquals(texts(first.files().get(i).test()), texts(other.files().get(i).test()));
    }
    assertEquals(texts(first.hand().test()), texts(other.hand().test()));
    // The draw is the sample seed's: the default one draws what the seed draws, another one draws
    // other sentences, as many of each label.
    assertEquals(sampleTexts(first.reviewSamples()), sampleTexts(same.reviewSamples()));
    assertEquals(labelCounts(first.reviewSamples()), labelCounts(other.reviewSamples()));
    assertNotEquals(
        new java.util.HashSet<>(sampleTexts(first.reviewSamples())),
        new java.util.HashSet<>(sampleTexts(other.reviewSamples())));
  }

  @Test
  void severalDrawsUniteDrawsOfTheReviewSentencesAndRepeatEveryOtherSourceAsOften(
      @TempDir Path shared) throws Exception {
    generatedSharedData(shared);
    DefaultTraining training =
        new DefaultTraining(
            ANALYZER,
            SentimentTrainer.DEFAULT_SEED,
            new java.io.PrintWriter(java.io.Writer.nullWriter()));
    DefaultTraining.Data data = training.load(shared);
    SentimentTrainer.Recipe three = SentimentTrainer.Recipe.parse("MAXENT:draws=3");
    assertEquals(3, three.draws());
    assertEquals(1, SentimentTrainer.Recipe.parse("MAXENT").draws());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> SentimentTrainer.Recipe.parse("MAXENT:draws=0").draws());

    // The model trained on everything ("all", the last dev model): one draw against three.
    List<DocumentSample> once =
        training.devSamples(data, SentimentTrainer.Recipe.parse("MAXENT")).getLast();
    List<DocumentSample> thrice = training.devSamples(data, three).getLast();
    java.util.Map<String, Long> onceBySource = sourceCounts(once);
    java.util.Map<String, Long> thriceBySource = sourceCounts(thrice);
    assertEquals(onceBySource.keySet(), thriceBySource.keySet());
    for (String source : onceBySource.keySet()) {
      assertEquals(3 * onceBySource.get(source), thriceBySource.get(source), source);
    }
    List<String> reviews = reviewTexts(thrice);
    int perDraw = reviews.size() / 3;
    // The first draw is the one draw of the recipe without the key; the others are other draws of
    // the same pool, each with the same count of every label.
    assertEquals(reviewTexts(once), reviews.subList(0, perDraw));
    for (int d = 1; d < 3; d++) {
      List<DocumentSample> draw = reviewSamples(thrice).subList(d * perDraw, (d + 1) * perDraw);
      assertEquals(labelCounts(reviewSamples(once)), labelCounts(draw));
      assertNotEquals(
          new java.util.HashSet<>(reviewTexts(once)), new java.util.HashSet<>(sampleTexts(draw)));
    }
    // The same sample seed unites the same draws.
    assertEquals(reviews, reviewTexts(training.devSamples(data, three).getLast()));
    // The cutoff counts as many times more (the samples repeat), unless the recipe sets it.
    java.util.Map<String, String> cutoff = new java.util.TreeMap<>();
    three.openNlpParameters().forEach(cutoff::put);
    assertEquals("6", cutoff.get("Cutoff"));
    assertEquals(null, cutoff.get("draws"));
    assertEquals(
        "4",
        SentimentTrainer.Recipe.parse("MAXENT:draws=3,Cutoff=4").openNlpParameters().get("Cutoff"));
  }

  private static List<DocumentSample> reviewSamples(List<DocumentSample> samples) {
    return samples.stream()
        .filter(s -> "reviews".equals(s.getExtraInformation().get(DefaultTraining.SOURCE)))
        .toList();
  }

  private static List<String> reviewTexts(List<DocumentSample> samples) {
    return sampleTexts(reviewSamples(samples));
  }

  private static java.util.Map<String, Long> sourceCounts(List<DocumentSample> samples) {
    return samples.stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                s -> String.valueOf(s.getExtraInformation().get(DefaultTraining.SOURCE)),
                java.util.stream.Collectors.counting()));
  }

  /**
   * Generated shared data: 30 one-star reviews, 120 five-star ones with a praise and a plain
   * sentence each, so the positive and neutral pools (120 each) exceed the cap (45, at least 50).
   */
  private static void generatedSharedData(Path shared) throws java.io.IOException {
    String[] colours = {"red", "blue", "green", "black", "white", "grey"};
    String[] things = {"dress", "skirt", "top", "coat", "scarf"};
    StringBuilder csv = new StringBuilder("Review Text,Rating,Recommended IND\n");
    for (int i = 0; i < 30; i++) {
      csv.append("The ").append(things[i % 5]).append(" ").append(i).append(" is terrible.,1,0\n");
    }
    for (int i = 0; i < 120; i++) {
      csv.append("I love the ")
          .append(colours[i % 6])
          .append(" ")
          .append(things[i / 6 % 5])
          .append(" number ")
          .append(i)
          .append(". I ordered it on day ")
          .append(i)
          .append(".,5,1\n");
    }
    Files.writeString(shared.resolve(SentimentCorpora.WOMENS_REVIEWS), csv);
    Path files = Files.createDirectories(shared.resolve("sentiment-labelled-sentences"));
    for (String file : SentimentCorpora.LABELLED_SENTENCE_FILES) {
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        lines.append("Great thing ").append(i).append(".\t1\n");
        lines.append("Awful thing ").append(i).append(".\t0\n");
      }
      Files.writeString(files.resolve(file), lines);
    }
  }

  private static List<String> texts(List<Evaluator.Item> items) {
    return items.stream()
        .map(i -> String.join(" ", SentimentTrainer.unitsOf(i.analysis())))
        .toList();
  }

  private static List<String> sampleTexts(List<DocumentSample> samples) {
    return samples.stream().map(SentimentTrainer::textOf).toList();
  }

  private static void add(
      List<Polarity> labels, List<Analysis> comments, Polarity label, String text, int times) {
    Analysis a = ANALYZER.analyze(text);
    for (int i = 0; i < times; i++) {
      labels.add(label);
      comments.add(a);
    }
  }

  private static java.util.Map<String, Long> labelCounts(List<DocumentSample> samples) {
    return samples.stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                DocumentSample::getCategory, java.util.stream.Collectors.counting()));
  }

  private static Optional<Polarity> weak(Polarity comment, String sentence) {
    Analysis a = ANALYZER.analyze(sentence);
    return SentimentTrainer.weakLabel(comment, SentimentTrainer.unitsOf(a));
  }
}
