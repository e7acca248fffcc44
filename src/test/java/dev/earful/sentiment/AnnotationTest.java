package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Clause splitting, negation scope and lexicon valences on plain lemma units. */
class AnnotationTest {

  private static Annotation of(String text) {
    return Annotation.of(Units.normalizeAll(text.split(" ")));
  }

  @Test
  void splitsAtButAndWeighsTheClauseAfterItMore() {
    Annotation a = of("staff be lovely but the delivery be late .");
    assertEquals(
        List.of(
            new Annotation.Span(0, 3, Annotation.Role.BEFORE_CONTRAST),
            new Annotation.Span(3, 9, Annotation.Role.AFTER_CONTRAST)),
        a.clauses());
  }

  @Test
  void aConcessionRunsToItsCommaAndTheMainClauseFollows() {
    Annotation a = of("although the flight be late , the crew be great .");
    assertEquals(
        List.of(
            new Annotation.Span(0, 6, Annotation.Role.CONCESSION),
            new Annotation.Span(6, 11, Annotation.Role.PLAIN)),
        a.clauses());
  }

  @Test
  void semicolonsSplitAndNotYetDoesNot() {
    assertEquals(2, of("the room be clean ; the bed be hard").clauses().size());
    assertEquals(1, of("my refund have not yet arrive").clauses().size());
    assertEquals(1, of("nothing but praise for the team").clauses().size());
    assertEquals(1, of("but the delivery be late").clauses().size());
  }

  @Test
  void negationReachesToTheClauseEndAndStopsAtPunctuation() {
    Annotation a = of("i do not like the colour , it be great");
    assertFalse(a.negated(2));
    assertTrue(a.negated(3));
    assertTrue(a.negated(5));
    assertFalse(a.negated(7));
    assertFalse(a.negated(9));
  }

  @Test
  void negatedLexiconWordsFlipAndNegatedComplaintsPraise() {
    Annotation notBad = of("not bad");
    assertEquals(-2.5 * Lexicon.NEGATION_FACTOR, notBad.valence[1], 1e-9);
    assertTrue(of("no complaint").valenceSum(0, 2) > 0);
    assertTrue(of("nothing to improve").valenceSum(0, 3) > 0);
    assertTrue(of("be not helpful").valenceSum(0, 3) < 0);
  }

  @Test
  void intensifiersStrengthenAndDampenersWeaken() {
    double plain = of("good").valence[0];
    assertEquals(plain + Lexicon.BOOST, of("very good").valence[1], 1e-9);
    assertEquals(plain - Lexicon.BOOST, of("slightly good").valence[1], 1e-9);
  }
}
