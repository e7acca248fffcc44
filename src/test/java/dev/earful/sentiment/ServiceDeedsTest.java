package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which statements tell what someone did for the customer. */
class ServiceDeedsTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static List<Token> tokens(String text) {
    return ANALYZER.analyze(text).sentences().getFirst().tokens();
  }

  private static boolean praise(String text) {
    List<Token> tokens = tokens(text);
    return ServiceDeeds.praise(tokens, 0, tokens.size());
  }

  @Test
  void aNamedSomeoneDoingSomethingForTheCustomerIsPraise() {
    assertTrue(praise("The concierge found us a taxi at midnight."));
    assertTrue(praise("The tailor shortened my trousers while I waited."));
    assertTrue(praise("The vet phoned us the next morning with the results."));
    assertTrue(praise("Someone in accounts refunded our deposit."));
    assertTrue(praise("Staff at the market carried our shopping to the car."));
  }

  @Test
  void theCustomersOwnDoingsAndDeedsForNoOneAreNot() {
    // The customer, or a pronoun that names no one a theme could be about, as the subject.
    assertFalse(praise("I moved my booking to Friday."));
    assertFalse(praise("They found us a table."));
    // Nothing of the customer's acted on.
    assertFalse(praise("The engineer replaced the meter."));
    // No deed: a light verb that only carries another word, an attempt, a hold on the customer.
    assertFalse(praise("The agent put me on hold."));
    assertFalse(praise("The nurse took my details."));
    assertFalse(praise("The salesman tried to sell us insurance."));
    assertFalse(praise("The garage kept my car for a week."));
    // A deed done over and over on the customer complains of the repeating; a lack.
    assertFalse(praise("The bank sent me the same letter three times."));
    assertFalse(praise("The helpdesk moved my ticket to another queue again."));
    assertFalse(praise("The shop ran out of my size."));
    // A passive, a negated deed, a judged one.
    assertFalse(praise("My card was replaced by the bank."));
    assertFalse(praise("The agent never called me back."));
    assertFalse(praise("The staff ignored us at the bar."));
  }

  private static boolean blame(String text) {
    List<Token> tokens = tokens(text);
    return ServiceDeeds.blame(tokens, 0, tokens.size());
  }

  @Test
  void aDeedRepeatedOnTheCustomerOrLeavingItsJobUndoneIsBlame() {
    assertTrue(blame("The bank sent me the same letter three times."));
    assertTrue(blame("The helpdesk moved my ticket to another queue again."));
    assertTrue(blame("The plumber closed my job without checking the leak."));
    assertTrue(blame("The courier left my parcel at the depot without telling me."));
    // A favour: done without the customer asking, without being asked, without a fuss.
    assertFalse(blame("The waiter brought crayons for my kids without us asking."));
    assertFalse(blame("Housekeeping changed our towels without being asked."));
    assertFalse(blame("The bank refunded my fee without any fuss."));
    assertFalse(blame("The concierge found us a taxi at midnight."));
    // Not a deed on the customer at all.
    assertFalse(blame("I called the bank three times."));
  }

  @Test
  void theSubjectIsItsFirstRunOfNouns() {
    List<Token> t = tokens("And the branch manager sorted my card.");
    assertEquals(4, ServiceDeeds.subjectEnd(t, 0, t.size()));
    List<Token> pronoun = tokens("They sorted my card.");
    assertEquals(-1, ServiceDeeds.subjectEnd(pronoun, 0, pronoun.size()));
  }
}
