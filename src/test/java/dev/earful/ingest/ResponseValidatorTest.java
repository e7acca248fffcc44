package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.search.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseValidatorTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private final ResponseValidator validator =
      new ResponseValidator(
          Metric.NPS,
          new TimestampParser(ZoneId.of("UTC"), false),
          Clock.fixed(NOW, ZoneOffset.UTC));

  private static RawResponse raw(String id, String metric, String score) {
    return new RawResponse(id, metric, score, "ok", null, Map.of(), List.of());
  }

  private List<FieldError> errors(RawResponse raw) {
    ResponseValidator.Outcome o = validator.validate(raw);
    assertTrue(o.response() == null, "expected a rejection");
    return o.errors();
  }

  @Test
  void acceptsAMinimalRecordWithDefaults() {
    Response r =
        validator.validate(new RawResponse("r1", null, "9", null, null, null, null)).response();
    assertEquals(new Response("r1", Metric.NPS, 9, "", NOW, Map.of()), r);
  }

  @Test
  void rejectsAMissingOrEmptyOrOverlongId() {
    assertEquals(List.of(new FieldError("id", "is required")), errors(raw(null, null, "5")));
    assertEquals(List.of(new FieldError("id", "must not be empty")), errors(raw("  ", null, "5")));
    assertEquals(
        List.of(new FieldError("id", "must be at most 256 characters, got 257")),
        errors(raw("x".repeat(257), null, "5")));
    assertTrue(validator.validate(raw("x".repeat(256), null, "5")).accepted());
  }

  @Test
  void rejectsAnUnknownMetric() {
    assertEquals(
        List.of(new FieldError("metric", "unknown metric 'stars' (expected nps, csat or ces)")),
        errors(raw("r", "stars", "5")));
  }

  @Test
  void rejectsMissingFractionalNonNumericAndOutOfRangeScores() {
    assertEquals(List.of(new FieldError("score", "is required")), errors(raw("r", null, null)));
    assertEquals(List.of(new FieldError("score", "is required")), errors(raw("r", null, " ")));
    assertEquals(
        List.of(new FieldError("score", "must be a whole number, got 4.5")),
        errors(raw("r", "csat", "4.5")));
    assertEquals(
        List.of(new FieldError("score", "must be a whole number, got 'abc'")),
        errors(raw("r", null, "abc")));
    assertEquals(
        List.of(new FieldError("score", "must be 0-10 for nps, got 11")),
        errors(raw("r", null, "11")));
    assertEquals(
        List.of(new FieldError("score", "must be 1-5 for csat, got 0")),
        errors(raw("r", "csat", "0")));
    assertEquals(
        List.of(new FieldError("score", "must be 1-7 for ces, got 8")),
        errors(raw("r", "CES", "8")));
  }

  @Test
  void acceptsAnIntegralDecimalScore() {
    assertEquals(4, validator.validate(raw("r", "csat", "4.0")).response().score());
    assertEquals(0, validator.validate(raw("r", "nps", " 0 ")).response().score());
  }

  @Test
  void readsTimestampsAndRejectsUnreadableOnes() {
    RawResponse ok =
        new RawResponse("r", null, "1", "", "2024-03-01 14:22:05", Map.of(), List.of());
    assertEquals(
        Instant.parse("2024-03-01T14:22:05Z"), validator.validate(ok).response().submittedAt());
    RawResponse bad = new RawResponse("r", null, "1", "", "yesterday", Map.of(), List.of());
    assertEquals(
        List.of(
            new FieldError(
                "submittedAt",
                "cannot read 'yesterday' as a date or time (use ISO-8601 such as"
                    + " 2024-03-01T14:22:05Z, 2024-03-01T14:22:05+01:00 or 2024-03-01)")),
        errors(bad));
  }

  /**
   * A response dated in 2030 was stored, and the review's default period (the three months up to
   * the newest response) became October 2029 to January 2030: one response. A timestamp more than a
   * day after the import's clock is rejected; up to a day ahead (a local time read in another zone)
   * is kept.
   */
  @Test
  void rejectsATimestampMoreThanADayAfterTheImport() {
    RawResponse future =
        new RawResponse("r", null, "1", "", "2030-01-01T00:00:00Z", Map.of(), List.of());
    assertEquals(
        List.of(
            new FieldError(
                "submittedAt",
                "2030-01-01T00:00:00Z is in the future, more than a day after this import"
                    + " (2026-01-02T03:04:05Z): a wrong year, or a day and month read in the wrong"
                    + " order?")),
        errors(future));
    RawResponse tomorrow =
        new RawResponse("r", null, "1", "", "2026-01-03T03:04:05Z", Map.of(), List.of());
    assertEquals(
        Instant.parse("2026-01-03T03:04:05Z"),
        validator.validate(tomorrow).response().submittedAt());
    RawResponse justPast =
        new RawResponse("r", null, "1", "", "2026-01-03T03:04:06Z", Map.of(), List.of());
    assertEquals("submittedAt", errors(justPast).get(0).field());
  }

  @Test
  void rejectsAnOverlongComment() {
    RawResponse r = new RawResponse("r", null, "1", "a".repeat(20_001), null, Map.of(), List.of());
    assertEquals(
        List.of(new FieldError("comment", "must be at most 20000 characters, got 20001")),
        errors(r));
    assertTrue(
        validator
            .validate(
                new RawResponse("r", null, "1", "a".repeat(20_000), null, Map.of(), List.of()))
            .accepted());
  }

  @Test
  void boundsSegments() {
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 33; i++) {
      many.put("k" + i, "v");
    }
    assertEquals(
        List.of(new FieldError("segments", "must have at most 32 keys, got 33")),
        errors(new RawResponse("r", null, "1", "", null, many, List.of())));
    assertEquals(
        List.of(
            new FieldError(
                "segments." + "k".repeat(37) + "...", "key must be at most 64 characters, got 65")),
        errors(new RawResponse("r", null, "1", "", null, Map.of("k".repeat(65), "v"), List.of())));
    assertEquals(
        List.of(new FieldError("segments.region", "must be at most 256 characters, got 257")),
        errors(
            new RawResponse(
                "r", null, "1", "", null, Map.of("region", "v".repeat(257)), List.of())));
    assertEquals(
        List.of(new FieldError("segments.region", "must not be empty")),
        errors(new RawResponse("r", null, "1", "", null, Map.of("region", ""), List.of())));
    assertEquals(
        List.of(new FieldError("segments", "a key must not be empty")),
        errors(new RawResponse("r", null, "1", "", null, Map.of(" ", "x"), List.of())));
  }

  @Test
  void reportsEveryProblemOfARecordAtOnce() {
    RawResponse r = new RawResponse("", "nps", "12", "", "soon", Map.of(), List.of());
    assertEquals(
        List.of("id", "score", "submittedAt"), errors(r).stream().map(FieldError::field).toList());
  }

  @Test
  void rejectsControlCharactersInSegmentKeysCustomersAndAccountsOnly() {
    // C0 and C1 controls and DEL are refused; a space, a no-break space and a soft hyphen are not
    for (char c : new char[] {'\u0000', '\t', '\u001F', '\u007F', '\u0085', '\u009F'}) {
      String bad = "a" + c + "b";
      assertEquals(
          List.of(new FieldError("segments." + bad, "key must not contain control characters")),
          errors(new RawResponse("r", null, "5", "ok", null, Map.of(bad, "v"), List.of())),
          "U+" + Integer.toHexString(c));
      assertEquals(
          List.of(new FieldError("customer", "must not contain control characters")),
          errors(new RawResponse("r", null, "5", "ok", null, Map.of(), List.of(), bad, null)));
      assertEquals(
          List.of(new FieldError("account", "must not contain control characters")),
          errors(new RawResponse("r", null, "5", "ok", null, Map.of(), List.of(), null, bad)));
    }
    for (char c : new char[] {' ', '\u00A0', '\u00AD', '\u2028'}) {
      String fine = "a" + c + "b";
      assertTrue(
          validator
              .validate(
                  new RawResponse(
                      "r", null, "5", "ok", null, Map.of(fine, "v"), List.of(), fine, fine))
              .accepted(),
          "U+" + Integer.toHexString(c));
    }
    String longKey = "k".repeat(50) + "\u0001";
    assertEquals(
        List.of(
            new FieldError(
                "segments." + "k".repeat(37) + "...", "key must not contain control characters")),
        errors(new RawResponse("r", null, "5", "ok", null, Map.of(longKey, "v"), List.of())));
  }
}
