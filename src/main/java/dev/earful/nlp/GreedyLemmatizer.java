package dev.earful.nlp;

import opennlp.tools.lemmatizer.DefaultLemmatizerContextGenerator;
import opennlp.tools.lemmatizer.LemmatizerFactory;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.ml.maxent.GISModel;

/**
 * Lemmatises one (word, tag) pair exactly as {@code LemmatizerME.lemmatize} does on a sentence of
 * that one word, without its beam search.
 *
 * <p>On a one-word sentence the beam search of the shipped model (GIS maxent, beam 3, a validator
 * that accepts every outcome) evaluates the word's features once, takes exp of every one of the
 * model's edit scripts, sorts a copy of them for the beam's threshold, and keeps the most probable.
 * In a profile of {@code bench-sentiment} on fresh reviews that was a seventh of all CPU time: the
 * model has hundreds of edit scripts, and every (word, tag) pair not seen before pays for them
 * (TextAnalyzer keeps the lemma of each pair). Here the model's sums are added as it adds them
 * ({@link GisSums}) and the script with the clearly largest sum is decoded as {@code LemmatizerME}
 * decodes it; a near tie returns null and the caller asks {@code LemmatizerME}.
 * GreedyLemmatizerTest compares every pair of the real reviews with {@code LemmatizerME}.
 *
 * <p>Not thread-safe (its sums); one per thread.
 */
final class GreedyLemmatizer {

  private static final String[] NO_PREDICTIONS = new String[0];

  private final GISModel model;
  private final GisSums gis;
  private final DefaultLemmatizerContextGenerator features;
  private final double[] sums;

  /**
   * Null when the model is not one this class reproduces exactly: another factory (its context
   * generator or validator could differ), or a model other than GIS maxent under a beam search.
   */
  static GreedyLemmatizer forModel(LemmatizerModel model) {
    if (model.getFactory().getClass() != LemmatizerFactory.class
        || !(model.getLemmatizerSequenceModel() instanceof BeamSearch)
        || !(model.getArtifact("lemmatizer.model") instanceof GISModel gis)) {
      return null;
    }
    return new GreedyLemmatizer(gis);
  }

  private GreedyLemmatizer(GISModel model) {
    this.model = model;
    this.gis = new GisSums(model);
    this.features = new DefaultLemmatizerContextGenerator();
    this.sums = new double[gis.outcomes()];
  }

  /**
   * The lemma {@code LemmatizerME.lemmatize(new String[] {word}, new String[] {tag})[0]} gives, or
   * null when the model's two best edit scripts are too close to tell apart without it.
   */
  String lemma(String word, String tag) {
    String[] words = {word};
    gis.start(sums);
    for (String f : features.getContext(0, words, new String[] {tag}, NO_PREDICTIONS)) {
      GisSums.add(sums, gis.weight(f));
    }
    int best = GisSums.clearBest(sums);
    if (best < 0) {
      return null;
    }
    return LemmatizerME.decodeLemmas(words, new String[] {model.getOutcome(best)})[0];
  }
}
