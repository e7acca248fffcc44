package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Polarity;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Annotation#noComplaint}: a span that only says there is nothing to complain of. */
class NoComplaintTest {

  private static Annotation of(String lemmas) {
    return Annotation.of(Units.normalizeAll(lemmas.split(" ")));
  }

  @Test
  void aDeniedGrievanceOrNoBeforeAGrievanceNounIsNoComplaint() {
    assertTrue(of("nothing to improve .").noComplaint());
    assertTrue(of("not much to complain about").noComplaint());
    assertTrue(of("nothing i would change").noComplaint());
    assertTrue(of("no area to improve").noComplaint());
    assertTrue(of("no complaint .").noComplaint());
    assertTrue(of("no real issue with the room").noComplaint());
  }

  @Test
  void aFixThatDidNotHappenARefusalOrAComplaintBesideItIsNot() {
    assertFalse(of("nothing be fix .").noComplaint());
    assertFalse(of("the problem be not fix").noComplaint());
    assertFalse(of("they refuse to improve").noComplaint());
    assertFalse(of("no complaint , the food be awful").noComplaint());
    assertFalse(of("they be rude to the customer").noComplaint());
  }

  @Test
  void aNegatorThatIsTheSubjectOrAFillerDeniesNoGrievance() {
    // Review of session 15: "No one could fix it." and "Nothing else to add." read as praise.
    assertFalse(of("no one could fix it .").noComplaint());
    assertFalse(of("nothing could fix it .").noComplaint());
    assertFalse(of("nothing else to add .").noComplaint());
    assertTrue(of("nothing we could fault").noComplaint());
  }

  @Test
  void theScorerKeepsThoseFromPraise() {
    SentimentScorer scorer = SentimentScorer.loadDefault(false);
    TextAnalyzer analyzer = new TextAnalyzer();
    for (String text :
        List.of("No one could fix it.", "Nothing could fix it.", "Nothing else to add.")) {
      assertNotEquals(
          Polarity.POSITIVE, scorer.score(analyzer.analyze(text)).sentiment().label(), text);
    }
  }
}
