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
 * PM} (SurveyMonkey), and Unix epoch seconds or milliseconds. A value without an offset is read in
 * {@code zone}; a slashed date is month first unless {@code dayFirst}, because a value-dependent
 * guess would read the same column two ways.
 */
public final class TimestampParser {

  private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{9,10}");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{12,13}");

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
            strict(slashed + " h:mm[:ss]a"));
    this.dates = List.of(DateTimeFormatter.ISO_LOCAL_DATE, strict("uuuu/MM/dd"), strict(slashed));
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

  private static Optional<TemporalAccessor> tryParse(DateTimeFormatter f, String text) {
    try {
      return Optional.of(f.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
