package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which statements call a thing a joke. */
class DerisionTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static boolean told(String text) {
    List<Token> tokens = ANALYZER.analyze(text).sentences().getFirst().tokens();
    return Derision.told(tokens, 0, tokens.size());
  }

  @Test
  void aThingSaidToBeAJokeIsDerided() {
    assertTrue(told("The parking charge is a joke."));
    assertTrue(told("Their cancellation policy was a complete joke."));
    assertTrue(told("Customer service has become a bit of a joke."));
    assertTrue(told("What a joke."));
  }

  @Test
  void aJokeToldOrDeniedIsNot() {
    // A joke told or enjoyed: what the lexicon's praise of the word is for.
    assertFalse(told("The host told a joke before the raffle."));
    assertFalse(told("The jokes in the second half were brilliant."));
    assertFalse(told("We had a laugh and a joke with the bar staff."));
    // "no joke" warns that something is hard or serious: left to the model.
    assertFalse(told("The climb to the castle is no joke."));
    assertFalse(told("The waiting list isn't a joke, it really is two years."));
    // A joke someone told, after the copula: "joke" heads a relative clause, not the predicate
    // (review of session 16, finding 6).
    assertFalse(told("The best part of the night was a joke the comedian told."));
    assertFalse(told("The highlight was a joke that the guide made about the weather."));
    // A joke about something is a joke told (review of session 17, finding 6).
    assertFalse(told("The best part was a joke about the pilot."));
    assertFalse(told("The highlight of the night was a joke about the mother-in-law."));
  }

  @Test
  void aJokeFollowedByWhereOrWhenIsStillSaidOfTheSubject() {
    assertTrue(told("International payments take three working days, which is a joke in 2026."));
    assertTrue(told("The live times in the app are a joke - it says 2 minutes for twenty."));
    assertTrue(told("Legroom is a joke and they charge for a sandwich."));
    // "on" and "at" after it are when or where the subject is a joke, not what the joke told is.
    assertTrue(told("The service is a joke at weekends."));
    assertTrue(told("The bus timetable is a joke on Sundays."));
  }
}
