package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Analysis;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.nlp.TextAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * What the scorer reads whatever the model's draw: a verbless list item takes its adjective's
 * polarity ({@link SentimentScorer#listItems}), and a sentence that only says there is nothing to
 * complain of is praise ({@link SentimentScorer#noComplaints}).
 */
class ListItemsTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static final SentimentScorer SCORER = SentimentScorer.loadDefault(false);

  private static Analysis score(String text) {
    return SCORER.score(ANALYZER.analyze(text));
  }

  private static Polarity aspect(Analysis a, String word) {
    return SentimentScorerTest.aspect(a, word);
  }

  private static double itemValence(String text) {
    Sentence s = ANALYZER.analyze(text).sentences().getFirst();
    Units u = Units.of(s.tokens());
    return SentimentScorer.itemValence(s.tokens(), u, 0, u.size());
  }

  @Test
  void aVerblessItemTakesItsAdjectivesPolarity() {
    Analysis a = score("Clean rooms, friendly staff, terrible parking.");
    assertEquals(Polarity.POSITIVE, aspect(a, "rooms"));
    assertEquals(Polarity.POSITIVE, aspect(a, "staff"));
    assertEquals(Polarity.NEGATIVE, aspect(a, "parking"));
    Analysis b = score("Dirty rooms, lovely pool, very helpful staff.");
    assertEquals(Polarity.NEGATIVE, aspect(b, "rooms"));
    assertEquals(Polarity.POSITIVE, aspect(b, "pool"));
    assertEquals(Polarity.POSITIVE, aspect(b, "staff"));
  }

  @Test
  void onlyAnAdjectiveThenNounsIsAnItem() {
    assertTrue(itemValence("Clean rooms,") > 0);
    assertTrue(itemValence("Terrible parking.") < 0);
    // A verb, a negator, or an adjective the lexicon does not judge: the model's reading stays.
    assertEquals(0.0, itemValence("The rooms were clean,"));
    assertEquals(0.0, itemValence("No clean towels,"));
    assertEquals(0.0, itemValence("Small rooms,"));
    assertEquals(0.0, itemValence("Booked rooms,"));
  }

  @Test
  void nothingToComplainOfIsPraise() {
    assertEquals(Polarity.POSITIVE, score("Nothing to improve.").sentiment().label());
    assertEquals(Polarity.POSITIVE, score("Nothing I would change.").sentiment().label());
    assertEquals(Polarity.POSITIVE, score("Not much to complain about.").sentiment().label());
    assertEquals(Polarity.POSITIVE, score("No complaints.").sentiment().label());
    // A grievance that is not denied stays as the model reads it.
    assertNotEquals(Polarity.POSITIVE, score("Nothing was fixed.").sentiment().label());
  }
}
