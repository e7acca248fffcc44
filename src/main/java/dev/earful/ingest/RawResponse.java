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
   * This record with {@code fixed} segments added, over its own of the same key: {@code earful
   * import --segment source=amazon}, {@code POST /responses?segment.source=amazon}.
   */
  public RawResponse withSegments(Map<String, String> fixed) {
    if (fixed.isEmpty()) {
      return this;
    }
    Map<String, String> merged = new java.util.LinkedHashMap<>(segments);
    merged.putAll(fixed);
    return new RawResponse(
        id, metric, score, comment, submittedAt, merged, readErrors, customer, account);
  }
}
