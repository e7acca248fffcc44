package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimestampParserTest {

  private final TimestampParser utc = TimestampParser.utc();

  private static Optional<Instant> at(String iso) {
    return Optional.of(Instant.parse(iso));
  }

  @Test
  void readsIsoInstantsOffsetsAndDates() {
    assertEquals(at("2024-03-01T14:22:05Z"), utc.parse("2024-03-01T14:22:05Z"));
    assertEquals(at("2024-03-01T14:22:05.123Z"), utc.parse("2024-03-01T14:22:05.123Z"));
    assertEquals(at("2024-03-01T13:22:05Z"), utc.parse("2024-03-01T14:22:05+01:00"));
    assertEquals(at("2024-03-01T14:22:05Z"), utc.parse("2024-03-01T14:22:05"));
    assertEquals(at("2024-03-01T00:00:00Z"), utc.parse("2024-03-01"));
  }

  @Test
  void readsSurveyExportFormats() {
    assertEquals(at("2024-03-01T14:22:05Z"), utc.parse("2024-03-01 14:22:05"));
    assertEquals(at("2024-03-01T14:22:00Z"), utc.parse("2024-03-01 14:22"));
    assertEquals(at("2024-03-01T22:22:05Z"), utc.parse("2024-03-01 14:22:05 -0800"));
    assertEquals(at("2024-03-01T14:22:00Z"), utc.parse("03/01/2024 14:22"));
    assertEquals(at("2024-03-01T14:22:05Z"), utc.parse("3/1/2024 2:22:05 PM"));
    assertEquals(at("2024-03-01T00:00:00Z"), utc.parse("03/01/2024"));
    assertEquals(at("2024-03-01T14:22:05Z"), utc.parse("1709302925"));
    assertEquals(at("2024-03-01T14:22:05.000Z"), utc.parse("1709302925000"));
  }

  @Test
  void readsDayFirstDatesAndLocalTimesInTheGivenZone() {
    TimestampParser paris = new TimestampParser(ZoneId.of("Europe/Paris"), true);
    assertEquals(at("2024-01-03T13:22:00Z"), paris.parse("03/01/2024 14:22"));
  }

  /** Dotted dates are day first wherever they are written (German, French, Swiss exports). */
  @Test
  void readsDottedDatesDayFirstWhicheverOrderSlashedOnesTake() {
    for (TimestampParser p : List.of(utc, utc.withDayFirst(true))) {
      assertEquals(at("2026-12-05T14:30:00Z"), p.parse("05.12.2026 14:30"));
      assertEquals(at("2026-12-05T14:30:15Z"), p.parse("5.12.2026 14:30:15"));
      assertEquals(at("2026-12-05T00:00:00Z"), p.parse("05.12.2026"));
      assertEquals(Optional.empty(), p.parse("12.31.2026"));
    }
    TimestampParser kolkata = new TimestampParser(ZoneId.of("Asia/Kolkata"), false);
    assertEquals(at("2026-12-05T09:00:00Z"), kolkata.parse("05.12.2026 14:30"));
  }

  @Test
  void rejectsWordsAndImpossibleDates() {
    assertEquals(Optional.empty(), utc.parse("yesterday"));
    assertEquals(Optional.empty(), utc.parse("2024-02-30"));
    assertEquals(Optional.empty(), utc.parse("13/45/2024"));
  }

  /**
   * The fast reading of {@code ...T..:..:..[.f]Z} gives what {@link Instant#parse} gives, and
   * declines (null) every value it cannot read exactly that way: seeded values around every bound
   * (days the month lacks, leap years, hour 24, leap second, fractions of 0 to 10 digits,
   * lower-case letters, offsets, signs, stray characters).
   */
  @Test
  void theFastIsoInstantReadingAgreesWithInstantParse() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(14);
    String[] fixed = {
      "2024-02-29T23:59:59Z",
      "2023-02-29T10:00:00Z",
      "2024-04-31T10:00:00Z",
      "2024-12-31T24:00:00Z",
      "2024-06-30T23:59:60Z",
      "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999999999Z",
      "2024-03-01t14:22:05z",
      "2024-03-01T14:22:05.Z",
      "2024-03-01T14:22:05.1234567891Z",
      "2024-03-01T14:22:05+01:00",
      "+2024-03-01T14:22:05Z",
      "2024-3-01T14:22:05Z",
      "2024-03-01T14:22:5Z",
      "2024-03-01 14:22:05Z",
      "2024-13-01T00:00:00Z",
      "2024-00-10T00:00:00Z",
      "2024-03-00T00:00:00Z",
      "2024-03-01T14:60:00Z",
      "2024-03-01T14:22:05,5Z",
      "1900-02-29T00:00:00Z",
      "2000-02-29T00:00:00Z",
      "2024-03-01T14:22:05.5Z"
    };
    List<String> values = new ArrayList<>(List.of(fixed));
    String digits = "0123456789";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb =
          new StringBuilder(
              String.format(
                  java.util.Locale.ROOT,
                  "%04d-%02d-%02dT%02d:%02d:%02d",
                  random.nextInt(0, 10_000),
                  random.nextInt(0, 14),
                  random.nextInt(0, 33),
                  random.nextInt(0, 25),
                  random.nextInt(0, 61),
                  random.nextInt(0, 61)));
      int fraction = random.nextInt(-1, 11);
      if (fraction >= 0) {
        sb.append('.');
        for (int d = 0; d < fraction; d++) {
          sb.append(digits.charAt(random.nextInt(10)));
        }
      }
      sb.append('Z');
      if (random.nextInt(10) == 0) {
        sb.setCharAt(random.nextInt(sb.length()), "x-:.T9Z ".charAt(random.nextInt(8)));
      }
      values.add(sb.toString());
    }
    int read = 0;
    for (String v : values) {
      Instant expected;
      try {
        expected = Instant.parse(v);
      } catch (java.time.format.DateTimeParseException e) {
        expected = null;
      }
      Instant fast = TimestampParser.isoInstant(v);
      if (fast != null) {
        read++;
        assertEquals(expected, fast, v);
      }
      if (expected != null) {
        assertEquals(Optional.of(expected), utc.parse(v), v);
      }
    }
    // The fast path reads the common form: every fixed value Instant.parse reads in upper case
    // with seconds and 1-9 fraction digits, and thousands of the generated ones.
    assertEquals(Instant.parse("2024-02-29T23:59:59Z"), TimestampParser.isoInstant(fixed[0]));
    assertEquals(
        Instant.parse("9999-12-31T23:59:59.999999999Z"), TimestampParser.isoInstant(fixed[6]));
    assertEquals(null, TimestampParser.isoInstant("2024-06-30T23:59:60Z"));
    assertEquals(true, read > 5_000, "read " + read);
  }
}
