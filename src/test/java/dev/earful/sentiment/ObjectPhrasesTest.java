package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which direct objects are only the thing an action was done to. */
class ObjectPhrasesTest {

  /** The words of each object the rule finds in {@code text} (one sentence). */
  private static List<String> objects(String text) {
    return SettingPhrasesTest.found(text, ObjectPhrases::of);
  }

  @Test
  void theObjectOfAnActionThatJudgesNothingIsOnlyActedOn() {
    assertEquals(
        List.of("the boiler"),
        objects("The engineer fitted the boiler within an hour and was really friendly."));
    assertEquals(
        List.of("a receipt"),
        objects("The app froze every time I tried to attach a receipt to my claim."));
    assertEquals(List.of("my account"), objects("The agent unlocked my account on a Sunday."));
  }

  @Test
  void theObjectAfterAPhrasalVerbsParticleIsOnlyActedOnToo() {
    assertEquals(
        List.of("the floorboards"), objects("The plumber pulled up the floorboards in the hall."));
    assertEquals(List.of("my plant pots"), objects("The cleaner threw out my plant pots."));
    assertEquals(
        List.of("our kitchen"), objects("The removals team packed up our kitchen in a day."));
    // A thing sent back is the faulty one, after a particle as after the object.
    assertEquals(List.of(), objects("I sent back the charger."));
  }

  @Test
  void anObjectThatTheClauseJudgesKeepsItsPolarity() {
    // A verb that judges its object, or a light verb.
    assertEquals(List.of(), objects("We loved the view."));
    assertEquals(List.of(), objects("They ruined our anniversary dinner."));
    assertEquals(List.of(), objects("The room had no hot water."));
    assertEquals(List.of(), objects("I found the waiter rude."));
    // An attribute in the object, a judgement right after it, a relative clause about it.
    assertEquals(List.of(), objects("The kitchen served cold chips."));
    assertEquals(List.of(), objects("The chef cooked the lamb perfectly."));
    assertEquals(List.of(), objects("They served a curry that was stone cold."));
    // The thing is still at fault: a negated fix, an obligation, a return.
    assertEquals(List.of(), objects("The landlord never fixed the heating."));
    // Every negator of the lexicon negates the action, not only "not" and "never".
    assertEquals(
        List.of("my ticket"), objects("Support closed my ticket without fixing the sync issue."));
    assertEquals(List.of(), objects("Nobody answered my emails."));
    assertEquals(List.of(), objects("The engineer hardly touched the boiler."));
    assertEquals(List.of(), objects("I had to restart the router every morning."));
    assertEquals(List.of(), objects("I returned the sandals after a week."));
    assertEquals(List.of(), objects("I sent the charger back."));
    // A gerund's object inside the subject the clause judges.
    assertEquals(List.of(), objects("Installing the update took all afternoon."));
  }
}
