package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which statements tell, by their grammar alone, that a named thing failed. */
class FailuresTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static boolean told(String text) {
    List<Token> tokens = ANALYZER.analyze(text).sentences().getFirst().tokens();
    return Failures.told(tokens, 0, tokens.size());
  }

  @Test
  void aNamedThingThatCouldNotOrWouldNotActFailed() {
    assertTrue(told("The garage door wouldn't close."));
    assertTrue(told("The ticket machine would not take my card."));
    assertTrue(told("The router cannot hold a signal upstairs."));
    assertTrue(told("The website couldn't actually process the payment."));
  }

  @Test
  void aNamedThingThatKeepsDoingSomethingIsAComplaint() {
    assertTrue(told("The smoke alarm keeps beeping at night."));
    assertTrue(told("The printer kept on jamming."));
    // A phrase inside the subject.
    assertTrue(told("The fridge in our room kept switching itself off."));
  }

  @Test
  void theCustomersOwnInabilityAJudgedVerbOrAPlainStatementAreNot() {
    // The customer, or a pronoun that names no one, as the subject.
    assertFalse(told("I can't find the settings page."));
    assertFalse(told("They wouldn't refund the deposit."));
    // A verb the lexicon judges is left to the model ("can't fault", "can't be beaten").
    assertFalse(told("The staff couldn't help enough."));
    // The idiom of praise: no effort spared (a degree after a light verb), with or without "have".
    assertFalse(told("The staff couldn't do enough for us."));
    assertFalse(told("The host couldn't have done more."));
    assertFalse(told("The nurses couldn't do any more for him."));
    // A light verb with an object is still a failure.
    assertTrue(told("The new portal can't do half of what the old one did."));
    // No negation, a negation of something else, "keep" with an object.
    assertFalse(told("The door locks automatically."));
    assertFalse(told("The hotel kept our bags until the evening."));
    assertFalse(told("The engineer didn't need to come back."));
  }
}
