package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Annotation#noComplaint}: a span that only says there is nothing to complain of. */
class NoComplaintTest {

  private static Annotation of(String lemmas) {
    return Annotation.of(Units.normalizeAll(lemmas.split(" ")));
  }

  @Test
  void aDeniedGrievanceOrNoBeforeAGrievanceNounIsNoComplaint() {
    assertTrue(of("nothing to improve .").noComplaint());
    assertTrue(of("not much to complain about").noComplaint());
    assertTrue(of("nothing i would change").noComplaint());
    assertTrue(of("no area to improve").noComplaint());
    assertTrue(of("no complaint .").noComplaint());
    assertTrue(of("no real issue with the room").noComplaint());
  }

  @Test
  void aFixThatDidNotHappenARefusalOrAComplaintBesideItIsNot() {
    assertFalse(of("nothing be fix .").noComplaint());
    assertFalse(of("the problem be not fix").noComplaint());
    assertFalse(of("they refuse to improve").noComplaint());
    assertFalse(of("no complaint , the food be awful").noComplaint());
    assertFalse(of("they be rude to the customer").noComplaint());
  }
}
