package dev.earful.nlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.postag.DefaultPOSSequenceValidator;
import opennlp.tools.postag.POSContextGenerator;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * Tags a sentence exactly as {@code POSTaggerME} does with a beam of one (see {@link
 * TextAnalyzer#POS_BEAM}), without building the model's feature strings for each word again.
 *
 * <p>With a beam of one the tagger takes, word by word, the most probable tag of the maxent model
 * given the features of that position (the first in the model's order among equals). The shipped
 * model's features (its {@code generator.featuregen}) are, in this order: a constant, the word's
 * suffixes and prefixes of one to four characters, the lower-cased word, the two words on each
 * side, whether the position or one of the two before it starts the sentence, the word's character
 * class alone and with the word, and the one and two tags before. The model sums, per tag, the
 * weights of the features it knows in that order, and then takes exp and normalises. Every feature
 * but the position's and the tags' is a function of one word, so the weights each word brings are
 * looked up once per distinct word ({@link Cache}) instead of as five feature strings at each of
 * the five positions that read it. The sums are then added in the model's own order ({@link
 * GisSums}, which says why its clear best is the model's best), and a near tie is tagged through
 * the model itself. In a profile of {@code bench-sentiment} on fresh reviews, building and looking
 * up the feature strings was half of all the CPU time; GreedyPosTaggerTest compares the weights
 * with those of the model's own feature strings and the tags with {@code POSTaggerME} on every
 * sentence of the real reviews. A model whose feature descriptor is not byte for byte the shipped
 * one is declined ({@link #forModel}).
 *
 * <p>Not thread-safe (the feature generator of the near-tie path keeps state); one per thread,
 * sharing the {@link Cache}.
 */
final class GreedyPosTagger {

  /** Distinct words whose weights are kept; past it new words are looked up but not remembered. */
  static final int CACHE_LIMIT = 100_000;

  /**
   * Words longer than this (characters) are looked up but not remembered: a text of 1,000-character
   * "words" sent to /analyze would otherwise fill the cache with kilobyte keys that no comment
   * repeats.
   */
  static final int LONGEST_WORD = 64;

  /** The weights of the words seen, shared by the threads' taggers. Thread-safe. */
  static final class Cache {
    private final ConcurrentHashMap<String, WordWeights> words = new ConcurrentHashMap<>();

    /** Words remembered. */
    int size() {
      return words.size();
    }
  }

  /**
   * The model's weights of the features one word gives: its own (suffixes, prefixes, the word), as
   * each of the two words before or after a position, and its class; null where the model does not
   * know the feature (the model skips those too). The own and class features are each one run of
   * the weights of their features in order ({@link GisSums#concat}): adding the run adds every
   * weight in the same order, and reads one pair of arrays instead of nine scattered ones.
   */
  private record WordWeights(
      Context own,
      Context before1,
      Context before2,
      Context after1,
      Context after2,
      Context kind) {}

  /**
   * Sentences at least this long go to {@code POSTaggerME}: its search drops a sequence whose
   * summed log probability falls under -100,000, which a tag of at least 1/outcomes probability
   * (about -3 a word) reaches only after tens of thousands of words.
   */
  private static final int LONGEST = 10_000;

  private static final Object[] NO_CONTEXT = new Object[0];

  private final POSTaggerME fallback;
  private final GISModel model;
  private final POSContextGenerator features;
  private final SequenceValidator<String> validator;
  private final Cache cache;
  private final GisSums gis;
  private final String[] outcomes;
  private final Context constant;

  /** The sums every position starts from: the prior's, plus the constant feature's weights. */
  private final double[] opening;

  private final Context[] starts;
  private final Context[] tagBefore;
  private final Context[][] tagsBefore;
  private final double[] sums;
  private final double[] probs;
  private final Consumer<Context> addToSums = this::add;

  /**
   * SHA-256 of the shipped model's feature generator descriptor ({@code generator.featuregen}): the
   * features that {@link #weightsAt} adds up are read from it, so a model whose descriptor differs
   * in any byte is declined rather than trusted.
   */
  static final String SHIPPED_FEATURES =
      "d6737d09cec55717e2e10e70be03c5a15a1708d1b35b3017390862e784c40c3a";

  /**
   * Null when the model is not one this class reproduces exactly: a tag dictionary, a model other
   * than GIS maxent, a beam other than one, or features other than the shipped descriptor's.
   */
  static GreedyPosTagger forModel(POSModel model, Cache cache) {
    Object maxent = model.getArtifact("pos.model");
    if (!(maxent instanceof GISModel m)
        || model.getFactory().getTagDictionary() != null
        || !(model.getFactory().getSequenceValidator() instanceof DefaultPOSSequenceValidator)
        || !"1".equals(model.getManifestProperty("BeamSize"))
        || !(model.getArtifact("generator.featuregen") instanceof byte[] features)
        || !SHIPPED_FEATURES.equals(sha256(features))) {
      return null;
    }
    return new GreedyPosTagger(model, m, cache);
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private GreedyPosTagger(POSModel posModel, GISModel model, Cache cache) {
    this.fallback = new POSTaggerME(posModel);
    this.model = model;
    this.features = posModel.getFactory().getPOSContextGenerator(1);
    this.validator = posModel.getFactory().getSequenceValidator();
    this.cache = cache;
    this.gis = new GisSums(model);
    int n = gis.outcomes();
    this.outcomes = new String[n];
    for (int o = 0; o < n; o++) {
      outcomes[o] = model.getOutcome(o);
    }
    this.constant = gis.weight("def");
    this.opening = new double[n];
    gis.start(opening);
    GisSums.add(opening, constant);
    this.starts = new Context[] {weight("S=begin"), weight("p1S=begin"), weight("p2S=begin")};
    this.tagBefore = new Context[n];
    this.tagsBefore = new Context[n][n];
    for (int a = 0; a < n; a++) {
      tagBefore[a] = weight("t=" + outcomes[a]);
      for (int b = 0; b < n; b++) {
        tagsBefore[a][b] = weight("t2=" + outcomes[a] + "," + outcomes[b]);
      }
    }
    this.sums = new double[n];
    this.probs = new double[n];
  }

  /** The tags of {@code words}, as {@code POSTaggerME.tag(words)} gives them. */
  String[] tag(String[] words) {
    if (words.length >= LONGEST) {
      return fallback.tag(words);
    }
    WordWeights[] w = new WordWeights[words.length];
    for (int i = 0; i < words.length; i++) {
      w[i] = weightsOf(words[i]);
    }
    int[] picked = new int[words.length];
    String[] tags = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      sum(w, picked, i);
      // The default validator accepts every tag (forModel), so the clear best is the tag.
      int best = GisSums.clearBest(sums);
      if (best < 0) {
        // A near tie: the model's own arithmetic decides.
        String[] prior = Arrays.copyOf(tags, i);
        String tag = exactBest(features.getContext(i, words, prior, NO_CONTEXT), words, prior, i);
        if (tag == null) {
          return fallback.tag(words); // no tag valid: the beam search's own way decides
        }
        best = model.getIndex(tag);
      }
      picked[i] = best;
      tags[i] = outcomes[best];
    }
    return tags;
  }

  /**
   * Fills {@link #sums} with the model's sums at position {@code i}: the prior, then each known
   * feature's weights in the order of the feature generator (as {@code ArrayMath.sumFeatures}).
   */
  private void sum(WordWeights[] w, int[] picked, int i) {
    System.arraycopy(opening, 0, sums, 0, sums.length);
    forEachWeightAfterConstant(w, picked, i, addToSums);
  }

  /**
   * Gives {@code to} the weights of every feature at position {@code i} after the constant one, the
   * word's own ones first, in the order of the shipped feature generator, null for a feature the
   * model does not know: the one sequence that both the tagging ({@link #sum}, after the prior and
   * the constant) and GreedyPosTaggerTest (through {@link #weightsAt}, after the constant) read, so
   * the test covers the order the tagger adds.
   */
  private void forEachWeightAfterConstant(
      WordWeights[] w, int[] picked, int i, Consumer<Context> to) {
    to.accept(w[i].own());
    if (i >= 1) {
      to.accept(w[i - 1].before1());
    }
    if (i >= 2) {
      to.accept(w[i - 2].before2());
    }
    if (i + 1 < w.length) {
      to.accept(w[i + 1].after1());
    }
    if (i + 2 < w.length) {
      to.accept(w[i + 2].after2());
    }
    if (i < starts.length) {
      to.accept(starts[i]);
    }
    to.accept(w[i].kind());
    if (i >= 1) {
      to.accept(tagBefore[picked[i - 1]]);
    }
    if (i >= 2) {
      to.accept(tagsBefore[picked[i - 2]][picked[i - 1]]);
    }
  }

  private void add(Context c) {
    GisSums.add(sums, c);
  }

  private Context weight(String feature) {
    return gis.weight(feature);
  }

  private WordWeights weightsOf(String word) {
    WordWeights w = cache.words.get(word);
    if (w == null) {
      w = lookUp(word);
      if (word.length() <= LONGEST_WORD && cache.words.size() < CACHE_LIMIT) {
        cache.words.putIfAbsent(word, w);
      }
    }
    return w;
  }

  /** The features of one word as the shipped descriptor's generators write them. */
  private WordWeights lookUp(String word) {
    List<String> own = new ArrayList<>(9);
    int affixes = Math.min(4, word.length());
    for (int k = 0; k < affixes; k++) {
      own.add("suf=" + word.substring(Math.max(word.length() - k - 1, 0)));
    }
    for (int k = 0; k < affixes; k++) {
      own.add("pre=" + word.substring(0, Math.min(k + 1, word.length())));
    }
    String lower = StringUtil.toLowerCase(word);
    own.add("w=" + lower);
    String wordClass = FeatureGeneratorUtil.tokenFeature(word);
    return new WordWeights(
        concat(own),
        weight("p1w=" + lower),
        weight("p2w=" + lower),
        weight("n1w=" + lower),
        weight("n2w=" + lower),
        concat(List.of("wc=" + wordClass, "w&c=" + lower + "," + wordClass)));
  }

  private Context concat(List<String> names) {
    return GisSums.concat(names.stream().map(this::weight).toList());
  }

  /**
   * The weights the model reads at position {@code i} given the tags before it, in its order,
   * unknown features left out: for GreedyPosTaggerTest to compare with the model's own feature
   * strings.
   */
  List<Context> weightsAt(String[] words, String[] tags, int i) {
    WordWeights[] w = new WordWeights[words.length];
    int[] picked = new int[words.length];
    for (int k = 0; k < words.length; k++) {
      w[k] = lookUp(words[k]);
      picked[k] = k < i ? model.getIndex(tags[k]) : -1;
    }
    List<Context> out = new ArrayList<>();
    out.add(constant);
    forEachWeightAfterConstant(w, picked, i, out::add);
    out.removeIf(c -> c == null);
    return out;
  }

  /** The model's known weights for the feature strings of its own generator at {@code i}. */
  List<Context> modelWeightsAt(String[] words, String[] tags, int i) {
    List<Context> out = new ArrayList<>();
    for (String f : features.getContext(i, words, Arrays.copyOf(tags, i), NO_CONTEXT)) {
      Context c = weight(f);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The beam search's choice with a beam of one: the outcomes scoring the maximum, in the model's
   * order, the first that the validator accepts; null when none is (the search then looks further).
   */
  private String exactBest(String[] context, String[] words, String[] prior, int i) {
    double[] scores = model.eval(context, probs);
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    for (int p = 0; p < scores.length; p++) {
      if (scores[p] >= max) {
        String out = model.getOutcome(p);
        if (validator.validSequence(i, words, prior, out)) {
          return out;
        }
      }
    }
    return null;
  }
}
