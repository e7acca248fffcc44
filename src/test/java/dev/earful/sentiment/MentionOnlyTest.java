package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.nlp.TextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a polar clause is cut around the stretches that only mention a thing. */
class MentionOnlyTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();
  private static final Sentiment NEGATIVE = new Sentiment(Polarity.NEGATIVE, -0.8, 0.8);

  /** The parts of {@code text} (one negative clause) as "words|LABEL". */
  private static List<String> carved(String text) {
    Sentence s = ANALYZER.analyze(text).sentences().getFirst();
    int n = s.tokens().size();
    List<String> out = new ArrayList<>();
    for (Clause c : MentionOnly.carve(s.tokens(), List.of(new Clause(0, n, NEGATIVE)))) {
      StringBuilder b = new StringBuilder();
      for (int k = c.tokenFrom(); k < c.tokenTo(); k++) {
        b.append(k > c.tokenFrom() ? " " : "").append(s.tokens().get(k).text());
      }
      out.add(b + "|" + c.sentiment().label());
    }
    return out;
  }

  @Test
  void punctuationAfterACarvedPartEndsThatPartInsteadOfStandingAlone() {
    // After the last stretch: the full stop ends it.
    assertEquals(
        List.of("The courier left|NEGATIVE", "my parcel|NEUTRAL", "in the rain .|NEUTRAL"),
        carved("The courier left my parcel in the rain."));
    // Between two stretches: the comma ends the first.
    assertEquals(
        List.of("The courier left|NEGATIVE", "my parcel ,|NEUTRAL", "in the rain .|NEUTRAL"),
        carved("The courier left my parcel, in the rain."));
    // Words after the last stretch keep the clause's judgement.
    assertEquals(
        List.of(
            "The courier left|NEGATIVE",
            "my parcel|NEUTRAL",
            "in the rain|NEUTRAL",
            "again .|NEGATIVE"),
        carved("The courier left my parcel in the rain again."));
  }
}
