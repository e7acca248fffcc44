package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateOrderTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

  private static DateOrder.Decision decide(List<String> dates, LocalDate today) {
    DateOrder order = new DateOrder("line", today);
    for (int i = 0; i < dates.size(); i++) {
      order.observe(i + 2, dates.get(i));
    }
    return order.decide();
  }

  /**
   * A European export of 3 to 12 November, imported on 20 November: every date fits either order,
   * and month first read 03/11/2026 as 11 March and 12/11/2026 as 11 December, three weeks after
   * the import. The order that puts no date after tomorrow is taken.
   */
  @Test
  void whereEveryDateFitsEitherOrderTheOneThatPutsNoneInTheFutureIsTaken() {
    DateOrder.Decision european =
        decide(List.of("03/11/2026 09:00", "07/11/2026 10:30", "12/11/2026 16:00"), TODAY);
    assertEquals(
        new DateOrder.Decision(
            true,
            "read day first: every date fits either order, but month first would put"
                + " 12/11/2026 16:00 (line 4) after today"),
        european);

    List<String> twoAhead = List.of("12/10/2026", "12/09/2026", "01/10/2026");
    assertEquals(
        "read day first: every date fits either order, but month first would put 12/10/2026"
            + " (line 2) and 1 other after today",
        decide(twoAhead, LocalDate.of(2026, 11, 1)).reason());

    // A US export of 3 to 12 November: month first, as before.
    assertEquals(false, decide(List.of("11/03/2026 09:00", "11/12/2026 16:00"), TODAY).dayFirst());
    // Tomorrow is not the future (a local time a zone ahead); the day after is.
    assertEquals(false, decide(List.of("12/11/2026"), LocalDate.of(2026, 12, 10)).dayFirst());
    assertEquals(true, decide(List.of("12/11/2026"), LocalDate.of(2026, 12, 9)).dayFirst());
    // Both orders put a date ahead: no signal, month first.
    assertEquals(
        false, decide(List.of("12/11/2026", "11/12/2026"), LocalDate.of(2026, 1, 5)).dayFirst());
    // Two-digit years and an order a value settles are read as before.
    assertEquals(false, decide(List.of("12/11/26"), TODAY).dayFirst());
    assertEquals(false, decide(List.of("12/11/2026", "11/13/2026"), TODAY).dayFirst());
    // Without today, as before.
    assertEquals(false, decide(List.of("12/11/2026"), null).dayFirst());
  }
}
