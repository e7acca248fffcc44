package dev.earful.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.earful.ingest.ResponseValidator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds of one import request are settings, read, defaulted and checked like the others. */
class ImportLimitSettingsTest {

  @Test
  void defaultToTenThousandRecordsAndTwoMillionCharacters() {
    AppConfig c = AppConfig.fromEnvironment(Map.of());
    assertEquals(10_000, c.maxImportRecords());
    assertEquals(2_000_000, c.maxImportChars());
  }

  @Test
  void aFlagWinsOverTheEnvironment() {
    AppConfig c =
        AppConfig.fromValues(
            Map.of("EARFUL_MAX_IMPORT_RECORDS", "500", "EARFUL_MAX_IMPORT_CHARS", "30000"),
            Map.of("EARFUL_MAX_IMPORT_RECORDS", "50000"));
    assertEquals(50_000, c.maxImportRecords());
    assertEquals(30_000, c.maxImportChars());
  }

  @Test
  void refusesBadValuesNamingTheKey() {
    assertEquals(
        "EARFUL_MAX_IMPORT_RECORDS: must be between 1 and 1000000, got 0",
        refused(Map.of("EARFUL_MAX_IMPORT_RECORDS", "0")));
    assertEquals(
        "EARFUL_MAX_IMPORT_RECORDS: expected a whole number, got '10k'",
        refused(Map.of("EARFUL_MAX_IMPORT_RECORDS", "10k")));
    assertEquals(
        "EARFUL_MAX_IMPORT_CHARS: must be between 20000 and 1000000000, got 19999",
        refused(Map.of("EARFUL_MAX_IMPORT_CHARS", "19999")));
  }

  /** The least text bound is the longest comment a record may hold, so every record fits. */
  @Test
  void theLeastTextBoundIsTheLongestComment() {
    assertEquals(ResponseValidator.MAX_COMMENT_LENGTH, AppConfig.LONGEST_COMMENT);
  }

  private static String refused(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> AppConfig.fromEnvironment(env)).getMessage();
  }
}
