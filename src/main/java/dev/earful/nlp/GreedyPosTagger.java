package dev.earful.nlp;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSContextGenerator;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.util.SequenceValidator;

/**
 * Tags a sentence exactly as {@code POSTaggerME} does with a beam of one (see {@link
 * TextAnalyzer#POS_BEAM}), remembering the tag chosen at each position by what decides it.
 *
 * <p>With a beam of one the tagger takes, word by word, the most probable tag of the model given
 * the features of that position (the first in the model's order among equals that the sequence
 * validator accepts). The shipped model's features (its {@code generator.featuregen}) read the word
 * itself, the two words on each side, whether each of the two words before is the first of the
 * sentence, and the two tags before. So the tag at a position is a function of those: the two words
 * before and after, the word, the two tags before, and the position when it is below three. That
 * key is kept with its tag, and the next time the same key comes up the model is not asked. The
 * tagger was about a third of an import's server time in a profile of {@code bench-http --import},
 * most of it in the model's feature lookups for windows of words it had seen before.
 * GreedyPosTaggerTest compares every sentence of the real reviews with {@code POSTaggerME}. A model
 * whose feature descriptor is not byte for byte the shipped one is declined ({@link #forModel}),
 * because its window could be wider than the key.
 *
 * <p>Not thread-safe (the feature generator keeps state); one per thread, sharing the {@link
 * Cache}.
 */
final class GreedyPosTagger {

  /** Keys kept; past it new windows are tagged by the model but not remembered. */
  static final int CACHE_LIMIT = 300_000;

  /**
   * Windows longer than this (characters of the key) are tagged but not remembered: five survey
   * words make about 30, and a text of 1,000-character "words" sent to /analyze would otherwise
   * fill the cache with kilobyte keys (300,000 of them) that no comment repeats.
   */
  static final int LONGEST_KEY = 96;

  /** The windows seen and their tags, shared by the threads' taggers. Thread-safe. */
  static final class Cache {
    private final ConcurrentHashMap<String, String> tags = new ConcurrentHashMap<>();

    /** Windows remembered. */
    int size() {
      return tags.size();
    }
  }

  /**
   * Sentences at least this long go to {@code POSTaggerME}: its search drops a sequence whose
   * summed log probability falls under -100,000, which a tag of at least 1/outcomes probability
   * (about -3 a word) reaches only after tens of thousands of words.
   */
  private static final int LONGEST = 10_000;

  private static final Object[] NO_CONTEXT = new Object[0];

  private final POSTaggerME fallback;
  private final MaxentModel model;
  private final POSContextGenerator features;
  private final SequenceValidator<String> validator;
  private final Cache cache;
  private final double[] probs;

  /**
   * SHA-256 of the shipped model's feature generator descriptor ({@code generator.featuregen}): the
   * window that {@link #tag} keys on (two words either side, two tags before) is read from it, so a
   * model whose descriptor differs in any byte is declined rather than trusted.
   */
  static final String SHIPPED_FEATURES =
      "d6737d09cec55717e2e10e70be03c5a15a1708d1b35b3017390862e784c40c3a";

  /**
   * Null when the model is not one this class reproduces exactly: a tag dictionary, no maxent, a
   * beam other than one, or features other than the shipped descriptor's.
   */
  static GreedyPosTagger forModel(POSModel model, Cache cache) {
    Object maxent = model.getArtifact("pos.model");
    if (!(maxent instanceof MaxentModel m)
        || model.getFactory().getTagDictionary() != null
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

  private GreedyPosTagger(POSModel posModel, MaxentModel model, Cache cache) {
    this.fallback = new POSTaggerME(posModel);
    this.model = model;
    this.features = posModel.getFactory().getPOSContextGenerator(1);
    this.validator = posModel.getFactory().getSequenceValidator();
    this.cache = cache;
    this.probs = new double[model.getNumOutcomes()];
  }

  /** The tags of {@code words}, as {@code POSTaggerME.tag(words)} gives them. */
  String[] tag(String[] words) {
    if (words.length >= LONGEST) {
      return fallback.tag(words);
    }
    String[] tags = new String[words.length];
    StringBuilder key = new StringBuilder(64);
    for (int i = 0; i < words.length; i++) {
      key.setLength(0);
      key.append((char) ('0' + Math.min(i, 3)));
      for (int w = i - 2; w <= i + 2; w++) {
        append(key, w >= 0 && w < words.length ? words[w] : null);
      }
      append(key, i >= 1 ? tags[i - 1] : null);
      append(key, i >= 2 ? tags[i - 2] : null);
      String k = key.toString();
      String tag = cache.tags.get(k);
      if (tag == null) {
        String[] prior = Arrays.copyOf(tags, i);
        tag = best(features.getContext(i, words, prior, NO_CONTEXT), words, prior, i);
        if (tag == null) {
          return fallback.tag(words); // no tag valid: the beam search's own way decides
        }
        if (k.length() <= LONGEST_KEY && cache.tags.size() < CACHE_LIMIT) {
          cache.tags.putIfAbsent(k, tag);
        }
      }
      tags[i] = tag;
    }
    return tags;
  }

  /** Length-prefixed, so that no two different windows make the same key. */
  private static void append(StringBuilder key, String s) {
    if (s == null) {
      key.append('-');
    } else {
      key.append(s.length()).append(':').append(s);
    }
  }

  /**
   * The beam search's choice with a beam of one: the outcomes scoring the maximum, in the model's
   * order, the first that the validator accepts; null when none is (the search then looks further).
   */
  private String best(String[] context, String[] words, String[] prior, int i) {
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
