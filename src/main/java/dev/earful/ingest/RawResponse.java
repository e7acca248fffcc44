package dev.earful.ingest;

import dev.earful.search.FieldError;
import java.util.List;
import java.util.Map;

/**
 * One record as read from a body or a file, before validation: every value is the text the source
 * held (null when absent). {@code readErrors} are problems the reader already saw, such as a JSON
 * value of the wrong type, so the validator reports them together with its own.
 */
public record RawResponse(
    String id,
    String metric,
    String score,
    String comment,
    String submittedAt,
    Map<String, String> segments,
    List<FieldError> readErrors,
    String customer,
    String account) {

  /** A record that names no customer or account. */
  public RawResponse(
      String id,
      String metric,
      String score,
      String comment,
      String submittedAt,
      Map<String, String> segments,
      List<FieldError> readErrors) {
    this(id, metric, score, comment, submittedAt, segments, readErrors, null, null);
  }

  public RawResponse {
    segments = segments == null ? Map.of() : segments;
    readErrors = readErrors == null ? List.of() : List.copyOf(readErrors);
  }

  /**
   * This record with {@code fixed} segments added: {@code earful import --segment source=amazon},
   * {@code POST /responses?segment.source=amazon}. A record that holds another value of such a key
   * is not changed without a word: it is kept with a read error naming both values, so it is
   * rejected and reported on its line.
   */
  public RawResponse withSegments(Map<String, String> fixed) {
    if (fixed.isEmpty()) {
      return this;
    }
    String clash = clashingSegment(fixed);
    if (clash != null) {
      List<FieldError> errors = new java.util.ArrayList<>(readErrors);
      errors.add(
          new FieldError(
              "segments." + clash,
              "the record's own value '"
                  + segments.get(clash)
                  + "' would be replaced by the segment given to every record ('"
                  + fixed.get(clash)
                  + "')"));
      return new RawResponse(
          id, metric, score, comment, submittedAt, segments, errors, customer, account);
    }
    Map<String, String> merged = new java.util.LinkedHashMap<>(segments);
    merged.putAll(fixed);
    return new RawResponse(
        id, metric, score, comment, submittedAt, merged, readErrors, customer, account);
  }

  /** The first key of {@code fixed} this record holds with another value, or null. */
  public String clashingSegment(Map<String, String> fixed) {
    for (Map.Entry<String, String> e : fixed.entrySet()) {
      String own = segments.get(e.getKey());
      if (own != null && !own.strip().isEmpty() && !own.strip().equals(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }
}
