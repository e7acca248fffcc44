package dev.earful.sentiment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * The model's features of a span of units. Training goes through OpenNLP, which calls the two
 * {@link FeatureGenerator}s ({@link NgramFeatureGenerator}, {@link PolarityFeatureGenerator}) by
 * class name; scoring calls {@link #context} which annotates once and yields exactly the same list
 * in the same order (the categorizer's context generator concatenates its generators' output).
 */
public final class SentimentFeatures {

  private SentimentFeatures() {}

  /**
   * The version of the features this code computes from a text's units: the n-grams here and what
   * {@link Annotation} and {@link Lexicon} feed them (negation scope, valences, the rules read at
   * scoring time). A model file records the version it was trained on ({@link
   * SentimentModel#featureSet}), so a model trained on other features (a data folder's own, from an
   * older release) says so instead of being read silently with today's. Raise it with every change
   * that gives some text other features: {@code SentimentFeaturesTest} pins a digest of the
   * features of a frozen sample of our own comments (src/test/resources/sentiment) for this version
   * and fails until both are updated. Version 1 is the feature set of session 9 (2026-12-02); model
   * files written before it record none ({@link SentimentModel#UNRECORDED}). Version 2 adds
   * feedback judgements VADER lacks ("flaky", "unusable", "nightmare"; {@link
   * Lexicon#FEEDBACK_JUDGEMENTS}). Version 3 (session 10) judges "out of order", "out of stock",
   * "out of sync" and their kin ({@link Lexicon#OUT_OF}).
   */
  public static final int VERSION = 3;

  /** The generators as stored in the model, in order. */
  static FeatureGenerator[] generators() {
    return new FeatureGenerator[] {new NgramFeatureGenerator(), new PolarityFeatureGenerator()};
  }

  /** Every feature of {@code units}, as the trained model expects them. */
  public static String[] context(String[] units) {
    return context(Annotation.of(units));
  }

  /** As {@link #context(String[])} on an annotation already made. */
  static String[] context(Annotation a) {
    String[] units = a.units;
    List<String> out = new ArrayList<>(units.length * 3 + 12);
    ngrams(a, out);
    polarity(a, out);
    return out.toArray(String[]::new);
  }

  static final Set<String> SKIP = Set.of(",", ".", ";", ":", "-", "--", "(", ")", "\"", "'", "`");

  /**
   * Unigram lemmas (prefixed "!" inside a negation scope) and bigrams within a clause, except for
   * units whose sense their context decides ({@code Annotation.ruled}).
   */
  static void ngrams(Annotation a, List<String> out) {
    String[] u = a.units;
    for (Annotation.Span c : a.clauses) {
      String prev = null;
      for (int i = c.from(); i < c.to(); i++) {
        String w = u[i];
        if (SKIP.contains(w) || a.ruled[i]) {
          // A unit whose sense its context decides (Annotation.ruled) speaks through the lexicon
          // features only.
          prev = null;
          continue;
        }
        out.add(a.negated(i) ? "w=!" + w : "w=" + w);
        if (prev != null) {
          out.add("b=" + prev + '_' + w);
        }
        prev = w;
      }
    }
  }

  /**
   * Lexicon polarity (binned sums, counts, negated hits), contrast position (the valence of the
   * clause that weighs most vs the rest), intensifiers, "too + word", question and exclamation.
   */
  static void polarity(Annotation a, List<String> out) {
    String[] u = a.units;
    out.add("bias");
    int pos = 0;
    int neg = 0;
    int negatedPos = 0;
    int negatedNeg = 0;
    double sum = 0;
    double max = 0;
    double min = 0;
    for (int i = 0; i < u.length; i++) {
      double raw = a.raw[i];
      double v = a.valence[i];
      if (raw != 0.0) {
        if (a.negated(i)) {
          if (raw > 0) {
            negatedPos++;
          } else {
            negatedNeg++;
          }
        }
        if (a.intensity[i] != 0) {
          out.add((a.intensity[i] > 0 ? "int=up" : "int=down") + (v > 0 ? "+" : "-"));
        }
      }
      if (v > 0.05) {
        pos++;
      } else if (v < -0.05) {
        neg++;
      }
      sum += v;
      max = Math.max(max, v);
      min = Math.min(min, v);
      if (u[i].equals("too") && i + 1 < u.length && !SKIP.contains(u[i + 1])) {
        out.add("too=" + u[i + 1]);
        out.add("too");
      }
    }
    out.add("lex=" + bin(sum, pos + neg));
    out.add("lexpos=" + Math.min(pos, 3));
    out.add("lexneg=" + Math.min(neg, 3));
    out.add("lexmix=" + (pos > 0 && neg > 0));
    out.add("lexmax=" + bin(max, max > 0 ? 1 : 0));
    out.add("lexmin=" + bin(min, min < 0 ? 1 : 0));
    for (int k = 0; k < Math.min(negatedPos, 2); k++) {
      out.add("negated=pos");
    }
    for (int k = 0; k < Math.min(negatedNeg, 2); k++) {
      out.add("negated=neg");
    }
    List<Annotation.Span> clauses = a.clauses;
    if (clauses.size() > 1) {
      // The clause that weighs most (after "but", or the main clause of a concession) vs the rest.
      Annotation.Span main = clauses.getFirst();
      for (Annotation.Span c : clauses) {
        if (c.role().weight >= main.role().weight) {
          main = c;
        }
      }
      double mainSum = a.valenceSum(main.from(), main.to());
      out.add("contrast");
      out.add("lexmain=" + bin(mainSum, mainSum != 0 ? 1 : 0));
      out.add("lexrest=" + bin(sum - mainSum, sum - mainSum != 0 ? 1 : 0));
    } else if (u.length > 0) {
      // A clause scored on its own still says where it stood.
      String first = u[0];
      if (Annotation.CONTRAST.contains(first)) {
        out.add("starts=contrast");
      } else if (Annotation.CONCESSIVE.contains(first) || first.equals("even")) {
        out.add("starts=concession");
      }
    }
    boolean question = false;
    boolean exclamation = false;
    int words = 0;
    for (String w : u) {
      question |= w.equals("?");
      exclamation |= w.equals("!");
      if (!SKIP.contains(w)) {
        words++;
      }
    }
    if (question) {
      out.add("question");
    }
    if (exclamation) {
      out.add("exclamation");
    }
    out.add("len=" + (words <= 3 ? "s" : words <= 12 ? "m" : "l"));
  }

  static String bin(double v, int hits) {
    if (hits == 0) {
      return "none";
    }
    if (v <= -4) {
      return "n4";
    }
    if (v <= -2) {
      return "n2";
    }
    if (v < -0.5) {
      return "n1";
    }
    if (v < 0.5) {
      return "z";
    }
    if (v < 2) {
      return "p1";
    }
    if (v < 4) {
      return "p2";
    }
    return "p4";
  }

  static Collection<String> ngramsOf(String[] units) {
    List<String> out = new ArrayList<>();
    ngrams(Annotation.of(units), out);
    return out;
  }

  static Collection<String> polarityOf(String[] units) {
    List<String> out = new ArrayList<>();
    polarity(Annotation.of(units), out);
    return out;
  }
}
