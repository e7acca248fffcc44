package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Sentence;
import dev.earful.nlp.TextAnalyzer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sentence rules of feature set 4 ({@link SentimentFeatures#VERSION}), each with a
 * counter-example that keeps its old reading: ratings, passives after "can't be", "can't say enough
 * bad things", negation ending at "how" and at "never ... so / such", "(never) fail(s) to", a
 * degree adjective before a complaint, "the least X", and a denied grievance.
 */
class FeatureSetFourTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static Annotation of(String lemmas) {
    return Annotation.of(Units.normalizeAll(lemmas.split(" ")));
  }

  private static int at(Annotation a, String unit) {
    int i = Arrays.asList(a.units).indexOf(unit);
    assertTrue(i >= 0, unit + " in " + Arrays.toString(a.units));
    return i;
  }

  private static double valence(String lemmas, String unit) {
    Annotation a = of(lemmas);
    return a.valence[at(a, unit)];
  }

  private static List<String> units(String text) {
    List<String> out = new ArrayList<>();
    for (Sentence s : ANALYZER.analyze(text).sentences()) {
      out.addAll(List.of(Units.of(s.tokens()).units()));
    }
    return out;
  }

  @Test
  void aRatingOnAScaleOfFiveTenOrAHundredIsAVerdict() {
    assertTrue(units("10/10 would stay again.").contains(Units.GOOD_RATING));
    assertTrue(units("I give it 9 out of 10.").contains(Units.GOOD_RATING));
    assertTrue(units("Five stars for the crew.").contains(Units.GOOD_RATING));
    assertTrue(units("1 star, would not recommend.").contains(Units.BAD_RATING));
    assertTrue(units("Honestly 2/10.").contains(Units.BAD_RATING));
    // The middle of the scale, another scale, a count or a time is no rating.
    assertFalse(hasRating(units("A solid 5/10.")));
    assertFalse(hasRating(units("Support is 24/7 and replies within 10 minutes.")));
    assertFalse(hasRating(units("We waited 3 hours for 2 pizzas.")));
    assertFalse(hasRating(units("Three stars.")));
    assertTrue(valence("<rating+> would stay again", Units.GOOD_RATING) > 0);
    assertTrue(valence("honestly <rating-> .", Units.BAD_RATING) < 0);
  }

  private static boolean hasRating(List<String> units) {
    return units.contains(Units.GOOD_RATING) || units.contains(Units.BAD_RATING);
  }

  @Test
  void aPassiveThatNothingBettersAfterCannotBePraises() {
    assertTrue(valence("the price can not be beat", "beat") > 0);
    assertTrue(valence("the service could not be fault", "fault") > 0);
    assertTrue(valence("the view cannot be top", "top") > 0);
    // Not after "can't be": a fault found stays one, and "couldn't be bothered" complains.
    assertTrue(valence("the staff be at fault", "fault") < 0);
    assertTrue(valence("they could not be bother to call", "bother") < 0);
  }

  @Test
  void cannotSayEnoughBadThingsComplainsWithoutBound() {
    assertTrue(valence("i can not say enough bad thing about them", "bad") < 0);
    assertTrue(valence("i can not say enough good thing about them", "good") > 0);
    // Without "say enough" a negated complaint is still softened the usual way.
    assertTrue(valence("the room be not bad", "bad") > 0);
  }

  @Test
  void negationEndsAtHow() {
    assertTrue(valence("i can not tell you how good the food be", "good") > 0);
    assertTrue(valence("i do not know how anyone like this awful place", "awful") < 0);
    // Before "how" the negation holds.
    assertTrue(valence("the food be not good", "good") < 0);
  }

  @Test
  void afterNeverSoOrSuchJudgesWithoutDenial() {
    assertTrue(valence("i have never be so disappoint", "disappoint") < 0);
    assertTrue(valence("we have never have such great service", "great") > 0);
    // "not so" keeps its negation ("not so great" is a complaint), and "never" alone denies.
    assertTrue(valence("the food be not so great", "great") < 0);
    assertTrue(valence("the staff be never helpful", "helpful") < 0);
  }

  @Test
  void failingToDeniesWhatFollowsAndNeverFailingToAffirmsIt() {
    Annotation failed = of("the film fail to impress");
    assertTrue(failed.negated(at(failed, "impress")));
    assertTrue(failed.valence[at(failed, "impress")] < 0);
    Annotation never = of("the team never fail to impress");
    assertFalse(never.negated(at(never, "impress")));
    assertTrue(never.valence[at(never, "impress")] > 0);
    assertEquals(0.0, never.valence[at(never, "fail")]);
    // "fail" without "to" is the complaint it was.
    assertTrue(valence("the app fail every day", "fail") < 0);
  }

  @Test
  void aDegreeAdjectiveBeforeAComplaintMeasuresIt() {
    Annotation a = of("the sequel be a great disappointment");
    assertEquals(0.0, a.valence[at(a, "great")]);
    assertTrue(a.ruled[at(a, "great")]);
    assertTrue(a.valence[at(a, "disappointment")] < valence("a disappointment", "disappointment"));
    // Before a word that is not a complaint, "great" praises.
    assertTrue(valence("the sequel be a great film", "great") > 0);
  }

  @Test
  void theLeastTurnsAWordToItsOpposite() {
    assertTrue(valence("the least helpful staff i have meet", "helpful") < 0);
    assertTrue(valence("the least expensive option", "expensive") > 0);
    assertTrue(valence("at least helpful", "helpful") > 0);
    assertTrue(units("The least helpful agent.").contains("least"));
  }

  @Test
  void aDeniedGrievanceIsPraiseLikeNoComplaints() {
    Annotation a = of("nothing to improve .");
    assertTrue(a.valence[at(a, "improve")] > 0);
    assertTrue(a.ruled[at(a, "improve")]);
    assertTrue(a.noComplaint());
    assertTrue(valence("not much to complain about", "complain") > 0);
    assertTrue(valence("nothing i would change", "change") > 0);
    assertTrue(valence("no area to improve", "improve") > 0);
    assertTrue(of("no complaint .").noComplaint());
    assertTrue(of("no real issue with the room").noComplaint());
    // Not denied: a fix that did not happen, a refusal, a complaint beside the denial.
    assertFalse(of("nothing be fix .").noComplaint());
    assertFalse(of("the problem be not fix").noComplaint());
    assertFalse(of("they refuse to improve").noComplaint());
    assertFalse(of("no complaint , the food be awful").noComplaint());
    assertFalse(of("they be rude to the customer").noComplaint());
  }
}
