package dev.earful.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Metric;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

  private static AlertRule dropRule(String name) {
    return new AlertRule(
        "ar-1",
        name,
        AlertType.METRIC_DROP,
        Map.of(),
        null,
        5,
        7,
        28,
        30,
        0.05,
        null,
        null,
        Instant.parse("2026-12-01T00:00:00Z"));
  }

  /**
   * A metric drop's title gives both values with their responses and the p-value to two significant
   * digits: the trial's alert read "NPS for 'NPS dip (all customers)' dropped by 14.078 points
   * (last 7 days against the 28 before)".
   */
  @Test
  void aDropsTitleGivesBothValuesTheirResponsesAndThePValue() {
    assertEquals(
        "NPS for 'NPS dip (all customers)' fell 14.08 points: -18.60 over the last 7 days (484"
            + " responses) against -4.52 over the 28 days before (1,952); p = 0.0012",
        AlertEvaluator.dropTitle(
            Metric.NPS,
            dropRule("NPS dip (all customers)"),
            new AlertEvaluator.Side(484, -18.595, 0),
            new AlertEvaluator.Side(1952, -4.517, 0),
            14.078,
            0.001236114141598902));
    assertEquals(
        "CSAT for 'Support' fell 6.00 points: 80.00 over the last 7 days (40 responses) against"
            + " 86.00 over the 28 days before (200); p = 0.04",
        AlertEvaluator.dropTitle(
            Metric.CSAT,
            dropRule("Support"),
            new AlertEvaluator.Side(40, 80, 0),
            new AlertEvaluator.Side(200, 86, 0),
            6,
            0.0401));
  }

  /** Why an evaluation raised nothing, in the rule's own settings. */
  @Test
  void anEvaluationSaysWhyItRaisedNothing() {
    AlertRule rule = dropRule("Support");
    assertEquals(
        "rose 3.00 points, not more than minDrop 5",
        AlertEvaluator.noDipReason(rule, -3, 0.9, true));
    assertEquals(
        "fell 4.50 points, not more than minDrop 5",
        AlertEvaluator.noDipReason(rule, 4.5, 0.01, true));
    assertEquals(
        "fell 7.20 points (more than minDrop 5), but p = 0.12 is not below alpha 0.05",
        AlertEvaluator.noDipReason(rule, 7.2, 0.1234, false));
    assertEquals(
        "fell 7.20 points (more than minDrop 5) and p < 0.001 is below alpha 0.05",
        AlertEvaluator.dipReason(rule, 7.2, 0.0001));
    assertEquals(
        "too few responses to test: 12 in the last 7 days, 1,040 in the 28 days before; each side"
            + " needs 30 (minResponses)",
        AlertEvaluator.tooFew(
            rule, new AlertEvaluator.Side(12, 10, 1), new AlertEvaluator.Side(1040, 20, 1)));
  }
}
