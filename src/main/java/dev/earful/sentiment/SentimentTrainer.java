package dev.earful.sentiment;

import dev.earful.domain.Analysis;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the sentiment model: OpenNLP's document categorizer over {@link SentimentFeatures}, with
 * maxent (GIS) or naive Bayes. Single-threaded and fed in a fixed order, so the same samples give
 * the same model.
 */
public final class SentimentTrainer {

  /** The seed of every split and sample of the default training. */
  public static final long DEFAULT_SEED = 20261122L;

  /** The two learners OpenNLP's document categorizer offers. */
  public enum Algorithm {
    MAXENT,
    NAIVEBAYES
  }

  static final int ITERATIONS = 150;
  static final int CUTOFF = 2;

  private SentimentTrainer() {}

  public static SentimentModel train(List<DocumentSample> samples, Algorithm algorithm) {
    TrainingParameters params = new TrainingParameters();
    params.put(TrainingParameters.ALGORITHM_PARAM, algorithm.name());
    params.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
    params.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
    params.put(TrainingParameters.THREADS_PARAM, 1);
    params.put("PrintMessages", false);
    try {
      return new SentimentModel(
          DocumentCategorizerME.train(
              "en",
              new CollectionObjectStream<>(samples),
              params,
              new DoccatFactory(SentimentFeatures.generators())));
    } catch (IOException e) {
      throw new UncheckedIOException("training the sentiment model failed", e);
    }
  }

  /** One training sample: the units of a whole (short) text under one label. */
  public static DocumentSample sample(Polarity label, Analysis analysis) {
    return new DocumentSample(label.wireName(), unitsOf(analysis));
  }

  /** The units of every sentence of {@code analysis}, in order. */
  public static String[] unitsOf(Analysis analysis) {
    List<String> all = new ArrayList<>();
    for (Sentence s : analysis.sentences()) {
      all.addAll(List.of(Units.of(s.tokens()).units()));
    }
    return all.toArray(String[]::new);
  }

  /**
   * The label a sentence takes from its comment's label (weak supervision), or empty when the
   * sentence contradicts it. In a positive comment, a sentence with positive lexicon words is
   * positive and one without any is a neutral statement ("I ordered a medium"); in a negative
   * comment, a sentence without lexicon words is negative too (complaints such as "it runs small"
   * carry no lexicon word). Sentences whose lexicon polarity opposes the comment's ("the colour is
   * lovely" in a one-star review) are dropped rather than mislabelled. Comments in the middle
   * lend only their lexicon-free sentences, as neutral.
   */
  public static Optional<Polarity> weakLabel(Polarity comment, String[] units) {
    Annotation a = Annotation.of(units);
    double sum = a.valenceSum(0, units.length);
    boolean hits = false;
    for (double v : a.valence) {
      hits |= v != 0.0;
    }
    return switch (comment) {
      case POSITIVE ->
          !hits ? Optional.of(Polarity.NEUTRAL) : sum > 0 ? Optional.of(Polarity.POSITIVE) : Optional.empty();
      case NEGATIVE ->
          !hits || sum < 0 ? Optional.of(Polarity.NEGATIVE) : Optional.empty();
      case NEUTRAL -> !hits ? Optional.of(Polarity.NEUTRAL) : Optional.empty();
    };
  }
}
