package dev.earful.sentiment;

import dev.earful.domain.Polarity;
import dev.earful.embed.MiniLmEncoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import smile.classification.LogisticRegression;

/**
 * The costly second stage of the sentiment cascade: a multinomial logistic regression over a
 * clause's sentence embedding (see {@code embed.SentenceEncoder}; the stage records which encoder
 * it was fitted on, {@link #encoder()}, and is scored only with that one) beside a few dense
 * lexicon features of the same clause (valence after negation, counts, "too", punctuation). It runs
 * only where the fast model is unsure (its top probability below {@link #threshold()}), and its
 * probabilities are blended with the fast model's, log-linearly with weight {@link #mix()}: the
 * fast model knows the exact words and their negation scope, the embedding knows words the lexicon
 * and the training data lack ("lukewarm", "forgettable") and phrasing ("could be better").
 *
 * <p>Fitted by Smile's logistic regression; the weights are kept as plain numbers so the model file
 * does not depend on Smile's serialised classes, and applied by hand (a dot product per label).
 */
public final class EmbeddingStage {

  /** Embedding components are ~1/sqrt(384); this brings them to the dense features' scale. */
  static final double EMBEDDING_SCALE = 20.0;

  static final int DENSE = 12;

  /** Weights by {@link Polarity#ordinal()}, each over [embedding ; dense ; bias]. */
  private final double[][] weights;

  private final String encoder;
  private final int dimensions;
  private final double mix;
  private final double threshold;

  private final boolean polarOnly;
  private final boolean readsNegations;

  EmbeddingStage(double[][] weights, String encoder, int dimensions, double mix, double threshold) {
    this(weights, encoder, dimensions, mix, threshold, false, false);
  }

  private EmbeddingStage(
      double[][] weights,
      String encoder,
      int dimensions,
      double mix,
      double threshold,
      boolean polarOnly,
      boolean readsNegations) {
    this.weights = weights;
    this.encoder = encoder;
    this.dimensions = dimensions;
    this.mix = mix;
    this.threshold = threshold;
    this.polarOnly = polarOnly;
    this.readsNegations = readsNegations;
  }

  /**
   * Whether the stage refines only which way a clause leans, the fast model's neutral probability
   * kept as it was: the fast model reads the plain statements of customer feedback ("I ordered a
   * medium", "I called on Tuesday") from their words and rules, and a sentence embedding places
   * them among reviews that judge.
   */
  public boolean polarOnly() {
    return polarOnly;
  }

  /** The same stage, refining only the lean ({@link #polarOnly()}) or every label. */
  public EmbeddingStage polarOnly(boolean only) {
    return new EmbeddingStage(weights, encoder, dimensions, mix, threshold, only, readsNegations);
  }

  /**
   * Whether the stage also refines clauses with a negator ("not", "no", "never"...); without it
   * they stay with the fast model, which reads the negation scope word by word (MiniLM placed "No
   * complaints." next to complaints).
   */
  public boolean readsNegations() {
    return readsNegations;
  }

  /** The same stage, refining clauses with a negator or leaving them to the fast model. */
  public EmbeddingStage readsNegations(boolean reads) {
    return new EmbeddingStage(weights, encoder, dimensions, mix, threshold, polarOnly, reads);
  }

  /**
   * The name of the sentence encoder whose vectors this stage reads ({@code
   * SentenceEncoder#named}); a stage file of version 1 (before session 20) read MiniLM's.
   */
  public String encoder() {
    return encoder;
  }

  public int dimensions() {
    return dimensions;
  }

  /** The stage's weight in the blend with the fast model's probabilities. */
  public double mix() {
    return mix;
  }

  /** The fast model's top probability from which on this stage is skipped. */
  public double threshold() {
    return threshold;
  }

  /** The same stage with another blend weight and threshold (for calibration on dev data). */
  public EmbeddingStage with(double newMix, double newThreshold) {
    return new EmbeddingStage(
        weights, encoder, dimensions, newMix, newThreshold, polarOnly, readsNegations);
  }

