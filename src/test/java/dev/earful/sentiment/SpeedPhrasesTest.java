package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which short spans of time say that something was done fast, and so praise it. */
class SpeedPhrasesTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static boolean praise(String text) {
    List<Token> tokens = ANALYZER.analyze(text).sentences().getFirst().tokens();
    return SpeedPhrases.praise(tokens, 0, tokens.size());
  }

  @Test
  void aShortSpanAfterAnEventIsPraise() {
    // "forty" is tagged as an adjective here: the lexicon's quantities count it.
    assertTrue(praise("The plumber unblocked the drain in forty minutes."));
    assertTrue(praise("My refund came through within a day."));
    assertTrue(praise("The replacement arrived within hours."));
    assertTrue(praise("Transfers between my accounts clear instantly."));
    assertTrue(praise("The florist delivered the flowers the same afternoon."));
    assertTrue(praise("The locksmith came out straight away."));
    // What a repair ended may be judged: the event is still a good one.
    assertTrue(praise("The landlord fixed the broken boiler the same day."));
    assertTrue(praise("The engineer swapped the faulty router on the spot."));
  }

  @Test
  void aSpanAfterAFailureOrOfSomethingElseIsNot() {
    // A failure the lexicon judges, a negated event.
    assertFalse(praise("The kettle broke within a week."));
    assertFalse(praise("The movers broke the mirror within minutes."));
    assertFalse(praise("The parcel never arrived within the promised two days."));
    // A span that measures a distance or a limit.
    assertFalse(praise("We live within an hour of the coast."));
    assertFalse(praise("Returns are accepted within 30 days of purchase."));
    // "in" a span longer than a day, a span with no count, or no span at all.
    assertFalse(praise("The sofa was delivered in three weeks."));
    assertFalse(praise("The update downloads in minutes."));
    assertFalse(praise("Delivery took a week."));
    assertFalse(praise("The class runs in the morning."));
  }
}
