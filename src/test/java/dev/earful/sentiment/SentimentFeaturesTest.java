package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Analysis;
import dev.earful.domain.Sentence;
import dev.earful.nlp.TextAnalyzer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
      Map.of(
          1, "6701121b8c2b25d5897810f045240d7373a6da5aaa19e92ea9728b7f489d74b0",
          2, "c3d4c848f343d0bd89ce26a7f7fb9b06eb933393fbc462c105f2ae157eaed28b",
          3, "2d8ef14313ed88ac6764e5203bd9d83125074ad14457b8ea32b365d4fbec0467");

  private static final String SAMPLE = "/sentiment/feature-set-sentences.txt";

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
   * SHA-256 over the features of every sentence of the frozen sample (src/test/resources/sentiment:
   * the training-only hand-labelled feedback and the aspect set's dev comments of session 9, with
   * negation, contrast, excess, cost and aspect rules at work), in order.
   */
  static String digest(TextAnalyzer analyzer) {
    List<String> texts;
    try (var in = SentimentFeaturesTest.class.getResourceAsStream(SAMPLE)) {
      texts =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
