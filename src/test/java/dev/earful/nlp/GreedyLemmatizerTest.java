package dev.earful.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSTaggerME;
import org.junit.jupiter.api.Test;

/**
 * The lemmatizer without its beam search gives the lemma of {@code LemmatizerME} on a one-word
 * sentence for every (word, tag) pair of the real reviews and the multilingual feedback, and leaves
 * only near ties to it.
 */
class GreedyLemmatizerTest {

  @Test
  void lemmatisesEveryPairOfRealReviewsAsLemmatizerMe() throws Exception {
    LemmatizerModel model = TextAnalyzer.lemmatizerModel();
    LemmatizerME reference = new LemmatizerME(model);
    GreedyLemmatizer greedy = GreedyLemmatizer.forModel(model);
    assertNotNull(greedy);
    POSTaggerME tagger = new POSTaggerME(TextAnalyzer.posModel(TextAnalyzer.POS_BEAM));
    Map<String, String[]> pairs = new LinkedHashMap<>();
    for (String[] words : GreedyPosTaggerTest.sentences(1_000)) {
      String[] tags = tagger.tag(words);
      for (int i = 0; i < words.length; i++) {
        pairs.putIfAbsent(words[i] + '\u0000' + tags[i], new String[] {words[i], tags[i]});
      }
    }
    int asked = 0;
    for (String[] p : pairs.values()) {
      String expected = reference.lemmatize(new String[] {p[0]}, new String[] {p[1]})[0];
      String lemma = greedy.lemma(p[0], p[1]);
      if (lemma == null) {
        asked++;
      } else {
        assertEquals(expected, lemma, p[0] + " / " + p[1]);
      }
    }
    assertEquals(3_801, pairs.size());
    assertTrue(asked < 10, "near ties left to LemmatizerME: " + asked);
  }

  @Test
  void leavesANearTieToTheModel() {
    double[] tied = {0.5, 2.0, 2.0 + GisSums.MARGIN / 2, -1.0};
    assertEquals(-1, GisSums.clearBest(tied));
    double[] clear = {0.5, 2.0, 2.0 + 2 * GisSums.MARGIN, -1.0};
    assertEquals(2, GisSums.clearBest(clear));
    assertEquals(-1, GisSums.clearBest(new double[] {701.0, 1.0}), "exp would overflow");
  }
}
