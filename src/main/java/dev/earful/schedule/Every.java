package dev.earful.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How often a schedule runs, and which period each run covers: the ISO week (Monday to Sunday) or
 * the calendar month, in UTC, that has just ended. A run is due from the first instant after the
 * period (Monday 00:00 UTC, the 1st 00:00 UTC).
 */
public enum Every {
  WEEK,
  MONTH;

  /** A period of whole UTC days, both ends inclusive. */
  public record Period(LocalDate from, LocalDate to) {
    /** The first instant after the period: when its run is due. */
    public Instant end() {
      return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
  }

  /** The latest whole period that ended at or before {@code now}. */
  public Period lastCompleted(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return switch (this) {
      case WEEK -> {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield new Period(monday.minusWeeks(1), monday.minusDays(1));
      }
      case MONTH -> {
        LocalDate first = today.withDayOfMonth(1);
        yield new Period(first.minusMonths(1), first.minusDays(1));
      }
    };
  }

  /** When the next run is due after {@code now}: the end of the period under way. */
  public Instant nextEnd(Instant now) {
    LocalDate start = lastCompleted(now).to().plusDays(1);
    LocalDate next = this == WEEK ? start.plusWeeks(1) : start.plusMonths(1);
    return next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for anything but week or month
   */
  public static Every parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
