package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Token;
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
  void aThoughThatEndsItsClauseContrastsItWithTheClauseBeforeItsComma() {
    Annotation a =
        of("report be powerful , the learning curve be steep though and the doc do not help .");
    assertEquals(
        List.of(
            new Annotation.Span(0, 4, Annotation.Role.BEFORE_CONTRAST),
            new Annotation.Span(4, 17, Annotation.Role.AFTER_CONTRAST)),
        a.clauses());
    // With no comma before it the contrast is with another sentence: nothing to split.
    assertEquals(1, of("parking be a nightmare though .").clauses().size());
    // "though" before its own clause is still a concession.
    assertEquals(
        Annotation.Role.CONCESSION,
        of("the room be fine though the bed be hard .").clauses().getLast().role());
  }

  @Test
  void otherwiseAfterACommaContrastsAndInsideAClauseDoesNot() {
    Annotation a = of("slow at peak time , otherwise great .");
    assertEquals(
        List.of(
            new Annotation.Span(0, 5, Annotation.Role.BEFORE_CONTRAST),
            new Annotation.Span(5, 8, Annotation.Role.AFTER_CONTRAST)),
        a.clauses());
    assertEquals(1, of("i would otherwise have leave early").clauses().size());
  }

  @Test
  void aJudgementTheLemmatizerTakesForAParticipleKeepsItsWord() {
    List<Token> tokens =
        List.of(
            new Token(0, 5, "Seats", "NOUN", "seat"),
            new Token(6, 10, "were", "AUX", "be"),
            new Token(11, 18, "cramped", "ADJ", "cram"));
    Units u = Units.of(tokens);
    assertArrayEquals(new String[] {"seat", "be", "cramped"}, u.units());
    assertTrue(Annotation.of(u.units()).valence[2] < 0);
  }

  @Test
  void aCostsDirectionSpeaksThroughItsValenceNotTheWordsOwnFeature() {
    String[] tariff = Units.normalizeAll("the new tariff be cheap than my old one .".split(" "));
    assertTrue(Annotation.of(tariff).ruled[4]);
    assertFalse(List.of(SentimentFeatures.context(tariff)).contains("w=cheap"));
    assertTrue(List.of(SentimentFeatures.context(tariff)).contains("lexpos=1"));
    // Said of no cost, "cheap" is the word the model learnt ("the fabric feels cheap").
    String[] fabric = Units.normalizeAll("the fabric feel cheap .".split(" "));
    assertFalse(Annotation.of(fabric).ruled[3]);
    assertTrue(List.of(SentimentFeatures.context(fabric)).contains("w=cheap"));
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
  void negationStopsWhereAndOpensANewSubject() {
    Annotation a = of("no hidden fee and the interest rate be competitive");
    assertTrue(a.negated(1));
    assertTrue(a.negated(2));
    assertFalse(a.negated(4));
    assertFalse(a.negated(8));
    assertEquals(0.7, of("competitive").valence[0], 1e-9);
    assertEquals(0.7, a.valence[8], 1e-9);
    Annotation together = of("the staff be not fast and friendly");
    assertTrue(together.negated(4));
    assertTrue(together.negated(6));
  }

  @Test
  void anExcessIsAComplaintButTooAsAlsoIsNot() {
    assertEquals(Lexicon.EXCESS_VALENCE, of("the sleeve be too long").valence[4], 1e-9);
    assertEquals(Lexicon.EXCESS_VALENCE, of("far too nice for the price").valence[2], 1e-9);
    assertEquals(-2.5, of("too bad").valence[1], 1e-9);
    assertEquals(0.0, of("i love it too .").valence[3], 1e-9);
    assertEquals(
        Lexicon.EXCESS_VALENCE * Lexicon.NEGATION_FACTOR, of("not too long").valence[2], 1e-9);
  }

  @Test
  void aGoodThingThatCouldOrShouldHaveBeenIsAComplaint() {
    assertEquals(Lexicon.COUNTERFACTUAL_VALENCE, of("it could be good").valence[3], 1e-9);
    assertEquals(
        Lexicon.COUNTERFACTUAL_VALENCE, of("the staff should have be nice").valence[5], 1e-9);
    assertTrue(of("could not have be more helpful").valence[5] > 0);
    assertTrue(of("it could not be good").valence[4] > 0);
    assertEquals(-2.5, of("it could not be bad").valence[4], 1e-9);
    assertTrue(of("i can not say it be bad").valence[6] > 0);
    assertTrue(of("i would be happy to recommend").valence[3] > 0);
  }

  @Test
  void aNegatedExpectationIsACueUnlessItIsStillToCome() {
    assertEquals(
        Lexicon.NEGATED_EXPECTATION_VALENCE, of("my parcel never arrive").valence[3], 1e-9);
    assertEquals(0.0, of("not receive bill yet").valence[1], 1e-9);
    assertEquals(
        Lexicon.NEGATED_EXPECTATION_VALENCE, of("still not receive it yet").valence[2], 1e-9);
    assertEquals(
        Lexicon.NEGATED_EXPECTATION_VALENCE, of("it never arrive , not yet").valence[2], 1e-9);
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

  @Test
  void aLongWaitComplainsAndAShortOnePraises() {
    assertEquals(
        Lexicon.LONG_WAIT_VALENCE, of("the card take three week to arrive .").valence[4], 1e-9);
    assertEquals(
        Lexicon.LONG_WAIT_VALENCE,
        of("we wait forty - five minute for our starter").valence[5],
        1e-9);
    assertEquals(Lexicon.LONG_WAIT_VALENCE, of("i be on hold for over a hour").valence[7], 1e-9);
    assertEquals(
        Lexicon.SHORT_WAIT_VALENCE,
        of("open a account take less than ten minute").valence[7],
        1e-9);
    assertEquals(
        Lexicon.SHORT_WAIT_VALENCE, of("the landlord respond within a day").valence[5], 1e-9);
    assertEquals(Lexicon.SHORT_WAIT_VALENCE, of("the package arrive a day early").valence[4], 1e-9);
    // Not a wait: a short span, a point in time, how often, a stay, digits that may be 5 or 45,
    // and a short span after something bad ("broke within a week").
    assertEquals(0.0, of("setup take five minute").valence[3], 1e-9);
    assertEquals(0.0, of("i order it two week ago").valence[4], 1e-9);
    assertEquals(0.0, of("i take it twice a day").valence[5], 1e-9);
    assertEquals(0.0, of("we stay a week in lisbon").valence[3], 1e-9);
    assertEquals(0.0, of("it take <num> minute").valence[3], 1e-9);
    assertEquals(0.0, of("the zip be broken within a week").valence[6], 1e-9);
    // Digits before hours still make a long wait; only minutes after digits make none.
    assertEquals(Lexicon.LONG_WAIT_VALENCE, of("we wait <num> hour").valence[3], 1e-9);
    // "hold" and "take" in their other senses wait for nothing.
    assertEquals(0.0, of("the battery hold a charge for two day").valence[7], 1e-9);
    assertEquals(0.0, of("they hold our bag for a few hour").valence[7], 1e-9);
    assertEquals(0.0, of("we take a three day tour").valence[4], 1e-9);
  }

  @Test
  void aRisingCostComplainsAndAFallingOnePraisesWhateverTheWordsValence() {
    assertEquals(Lexicon.COST_RISE_VALENCE, of("the premium doubl at renewal").valence[2], 1e-9);
    assertEquals(Lexicon.COST_RISE_VALENCE, of("the bill go up again").valence[3], 1e-9);
    assertEquals(Lexicon.COST_RISE_VALENCE, of("a price increase").valence[2], 1e-9);
    assertEquals(
        Lexicon.COST_RISE_VALENCE, of("shipping cost more than the item").valence[2], 1e-9);
    assertEquals(Lexicon.COST_FALL_VALENCE, of("low fee and great service").valence[0], 1e-9);
    assertEquals(
        Lexicon.COST_FALL_VALENCE, of("the new tariff be cheap than my old one").valence[4], 1e-9);
    // No cost near: the words keep their own valence ("low" is negative in VADER).
    assertTrue(of("the water pressure be low").valence[4] < 0);
    assertEquals(0.0, of("it go up the stairs").valence[2], 1e-9);
    assertEquals(0.0, of("the price be fine , the battery be cheap").valence[8], 1e-9);
    // A direction said of something else beside the cost: "high quality for the price" does not
    // complain, "low quality" and "cheap" for the price do not praise.
    assertTrue(of("high quality for the price").valence[0] >= 0);
    assertTrue(of("low quality for the price").valence[0] < 0);
    assertTrue(of("it feel cheap for the price").valence[2] <= 0);
  }

  @Test
  void aMissingWarningOrExplanationIsAComplaintNotPraise() {
    // VADER scores "warning" negative, so negated it used to praise.
    assertEquals(
        Lexicon.NEGATED_EXPECTATION_VALENCE,
        of("the bill go up without any warning").valence[6],
        1e-9);
    assertEquals(
        Lexicon.NEGATED_EXPECTATION_VALENCE, of("nobody could explain why").valence[2], 1e-9);
    assertEquals(
        Lexicon.NEGATED_EXPECTATION_VALENCE, of("the towel be never replace").valence[4], 1e-9);
    assertEquals(
        Lexicon.NEGATED_EXPECTATION_VALENCE,
        of("they change the date without notice").valence[5],
        1e-9);
    // Figures of speech, not something owed: no complaint.
    assertEquals(0.0, of("i can not tell you how happy we be").valence[3], 1e-9);
    assertEquals(0.0, of("word can not explain how good it be").valence[3], 1e-9);
    assertEquals(0.0, of("i do not notice any noise from the street").valence[3], 1e-9);
    // "not an issue" is praise as "not a single issue" is.
    assertTrue(of("it be not an issue").valence[4] > 0);
  }

  @Test
  void feedbackJudgementsVaderLacksCountForTheModelButNotForTheBaseline() {
    assertEquals(Lexicon.judgement("thorough"), of("the doctor be thorough").valence[3], 1e-9);
    assertTrue(of("the cabin crew be attentive").valence[4] > 0);
    assertTrue(of("the seat be cramped").valence[3] < 0);
    // Negation flips them as it flips VADER's words.
    assertTrue(of("the staff be not very attentive").valence[5] < 0);
    // The lexicon baseline reads VADER (with its service words) alone.
    assertEquals(0.0, Lexicon.vader().valence("thorough"), 1e-9);
    assertEquals(0.0, Lexicon.vader().valence("attentive"), 1e-9);
  }

  @Test
  void somethingOutOfOrderOrOutOfStockIsAComplaintAndOtherOutOfPhrasesAreNot() {
    assertEquals(Lexicon.OUT_OF_VALENCE, of("the lift be out of order again").valence[5], 1e-9);
    assertEquals(Lexicon.OUT_OF_VALENCE, of("my size be out of stock").valence[5], 1e-9);
    assertEquals(Lexicon.OUT_OF_VALENCE, of("sound be out of sync").valence[4], 1e-9);
    assertEquals(Lexicon.OUT_OF_VALENCE, of("the map be out of date").valence[5], 1e-9);
    // Negated, it praises: "never out of stock".
    assertTrue(of("they be never out of stock").valence[5] > 0);
    // The same nouns elsewhere, and other "out of" phrases, judge nothing.
    assertEquals(0.0, of("i place an order for stock").valence[3], 1e-9);
    assertEquals(0.0, of("i place an order for stock").valence[5], 1e-9);
    assertEquals(0.0, of("it work straight out of the box").valence[6], 1e-9);
    assertEquals(0.0, of("out of curiosity i order a size up").valence[2], 1e-9);
    assertEquals(0.0, of("the order come out of the warehouse late").valence[1], 1e-9);
    assertFalse(of("the dessert be out of this world").valenceSum(0, 7) < 0);
  }

  @Test
  void onTimeNoFussSizesForThePriceAndNobodyTellingUsJudge() {
    assertEquals(Lexicon.ON_TIME_VALENCE, of("the flight leave on time").valence[4], 1e-9);
    assertTrue(of("the train be never on time").valence[5] < 0);
    // A trouble right after its negator praises; one still there ("never fixed the issue") not.
    assertTrue(of("return without any fuss").valence[3] > 0);
    assertTrue(of("no issue at all").valence[1] > 0);
    assertEquals(0.0, of("they never fix the issue").valence[4], 1e-9);
    // A size judged against the price; alone it is no judgement.
    assertTrue(of("the portion be tiny for the price").valence[3] < 0);
    assertTrue(of("huge for the money").valence[0] > 0);
    assertEquals(0.0, of("the portion be tiny").valence[3], 1e-9);
    assertEquals(
        Lexicon.NEGATED_EXPECTATION_VALENCE, of("which nobody tell we about").valence[2], 1e-9);
  }

  @Test
  void aNegatedContractionLeftWholeByTheLemmatizerSplitsIntoItsVerbAndNot() {
    assertEquals("be", Units.negatedVerb("wasn't", "wasn't"));
    assertEquals("can", Units.negatedVerb("can't", "can\u2019t"));
    assertEquals("will", Units.negatedVerb("won't", "won't"));
    assertEquals("could", Units.negatedVerb("couldn't", "couldn't"));
    // Split by the lemmatizer already, or no contraction at all.
    assertEquals(null, Units.negatedVerb("be+not", "wasn't"));
    assertEquals(null, Units.negatedVerb("n't", "n't"));
    assertEquals(null, Units.negatedVerb("want", "want"));
  }

  @Test
  void praiseThatCannotBeGivenEnoughIsPraise() {
    assertTrue(of("i can not recommend this place enough .").valence[3] > 0);
    assertTrue(of("could not thank they enough").valence[2] > 0);
    assertTrue(of("i can not say enough good thing about they").valence[5] > 0);
    assertTrue(of("i cannot recommend they enough").valence[2] > 0);
    // Without can / could, or with "enough" in another clause, the negation stands.
    assertTrue(of("the room be not good enough").valence[4] < 0);
    assertTrue(of("i can not recommend it , not enough choice").valence[3] < 0);
    // "enough" before the word measures a lack: a complaint, not unbounded praise.
    assertTrue(of("we could not get enough help from support").valence[5] < 0);
    assertTrue(of("they can not hire enough good staff").valence[5] < 0);
  }

  @Test
  void aCostInThePluralTheLemmatizerLeftStillTakesItsDirection() {
    assertEquals(Lexicon.COST_FALL_VALENCE, of("bills have be low since .").valence[3], 1e-9);
    assertEquals(Lexicon.COST_RISE_VALENCE, of("fees go up again").valence[2], 1e-9);
  }

  @Test
  void feedbackJudgementsVaderLacksCarryTheirValence() {
    assertTrue(of("sync be still flaky").valence[3] < 0);
    assertTrue(of("the app be unusable").valence[3] < 0);
    assertTrue(of("parking be a nightmare").valence[3] < 0);
    assertTrue(of("check-in be effortless").valence[2] > 0);
    // Negated, they turn as VADER's own words do.
    assertTrue(of("the signal be not patchy").valence[4] > 0);
  }
}
