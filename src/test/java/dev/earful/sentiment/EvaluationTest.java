package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Polarity;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  @Test
  void computesAccuracyMacroF1AndTheConfusionMatrix() {
    Evaluation e = new Evaluation();
    e.add(Polarity.POSITIVE, Polarity.POSITIVE);
    e.add(Polarity.POSITIVE, Polarity.POSITIVE);
    e.add(Polarity.POSITIVE, Polarity.NEGATIVE);
    e.add(Polarity.NEGATIVE, Polarity.NEGATIVE);
    e.add(Polarity.NEUTRAL, Polarity.POSITIVE);
    assertEquals(5, e.count());
    assertEquals(0.6, e.accuracy(), 1e-12);
    // positive: p 2/3 r 2/3 -> 2/3; negative: p 1/2 r 1 -> 2/3; neutral: 0.
    assertEquals((2.0 / 3 + 2.0 / 3 + 0) / 3, e.macroF1(), 1e-12);
    assertEquals(1, e.count(Polarity.POSITIVE, Polarity.NEGATIVE));
  }

  @Test
  void macroF1CountsOnlyTheLabelsOfTheGoldSet() {
    Evaluation e = new Evaluation();
    e.add(Polarity.POSITIVE, Polarity.POSITIVE);
    e.add(Polarity.NEGATIVE, Polarity.NEUTRAL);
    e.add(Polarity.NEGATIVE, Polarity.NEGATIVE);
    // positive 1.0; negative p 1 r 1/2 -> 2/3.
    assertEquals((1.0 + 2.0 / 3) / 2, e.macroF1(), 1e-12);
  }

  @Test
  void labelMapperDetectsBinaryStarsAndWordsAndTakesAnExplicitMap() {
    LabelMapper binary = LabelMapper.detect(List.of("0", "1", "1"));
    assertEquals(Polarity.NEGATIVE, binary.map("0").orElseThrow());
    LabelMapper stars = LabelMapper.detect(List.of("1", "3", "5", "4"));
    assertEquals(Polarity.NEGATIVE, stars.map("2").orElseThrow());
    assertEquals(Polarity.NEUTRAL, stars.map("3").orElseThrow());
    assertEquals(Polarity.POSITIVE, stars.map("4").orElseThrow());
    LabelMapper words = LabelMapper.detect(List.of("Positive", "negative", "neutral"));
    assertEquals(Polarity.POSITIVE, words.map(" POSITIVE ").orElseThrow());
    assertEquals(true, words.map("maybe").isEmpty());
    LabelMapper explicit = LabelMapper.parse("bad=negative,ok=neutral,good=positive");
    assertEquals(Polarity.NEUTRAL, explicit.map("ok").orElseThrow());
  }
}
