package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
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

  @Test
  void rejectsWordsAndImpossibleDates() {
    assertEquals(Optional.empty(), utc.parse("yesterday"));
    assertEquals(Optional.empty(), utc.parse("2024-02-30"));
    assertEquals(Optional.empty(), utc.parse("13/45/2024"));
  }
}
