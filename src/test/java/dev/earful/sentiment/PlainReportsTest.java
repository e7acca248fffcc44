package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which statements only tell what the customer did. */
class PlainReportsTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static boolean told(String text) {
    List<Token> tokens = ANALYZER.analyze(text).sentences().getFirst().tokens();
    return PlainReports.told(tokens, 0, tokens.size());
  }

  @Test
  void theCustomersOwnDoingWithoutAJudgingWordIsAPlainReport() {
    assertTrue(told("I pay the gas bill from my savings account."));
    assertTrue(told("We booked the function room for my dad's retirement."));
    assertTrue(told("I transferred my pension to the new provider in June."));
  }

  @Test
  void aJudgementAWaitACountAnObligationOrAThingPaidForIsNot() {
    assertFalse(told("I love the new app."));
    assertFalse(told("I never got my refund."));
    assertFalse(told("We waited for the bill."));
    assertFalse(told("We sat for forty minutes before anyone came."));
    assertFalse(told("I rang three times."));
    assertFalse(told("I had to print the label myself."));
    assertFalse(told("I paid for priority boarding."));
    assertFalse(told("We paid extra for a sea view."));
    // Someone else as the subject.
    assertFalse(told("The agent booked us a table."));
  }
}
