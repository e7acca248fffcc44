package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Analysis;
import dev.earful.domain.Polarity;
import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deed told with what it let the customer do praises the doer; a harm the "so" clause tells, the
 * customer's own doing, a pronoun doer, a wish and "so" of degree are left to the model.
 */
class BenefitClausesTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static final SentimentScorer SCORER = SentimentScorer.loadDefault(false);

  private static Polarity aspect(String text, String word) {
    Analysis a = SCORER.score(ANALYZER.analyze(text));
    return SentimentScorerTest.aspect(a, word);
  }

  private static boolean told(String text) {
    List<Token> tokens = ANALYZER.analyze(text).sentences().getFirst().tokens();
    return !BenefitClauses.of(tokens).isEmpty();
  }

  @Test
  void aDeedThatLetTheCustomerDoSomethingPraisesTheDoer() {
    // Each doer is read negative without the rule: "miss" and "late" are the trouble avoided, not
    // a complaint.
    String practice = "The practice moved my check-up to a Saturday so I didn't miss work.";
    assertEquals(Polarity.POSITIVE, aspect(practice, "practice"));
    assertEquals(
        Polarity.POSITIVE, aspect("The physio stayed late so I could come after work.", "physio"));
    // Other industries, read neutral without the rule.
    assertEquals(
        Polarity.POSITIVE,
        aspect(
            "The airline held the gate for five minutes so we could make the connection.",
            "airline"));
    String council =
        "The council moved the bin collection to Friday so we don't have to wheel it out at night.";
    assertEquals(Polarity.POSITIVE, aspect(council, "council"));
    // What was done, to what and when, and what the customer then did, are only mentioned.
    assertEquals(Polarity.NEUTRAL, aspect(practice, "work"));
    assertEquals(Polarity.NEUTRAL, aspect(council, "collection"));
    assertTrue(told("The vet opened early so we were able to get the dog seen before work."));
  }

  @Test
  void aHarmTheSoClauseTellsIsNoBenefit() {
    // Other industries: an obligation, a negated ability, a loss, a thing withheld.
    assertFalse(told("The airline cancelled our flight so we had to stay an extra night."));
    assertFalse(told("The bank froze my card so I couldn't pay for my shopping."));
    assertFalse(told("The hotel moved us to a room over the bar so we could not sleep."));
    assertFalse(told("The gym shut the pool so we can't swim on weekdays any more."));
    assertFalse(told("The shop ran out of milk so I didn't get any for the kids."));
    assertFalse(told("The garage kept my car for a week so I lost three days of work."));
    // A past deed with a present ability is as often the ironic cost of a harm.
    assertFalse(told("The bank closed my account so I can open a new one elsewhere."));
    assertFalse(told("The app deleted my history so I can start again from scratch."));
    // What the customer could see or hear is as often the fault; "could only" is a limit.
    assertFalse(told("The material stretched so you could see white around the seams."));
    assertFalse(told("The neighbours played music till 2am so we could hear every word."));
    assertFalse(told("The shop stocks one size of these so I could only order a 12."));
    assertEquals(
        Polarity.NEGATIVE,
        aspect("The airline cancelled our flight so we had to stay an extra night.", "airline"));
    assertEquals(
        Polarity.NEGATIVE,
        aspect("The bank froze my card so I couldn't pay for my shopping.", "bank"));
  }

  @Test
  void aChoreAFailureLeftTheCustomerDoesNotPraiseTheDoer() {
    // Review of session 17, finding 2: "so I could" after a deed as often tells the chore a failure
    // left the customer as a favour. The model reads these doers negative; the rule must not turn
    // that reading positive.
    assertNotPositive(
        "The driver left a card so I could collect the parcel from the depot.", "driver");
    assertNotPositive(
        "The engineer left the job half done so we could finish it ourselves.", "engineer");
    assertNotPositive(
        "The courier left a note so I could rearrange the delivery online.", "courier");
    assertNotPositive(
        "The airline rebooked us two days later so we could pay for a hotel ourselves.", "airline");
  }

  private static void assertNotPositive(String text, String word) {
    Polarity read = aspect(text, word);
    assertNotEquals(Polarity.POSITIVE, read, text + " " + word);
  }

  @Test
  void theCustomersOwnDoingAPronounDoerAPassiveAWishAndDegreeAreNoBenefit() {
    assertFalse(told("I left work early so I could get to the bank before it shut."));
    assertFalse(told("They closed the pool for a week so we could use the gym instead."));
    assertFalse(told("The app should load faster so I can check my balance on the bus."));
    assertFalse(told("The flight was delayed so we could have a meal in the lounge."));
    assertFalse(told("The room was so small we couldn't open the suitcase."));
    assertFalse(told("The broadband lost connection so I could only work offline."));
    assertFalse(told("Staple top, I bought this top so that I can pair it with jeans."));
    assertFalse(told("For the price, they could have steamed it so I could see the fit."));
  }
}
