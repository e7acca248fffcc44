package dev.earful.ingest;

import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.search.FieldError;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@link RawResponse} into a {@link Response} or the list of everything wrong with it, so a
 * client fixes a record in one round trip. The bounds keep one record from bloating the index: an
 * id is a key, not a document; segments are facets, not a second comment.
 */
public final class ResponseValidator {

  public static final int MAX_ID_LENGTH = 256;
  public static final int MAX_COMMENT_LENGTH = 20_000;
  public static final int MAX_SEGMENTS = 32;
  public static final int MAX_SEGMENT_KEY_LENGTH = 64;
  public static final int MAX_SEGMENT_VALUE_LENGTH = 256;
  public static final int MAX_CUSTOMER_LENGTH = 256;
  public static final int MAX_ACCOUNT_LENGTH = 256;

  /** A decimal comma with one or two digits after it: {@code 9,0} in a European export. */
  private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d{1,2}");

  private static final Pattern SLASHED = Pattern.compile("^\\s*\\d{1,2}/\\d{1,2}/\\d{2,4}\\b");

  /** A valid response, or the errors that kept it out (never both). */
  public record Outcome(Response response, List<FieldError> errors) {
    public boolean accepted() {
      return response != null;
    }
  }

  private final Metric defaultMetric;
  private final TimestampParser timestamps;
  private final Clock clock;

  public ResponseValidator(Metric defaultMetric, TimestampParser timestamps, Clock clock) {
    this.defaultMetric = defaultMetric;
    this.timestamps = timestamps;
    this.clock = clock;
  }

  /** The same rules, with slashed dates read day first or month first. */
  public ResponseValidator withDayFirst(boolean dayFirst) {
    TimestampParser t = timestamps.withDayFirst(dayFirst);
    return t == timestamps ? this : new ResponseValidator(defaultMetric, t, clock);
  }

  /** NPS by default, UTC and month-first dates, the system clock for missing timestamps. */
  public static ResponseValidator standard() {
    return new ResponseValidator(Metric.NPS, TimestampParser.utc(), Clock.systemUTC());
  }

  public Outcome validate(RawResponse raw) {
    List<FieldError> errors = new ArrayList<>(raw.readErrors());
    if (hasError(errors, "record")) {
      return new Outcome(null, List.copyOf(errors));
    }
    String id = validateId(raw.id(), errors);
    Metric metric = validateMetric(raw.metric(), errors);
    Integer score = validateScore(raw.score(), metric, errors);
    String comment = raw.comment() == null ? "" : raw.comment();
    if (comment.length() > MAX_COMMENT_LENGTH) {
      errors.add(
          new FieldError(
              "comment",
              "must be at most " + MAX_COMMENT_LENGTH + " characters, got " + comment.length()));
    }
    Instant submittedAt = validateTimestamp(raw.submittedAt(), errors);
    Map<String, String> segments = validateSegments(raw.segments(), errors);
    String customer = validateKey("customer", raw.customer(), MAX_CUSTOMER_LENGTH, errors);
    String account = validateKey("account", raw.account(), MAX_ACCOUNT_LENGTH, errors);
    if (!errors.isEmpty()) {
      return new Outcome(null, List.copyOf(errors));
    }
    return new Outcome(
        new Response(id, metric, score, comment, submittedAt, segments, customer, account),
        List.of());
  }

  private static String validateId(String raw, List<FieldError> errors) {
    if (raw == null) {
      if (!hasError(errors, "id")) {
        errors.add(new FieldError("id", "is required"));
      }
      return null;
    }
    String id = raw.strip();
    if (id.isEmpty()) {
      errors.add(new FieldError("id", "must not be empty"));
    } else if (id.length() > MAX_ID_LENGTH) {
      errors.add(
          new FieldError(
              "id", "must be at most " + MAX_ID_LENGTH + " characters, got " + id.length()));
    } else {
      int bad = firstControlCharacter(id);
      if (bad >= 0) {
        // An id holding U+0000 or a line break can be stored but not named in a URL path again,
        // so it could never be read or deleted.
        errors.add(
            new FieldError(
                "id",
                String.format(
                    "must not contain control characters (U+0000-U+001F, U+007F-U+009F); found"
                        + " U+%04X at position %d",
                    (int) id.charAt(bad), bad)));
      }
    }
    return id;
  }

