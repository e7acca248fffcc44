package dev.earful.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the review report prints its figures. */
class ReportNumbersTest {

  @Test
  void percentagesKeepTheirOneDecimal() {
    // The women's report's pain points read detractor rate "11.5" above "14".
    assertEquals("14.0", ReportNumbers.percentText(14.0));
    assertEquals("11.5", ReportNumbers.percentText(11.5));
    assertEquals("0.0", ReportNumbers.percentText(0.0));
    assertEquals("n/a", ReportNumbers.percentText(null));
  }

  @Test
  void countsHaveThousandsSeparatorsAsTheCommandLinePrintsThem() {
    // The report said "23488 responses" where `earful import` says "23,486".
    assertEquals("23,488", ReportNumbers.count(23_488));
    assertEquals("999", ReportNumbers.count(999));
    assertEquals("1,000,000", ReportNumbers.count(1_000_000));
  }

  /**
   * One rule of decimals per kind, whatever the value: the report read "goal 20, NPS -4.41,
   * distance -24.41 [-35.72, -13.1]", "attributable detractors 46.2 [32.9, 61]" and "level -100
   * (risk 1)" beside "health 12.9 (risk 0.871)".
   */
  @Test
  void eachKindOfFigureHasOneNumberOfDecimals() {
    assertEquals(
        "20.00|-4.41|-24.41|[-35.72, -13.10]|+6.86|0.00",
        String.join(
            "|",
            ReportNumbers.score(20.0),
            ReportNumbers.score(-4.41),
            ReportNumbers.signedScore(-24.41),
            ReportNumbers.scoreInterval(List.of(-35.72, -13.1)),
            ReportNumbers.signedScore(6.86),
            ReportNumbers.signedScore(0.0)));
    assertEquals(
        "46.2 [32.9, 61.0]|12.9|48.0",
        ReportNumbers.impact(46.2)
            + " "
            + ReportNumbers.impactInterval(List.of(32.9, 61.0))
            + "|"
            + ReportNumbers.impact(12.9)
            + "|"
            + ReportNumbers.impact(48.0));
    assertEquals(
        "1.000|0.871|0.139|25",
        String.join(
            "|",
            ReportNumbers.risk(1.0),
            ReportNumbers.risk(0.871),
            ReportNumbers.risk(0.139),
            ReportNumbers.whole(25.0)));
    assertEquals("n/a|", ReportNumbers.score(null) + "|" + ReportNumbers.scoreInterval(null));
    // A p- or q-value: its shortest plain decimal, E notation below 1e-4.
    assertEquals(
        "0.397|1.2E-7|n/a",
        String.join(
            "|", ReportNumbers.text(0.397), ReportNumbers.text(1.2e-7), ReportNumbers.text(null)));
  }

  /**
   * A score the API sends with 3 decimals (a theme's leave-one-out impact, an alert's values) is
   * printed rounded half to even on its decimal, as the page's Intl halfEven prints it: -4.135 is
   * -4.14 (not -4.13 from the double's exact -4.13499...), 0.125 is 0.12 (not the half-up 0.13).
   */
  @Test
  void aScoreWithThreeDecimalsIsRoundedHalfToEvenOnItsDecimal() {
    assertEquals(
        "-4.14|0.12|+0.12|-18.60|100.00|n/a",
        String.join(
            "|",
            ReportNumbers.score(-4.135),
            ReportNumbers.score(0.125),
            ReportNumbers.signedScore(0.125),
            ReportNumbers.score(-18.595),
            ReportNumbers.score(100.0),
            ReportNumbers.score(null)));
  }

  /**
   * A score that rounds to zero prints "0.00", with no sign, whichever side of zero it lies on: the
   * sign is decided from the rounded text (review R12). signedScore(0.004) printed "+0.00", and the
   * page "−0.00" for -0.004, where a small theme's leave-one-out impact can well lie.
   */
  @Test
  void aScoreThatRoundsToZeroHasNoSign() {
    assertEquals(
        "0.00|0.00|0.00|0.00|0.00|0.00|0.00|0.00|+0.01|-0.01|0.01|-0.01",
        String.join(
            "|",
            ReportNumbers.score(-0.004),
            ReportNumbers.score(-0.005),
            ReportNumbers.signedScore(-0.004),
            ReportNumbers.signedScore(-0.005),
            ReportNumbers.signedScore(0.004),
            ReportNumbers.signedScore(0.005),
            ReportNumbers.signedScore(-0.0),
            ReportNumbers.score(-0.0),
            ReportNumbers.signedScore(0.006),
            ReportNumbers.signedScore(-0.006),
            ReportNumbers.score(0.006),
            ReportNumbers.score(-0.006)));
  }
}
