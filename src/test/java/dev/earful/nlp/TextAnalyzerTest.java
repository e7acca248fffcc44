package dev.earful.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.earful.domain.Analysis;
import dev.earful.domain.Sentence;
import dev.earful.domain.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  @Test
  void splitsSentencesAndLemmatisesWithOffsets() {
    String text = "The parcels never arrived. Staff were lovely!";
    Analysis a = ANALYZER.analyze(text);
    assertEquals(2, a.sentences().size());
    Sentence first = a.sentences().get(0);
    List<String> lemmas = first.tokens().stream().map(Token::lemma).toList();
    assertEquals(List.of("the", "parcel", "never", "arrive", "."), lemmas);
    for (Sentence s : a.sentences()) {
      for (Token t : s.tokens()) {
        assertEquals(t.text(), text.substring(t.start(), t.end()));
      }
    }
    assertEquals("NOUN", first.tokens().get(1).tag());
  }

  @Test
  void blankTextGivesTheEmptyAnalysis() {
    assertSame(Analysis.EMPTY, ANALYZER.analyze("   "));
    assertSame(Analysis.EMPTY, ANALYZER.analyze(null));
  }

  @Test
  void lemmatisesPhrasesLikeComments() {
    assertEquals(List.of("wait", "time"), ANALYZER.lemmasOf("waiting times"));
  }
}
