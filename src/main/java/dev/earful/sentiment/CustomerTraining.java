package dev.earful.sentiment;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.Polarity;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.store.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import opennlp.tools.doccat.DocumentSample;

/**
 * Adapts the sentiment model to one customer's data: trains on the stored responses, each comment's
 * sentences weakly labelled by its score's group (promoters / satisfied positive, detractors
 * negative, the middle lending its lexicon-free sentences as neutral), plus the hand-labelled
 * feedback set. The new model and the current one are both evaluated on a held-out part of the
 * responses (label = score group); the new one is written to {@code <data>/models/sentiment.bin}
 * only if its macro-F1 is higher.
 */
public final class CustomerTraining {

  /** Fewer commented responses than this give figures too noisy to switch models on. */
  public static final int MIN_RESPONSES = 200;

  private final TextAnalyzer analyzer;
  private final long seed;
  private final PrintWriter out;

  public CustomerTraining(TextAnalyzer analyzer, long seed, PrintWriter out) {
    this.analyzer = analyzer;
    this.seed = seed;
    this.out = out;
  }

  /** Both models' held-out figures and whether the new one was written. */
  public record Outcome(Evaluator.Result current, Evaluator.Result candidate, boolean switched) {}

  public Outcome run(List<AnalyzedResponse> stored, SentimentScorer current, Path dataDir) {
    // The index's scan order is not part of its contract: sort by id so the split is reproducible.
    List<AnalyzedResponse> responses =
        stored.stream()
            .filter(r -> !r.analysis().sentences().isEmpty())
            .sorted(Comparator.comparing(r -> r.response().id()))
            .toList();
    if (responses.size() < MIN_RESPONSES) {
      throw new IllegalArgumentException(
          "only "
              + responses.size()
              + " stored responses have a comment; at least "
              + MIN_RESPONSES
              + " are needed to train and compare a model");
    }
    SentimentCorpora.Split<AnalyzedResponse> split =
        SentimentCorpora.split(responses, DefaultTraining.TEST_SHARE, seed);
    out.printf(
        Locale.ROOT,
        "%d responses with a comment: %d train / %d held out (seed %d)%n",
        responses.size(),
        split.train().size(),
        split.test().size(),
        seed);
    List<Polarity> labels = split.train().stream().map(r -> labelOf(r)).toList();
    List<Analysis> analyses = split.train().stream().map(AnalyzedResponse::analysis).toList();
    SentimentTrainer.WeakSamples weak =
        SentimentTrainer.weakSamples(labels, analyses, DefaultTraining.BALANCE, seed);
    out.println("response sentences: " + weak.report());
    List<DocumentSample> samples = new ArrayList<>(weak.samples());
    List<LabelledText> hand = new ArrayList<>(SentimentCorpora.handLabelled());
    hand.addAll(SentimentCorpora.handTraining());
    List<Analysis> handAnalyses = hand.stream().map(t -> analyzer.analyze(t.text())).toList();
    for (int k = 0; k < DefaultTraining.HAND_REPEAT; k++) {
      for (int i = 0; i < hand.size(); i++) {
        samples.add(SentimentTrainer.sample(hand.get(i).label(), handAnalyses.get(i)));
      }
    }
    // The customer's own fast model; the embedding stage (fitted on the shared data, general
    // English) is the built-in model's, so the cascade still refines what the fast model is unsure
    // of, and a folder whose own model came from an older release gets this release's stage.
    SentimentModel builtIn = SentimentScorer.loadDefault(false).model();
    SentimentModel model =
        SentimentTrainer.train(samples, SentimentTrainer.Algorithm.MAXENT)
            .with(builtIn.stage(), Map.of());
    List<Evaluator.Item> test =
        split.test().stream().map(r -> new Evaluator.Item(r.analysis(), labelOf(r))).toList();
    Evaluator.Result before =
        Evaluator.evaluate("current model (" + current.source() + ")", test, current);
    Evaluator.Result after =
        Evaluator.evaluate(
            "new model",
            test,
            new SentimentScorer(
                model, "new", current.cascade() ? SentimentScorer.stageEncoder(model) : null));
    current
        .model()
        .featureSetWarning()
        .ifPresent(w -> out.println("the current model (" + current.source() + ") was " + w));
    for (Evaluator.Result r : List.of(before, after)) {
      out.printf(Locale.ROOT, "%-60s %s%n", r.name(), r.model().summary());
      out.print(r.model().matrix());
    }
    out.printf(
        Locale.ROOT, "lexicon baseline on the same responses: %s%n", before.baseline().summary());
    boolean better = after.model().macroF1() > before.model().macroF1();
    Map<String, String> record = new TreeMap<>();
    record.put("responses", Integer.toString(responses.size()));
    record.put("seed", Long.toString(seed));
    record.put("current.source", current.source());
    record.put("current", DefaultTraining.scoreLine(before));
    record.put("new", DefaultTraining.scoreLine(after));
    record.put("kept", better ? "new" : "current");
    if (better) {
      Map<String, String> about = new java.util.TreeMap<>();
      about.put(
          "built",
          "earful train-sentiment --data (seed "
              + seed
              + ", "
              + split.train().size()
              + " responses)");
      about.put("fast", model.algorithm());
      about.put(
          "stage",
          (builtIn.stage() == null ? "none" : builtIn.stage().describe())
              + " (the built-in model's)");
      about.put("score.responses held-out", DefaultTraining.scoreLine(after));
      about.put("score.responses held-out, previous model", DefaultTraining.scoreLine(before));
      model = model.with(model.stage(), about);
      Path target = SentimentScorer.overrideIn(dataDir);
      try {
        model.write(target);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
      out.printf(
          Locale.ROOT,
          "the new model is better (%+.1f macro-F1 points): wrote %s; restart the service to use it%n",
          100 * (after.model().macroF1() - before.model().macroF1()),
          target);
    } else {
      out.printf(
          Locale.ROOT,
          "the new model is not better (%+.1f macro-F1 points): kept the current one%n",
          100 * (after.model().macroF1() - before.model().macroF1()));
    }
    writeRecord(dataDir, record);
    out.flush();
    return new Outcome(before, after, better);
  }

  /**
   * Where the last training run on a data folder recorded how both models scored on the folder's
   * own held-out responses, kept or not: the model file alone cannot say why the folder still uses
   * the built-in model.
   */
  public static Path recordIn(Path dataDir) {
    return dataDir.resolve("models").resolve("sentiment-training.properties");
  }

  /** The last training run's record on {@code dataDir}, if one ran there. */
  public static Optional<Map<String, String>> lastRun(Path dataDir) {
    Path file = recordIn(dataDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> out = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return Optional.of(out);
  }

  private static void writeRecord(Path dataDir, Map<String, String> record) {
    Path file = recordIn(dataDir);
    Properties p = new Properties();
    p.putAll(record);
    try {
      // Written beside, then moved: a reader never sees half a record.
      AtomicFiles.write(
          file,
          out -> {
            var w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            p.store(w, "earful train-sentiment: the last run on this data folder");
            w.flush();
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A response's weak label: the group of its score within its metric. */
  static Polarity labelOf(AnalyzedResponse r) {
    Category.Group g = r.response().category().group();
    return switch (g) {
      case POSITIVE -> Polarity.POSITIVE;
      case MIDDLE -> Polarity.NEUTRAL;
      case NEGATIVE -> Polarity.NEGATIVE;
    };
  }
}