  /**
   * Whether {@code errors} has one about {@code field}. The per-record checks loop instead of
   * streaming: their streams (mostly {@code chars().anyMatch} in the segment checks) were about
   * 1.5% of the server's CPU in a profile of an HTTP import.
   */
  private static boolean hasError(List<FieldError> errors, String field) {
    for (FieldError e : errors) {
      if (e.field().equals(field)) {
        return true;
      }
    }
    return false;
  }

  /** The index of the first C0 or C1 control character, or -1. */
  static int firstControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.getType(s.charAt(i)) == Character.CONTROL) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A customer or account: optional (blank is absent), stripped, bounded, no control characters
   * (they are keys that people filter by and erase by, not text).
   */
  private static String validateKey(
      String field, String raw, int maxLength, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String value = raw.strip();
    if (value.length() > maxLength) {
      errors.add(
          new FieldError(
              field, "must be at most " + maxLength + " characters, got " + value.length()));
      return null;
    }
    if (firstControlCharacter(value) >= 0) {
      errors.add(new FieldError(field, "must not contain control characters"));
      return null;
    }
    return value;
  }

  private Metric validateMetric(String raw, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return defaultMetric;
    }
    try {
      return Metric.parse(raw);
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldError(
              "metric", "unknown metric '" + raw.strip() + "' (expected nps, csat or ces)"));
      return null;
    }
  }

  /**
   * The number a score cell holds, or null. A spreadsheet set to a European locale writes {@code
   * 9,0} where an English one writes {@code 9.0}; both are read as 9 (and {@code 7,5} as 7.5, which
   * is then refused as not whole). Three digits after a comma ({@code 1,000}) stay unread: that is
   * a thousands separator where it is written, and no scale goes that high.
   */
  static BigDecimal scoreNumber(String text) {
    String t = text.strip();
    if (DECIMAL_COMMA.matcher(t).matches()) {
      t = t.replace(',', '.');
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer validateScore(String raw, Metric metric, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      if (errors.stream().noneMatch(e -> e.field().equals("score"))) {
        errors.add(new FieldError("score", "is required"));
      }
      return null;
    }
    String text = raw.strip();
    BigDecimal value = scoreNumber(text);
    if (value == null) {
      errors.add(new FieldError("score", "must be a whole number, got '" + shorten(text) + "'"));
      return null;
    }
    BigDecimal integral;
    try {
      integral = value.setScale(0, java.math.RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      errors.add(new FieldError("score", "must be a whole number, got " + shorten(text)));
      return null;
    }
    if (metric == null) {
      return null;
    }
    if (integral.compareTo(BigDecimal.valueOf(metric.min())) < 0
        || integral.compareTo(BigDecimal.valueOf(metric.max())) > 0) {
      errors.add(
          new FieldError(
              "score",
              "must be "
                  + metric.min()
                  + "-"
                  + metric.max()
                  + " for "
                  + metric.wireName()
                  + ", got "
                  + shorten(text)));
      return null;
    }
    return integral.intValueExact();
  }

  private Instant validateTimestamp(String raw, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return clock.instant();
    }
    Optional<Instant> parsed = timestamps.parse(raw);
    if (parsed.isEmpty() && SLASHED.matcher(raw).find()) {
      // Say which order was used: "21/02/2018" is a fine date, just not month first.
      errors.add(
          new FieldError(
              "submittedAt",
              "cannot read '"
                  + shorten(raw.strip())
                  + "' as "
                  + (timestamps.dayFirst() ? "day/month/year" : "month/day/year")
                  + ", the date order of this import"));
      return null;
    }
    if (parsed.isEmpty()) {
      errors.add(
          new FieldError(
              "submittedAt",
              "cannot read '"
                  + shorten(raw.strip())
                  + "' as a date or time (use ISO-8601 such as 2024-03-01T14:22:05Z,"
                  + " 2024-03-01T14:22:05+01:00 or 2024-03-01)"));
      return null;
    }
    Instant t = parsed.get();
    if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
      // the index keeps epoch milliseconds: a year like +999999999 would overflow them
      errors.add(new FieldError("submittedAt", "must be between the years 1 and 9999, got " + t));
      return null;
    }
    Instant now = clock.instant();
    if (t.isAfter(now.plus(FUTURE_SLACK))) {
      // Stored, one such date moved every "last three months" (the review's default period, the
      // trend's last point) into a future with no other response, and no dip window ever held it.
      errors.add(
          new FieldError(
              "submittedAt",
              t
                  + " is in the future, more than a day after this import ("
                  + now.truncatedTo(ChronoUnit.SECONDS)
                  + "): a wrong year, or a day and month read in the wrong order?"));
      return null;
    }
    return t;
  }

  /**
   * How far after the clock a timestamp may be: a local time read in the wrong zone is at most 14
   * hours off, and a survey tool's clock a few minutes.
   */
  private static final Duration FUTURE_SLACK = Duration.ofDays(1);

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  /**
   * The problem of segments given to every record ({@code --segment}, {@code segment.KEY=VALUE})
   * against the limits each record's segments have, or null: checked before anything is read, so a
   * key too long does not reject every row one by one.
   */
  public static String fixedSegmentsProblem(Map<String, String> fixed) {
    if (fixed.size() > MAX_SEGMENTS) {
      return "at most " + MAX_SEGMENTS + " segments, got " + fixed.size();
    }
    for (Map.Entry<String, String> e : fixed.entrySet()) {
      if (e.getKey().length() > MAX_SEGMENT_KEY_LENGTH || firstControlCharacter(e.getKey()) >= 0) {
        return "the key '"
            + e.getKey()
            + "' must be at most "
            + MAX_SEGMENT_KEY_LENGTH
            + " characters, without control characters";
      }
      if (e.getValue().length() > MAX_SEGMENT_VALUE_LENGTH) {
        return "the value of '"
            + e.getKey()
            + "' must be at most "
            + MAX_SEGMENT_VALUE_LENGTH
            + " characters, got "
            + e.getValue().length();
      }
    }
    return null;
  }

  private static Map<String, String> validateSegments(
      Map<String, String> raw, List<FieldError> errors) {
    if (raw.size() > MAX_SEGMENTS) {
      errors.add(
          new FieldError(
              "segments", "must have at most " + MAX_SEGMENTS + " keys, got " + raw.size()));
      return Map.of();
    }
    Map<String, String> segments = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String key = e.getKey().strip();
      if (key.isEmpty()) {
        errors.add(new FieldError("segments", "a key must not be empty"));
        continue;
      }
      if (key.length() > MAX_SEGMENT_KEY_LENGTH) {
        errors.add(
            new FieldError(
                segmentField(key),
                "key must be at most "
                    + MAX_SEGMENT_KEY_LENGTH
                    + " characters, got "
                    + key.length()));
        continue;
      }
      if (firstControlCharacter(key) >= 0) {
        errors.add(new FieldError(segmentField(key), "key must not contain control characters"));
        continue;
      }
      String value = e.getValue() == null ? "" : e.getValue().strip();
      if (value.isEmpty()) {
        errors.add(new FieldError(segmentField(key), "must not be empty"));
      } else if (value.length() > MAX_SEGMENT_VALUE_LENGTH) {
        errors.add(
            new FieldError(
                segmentField(key),
                "must be at most "
                    + MAX_SEGMENT_VALUE_LENGTH
                    + " characters, got "
                    + value.length()));
      } else {
        segments.put(key, value);
      }
    }
    return segments;
  }

  /** The field a segment's error names; made only for an error. */
  private static String segmentField(String key) {
    return "segments." + shorten(key);
  }

  /** Long client values are cut in messages so one bad record cannot make a huge report. */
  static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
