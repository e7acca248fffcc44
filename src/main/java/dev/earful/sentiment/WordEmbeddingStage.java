package dev.earful.sentiment;

import dev.earful.domain.Polarity;
import dev.earful.embed.SentenceEncoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import smile.classification.LogisticRegression;

/**
 * The sentiment model's reach beyond its training words: a multinomial logistic regression over the
 * mean MiniLM vector of a clause's words (each word encoded alone), one mean for the words outside
 * a negation scope and one for those inside, beside the same dense lexicon features as {@link
 * EmbeddingStage}. Its probabilities are blended with the fast model's ({@code fast^(1-mix) *
 * own^mix}) on every clause.
 *
 * <p>Why words and not the clause: a clause's own embedding costs a MiniLM run per clause (a tenth
 * of the fast model's throughput, models/README.md), while a word's vector is the same wherever the
 * word stands. The regression is linear in the mean vector, so each word reduces to its share of
 * the three labels' logits ({@link #PARTIALS} numbers); the model file carries them for every word
 * of its training data, and a word it has not seen ("spotless", "forgettable") is encoded once per
 * process and remembered. Scoring a clause is then a few table look-ups.
 */
public final class WordEmbeddingStage {

  /** Word vectors are scaled as EmbeddingStage scales a clause's (same encoder, same features). */
  static final double SCALE = EmbeddingStage.EMBEDDING_SCALE;

  /** Per word: its logit share for each label outside a negation scope, then inside one. */
  static final int PARTIALS = 6;

  /** Words remembered per process beyond the model's own; past this they are encoded each time. */
  static final int CACHE_LIMIT = 200_000;

  /**
   * Weights by {@link Polarity#ordinal()}: [outside mean (d) ; negated mean (d) ; dense ; bias].
   */
  private final double[][] weights;

  private final int dimensions;
  private final double mix;

  /**
   * Whether the stage reads clauses that hold a negator, with the negator words themselves left out
   * of the means (the words in its scope go to the negated mean). False: such clauses stay with the
   * maxent model alone, as in the files written before this switch (version 1).
   */
  private final boolean readsNegations;

  /** How the clause's words that the maxent model never saw raise this stage's weight. */
  private final Unseen unseen;

  /**
   * How the stage's weight in the blend follows the words of a clause that the maxent model did not
   * learn (not one of its word features and not in the lexicon, whose features it always reads).
   * Why: on a domain left out of training most content words are new to the maxent model, which
   * then decides on the lexicon and its bias alone, while the word vectors still place them
   * ("headset", "plot"). The share of such words says how blind the maxent model is on the clause.
   */
  public enum Unseen {
    /** The fixed mix on every clause (files before session 7). */
    FIXED,
    /** The mix, or the share of unseen words when that is larger. */
    FLOOR,
    /** The mix moved towards 1 by the share of unseen words: {@code mix + (1 - mix) * share}. */
    SHIFT
  }

  /** The training words' partial logits. */
  private final Map<String, float[]> table;

  /** Words met at scoring time that the table lacks, encoded once (bounded by CACHE_LIMIT). */
  private final java.util.concurrent.ConcurrentHashMap<String, float[]> met =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.LongAdder encoded =
      new java.util.concurrent.atomic.LongAdder();

  WordEmbeddingStage(
      double[][] weights,
      int dimensions,
      double mix,
      Map<String, float[]> table,
      boolean readsNegations) {
    this(weights, dimensions, mix, table, readsNegations, Unseen.FIXED);
  }

  private WordEmbeddingStage(
      double[][] weights,
      int dimensions,
      double mix,
      Map<String, float[]> table,
      boolean readsNegations,
      Unseen unseen) {
    this.weights = weights;
    this.dimensions = dimensions;
    this.mix = mix;
    this.table = table;
    this.readsNegations = readsNegations;
    this.unseen = unseen;
  }

  /** How the weight follows the words the maxent model did not learn ({@link Unseen}). */
  public Unseen unseen() {
    return unseen;
  }

  /** The same stage with another rule for words the maxent model did not learn. */
  public WordEmbeddingStage withUnseen(Unseen newUnseen) {
    return new WordEmbeddingStage(weights, dimensions, mix, table, readsNegations, newUnseen);
  }

  /** Whether clauses with a negator are read too (see {@link #wanted}). */
  public boolean readsNegations() {
    return readsNegations;
  }

  public int dimensions() {
    return dimensions;
  }

  /** The stage's weight in the blend with the fast model's probabilities. */
  public double mix() {
    return mix;
  }

