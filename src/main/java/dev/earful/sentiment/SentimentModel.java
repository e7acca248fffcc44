package dev.earful.sentiment;

import dev.earful.domain.Polarity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * A trained OpenNLP document-categorizer model over {@link SentimentFeatures}, with outcomes
 * positive / neutral / negative. Evaluation reads the model's parameters only, so one instance
 * serves every thread.
 */
public final class SentimentModel {

  static {
    // OpenNLP only instantiates feature generators by name from packages it was told to trust.
    ExtensionLoader.registerAllowedPackage(SentimentModel.class.getPackageName());
  }

  private final DoccatModel doccat;
  private final MaxentModel maxent;

  /** Outcome index of each polarity, by {@link Polarity#ordinal()}. */
  private final int[] outcomeOf = new int[3];

  private final Set<String> vocabulary;

  public SentimentModel(DoccatModel doccat) {
    this.doccat = doccat;
    this.maxent = doccat.getMaxentModel();
    for (Polarity p : Polarity.values()) {
      int index = maxent.getIndex(p.wireName());
      if (index < 0) {
        throw new IllegalArgumentException(
            "not a sentiment model: it has no outcome '" + p.wireName() + "'");
      }
      outcomeOf[p.ordinal()] = index;
    }
    this.vocabulary = vocabularyOf(maxent);
  }

  public static SentimentModel read(InputStream in) throws IOException {
    return new SentimentModel(new DoccatModel(in));
  }

  public static SentimentModel read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sentiment model " + file, e);
    }
  }

  public void write(OutputStream out) throws IOException {
    doccat.serialize(out);
  }

  /** Writes the model to {@code file} atomically (temp file, then move). */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        write(out);
      }
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Probabilities indexed by {@link Polarity#ordinal()}: positive, neutral, negative. */
  public double[] probabilities(String[] units) {
    double[] raw = maxent.eval(SentimentFeatures.context(units));
    double[] out = new double[3];
    for (int p = 0; p < 3; p++) {
      out[p] = raw[outcomeOf[p]];
    }
    return out;
  }

  /** Whether the model saw this lemma as a word feature in training (an English word for us). */
  public boolean knows(String unit) {
    return vocabulary.contains(unit);
  }

  /** "MAXENT" or "NAIVEBAYES". */
  public String algorithm() {
    return maxent instanceof AbstractModel m
        ? m.getModelType().name()
        : maxent.getClass().getSimpleName();
  }

  public Map<String, String> manifest() {
    return Map.of("algorithm", algorithm(), "vocabulary", Integer.toString(vocabulary.size()));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> vocabularyOf(MaxentModel model) {
    Set<String> words = new HashSet<>();
    if (model instanceof AbstractModel m) {
      Map<String, ?> pmap = (Map<String, ?>) m.getDataStructures()[1];
      for (String predicate : pmap.keySet()) {
        if (predicate.startsWith("w=")) {
          words.add(predicate.startsWith("w=!") ? predicate.substring(3) : predicate.substring(2));
        }
      }
    }
    return Set.copyOf(words);
  }
}
