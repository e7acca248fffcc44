package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Analysis;
import dev.earful.domain.Sentence;
import dev.earful.nlp.TextAnalyzer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feature set's version moves with the features. */
class SentimentFeaturesTest {

  /**
   * The digest of the features of the sample sentences ({@link #digest}) for each feature-set
   * version. A change that gives some text other features must raise {@link
   * SentimentFeatures#VERSION} and add its digest here, so that model files trained before it say
   * they were trained on other features.
   */
  private static final Map<Integer, String> DIGESTS =
      Map.of(1, "c6a9788715a30ac0ac75424c3b8c1f5c116e30683e4f97f20571319d518f9075");

  @Test
  void theFeatureSetVersionChangesWhenTheFeaturesDo() {
    String digest = digest(new TextAnalyzer());
    assertEquals(
        DIGESTS.get(SentimentFeatures.VERSION),
        digest,
        "the features of the sample sentences changed: raise SentimentFeatures.VERSION to "
            + (SentimentFeatures.VERSION + 1)
            + " and pin this digest for it in SentimentFeaturesTest.DIGESTS ("
            + digest
            + "); a model trained before then will say it reads other features");
  }

  /**
   * SHA-256 over the features of every sentence of the training-only hand-labelled feedback and the
   * aspect set's dev comments (negation, contrast, excess, cost and aspect rules), in order.
   */
  static String digest(TextAnalyzer analyzer) {
    List<String> texts = new ArrayList<>();
    SentimentCorpora.handTraining().forEach(t -> texts.add(t.text()));
    AspectCorpus.load().stream()
        .filter(c -> c.split().equals("dev"))
        .forEach(c -> texts.add(c.text()));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String text : texts) {
        Analysis a = analyzer.analyze(text);
        for (Sentence s : a.sentences()) {
          for (String f : SentimentFeatures.context(Units.of(s.tokens()).units())) {
            sha.update(f.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
          }
          sha.update((byte) 0);
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