  /** Words the model file carries. */
  public int words() {
    return table.size();
  }

  /** Words encoded at scoring time so far (not in the model's table). */
  public long wordsEncoded() {
    return encoded.sum();
  }

  /** The same stage with another blend weight (for calibration on dev data). */
  public WordEmbeddingStage withMix(double newMix) {
    return new WordEmbeddingStage(weights, dimensions, newMix, table, readsNegations, unseen);
  }

  /**
   * This stage with the partial logits of {@code vocabulary}'s words that its table lacks computed
   * now, exactly as scoring would compute them on first sight ({@link #partialsOf} of the word
   * encoded alone), so the stage scores every text the same and never runs MiniLM for these words.
   * Why: on fresh text most of the run-time cost of the stage was MiniLM encoding words outside the
   * training sentences (models/README.md, "Speed"); 6 floats a word are cheap to ship.
   */
  public WordEmbeddingStage withVocabulary(
      java.util.Collection<String> vocabulary, SentenceEncoder encoder) {
    List<String> missing =
        vocabulary.stream()
            .filter(w -> isWord(w) && !table.containsKey(w))
            .distinct()
            .sorted()
            .toList();
    List<float[]> vectors = encoder.encodeAll(missing);
    Map<String, float[]> wider = new HashMap<>(table);
    for (int i = 0; i < missing.size(); i++) {
      wider.put(missing.get(i), partialsOf(weights, dimensions, vectors.get(i)));
    }
    return new WordEmbeddingStage(weights, dimensions, mix, wider, readsNegations, unseen);
  }

