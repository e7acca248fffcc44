package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Analysis;
import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.nlp.TextAnalyzer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The committed default model on the hard cases of short feedback. */
class SentimentScorerTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  /**
   * The default model as an import scores it (the fast model: without the clause-embedding stage,
   * which the default `--sentiment-stage refine` runs later, in the background).
   */
  private static final SentimentScorer SCORER = SentimentScorer.loadDefault(false);

  private static Analysis score(String text) {
    return SCORER.score(ANALYZER.analyze(text));
  }

  private static Polarity label(String text) {
    return score(text).sentiment().label();
  }

  @Test
  void textWithNoLetterOrDigitIsScoredWithoutTheEncoder() {
    // "\uFFFD\uFFFD" made the embedding model throw (a 500 on /analyze) before the guard.
    for (String text : List.of("\uFFFD\uFFFD", "\u2026 \u2014 !!!", "\uFFFD ?")) {
      assertEquals(Polarity.NEUTRAL, label(text), text);
    }
  }

  @Test
  void notBadIsNotNegative() {
    assertNotEquals(Polarity.NEGATIVE, label("The fit is not bad."));
  }

  @Test
  void aParcelThatNeverArrivedIsNegative() {
    assertEquals(Polarity.NEGATIVE, label("My parcel never arrived."));
  }

  @Test
  void noComplaintsAndNothingToImproveArePositive() {
    assertEquals(Polarity.POSITIVE, label("No complaints."));
    assertEquals(Polarity.POSITIVE, label("Nothing to improve."));
  }

  @Test
  void staffThatWasNotHelpfulIsNegative() {
    assertEquals(Polarity.NEGATIVE, label("The agent wasn't helpful."));
  }

  @Test
  void contrastSplitsTheSentenceIntoClausesOfOppositePolarity() {
    String text = "Staff were lovely but the delivery was late.";
    Analysis a = score(text);
    Sentence s = a.sentences().getFirst();
    List<Clause> clauses = s.clauses();
    assertEquals(2, clauses.size());
    Clause first = clauses.get(0);
    Clause second = clauses.get(1);
    assertEquals(0, first.tokenFrom());
    assertEquals(3, first.tokenTo());
    assertEquals("but", s.tokens().get(second.tokenFrom()).text());
    assertEquals(s.tokens().size(), second.tokenTo());
    assertEquals(Polarity.POSITIVE, first.sentiment().label());
    assertEquals(Polarity.NEGATIVE, second.sentiment().label());
    // The clause after "but" weighs more: the sentence leans negative.
    assertTrue(s.sentiment().score() < 0, "sentence score " + s.sentiment().score());
  }

  @Test
  void aStatementOfFactIsNeutral() {
    assertEquals(Polarity.NEUTRAL, label("I ordered a medium."));
  }

  @Test
  void clearPraiseAndComplaintGetTheirLabels() {
    assertEquals(Polarity.POSITIVE, label("The crew were friendly and helpful, great flight."));
    assertEquals(Polarity.NEGATIVE, label("I was on hold for an hour and nobody could help me."));
  }

  @Test
  void emptyTextIsNeutralWithoutError() {
    Analysis a = score("");
    assertEquals(List.of(), a.sentences());
    assertEquals(Sentiment.NEUTRAL, a.sentiment());
  }

  @Test
  void nonEnglishTextIsNeutralWithLowConfidence() {
    for (String text :
        List.of(
            "El servicio fue excelente pero la entrega tardó demasiado.",
            "Der Kundendienst war sehr unfreundlich und langsam.",
            "配送が遅すぎます。")) {
      Analysis a = score(text);
      assertEquals(Polarity.NEUTRAL, a.sentiment().label(), text);
      assertEquals(SentimentScorer.UNKNOWN_LANGUAGE_CONFIDENCE, a.sentiment().confidence(), text);
      for (Sentence s : a.sentences()) {
        assertEquals(Polarity.NEUTRAL, s.sentiment().label(), text);
      }
    }
  }

  @Test
  void englishTextOfADomainTheModelHasNotSeenIsScored() {
    // A model that has seen only the hand-labelled feedback: of "Excellent starter wireless
    // headset." it knows one word ("excellent", from the lexicon). The analyzer calls the text
    // English; the scorer used to call it foreign (fewer than half its words known) and neutral.
    java.util.List<opennlp.tools.doccat.DocumentSample> samples = new java.util.ArrayList<>();
    for (LabelledText t : SentimentCorpora.handLabelled()) {
      samples.add(SentimentTrainer.sample(t.label(), ANALYZER.analyze(t.text())));
    }
    SentimentModel model = SentimentTrainer.train(samples, SentimentTrainer.Algorithm.MAXENT);
    for (String w : List.of("starter", "wireless", "headset")) {
      assertEquals(false, model.knows(w), w);
    }
    SentimentScorer scorer = new SentimentScorer(model, "hand only", null);
    Analysis a = scorer.score(ANALYZER.analyze("Excellent starter wireless headset."));
    assertEquals(Polarity.POSITIVE, a.sentiment().label());
    assertTrue(a.sentiment().confidence() > SentimentScorer.UNKNOWN_LANGUAGE_CONFIDENCE);
    // Text with no word the scorer knows is still declined.
    Analysis unknown = scorer.score(ANALYZER.analyze("Zorblat quenfry wixel."));
    assertEquals(Sentiment.NEUTRAL.label(), unknown.sentiment().label());
    assertEquals(SentimentScorer.UNKNOWN_LANGUAGE_CONFIDENCE, unknown.sentiment().confidence());
  }

  @Test
  void clausesCoverEverySentenceTokenInOrder() {
    Analysis a =
        score(
            "Although the flight was delayed, the crew were great; the food however was cold."
                + " Can't complain about the price, but the seats were awful!");
    for (Sentence s : a.sentences()) {
      int next = 0;
      for (Clause c : s.clauses()) {
        assertEquals(next, c.tokenFrom());
        assertTrue(c.tokenTo() > c.tokenFrom());
        next = c.tokenTo();
      }
      assertEquals(s.tokens().size(), next);
    }
    assertEquals(2, a.sentences().size());
    // The concession, "the crew were great;" and "the food however was cold": "however" splits
    // the food from what is said of it, and the clause after it has no subject of its own, so the
    // two stay one piece and the food gets "was cold".
    assertEquals(3, a.sentences().get(0).clauses().size());
    assertEquals(Polarity.NEGATIVE, aspect(a, "food"));
  }

  @Test
  void scoresAreTheSameFromManyThreads() throws Exception {
    List<String> texts =
        List.of(
            "Great service, thank you!",
            "The app keeps crashing and support never answers.",
            "I ordered a medium.",
            "The food was good but the wait was far too long.");
    List<Analysis> analyses = texts.stream().map(ANALYZER::analyze).toList();
    List<Analysis> expected = analyses.stream().map(SCORER::score).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Analysis>>> futures =
          IntStream.range(0, 8)
              .mapToObj(k -> pool.submit(() -> analyses.stream().map(SCORER::score).toList()))
              .toList();
      for (Future<List<Analysis>> f : futures) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSlowUnstableAppIsNegative() {
    assertEquals(
        Polarity.NEGATIVE, label("The loading time is so long, the app is feeling unstable."));
    assertEquals(
        Polarity.NEGATIVE,
        label("loading time is so long and the whole thing is feeling unstable"));
  }

  @Test
  void anExcessAndAGoodThingThatCouldHaveBeenAreComplaints() {
    assertEquals(Polarity.NEGATIVE, label("The straps are too short."));
    assertEquals(Polarity.NEGATIVE, label("Way too long."));
    assertEquals(Polarity.NEGATIVE, label("The packaging could be better."));
    assertEquals(Polarity.NEGATIVE, label("Their website should be easier."));
    assertEquals(Polarity.POSITIVE, label("The nurses could not have been kinder."));
  }

  @Test
  void somethingNotHereYetIsNeutralAndSomethingThatNeverCameIsNot() {
    assertEquals(Polarity.NEUTRAL, label("Have not received my statement yet."));
    assertEquals(Polarity.NEGATIVE, label("I still have not received my statement."));
  }

  @Test
  void statementsOfFactStayNeutral() {
    assertEquals(Polarity.NEUTRAL, label("I called on Tuesday."));
    assertEquals(Polarity.NEUTRAL, label("I flew economy from Boston to Lisbon in May."));
  }

  @Test
  void contrastTakesTheSideAfterBut() {
    assertEquals(
        Polarity.NEGATIVE, label("The room was clean but the bed was not comfortable at all."));
    assertEquals(Polarity.POSITIVE, label("It took a while to arrive, but it was worth the wait."));
  }

  /** The polarity of the clause holding the first token whose text is {@code word}. */
  static Polarity aspect(Analysis a, String word) {
    for (Sentence s : a.sentences()) {
      for (int i = 0; i < s.tokens().size(); i++) {
        if (s.tokens().get(i).text().equals(word)) {
          for (Clause c : s.clauses()) {
            if (i >= c.tokenFrom() && i < c.tokenTo()) {
              return c.sentiment().label();
            }
          }
        }
      }
    }
    throw new AssertionError(word + " not found");
  }

  @Test
  void eachAspectGetsWhatIsSaidAboutIt() {
    Analysis a = score("Great food but the service was painfully slow.");
    assertEquals(Polarity.POSITIVE, aspect(a, "food"));
    assertEquals(Polarity.NEGATIVE, aspect(a, "service"));
    Analysis list = score("Clean rooms, friendly staff, terrible parking.");
    // "Clean rooms," alone leans positive but its clause is negative (from "terrible parking"):
    // a segment that leans against its clause keeps its own lean (SentimentScorer.segment).
    assertEquals(Polarity.POSITIVE, aspect(list, "rooms"));
    assertEquals(Polarity.POSITIVE, aspect(list, "staff"));
    assertEquals(Polarity.NEGATIVE, aspect(list, "parking"));
    // Not "Delivery was fast": "was fast" leans negative in the training reviews ("faded fast"),
    // and the previous built-in model read that one positive only by a weight on the bigram
    // "delivery be" ("The service was fast." came out negative under both). Session 11's model
    // reads it negative; the case here is about each clause keeping its own word.
    Analysis and = score("Delivery was quick and the packaging was damaged.");
    assertEquals(Polarity.POSITIVE, aspect(and, "Delivery"));
    assertEquals(Polarity.NEGATIVE, aspect(and, "packaging"));
    // "the parking fee was a bit steep though" alone: 0.07 / 0.72 / 0.22, a polar mass of 0.29,
    // against a clause made positive by "No complaints": it keeps its own (negative) lean.
    Analysis steep = score("No complaints about the room, the parking fee was a bit steep though.");
    assertEquals(Polarity.POSITIVE, aspect(steep, "room"));
    assertEquals(Polarity.NEGATIVE, aspect(steep, "fee"));
  }

  @Test
  void aPlaceOrTimeThatIsOnlyTheSettingOfAJudgementStaysNeutral() {
    Analysis film = score("Seats were sticky and the sound kept cutting out during the film.");
    assertEquals(Polarity.NEGATIVE, aspect(film, "sound"));
    assertEquals(Polarity.NEUTRAL, aspect(film, "film"));
    // Whom an action was for; but the thing charged for is what the complaint is about.
    Analysis office = score("The update broke the printer driver for the whole office.");
    assertEquals(Polarity.NEGATIVE, aspect(office, "update"));
    assertEquals(Polarity.NEUTRAL, aspect(office, "office"));
    Analysis tyre = score("The garage charged us for a new tyre.");
    assertEquals(Polarity.NEGATIVE, aspect(tyre, "tyre"));
    // A place inside the judged subject is its scene too (SettingPhrasesTest has more).
    Analysis desk = score("The staff at the front desk were rude.");
    assertEquals(Polarity.NEGATIVE, aspect(desk, "staff"));
    assertEquals(Polarity.NEUTRAL, aspect(desk, "desk"));
  }

  @Test
  void punctuationAfterACarvedStretchIsNoClauseOfItsOwn() {
    // The carve ended before the full stop and left "." as a negative clause of its own.
    for (String text :
        List.of(
            "The courier left my parcel in the rain.",
            "Claim paid out in a week, the adjuster was straight with me.")) {
      Sentence s = score(text).sentences().getFirst();
      for (Clause c : s.clauses()) {
        boolean words = false;
        for (int i = c.tokenFrom(); i < c.tokenTo(); i++) {
          words |= !s.tokens().get(i).tag().equals("PUNCT");
        }
        assertTrue(words, text + ": clause " + c);
      }
      assertEquals(s.tokens().size(), s.clauses().getLast().tokenTo(), text);
    }
    Analysis parcel = score("The courier left my parcel in the rain.");
    assertEquals(Polarity.NEGATIVE, aspect(parcel, "courier"));
    assertEquals(Polarity.NEUTRAL, aspect(parcel, "."));
  }

  @Test
  void aClauseSetAgainstAJudgedOneByButTakesTheOtherSide() {
    // The model reads "there was only one lifeguard on duty" as neutral; "but" sets it against
    // the praise before it.
    Analysis pool = score("The pool was gorgeous but there was only one lifeguard on duty.");
    assertEquals(Polarity.POSITIVE, aspect(pool, "pool"));
    assertEquals(Polarity.NEGATIVE, aspect(pool, "lifeguard"));
    Analysis refund = score("The courier was rude but the refund arrived the next morning.");
    assertEquals(Polarity.NEGATIVE, aspect(refund, "courier"));
    assertEquals(Polarity.POSITIVE, aspect(refund, "refund"));
    // A faint lean the same way (+0.00, +0.01) is no agreement with the praise before "but".
    Analysis signs =
        score("The broadband is rock solid, but the app still signs me out every other day.");
    assertEquals(Polarity.NEGATIVE, aspect(signs, "app"));
    Analysis code = score("The bank was helpful but the app asks for a code every single time.");
    assertEquals(Polarity.POSITIVE, aspect(code, "bank"));
    assertEquals(Polarity.NEGATIVE, aspect(code, "app"));
    // A neutral report before "but" is not a judgement to set anything against.
    Analysis report = score("The app said the parcel was delivered but nothing came.");
    assertNotEquals(Polarity.POSITIVE, aspect(report, "app"));
    // With the customer as its subject the clause after "but" says what the customer did or is.
    Analysis moving = score("The staff were lovely but we are moving abroad next month.");
    assertEquals(Polarity.POSITIVE, aspect(moving, "staff"));
    assertNotEquals(Polarity.NEGATIVE, aspect(moving, "month"));
    // "even though" concedes a fact; it does not oppose.
    Analysis claims = score("The premium went up again even though we made no claims.");
    assertEquals(Polarity.NEUTRAL, aspect(claims, "claims"));
  }

  @Test
  void aClauseSetAgainstAJudgedOneByCommaThoughTakesTheOtherSide() {
    // The model reads the clause after "though" as neutral; set after a comma against the praise
    // before it, it is the complaint.
    Analysis loungers =
        score("The pool was gorgeous, though the loungers were all taken by seven.");
    assertEquals(Polarity.POSITIVE, aspect(loungers, "pool"));
    assertEquals(Polarity.NEGATIVE, aspect(loungers, "loungers"));
    // With the customer as its subject it says what the customer did.
    Analysis night = score("The staff were lovely, though we only stayed one night.");
    assertEquals(Polarity.POSITIVE, aspect(night, "staff"));
    assertNotEquals(Polarity.NEGATIVE, aspect(night, "night"));
  }

  @Test
  void aDeedRepeatedOnTheCustomerOrLeavingItsJobUndoneBlamesWhoeverDidIt() {
    Analysis transfers = score("The helpline transferred me five times.");
    assertEquals(Polarity.NEGATIVE, aspect(transfers, "helpline"));
    Analysis ticket = score("The engineer closed my ticket without fixing the boiler.");
    assertEquals(Polarity.NEGATIVE, aspect(ticket, "engineer"));
    assertEquals(Polarity.NEUTRAL, aspect(ticket, "ticket"));
    // A favour done without being asked is still praise.
    Analysis towels = score("Housekeeping changed our towels every day without being asked.");
    assertNotEquals(Polarity.NEGATIVE, aspect(towels, "Housekeeping"));
  }

  @Test
  void aThingCalledAJokeIsAComplaintOfItNotPraise() {
    // The lexicon's "joke" is praise; said of a thing as what it is, it derides the thing.
    Analysis discount = score("Twelve years a customer and the loyalty discount is a joke.");
    assertEquals(Polarity.NEGATIVE, aspect(discount, "discount"));
    Analysis portal = score("The new booking portal is a joke.");
    assertEquals(Polarity.NEGATIVE, aspect(portal, "portal"));
    // A joke told is no judgement of the teller.
    Analysis host = score("The quiz host told a joke between rounds.");
    assertNotEquals(Polarity.NEGATIVE, aspect(host, "host"));
  }

  @Test
  void aSentenceThatOnlyCallsItsSubjectAJokeIsANegativeComment() {
    // Its one piece is derided, and the comment's label follows it, so the search facet and the
    // theme mention agree on the same words (review of session 16, finding 6b; without it these
    // comments read +0.23 and +0.17 while their mentions read negative).
    assertEquals(Polarity.NEGATIVE, label("That company is a joke."));
    assertEquals(Polarity.NEGATIVE, label("The new booking portal is a joke."));
    // Not a joke told.
    assertNotEquals(Polarity.NEGATIVE, label("The quiz host told a joke between rounds."));
    // A joke about something is a joke told, not what the subject is (review of session 17,
    // finding 6: this comment read NEGATIVE -0.92, POSITIVE +0.92 before the one-piece rule).
    assertEquals(Polarity.POSITIVE, label("The best part was a joke about the pilot."));
  }

  @Test
  void aNamedThingThatCouldNotActOrKeepsActingIsBlamed() {
    // The model reads each as a neutral statement; what failed is blamed, what it failed at and
    // where or when are not.
    Analysis reader = score("The card reader wouldn't read my card.");
    assertEquals(Polarity.NEGATIVE, aspect(reader, "reader"));
    Analysis router = score("Our router keeps restarting every evening.");
    assertEquals(Polarity.NEGATIVE, aspect(router, "router"));
    assertEquals(Polarity.NEUTRAL, aspect(router, "evening"));
    Analysis fridge = score("The fridge in our room kept switching itself off.");
    assertEquals(Polarity.NEGATIVE, aspect(fridge, "fridge"));
    assertEquals(Polarity.NEUTRAL, aspect(fridge, "room"));
  }

  @Test
  void theThingAnActionWasDoneToStaysNeutral() {
    Analysis boiler = score("The engineer fitted the boiler within an hour, really impressive.");
    assertEquals(Polarity.POSITIVE, aspect(boiler, "engineer"));
    assertEquals(Polarity.NEUTRAL, aspect(boiler, "boiler"));
    Analysis receipt = score("The app crashed every time I tried to attach a receipt to my claim.");
    assertEquals(Polarity.NEGATIVE, aspect(receipt, "app"));
    assertEquals(Polarity.NEUTRAL, aspect(receipt, "receipt"));
    // An object the clause judges keeps the judgement (ObjectPhrasesTest has more).
    Analysis lamb = score("The chef cooked the lamb perfectly.");
    assertEquals(Polarity.POSITIVE, aspect(lamb, "lamb"));
  }

  @Test
  void somethingDoneFastForTheCustomerPraisesWhoeverDidIt() {
    // The model reads the plumber negative and the concierge neutral; the rules read praise of the
    // subject, and what was acted on stays neutral. The sentence keeps the model's reading.
    Analysis drain = score("The plumber unblocked the drain in forty minutes.");
    assertEquals(Polarity.POSITIVE, aspect(drain, "plumber"));
    assertEquals(Polarity.NEUTRAL, aspect(drain, "drain"));
    Analysis taxi = score("The concierge found us a taxi at midnight.");
    assertEquals(Polarity.POSITIVE, aspect(taxi, "concierge"));
    assertEquals(Polarity.NEUTRAL, aspect(taxi, "taxi"));
    assertEquals(Polarity.NEUTRAL, taxi.sentences().getFirst().sentiment().label());
    // Without a named subject the whole stretch is praised: the refund itself came fast.
    Analysis refund = score("Got my refund within a day, thanks.");
    assertEquals(Polarity.POSITIVE, aspect(refund, "refund"));
    // A deed the model reads as praise by itself: still the doer's, not the table's; but a thing
    // the clause judges keeps the judgement.
    Analysis table = score("The hostess kindly found us a table by the window.");
    assertEquals(Polarity.POSITIVE, aspect(table, "hostess"));
    assertEquals(Polarity.NEUTRAL, aspect(table, "table"));
    assertEquals(
        Polarity.POSITIVE, aspect(score("The waiter brought us delicious bread."), "bread"));
    // A repair ends a trouble: "broken" does not make the landlord's fix a complaint.
    assertEquals(
        Polarity.POSITIVE,
        aspect(score("The landlord fixed the broken boiler the same day."), "landlord"));
    // Counter-examples: a failure that came fast, a deed for no customer.
    assertEquals(Polarity.NEGATIVE, aspect(score("The kettle broke within a week."), "kettle"));
    assertEquals(Polarity.NEUTRAL, aspect(score("The engineer replaced the meter."), "engineer"));
  }

  @Test
  void aVerbWithoutASubjectOfItsOwnStillSpeaksOfTheAspectBeforeIt() {
    // After "and": no split before "told", so "staff" is not left alone with "could not find".
    Analysis and = score("The staff could not find my order and told me to come back tomorrow.");
    assertEquals(Polarity.NEGATIVE, aspect(and, "staff"));
    // After "but": "well chosen" judges the wine list too.
    Analysis but = score("The wine list is short but well chosen.");
    assertEquals(Polarity.POSITIVE, aspect(but, "list"));
    // With a subject of its own the clause after "but" is still apart.
    Analysis apart = score("The export feature is fine, but the reports are awful.");
    assertEquals(Polarity.NEGATIVE, aspect(apart, "reports"));
    assertNotEquals(Polarity.NEGATIVE, aspect(apart, "feature"));
    // An adjective before its noun opens a subject of its own: the room and the staff part.
    Analysis adjective = score("The room was spotless and rude staff ignored us at the desk.");
    assertEquals(Polarity.POSITIVE, aspect(adjective, "room"));
    assertEquals(Polarity.NEGATIVE, aspect(adjective, "staff"));
  }

  @Test
  void aThoughAtTheEndOfAClauseSetsItAgainstTheClauseBeforeTheComma() {
    Analysis curve =
        score(
            "Reporting is powerful once you learn it, the learning curve is steep though and the"
                + " docs don't help much.");
    assertEquals(Polarity.POSITIVE, aspect(curve, "Reporting"));
    assertEquals(Polarity.NEGATIVE, aspect(curve, "curve"));
    // The tagger reads "teller" as a verb; the clause still keeps to itself.
    Analysis teller = score("wait times are ridiculous at the branch, teller was nice tho");
    assertEquals(Polarity.NEGATIVE, aspect(teller, "times"));
    assertEquals(Polarity.POSITIVE, aspect(teller, "teller"));
  }

  @Test
  void waitsAndPricesSaidOfAnAspectJudgeIt() {
    Analysis card =
        score("The app makes transfers simple, but the card took three weeks to arrive.");
    assertEquals(Polarity.NEGATIVE, aspect(card, "card"));
    assertEquals(Polarity.NEGATIVE, label("The premium doubled at renewal."));
    assertEquals(Polarity.NEGATIVE, label("The membership fee went up again this year."));
    assertEquals(Polarity.POSITIVE, label("The package arrived a day early."));
    // The model's weight for "cheap" alone (shoddy) outweighed the cost rule until the rule's
    // word stopped being a feature of its own.
    assertEquals(Polarity.POSITIVE, label("The new tariff is cheaper than my old one."));
  }

  @Test
  void aSegmentKeepsAClearOwnLeanAgainstItsClauseAndOtherwiseLeansOnIt() {
    // P(positive), P(neutral), P(negative), by Polarity ordinal.
    double[] negativeClause = {0.04, 0.0, 0.96};
    double[] positiveClause = {0.82, 0.0, 0.18};
    // "Delivery was fast" against a clause made negative by "the packaging was damaged".
    assertArrayEquals(
        new double[] {0.63 / 0.88, 0.0, 0.25 / 0.88},
        SentimentScorer.segment(new double[] {0.63, 0.12, 0.25}, negativeClause),
        1e-12);
    // A lean mixed by the comments' rule (0.48 against 0.29) leans on its clause: positive here.
    double[] mixed = {0.29, 0.23, 0.48};
    double[] blended = SentimentScorer.segment(mixed, positiveClause);
    assertArrayEquals(SentimentScorer.blend(mixed, positiveClause, 0.5), blended, 1e-12);
    assertEquals(Polarity.POSITIVE, SentimentScorer.sentimentOf(blended).label());
    // Too little polar mass (0.2, below OWN_POLAR_MASS 0.25) to go against the clause.
    double[] quiet = {0.05, 0.8, 0.15};
    assertArrayEquals(
        SentimentScorer.blend(quiet, positiveClause, 0.5),
        SentimentScorer.segment(quiet, positiveClause),
        1e-12);
  }

  @Test
  void aClauseAfterWhenKeepsTheJudgementOfTheSentenceItServes() {
    // "when" also opens what someone was told or knew, and a complaint or praise can be said of
    // what the clause names: a rule that judged such a clause by its own words alone (74d0fc4,
    // reverted) left the refund and the engineer neutral.
    Analysis refund = score("Nobody could tell me when my refund would arrive.");
    assertEquals(Polarity.NEGATIVE, aspect(refund, "refund"));
    Analysis engineer = score("I was delighted when the engineer arrived early.");
    assertEquals(Polarity.POSITIVE, aspect(engineer, "engineer"));
  }

  @Test
  void anOtherwiseThatSaysWhatWouldHaveHappenedIsNotAContrast() {
    // ", otherwise great" sets its clause against the one before; "otherwise I would have
    // complained" says what would have followed, and does not turn the praise before it around.
    // A threat (", otherwise I will cancel") stays the point of its sentence.
    assertEquals(Polarity.NEGATIVE, label("Please fix the sync, otherwise I will cancel my plan."));
    assertNotEquals(
        Polarity.NEGATIVE, label("The food was great, otherwise I would have complained."));
  }

  @Test
  void aNegatedContractionThatOpensASentenceNegates() {
    // The lemmatizer leaves a capitalised "Wasn't" or "Couldn't" whole when its subject is
    // dropped (tagged as a noun or a name), so before it split into verb and "not" the praise
    // word after it was read as praise.
    assertEquals(Polarity.NEGATIVE, label("Wasn't impressed with the room."));
    assertEquals(Polarity.NEGATIVE, label("Couldn't find anyone to help."));
    assertEquals(Polarity.NEGATIVE, label("Doesn\u2019t fit."));
  }

  @Test
  void praiseThatCannotBeGivenEnoughIsPositive() {
    // Negated, "recommend" used to flip: the sentence came out negative (-0.93).
    assertEquals(Polarity.POSITIVE, label("I can't recommend this place enough."));
  }
}
