package dev.earful.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the timestamps that API clients and survey tools write: ISO-8601 instants, date-times with
 * or without an offset, plain dates, {@code 2024-03-01 14:22:05} (Qualtrics, Typeform), {@code
 * 2024-03-01 14:22:05 -0800} (Delighted), {@code 03/01/2024 14:22} and {@code 03/01/2024 2:22:05
 * PM} (SurveyMonkey), {@code 05.12.2026 14:30} (dotted, day first: European exports), and Unix
 * epoch seconds or milliseconds. A value without an offset is read in {@code zone}; a slashed date
 * is month first unless {@code dayFirst}, because a value-dependent guess would read the same
 * column two ways.
 */
public final class TimestampParser {

  private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{9,10}");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{12,13}");

  /**
   * Dotted dates ({@code 05.12.2026 14:30}: German, French, Swiss, Russian, Scandinavian exports)
   * are day first wherever they are written, so they need no column-wide guess as slashed ones do.
   */
  private static final String DOTTED = "d.M.uuuu";

  private final ZoneId zone;
  private final boolean dayFirst;
  private final List<DateTimeFormatter> withOffset;
  private final List<DateTimeFormatter> local;
  private final List<DateTimeFormatter> dates;

  public TimestampParser(ZoneId zone, boolean dayFirst) {
    this.zone = zone;
    this.dayFirst = dayFirst;
    String slashed = dayFirst ? "d/M/uuuu" : "M/d/uuuu";
    this.withOffset =
        List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            strict("uuuu-MM-dd HH:mm[:ss][.SSS][ ]XXX"),
            strict("uuuu-MM-dd HH:mm[:ss][.SSS][ ]XX"),
            strict("uuuu-MM-dd HH:mm[:ss] 'UTC'"));
    this.local =
        List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            strict("uuuu-MM-dd HH:mm[:ss][.SSS]"),
            strict("uuuu/MM/dd HH:mm[:ss]"),
            strict(slashed + " H:mm[:ss]"),
            strict(slashed + " h:mm[:ss] a"),
            strict(slashed + " h:mm[:ss]a"),
            strict(DOTTED + " H:mm[:ss]"));
    this.dates =
        List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            strict("uuuu/MM/dd"),
            strict(slashed),
            strict(DOTTED));
  }

  /** True when slashed dates are read day/month/year. */
  public boolean dayFirst() {
    return dayFirst;
  }

  /** The same zone, with slashed dates read in the given order. */
  public TimestampParser withDayFirst(boolean first) {
    return first == dayFirst ? this : new TimestampParser(zone, first);
  }

  /** UTC, month first. */
  public static TimestampParser utc() {
    return new TimestampParser(ZoneId.of("UTC"), false);
  }

  private static DateTimeFormatter strict(String pattern) {
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(pattern)
        .parseDefaulting(ChronoField.ERA, 1)
        .toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /** The instant {@code text} names, or empty when no known format reads it. */
  public Optional<Instant> parse(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (EPOCH_SECONDS.matcher(t).matches()) {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
    }
    if (EPOCH_MILLIS.matcher(t).matches()) {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(t)));
    }
    Instant utc = isoInstant(t);
    if (utc != null) {
      return Optional.of(utc);
    }
    try {
      return Optional.of(Instant.parse(t));
    } catch (DateTimeParseException e) {
      // not an instant with Z; try the other shapes
    }
    for (DateTimeFormatter f : withOffset) {
      Optional<TemporalAccessor> parsed = tryParse(f, t);
      if (parsed.isPresent()) {
        try {
          return Optional.of(OffsetDateTime.from(parsed.get()).toInstant());
        } catch (DateTimeException e) {
          return Optional.of(LocalDateTime.from(parsed.get()).atZone(ZoneId.of("UTC")).toInstant());
        }
      }
    }
    for (DateTimeFormatter f : local) {
      Optional<TemporalAccessor> parsed = tryParse(f, t);
      if (parsed.isPresent()) {
        return Optional.of(ZonedDateTime.of(LocalDateTime.from(parsed.get()), zone).toInstant());
      }
    }
    for (DateTimeFormatter f : dates) {
      Optional<TemporalAccessor> parsed = tryParse(f, t);
      if (parsed.isPresent()) {
        return Optional.of(LocalDate.from(parsed.get()).atStartOfDay(zone).toInstant());
      }
    }
    return Optional.empty();
  }

  /**
   * {@code 2024-03-01T14:22:05Z} or with a fraction of 1 to 9 digits, the form API clients send
   * (Instant.toString), read without the formatter: {@link Instant#parse} was half of an import's
   * validation time in a profile of {@code bench-http --import}. Null for anything else (lower-case
   * letters, offsets, a leap second, a day the month lacks...), which then goes to {@link
   * Instant#parse}, so a value read here is the instant {@link Instant#parse} gives for it.
   */
  static Instant isoInstant(String t) {
    int n = t.length();
    if (n < 20
        || n == 21
        || n > 30
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || t.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (t.charAt(19) != '.') {
        return null;
      }
      int fraction = digits(t, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The decimal number in {@code t[from, to)} (at most 9 ASCII digits), or -1. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static Optional<TemporalAccessor> tryParse(DateTimeFormatter f, String text) {
    try {
      return Optional.of(f.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
