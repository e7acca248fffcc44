package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Polarity;
import dev.earful.nlp.TextAnalyzer;
import org.junit.jupiter.api.Test;

/** The VADER-style baseline follows VADER's rules on the shared lexicon. */
class LexiconBaselineTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();
  private static final LexiconBaseline BASELINE = new LexiconBaseline();

  private static double compound(String text) {
    return BASELINE.score(ANALYZER.analyze(text)).score();
  }

  @Test
  void scoresAWordAsVaderDoes() {
    // "good" is 1.9 in the lexicon: 1.9 / sqrt(1.9^2 + 15).
    assertEquals(1.9 / Math.sqrt(1.9 * 1.9 + 15), compound("good"), 1e-9);
  }

  @Test
  void negationIntensifiersCapsAndButChangeTheScore() {
    assertTrue(compound("not good") < 0);
    assertTrue(compound("very good") > compound("good"));
    assertTrue(compound("the food was GOOD") > compound("the food was good"));
    assertTrue(compound("good!") > compound("good"));
    assertTrue(compound("the food was great but the service was bad") < 0);
  }

  @Test
  void labelsWithTheVaderThresholds() {
    assertEquals(Polarity.NEUTRAL, BASELINE.score(ANALYZER.analyze("I ordered a medium.")).label());
    assertEquals(Polarity.POSITIVE, BASELINE.score(ANALYZER.analyze("Lovely staff.")).label());
    assertEquals(Polarity.NEGATIVE, BASELINE.score(ANALYZER.analyze("Terrible delay.")).label());
  }
}
