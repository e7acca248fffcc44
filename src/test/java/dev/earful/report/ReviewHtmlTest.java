package dev.earful.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Lines of the review report that HTML and PDF share. */
class ReviewHtmlTest {

  private static ReviewReport.AccountRisk acme(double daysSilent, long recent) {
    return new ReviewReport.AccountRisk(
        "Acme",
        27.5,
        0.725,
        recent,
        0,
        new ReviewReport.HealthPart(0.0, 1.0),
        new ReviewReport.HealthPart(null, 0.5),
        new ReviewReport.HealthPart(100.0, 1.0),
        new ReviewReport.HealthPart(daysSilent, 0.0));
  }

  @Test
  void anAccountLineCountsInTheRightNumber() {
    // It read "last response 1 days before ...; 1 recent responses" (the trial's report).
    assertEquals(
        "Acme: health 27.5 (risk 0.725); level 0.00 (risk 1.000), trend n/a (risk 0.500),"
            + " detractors 100.0% (risk 1.000), last response 1 day before the period's end (risk 0.000); 1 recent response",
        ReviewHtml.accountText(acme(1, 1)));
    assertEquals(
        "Acme: health 27.5 (risk 0.725); level 0.00 (risk 1.000), trend n/a (risk 0.500),"
            + " detractors 100.0% (risk 1.000), last response 0 days before the period's end (risk 0.000); 12 recent"
            + " responses",
        ReviewHtml.accountText(acme(0, 12)));
    assertEquals(
        "Acme: health 27.5 (risk 0.725); level 0.00 (risk 1.000), trend n/a (risk 0.500),"
            + " detractors 100.0% (risk 1.000), last response 0 days before the period's end (risk 0.000); 1,204 recent"
            + " responses",
        ReviewHtml.accountText(acme(0, 1204)));
  }

  @Test
  void aThemeShiftCountsWithThousandsSeparators() {
    // a717f5b gave every count of the report its separators but these ("of 1204 then 1350").
    ReviewReport.ThemeShift s =
        new ReviewReport.ThemeShift(
            "t1", "delivery", null, "share", 11.5, 14.0, 1204, 1350, 0.0012, 0.004, "z");
    assertEquals(
        "delivery: share of responses 11.5% to 14.0% (of 1,204 then 1,350 mentions), p = 0.0012,"
            + " q = 0.004",
        ReviewHtml.shiftText(s));
  }
}
