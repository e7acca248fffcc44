package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which statements compare a price in the subject's favour. */
class PriceComparisonsTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static int praise(String text) {
    List<Token> tokens = ANALYZER.analyze(text).sentences().getFirst().tokens();
    return PriceComparisons.praise(tokens, 0, tokens.size());
  }

  @Test
  void aThingThatCostsLessThanAnotherIsPraised() {
    assertEquals(4, praise("Paying yearly works out cheaper than paying monthly."));
    assertEquals(4, praise("The train was much cheaper than flying."));
    assertEquals(0, praise("Cheapest quote on the comparison site."));
    assertTrue(praise("Our new broadband deal is cheaper and faster.") > 0);
  }

  @Test
  void shoddinessAndDenialsAreNot() {
    // Before a noun the comparative says what the thing is made of: a complaint of it.
    assertEquals(-1, praise("They switched to cheaper fabric this season."));
    // After a verb of appearance "cheap" means shoddy.
    assertEquals(-1, praise("The new handles look cheaper than the old ones."));
    assertEquals(-1, praise("The new tariff isn't any cheaper than the old one."));
    // The plain adjective is left to the model: "the zipper is cheap" is shoddy.
    assertEquals(-1, praise("The zipper is cheap."));
  }
}
