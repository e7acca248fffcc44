package dev.earful.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.earful.domain.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountHealthTest {

  @Test
  void combinesTheFourPartsByTheirWeights() {
    // Recent: 2 promoters, 3 passives, 5 detractors: NPS -30, level risk 130 / 200 = 0.65.
    // Before: 5 promoters, 5 passives: NPS 50; change -80, trend risk 0.5 + 80 / 400 = 0.7.
    // Detractor share 0.5; 36 days silent of 180: 0.2.
    AccountHealth.Input in =
        new AccountHealth.Input(
            "Acme", new ScoreTally(10, 2, 3, 5, 0), new ScoreTally(10, 5, 5, 0, 0), 36);
    AccountHealth.Account a =
        AccountHealth.rank(Metric.NPS, List.of(in), AccountHealth.Settings.DEFAULT).get(0);
    assertEquals(0.65, a.level().risk(), 1e-12);
    assertEquals(-30.0, a.level().value(), 1e-12);
    assertEquals(0.7, a.trend().risk(), 1e-12);
    assertEquals(-80.0, a.trend().value(), 1e-12);
    assertEquals(0.5, a.detractors().risk(), 1e-12);
    assertEquals(0.2, a.recency().risk(), 1e-12);
    assertEquals(0.35 * 0.65 + 0.25 * 0.7 + 0.25 * 0.5 + 0.15 * 0.2, a.risk(), 1e-12);
    assertEquals(44.25, a.health(), 1e-9);
  }

  @Test
  void anUnknownPartCountsAsHalfAndSilenceCapsAtOne() {
    AccountHealth.Input silent =
        new AccountHealth.Input("Quiet", ScoreTally.EMPTY, ScoreTally.EMPTY, 400);
    AccountHealth.Account a =
        AccountHealth.rank(Metric.CSAT, List.of(silent), AccountHealth.Settings.DEFAULT).get(0);
    assertNull(a.level().value());
    assertEquals(0.5, a.level().risk());
    assertEquals(0.5, a.trend().risk());
    assertEquals(0.5, a.detractors().risk());
    assertEquals(1.0, a.recency().risk());
    assertEquals(0.85 * 0.5 + 0.15, a.risk(), 1e-12);
  }

  @Test
  void ranksByRiskThenName() {
    AccountHealth.Input good =
        new AccountHealth.Input(
            "B", new ScoreTally(4, 4, 0, 0, 0), new ScoreTally(4, 4, 0, 0, 0), 1);
    AccountHealth.Input same =
        new AccountHealth.Input(
            "A", new ScoreTally(4, 4, 0, 0, 0), new ScoreTally(4, 4, 0, 0, 0), 1);
    AccountHealth.Input bad =
        new AccountHealth.Input(
            "C", new ScoreTally(4, 0, 0, 4, 0), new ScoreTally(4, 4, 0, 0, 0), 1);
    List<String> order =
        AccountHealth.rank(Metric.NPS, List.of(good, same, bad), AccountHealth.Settings.DEFAULT)
            .stream()
            .map(AccountHealth.Account::account)
            .toList();
    assertEquals(List.of("C", "A", "B"), order);
  }

  @Test
  void readsWeightsAndRejectsWhatItCannotRead() {
    AccountHealth.Settings s = AccountHealth.Settings.parseWeights("trend:0.5, recency:0");
    assertEquals(0.35, s.level());
    assertEquals(0.5, s.trend());
    assertEquals(0.0, s.recency());
    assertEquals(
        "expected name:weight pairs with names level, trend, detractors, recency; got 'size:2'",
        assertThrows(
                IllegalArgumentException.class, () -> AccountHealth.Settings.parseWeights("size:2"))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> AccountHealth.Settings.parseWeights("level:0,trend:0,detractors:0,recency:0"));
  }
}
