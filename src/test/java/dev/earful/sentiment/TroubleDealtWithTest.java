package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which deeds are told beside the trouble they dealt with, and where that trouble is told. */
class TroubleDealtWithTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static List<Token> tokens(String text) {
    return ANALYZER.analyze(text).sentences().getFirst().tokens();
  }

  private static int from(List<Token> tokens) {
    return TroubleDealtWith.from(tokens, 0, tokens.size());
  }

  @Test
  void aTroubleInADependentClauseOrNamedByWhatWasRepairedIsTheCircumstance() {
    List<Token> waited = tokens("The driver waited for us when our train was delayed.");
    assertEquals(5, from(waited));
    assertEquals("when", waited.get(5).text());
    List<Token> lock = tokens("The locksmith replaced our broken lock within the hour.");
    assertEquals(lock.size(), from(lock));
    List<Token> plan = tokens("The coach built me a routine around my bad back.");
    assertEquals(plan.size(), from(plan));
  }

  @Test
  void aJudgedDeedSubjectOrGiftAndAnErringDeedAreNot() {
    assertEquals(-1, from(tokens("The dealer fitted the wrong tyres on my car.")));
    assertEquals(-1, from(tokens("The rude receptionist booked me in for Friday.")));
    assertEquals(-1, from(tokens("The engineer sent me a useless report about the boiler.")));
    assertEquals(-1, from(tokens("The waiter rudely moved us to another table.")));
  }
}
