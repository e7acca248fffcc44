package dev.earful.sentiment;

import dev.earful.domain.Polarity;
import dev.earful.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * A trained OpenNLP document-categorizer model over {@link SentimentFeatures}, with outcomes
 * positive / neutral / negative (the fast model), optionally an {@link EmbeddingStage} that refines
 * the clauses the fast model is unsure of, and a description of how the model was built and scored.
 * Evaluation reads the parameters only, so one instance serves every thread.
 *
 * <p>File format: a zip with {@code doccat.bin} (OpenNLP's own model file), {@code stage.bin} (when
 * there is a stage) and {@code about.properties}. A bare OpenNLP model file (what earlier versions
 * wrote, e.g. a data folder's {@code models/sentiment.bin}) still reads, without a stage.
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

  private final EmbeddingStage stage;
  private final WordEmbeddingStage words;
  private final Map<String, String> about;

  /**
   * The {@link SentimentFeatures#VERSION} the fast model was trained on; {@link #UNRECORDED} for a
   * file written before the version was recorded (session 9), whose features are older still.
   */
  private final int featureSet;

  /** The feature set of a model file that does not say (written before versions were kept). */
  public static final int UNRECORDED = 0;

  /** A fast model trained just now, by this code: on this code's features. */
  static SentimentModel trained(DoccatModel doccat) {
    return new SentimentModel(doccat, null, null, Map.of(), SentimentFeatures.VERSION);
  }

  SentimentModel(
      DoccatModel doccat,
      WordEmbeddingStage words,
      EmbeddingStage stage,
      Map<String, String> about,
      int featureSet) {
    this.featureSet = featureSet;
    this.words = words;
    this.stage = stage;
    this.about = Map.copyOf(about);
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
    byte[] bytes = in.readAllBytes();
    Map<String, byte[]> entries = new java.util.HashMap<>();
    try (java.util.zip.ZipInputStream zip =
        new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
      for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    if (!entries.containsKey(DOCCAT_ENTRY)) {
      return new SentimentModel(
          new DoccatModel(new java.io.ByteArrayInputStream(bytes)),
          null,
          null,
          Map.of(),
          UNRECORDED);
    }
    DoccatModel doccat =
        new DoccatModel(new java.io.ByteArrayInputStream(entries.get(DOCCAT_ENTRY)));
    EmbeddingStage stage = null;
    if (entries.containsKey(STAGE_ENTRY)) {
      stage =
          EmbeddingStage.read(
              new java.io.DataInputStream(
                  new java.io.ByteArrayInputStream(entries.get(STAGE_ENTRY))));
    }
    WordEmbeddingStage words = null;
    if (entries.containsKey(WORDS_ENTRY)) {
      words =
          WordEmbeddingStage.read(
              new java.io.DataInputStream(
                  new java.io.ByteArrayInputStream(entries.get(WORDS_ENTRY))));
    }
    java.util.Properties props = new java.util.Properties();
    if (entries.containsKey(ABOUT_ENTRY)) {
      props.load(
          new java.io.InputStreamReader(
              new java.io.ByteArrayInputStream(entries.get(ABOUT_ENTRY)),
              java.nio.charset.StandardCharsets.UTF_8));
    }
    Map<String, String> about = new java.util.TreeMap<>();
    for (String k : props.stringPropertyNames()) {
      about.put(k, props.getProperty(k));
    }
    String recorded = about.remove(FEATURE_SET_KEY);
    int featureSet = UNRECORDED;
    if (recorded != null) {
      try {
        featureSet = Integer.parseInt(recorded.trim());
      } catch (NumberFormatException e) {
        throw new IOException(
            "not a sentiment model: "
                + ABOUT_ENTRY
                + " has "
                + FEATURE_SET_KEY
                + "='"
                + recorded
                + "', not a number");
      }
    }
    return new SentimentModel(doccat, words, stage, about, featureSet);
  }

  /** The key of {@code about.properties} that records {@link #featureSet()}. */
  static final String FEATURE_SET_KEY = "featureSet";

  static final String DOCCAT_ENTRY = "doccat.bin";
  static final String WORDS_ENTRY = "words.bin";
  static final String STAGE_ENTRY = "stage.bin";
  static final String ABOUT_ENTRY = "about.properties";

  /** OpenNLP's model underneath (the fast model). */
  DoccatModel doccat() {
    return doccat;
  }

  /** The optional second stage, or null. */
  public EmbeddingStage stage() {
    return stage;
  }

  /** How the model was built and scored (command, data, held-out figures); may be empty. */
  public Map<String, String> about() {
    return about;
  }

  /** The word-embedding stage of the fast path ({@link WordEmbeddingStage}), or null. */
  public WordEmbeddingStage words() {
    return words;
  }

  /** This model with another stage and description (the fast model is shared). */
  public SentimentModel with(EmbeddingStage newStage, Map<String, String> newAbout) {
    return new SentimentModel(doccat, words, newStage, newAbout, featureSet);
  }

  /** This model with another word-embedding stage (null: none). */
  public SentimentModel withWords(WordEmbeddingStage newWords) {
    return new SentimentModel(doccat, newWords, stage, about, featureSet);
  }

  /**
   * The version of the features ({@link SentimentFeatures#VERSION}) the fast model was trained on,
   * or {@link #UNRECORDED}. A model reads this code's features whatever it was trained on; when
   * they differ, its weights belong to features that no longer come out the same way.
   */
  public int featureSet() {
    return featureSet;
  }

  /** Whether the model was trained on the features this code computes. */
  public boolean readsItsOwnFeatures() {
    return featureSet == SentimentFeatures.VERSION;
  }

  /**
   * Why the model's scores may be off, when it was trained on another feature set than this code
   * computes; empty when it was trained on this one.
   */
  public java.util.Optional<String> featureSetWarning() {
    if (readsItsOwnFeatures()) {
      return java.util.Optional.empty();
    }
    String trainedOn =
        featureSet == UNRECORDED
            ? "an older feature set (the file records none; versions are recorded since feature"
                + " set 1)"
            : "feature set " + featureSet;
    String relation =
        featureSet > SentimentFeatures.VERSION
            ? ", newer than this version of Earful, which reads feature set "
            : ", but this version of Earful reads feature set ";
    return java.util.Optional.of(
        "trained on "
            + trainedOn
            + relation
            + SentimentFeatures.VERSION
            + ": its scores may be off until it is trained again");
  }

  public static SentimentModel read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sentiment model " + file, e);
    }
  }

  public void write(OutputStream out) throws IOException {
    // Fixed entry times, so the same model gives the same bytes.
    java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out);
    java.io.ByteArrayOutputStream doccatBytes = new java.io.ByteArrayOutputStream();
    doccat.serialize(doccatBytes);
    entry(zip, DOCCAT_ENTRY, doccatBytes.toByteArray());
    if (words != null) {
      java.io.ByteArrayOutputStream wordBytes = new java.io.ByteArrayOutputStream();
      try (java.io.DataOutputStream data = new java.io.DataOutputStream(wordBytes)) {
        words.write(data);
      }
      entry(zip, WORDS_ENTRY, wordBytes.toByteArray());
    }
    if (stage != null) {
      java.io.ByteArrayOutputStream stageBytes = new java.io.ByteArrayOutputStream();
      try (java.io.DataOutputStream data = new java.io.DataOutputStream(stageBytes)) {
        stage.write(data);
      }
      entry(zip, STAGE_ENTRY, stageBytes.toByteArray());
    }
    Map<String, String> recorded = new java.util.TreeMap<>(about);
    if (featureSet != UNRECORDED) {
      recorded.put(FEATURE_SET_KEY, Integer.toString(featureSet));
    }
    StringBuilder props = new StringBuilder();
    for (Map.Entry<String, String> e : recorded.entrySet()) {
      props.append(escape(e.getKey())).append('=').append(escape(e.getValue())).append('\n');
    }
    entry(zip, ABOUT_ENTRY, props.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    zip.finish();
  }

  private static void entry(java.util.zip.ZipOutputStream zip, String name, byte[] bytes)
      throws IOException {
    java.util.zip.ZipEntry e = new java.util.zip.ZipEntry(name);
    e.setTime(0);
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }

  /** Properties escaping (java.util.Properties.store would add a timestamp line). */
  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '=', ':', '#', '!', ' ' -> sb.append('\\').append(c);
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** Writes the model to {@code file} atomically and durably ({@link AtomicFiles}). */
  public void write(Path file) throws IOException {
    AtomicFiles.write(file, this::write);
  }

  /** Probabilities indexed by {@link Polarity#ordinal()}: positive, neutral, negative. */
  public double[] probabilities(String[] units) {
    return probabilities(Annotation.of(units));
  }

  /** As {@link #probabilities(String[])} on an annotation already made. */
  double[] probabilities(Annotation units) {
    double[] raw = maxent.eval(SentimentFeatures.context(units));
    double[] out = new double[3];
    for (int p = 0; p < 3; p++) {
      out[p] = raw[outcomeOf[p]];
    }
    return out;
  }

  /** A word or phrase of a text and how much it pushed the text towards a label. */
  public record Carrier(String words, double weight) {}

  /**
   * The words that carried {@code units} towards {@code label} in the fast model: each word, bigram
   * and "too + word" feature's weight for the label minus its mean weight over the three labels,
   * the largest positive ones first ({@code limit} at most). A word inside a negation scope shows
   * as "not word"; a feature holding the number placeholder is left out.
   */
  public List<Carrier> carriers(String[] units, Polarity label, int limit) {
    if (!(maxent instanceof AbstractModel m)) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Context> pmap = (Map<String, Context>) m.getDataStructures()[1];
    int target = outcomeOf[label.ordinal()];
    Map<String, Double> byWords = new java.util.LinkedHashMap<>();
    for (String f : SentimentFeatures.context(units)) {
      String words = wordsOf(f);
      // "<num>" stands for any number: not a word a person can find in the sentence.
      Context c = words == null || words.contains(Units.NUMBER) ? null : pmap.get(f);
      if (c == null) {
        continue;
      }
      double mine = 0;
      double sum = 0;
      for (int k = 0; k < c.getOutcomes().length; k++) {
        sum += c.getParameters()[k];
        if (c.getOutcomes()[k] == target) {
          mine = c.getParameters()[k];
        }
      }
      double push = mine - sum / 3;
      if (push > 0) {
        byWords.merge(words, push, Math::max);
      }
    }
    return byWords.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(limit)
        .map(e -> new Carrier(e.getKey(), e.getValue()))
        .toList();
  }

  private static String wordsOf(String feature) {
    if (feature.startsWith("w=!")) {
      return "not " + feature.substring(3);
    }
    if (feature.startsWith("w=")) {
      return feature.substring(2);
    }
    if (feature.startsWith("b=")) {
      return feature.substring(2).replace('_', ' ');
    }
    if (feature.startsWith("too=")) {
      return "too " + feature.substring(4);
    }
    return null;
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

  /** The fast model's algorithm, plus the stage when there is one. */
  public String description() {
    String fast = words == null ? algorithm() : algorithm() + " + MiniLM word vectors";
    return stage == null ? fast : fast + " + embedding stage: " + stage.describe();
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