  /**
   * Whether to ask this stage: the fast model is unsure, and the clause holds no negator unless the
   * stage {@link #readsNegations() reads them}.
   */
  boolean wanted(double[] fast, String[] units) {
    return Math.max(fast[0], Math.max(fast[1], fast[2])) < threshold
        && (readsNegations || !holdsNegator(units));
  }

  /**
   * Whether a clause holds a negator: both embedding stages leave such clauses to the fast model.
   */
  static boolean holdsNegator(String[] units) {
    for (String u : units) {
      if (Lexicon.NEGATORS.contains(u)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a person reads of this stage (the model file's {@code stage} line, the model's
   * description): its encoder, blend weight, threshold and rules.
   */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "%s (quantized) + logistic regression; mix %.2f, below %.2f%s%s",
        dev.earful.embed.SentenceEncoder.title(encoder),
        mix,
        threshold,
        polarOnly ? "; refines the lean only (the fast model's neutral kept)" : "",
        readsNegations ? "; reads clauses with a negator" : "");
  }

  /** The stage's own probabilities (by {@link Polarity#ordinal()}). */
  double[] probabilities(float[] embedding, String[] units) {
    double[] x = features(embedding, units);
    double[] out = new double[3];
    for (int p = 0; p < 3; p++) {
      double[] w = weights[p];
      double z = w[x.length];
      for (int i = 0; i < x.length; i++) {
        z += w[i] * x[i];
      }
      out[p] = z;
    }
    return softmax(out);
  }

  /** Turns the three labels' logits into probabilities, in place (shifted by the largest). */
  static double[] softmax(double[] z) {
    double max = Math.max(z[0], Math.max(z[1], z[2]));
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    for (int k = 0; k < 3; k++) {
      z[k] /= sum;
    }
    return z;
  }

  /** The fast model's probabilities refined by this stage: {@code fast^(1-mix) * own^mix}. */
  double[] refine(double[] fast, float[] embedding, String[] units) {
    double[] blended = SentimentScorer.blend(probabilities(embedding, units), fast, mix);
    if (!polarOnly) {
      return blended;
    }
    int pos = Polarity.POSITIVE.ordinal();
    int neg = Polarity.NEGATIVE.ordinal();
    int neutral = Polarity.NEUTRAL.ordinal();
    double lean = blended[pos] + blended[neg];
    double polar = 1 - fast[neutral];
    double[] out = new double[3];
    out[neutral] = fast[neutral];
    out[pos] = lean > 0 ? polar * blended[pos] / lean : polar / 2;
    out[neg] = lean > 0 ? polar * blended[neg] / lean : polar / 2;
    return out;
  }

  static double[] features(float[] embedding, String[] units) {
    double[] x = new double[embedding.length + DENSE];
    for (int i = 0; i < embedding.length; i++) {
      x[i] = embedding[i] * EMBEDDING_SCALE;
    }
    dense(units, x, embedding.length);
    return x;
  }

  /** The dense lexicon features of a clause, written at {@code x[at...]}. */
  static void dense(String[] units, double[] x, int at) {
    dense(Annotation.of(units), x, at);
  }

  /** As {@link #dense(String[], double[], int)} on an annotation already made. */
  static void dense(Annotation a, double[] x, int at) {
    String[] units = a.units;
    double sum = 0;
    double max = 0;
    double min = 0;
    int pos = 0;
    int neg = 0;
    int negatedPos = 0;
    int negatedNeg = 0;
    boolean negator = false;
    boolean too = false;
    boolean question = false;
    boolean exclamation = false;
    int words = 0;
    for (int i = 0; i < units.length; i++) {
      double v = a.valence[i];
      sum += v;
      max = Math.max(max, v);
      min = Math.min(min, v);
      pos += v > 0.05 ? 1 : 0;
      neg += v < -0.05 ? 1 : 0;
      if (a.raw[i] != 0 && a.negated(i)) {
        if (a.raw[i] > 0) {
          negatedPos++;
        } else {
          negatedNeg++;
        }
      }
      negator |= Lexicon.NEGATORS.contains(units[i]);
      too |= units[i].equals("too");
      question |= units[i].equals("?");
      exclamation |= units[i].equals("!");
      words += SentimentFeatures.SKIP.contains(units[i]) ? 0 : 1;
    }
    x[at] = Math.max(-2, Math.min(2, sum / 4));
    x[at + 1] = Math.min(pos, 3) / 3.0;
    x[at + 2] = Math.min(neg, 3) / 3.0;
    x[at + 3] = Math.min(negatedPos, 2) / 2.0;
    x[at + 4] = Math.min(negatedNeg, 2) / 2.0;
    x[at + 5] = max / 4;
    x[at + 6] = min / 4;
    x[at + 7] = negator ? 1 : 0;
    x[at + 8] = too ? 1 : 0;
    x[at + 9] = question ? 1 : 0;
    x[at + 10] = exclamation ? 1 : 0;
    x[at + 11] = Math.min(words, 30) / 30.0;
  }

  /** L2 penalty of the fit (Smile's lambda). */
  static final double LAMBDA = 1.0;

  /**
   * Fits the stage on clauses with their embeddings and labels. Smile's multinomial fit keeps the
   * last label's weights at zero; they are spread into one row per label here, and checked against
   * Smile's own posteriors on the first rows so the hand-written scoring cannot drift from it.
   */
  static EmbeddingStage train(
      String encoder,
      List<float[]> embeddings,
      List<String[]> units,
      List<Polarity> labels,
      double mix,
      double threshold) {
    int n = embeddings.size();
    int d = embeddings.getFirst().length;
    double[][] x = new double[n][];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = features(embeddings.get(i), units.get(i));
      y[i] = labels.get(i).ordinal();
    }
    LogisticRegression.Multinomial fit =
        LogisticRegression.multinomial(x, y, new LogisticRegression.Options(LAMBDA, 1e-5, 500));
    double[][] coef = fit.coefficients();
    int p = x[0].length;
    double[][] weights = new double[3][p + 1];
    for (int k = 0; k < coef.length; k++) {
      System.arraycopy(coef[k], 0, weights[k], 0, p + 1);
    }
    EmbeddingStage stage = new EmbeddingStage(weights, encoder, d, mix, threshold);
    for (int i = 0; i < Math.min(n, 20); i++) {
      double[] posteriori = new double[3];
      fit.predict(x[i], posteriori);
      double[] ours = stage.probabilities(embeddings.get(i), units.get(i));
      for (int k = 0; k < 3; k++) {
        if (Math.abs(posteriori[k] - ours[k]) > 1e-6) {
          throw new IllegalStateException(
              "the stage's scoring differs from Smile's: " + posteriori[k] + " vs " + ours[k]);
        }
      }
    }
    return stage;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(2);
    out.writeUTF(encoder);
    out.writeBoolean(polarOnly);
    out.writeBoolean(readsNegations);
    out.writeInt(dimensions);
    out.writeInt(weights[0].length);
    out.writeDouble(mix);
    out.writeDouble(threshold);
    for (double[] row : weights) {
      for (double w : row) {
        out.writeDouble(w);
      }
    }
  }

  static EmbeddingStage read(DataInputStream in) throws IOException {
    int version = in.readInt();
    if (version != 1 && version != 2) {
      throw new IOException("unknown embedding stage version " + version);
    }
    String encoder = version == 1 ? MiniLmEncoder.NAME : in.readUTF();
    // Version 1 (every model file up to session 19): a MiniLM stage refining every label, clauses
    // with a negator left to the fast model. Version 2 names its encoder and says both.
    boolean polarOnly = version == 2 && in.readBoolean();
    boolean readsNegations = version == 2 && in.readBoolean();
    int d = in.readInt();
    int width = in.readInt();
    if (width != d + DENSE + 1) {
      throw new IOException("embedding stage of width " + width + " for " + d + " dimensions");
    }
    double mix = in.readDouble();
    double threshold = in.readDouble();
    double[][] weights = new double[3][width];
    for (double[] row : weights) {
      for (int i = 0; i < width; i++) {
        row[i] = in.readDouble();
      }
    }
    return new EmbeddingStage(weights, encoder, d, mix, threshold, polarOnly, readsNegations);
  }
}