  /** Whether a unit gets a vector: a word with a letter, not punctuation or a number. */
  static boolean isWord(String unit) {
    if (unit.length() > 40 || unit.equals(Units.NUMBER) || SentimentFeatures.SKIP.contains(unit)) {
      return false;
    }
    for (int i = 0; i < unit.length(); i++) {
      if (Character.isLetter(unit.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the stage reads this clause. A stage that {@link #readsNegations} reads every clause:
   * the negator's own vector is left out of the means, so "nothing" and "complaint" no longer add
   * up to a complaint, and the words in its scope count through the negated weights. An older stage
   * trained with the negators' vectors in its means put "Nothing to improve." with complaints, so
   * clauses with a negator stay with the maxent model there (the embedding stage's rule too).
   */
  boolean wanted(String[] units) {
    return readsNegations || !EmbeddingStage.holdsNegator(units);
  }

  /** Whether a unit's vector enters the means of a stage that does or does not read negations. */
  static boolean counted(String unit, boolean readsNegations) {
    return isWord(unit) && !(readsNegations && Lexicon.NEGATORS.contains(unit));
  }

  /**
   * The fast model's probabilities refined by this stage. {@code encoder} gives the encoder of
   * words the table lacks, asked only when one comes (null: such words are left out of the means).
   */
  double[] refine(
      double[] fast, Annotation units, java.util.function.Supplier<SentenceEncoder> encoder) {
    return refine(fast, units, encoder, w -> true);
  }

  /**
   * As above, the weight following the clause's words that {@code learned} (the maxent model's word
   * features) lacks, by this stage's {@link Unseen} rule.
   */
  double[] refine(
      double[] fast,
      Annotation units,
      java.util.function.Supplier<SentenceEncoder> encoder,
      java.util.function.Predicate<String> learned) {
    return SentimentScorer.blend(probabilities(units, encoder), fast, mixFor(units, learned));
  }

  /** The blend weight on a clause: {@link #mix}, raised by {@link #unseen} where it says so. */
  double mixFor(Annotation a, java.util.function.Predicate<String> learned) {
    if (unseen == Unseen.FIXED) {
      return mix;
    }
    double share = unseenShare(a.units, learned);
    return unseen == Unseen.FLOOR ? Math.max(mix, share) : mix + (1 - mix) * share;
  }

  /**
   * The share of a clause's words (those the stage reads, lexicon words aside) that {@code learned}
   * lacks; 0 for a clause without such words.
   */
  static double unseenShare(String[] units, java.util.function.Predicate<String> learned) {
    Lexicon lexicon = Lexicon.vader();
    int words = 0;
    int unseen = 0;
    for (String w : units) {
      if (!isWord(w) || Lexicon.NEGATORS.contains(w) || lexicon.contains(w)) {
        continue;
      }
      words++;
      if (!learned.test(w)) {
        unseen++;
      }
    }
    return words == 0 ? 0 : (double) unseen / words;
  }

  /** The stage's own probabilities (by {@link Polarity#ordinal()}). */
  double[] probabilities(String[] units, java.util.function.Supplier<SentenceEncoder> encoder) {
    return probabilities(Annotation.of(units), encoder);
  }

  /** As above, on an annotation already made (the scorer's, shared with the fast model). */
  double[] probabilities(Annotation a, java.util.function.Supplier<SentenceEncoder> encoder) {
    String[] units = a.units;
    double[] z = new double[3];
    double[] negated = new double[3];
    int outside = 0;
    int inside = 0;
    for (int i = 0; i < units.length; i++) {
      if (!counted(units[i], readsNegations)) {
        continue;
      }
      float[] p = partials(units[i], encoder);
      if (p == null) {
        continue;
      }
      if (a.negated(i)) {
        for (int k = 0; k < 3; k++) {
          negated[k] += p[3 + k];
        }
        inside++;
      } else {
        for (int k = 0; k < 3; k++) {
          z[k] += p[k];
        }
        outside++;
      }
    }
    double[] dense = new double[EmbeddingStage.DENSE];
    EmbeddingStage.dense(a, dense, 0);
    int d2 = 2 * dimensions;
    for (int k = 0; k < 3; k++) {
      double[] w = weights[k];
      double v = w[d2 + EmbeddingStage.DENSE];
      if (outside > 0) {
        v += z[k] / outside;
      }
      if (inside > 0) {
        v += negated[k] / inside;
      }
      for (int j = 0; j < dense.length; j++) {
        v += w[d2 + j] * dense[j];
      }
      z[k] = v;
    }
    return EmbeddingStage.softmax(z);
  }

  private float[] partials(String word, java.util.function.Supplier<SentenceEncoder> encoder) {
    float[] p = table.get(word);
    if (p != null) {
      return p;
    }
    p = met.get(word);
    if (p != null || encoder == null) {
      return p;
    }
    p = partialsOf(weights, dimensions, encoder.get().encode(word));
    encoded.increment();
    if (met.size() < CACHE_LIMIT) {
      met.putIfAbsent(word, p);
    }
    return p;
  }

  /** A word's share of each label's logit, outside and inside a negation scope. */
  static float[] partialsOf(double[][] weights, int d, float[] vector) {
    float[] p = new float[PARTIALS];
    for (int k = 0; k < 3; k++) {
      double out = 0;
      double in = 0;
      for (int j = 0; j < d; j++) {
        double x = vector[j] * SCALE;
        out += weights[k][j] * x;
        in += weights[k][d + j] * x;
      }
      p[k] = (float) out;
      p[3 + k] = (float) in;
    }
    return p;
  }

  /**
   * Fits the stage on training texts (as units) and labels. Every distinct word is encoded once
   * ({@code vectors} keeps them across calls), the regression is fitted by Smile, and the table of
   * partial logits is built for every training word.
   */
  static WordEmbeddingStage train(
      List<String[]> units,
      List<Polarity> labels,
      SentenceEncoder encoder,
      Map<String, float[]> vectors,
      double mix,
      boolean readsNegations) {
    return train(units, labels, encoder, vectors, mix, readsNegations, EmbeddingStage.LAMBDA);
  }

  /** As above with the L2 penalty {@code lambda} (Smile's: added to the sum of the losses). */
  static WordEmbeddingStage train(
      List<String[]> units,
      List<Polarity> labels,
      SentenceEncoder encoder,
      Map<String, float[]> vectors,
      double mix,
      boolean readsNegations,
      double lambda) {
    Set<String> words = new LinkedHashSet<>();
    for (String[] u : units) {
      for (String w : u) {
        if (isWord(w)) {
          words.add(w);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String w : words) {
      if (!vectors.containsKey(w)) {
        missing.add(w);
      }
    }
    List<float[]> encodedNow = encoder.encodeAll(missing);
    for (int i = 0; i < missing.size(); i++) {
      vectors.put(missing.get(i), encodedNow.get(i));
    }
    int d = encoder.dimensions();
    int n = units.size();
    double[][] x = new double[n][];
    int[] y = new int[n];
    for (int s = 0; s < n; s++) {
      x[s] = features(units.get(s), vectors, d, readsNegations);
      y[s] = labels.get(s).ordinal();
    }
    LogisticRegression.Multinomial fit =
        LogisticRegression.multinomial(x, y, new LogisticRegression.Options(lambda, 1e-5, 500));
    double[][] coef = fit.coefficients();
    int p = x[0].length;
    double[][] weights = new double[3][p + 1];
    for (int k = 0; k < coef.length; k++) {
      System.arraycopy(coef[k], 0, weights[k], 0, p + 1);
    }
    Map<String, float[]> table = new HashMap<>();
    for (String w : words) {
      table.put(w, partialsOf(weights, d, vectors.get(w)));
    }
    WordEmbeddingStage stage = new WordEmbeddingStage(weights, d, mix, table, readsNegations);
    // The hand-written scoring must agree with Smile's posteriors (up to float rounding of the
    // table), or the table and the fit have drifted apart.
    for (int s = 0; s < Math.min(n, 20); s++) {
      double[] posteriori = new double[3];
      fit.predict(x[s], posteriori);
      double[] ours = stage.probabilities(units.get(s), null);
      for (int k = 0; k < 3; k++) {
        if (Math.abs(posteriori[k] - ours[k]) > 1e-3) {
          throw new IllegalStateException(
              "the word stage's scoring differs from Smile's: " + posteriori[k] + " vs " + ours[k]);
        }
      }
    }
    return stage;
  }

  /** [mean vector outside negation ; mean vector inside ; dense lexicon features]. */
  static double[] features(
      String[] units, Map<String, float[]> vectors, int d, boolean readsNegations) {
    Annotation a = Annotation.of(units);
    double[] x = new double[2 * d + EmbeddingStage.DENSE];
    int outside = 0;
    int inside = 0;
    for (int i = 0; i < units.length; i++) {
      float[] v = counted(units[i], readsNegations) ? vectors.get(units[i]) : null;
      if (v == null) {
        continue;
      }
      int at = a.negated(i) ? d : 0;
      for (int j = 0; j < d; j++) {
        x[at + j] += v[j] * SCALE;
      }
      if (a.negated(i)) {
        inside++;
      } else {
        outside++;
      }
    }
    for (int j = 0; j < d; j++) {
      if (outside > 0) {
        x[j] /= outside;
      }
      if (inside > 0) {
        x[d + j] /= inside;
      }
    }
    EmbeddingStage.dense(units, x, 2 * d);
    return x;
  }

  void write(DataOutputStream out) throws IOException {
    // Version 2 adds readsNegations, version 3 the Unseen rule; a stage is written in the oldest
    // version that holds it, so a file written before a switch is rewritten byte for byte.
    int version = unseen != Unseen.FIXED ? 3 : readsNegations ? 2 : 1;
    out.writeInt(version);
    out.writeInt(dimensions);
    out.writeInt(weights[0].length);
    out.writeDouble(mix);
    if (version >= 2) {
      out.writeBoolean(readsNegations);
    }
    if (version >= 3) {
      out.writeUTF(unseen.name());
    }
    for (double[] row : weights) {
      for (double w : row) {
        out.writeDouble(w);
      }
    }
    // Sorted, so the same stage gives the same bytes.
    Map<String, float[]> sorted = new TreeMap<>(table);
    out.writeInt(sorted.size());
    for (Map.Entry<String, float[]> e : sorted.entrySet()) {
      out.writeUTF(e.getKey());
      for (float f : e.getValue()) {
        out.writeFloat(f);
      }
    }
  }

  static WordEmbeddingStage read(DataInputStream in) throws IOException {
    int version = in.readInt();
    if (version < 1 || version > 3) {
      throw new IOException("unknown word embedding stage version " + version);
    }
    int d = in.readInt();
    int width = in.readInt();
    if (width != 2 * d + EmbeddingStage.DENSE + 1) {
      throw new IOException("word embedding stage of width " + width + " for " + d + " dimensions");
    }
    double mix = in.readDouble();
    boolean readsNegations = version >= 2 && in.readBoolean();
    Unseen unseen = Unseen.FIXED;
    if (version >= 3) {
      String name = in.readUTF();
      try {
        unseen = Unseen.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new IOException("unknown rule for unseen words in the word stage: " + name, e);
      }
    }
    double[][] weights = new double[3][width];
    for (double[] row : weights) {
      for (int i = 0; i < width; i++) {
        row[i] = in.readDouble();
      }
    }
    int n = in.readInt();
    Map<String, float[]> table = new HashMap<>(n * 2);
    for (int k = 0; k < n; k++) {
      String w = in.readUTF();
      float[] p = new float[PARTIALS];
      for (int j = 0; j < PARTIALS; j++) {
        p[j] = in.readFloat();
      }
      table.put(w, p);
    }
    return new WordEmbeddingStage(weights, d, mix, table, readsNegations, unseen);
  }
}
