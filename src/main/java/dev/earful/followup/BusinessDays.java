package dev.earful.followup;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Due dates in business days: Monday to Friday in UTC (no holiday calendar). */
public final class BusinessDays {
  private BusinessDays() {}

  /**
   * {@code days} business days after {@code from}, at the same time of day; from a weekend,
   * counting starts on Monday (a detractor on Saturday with 2 days is due Tuesday).
   */
  public static Instant add(Instant from, int days) {
    ZonedDateTime t = from.atZone(ZoneOffset.UTC);
    int left = days;
    while (left > 0) {
      t = t.plusDays(1);
      if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return t.toInstant();
  }
}
