package dev.earful.sentiment;

import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * VADER lexicon features (binned valence sums, counts of positive and negative words, negated
 * hits), contrast position, intensifiers and shape. Stateless; OpenNLP instantiates it by class
 * name.
 */
public final class PolarityFeatureGenerator implements FeatureGenerator {

  @Override
  public Collection<String> extractFeatures(String[] text, Map<String, Object> extraInformation) {
    return SentimentFeatures.polarityOf(text);
  }
}
