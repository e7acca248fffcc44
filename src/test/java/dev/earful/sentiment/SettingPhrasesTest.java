package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which place and time phrases are only the setting of what a clause judges. */
class SettingPhrasesTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  /** A finder of token ranges {@code [from, to)} in tokens {@code [from, to)}. */
  interface Finder {
    List<int[]> find(List<Token> tokens, int from, int to);
  }

  /** The words of each range {@code finder} finds in {@code text} (one sentence). */
  static List<String> found(String text, Finder finder) {
    Sentence s = ANALYZER.analyze(text).sentences().getFirst();
    List<Token> tokens = s.tokens();
    List<String> out = new ArrayList<>();
    for (int[] r : finder.find(tokens, 0, tokens.size())) {
      StringBuilder b = new StringBuilder();
      for (int k = r[0]; k < r[1]; k++) {
        b.append(k > r[0] ? " " : "").append(tokens.get(k).text());
      }
      out.add(b.toString());
    }
    return out;
  }

  private static List<String> settings(String text) {
    return found(text, SettingPhrases::of);
  }

  @Test
  void aPlaceOrTimeAfterAVerbSaidOfANamedSubjectIsItsSetting() {
    assertEquals(List.of("in the lobby"), settings("Wifi was free but only worked in the lobby."));
    assertEquals(
        List.of("during the film"),
        settings("The sound kept cutting out during the film, which ruined it."));
    assertEquals(
        List.of("on my jacket"), settings("The waiter spilled red wine on my jacket last night."));
    assertEquals(
        List.of("in a restaurant"), settings("My card stopped working abroad in a restaurant."));
    // Whom or what an action was for.
    assertEquals(
        List.of("for the whole office"),
        settings("The update broke the printer driver for the whole office."));
    assertEquals(List.of("for my father"), settings("The agent booked a taxi for my father."));
    // A judged noun that only classifies the head ("emergency") does not judge the place or time.
    assertEquals(
        List.of("for an emergency appointment"),
        settings("The vet saw our cat for an emergency appointment."));
  }

  @Test
  void aPlaceInsideTheSubjectOnlySetsTheSceneOfWhatTheClauseJudges() {
    assertEquals(List.of("at the front desk"), settings("The staff at the front desk were rude."));
    assertEquals(
        List.of("at the airport"), settings("Parking charges at the airport are outrageous."));
    assertEquals(List.of("at the airport"), settings("Our taxi driver at the airport was late."));
    assertEquals(
        List.of("in our room", "on the third floor"),
        settings("The wifi in our room on the third floor kept dropping."));
    // Not the thing waited for, a part or the doer ("of", "from"), a judged place, or a place
    // with no predicate after it.
    assertEquals(List.of(), settings("The queue for a table was an hour."));
    assertEquals(List.of(), settings("The quality of the food was poor."));
    assertEquals(List.of(), settings("The reply from support was rude."));
    assertEquals(List.of(), settings("The wifi in the dirty lobby was slow."));
    assertEquals(List.of(), settings("Long queues at the checkout again."));
  }

  @Test
  void aPlaceOrTimeAfterAPropertyOrAComparisonIsItsSetting() {
    assertEquals(List.of("at the checkout"), settings("Queues were long at the checkout."));
    assertEquals(
        List.of("to my daughter"), settings("The receptionist was lovely to my daughter."));
    assertEquals(List.of("on Mondays"), settings("The gym is far too crowded on Mondays."));
    assertEquals(
        List.of("than the corner shop"), settings("Prices are higher than the corner shop."));
    // A time before or after which something happened.
    assertEquals(List.of("after the concert"), settings("The taxi was late after the concert."));
    // What a span of time is counted from only says when.
    assertEquals(
        List.of("on the third day", "of the conference"),
        settings("The shower broke on the third day of the conference."));
    assertEquals(
        List.of("of the storm"), settings("The insurer phoned within a day of the storm."));
    assertEquals(
        List.of("before my operation"),
        settings("The surgeon explained every step before my operation."));
    // The price a thing is weighed against is what the value judgement is about.
    assertEquals(List.of(), settings("The portions were small for the price."));
    assertEquals(List.of(), settings("The room was good for the money."));
  }

  @Test
  void aPlaceThatTheClauseJudgesKeepsItsPolarity() {
    // The customer's own experience at a place, with or without its subject.
    assertEquals(List.of(), settings("I waited forty minutes at the front desk."));
    assertEquals(List.of(), settings("Couldn't find anyone to help in the shoe section."));
    // A place the phrase itself judges.
    assertEquals(List.of(), settings("Wifi only worked in the filthy lobby."));
    // A judged head noun judges the place: the mess is where the parcel was left, and the harm.
    assertEquals(List.of(), settings("The courier left the parcel in the mess by the door."));
    // Prepositions that name a cause or a purpose, not a setting.
    assertEquals(List.of(), settings("The agent waited for our starters."));
    // The thing waited or paid for is what the complaint is about.
    assertEquals(List.of(), settings("The garage charged us for a new tyre."));
    assertEquals(List.of(), settings("The restaurant made us wait an hour for our mains."));
    // "for" with the customer as the subject.
    assertEquals(List.of(), settings("I paid for a window seat."));
    assertEquals(List.of(), settings("The waiter asked about the refund."));
  }

  @Test
  void carvingLeavesNeutralClausesAloneAndSplitsAPolarOneAroundTheSetting() {
    Sentence s =
        ANALYZER.analyze("The sound kept cutting out during the film.").sentences().getFirst();
    int n = s.tokens().size();
    Sentiment negative = new Sentiment(Polarity.NEGATIVE, -0.8, 0.8);
    List<Clause> carved = MentionOnly.carve(s.tokens(), List.of(new Clause(0, n, negative)));
    // The full stop after the setting ends it; it is no negative clause of its own.
    assertEquals(List.of(new Clause(0, 5, negative), new Clause(5, n, Sentiment.NEUTRAL)), carved);
    Sentence night =
        ANALYZER
            .analyze("The sound kept cutting out during the film every night.")
            .sentences()
            .getFirst();
    int m = night.tokens().size();
    assertEquals(
        List.of(
            new Clause(0, 5, negative),
            new Clause(5, 8, Sentiment.NEUTRAL),
            new Clause(8, m, negative)),
        MentionOnly.carve(night.tokens(), List.of(new Clause(0, m, negative))));
    List<Clause> neutral = List.of(new Clause(0, n, Sentiment.NEUTRAL));
    assertEquals(neutral, MentionOnly.carve(s.tokens(), neutral));
  }
}
