package dev.earful.sentiment;

import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Word and bigram lemma features with negation scope ("w=!bad" in "not bad"). The text it gets is
 * the {@link Units} of a sentence or clause. Stateless; OpenNLP instantiates it by class name.
 */
public final class NgramFeatureGenerator implements FeatureGenerator {

  @Override
  public Collection<String> extractFeatures(String[] text, Map<String, Object> extraInformation) {
    return SentimentFeatures.ngramsOf(text);
  }
}
