package dev.earful.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One survey answer as a client sent it. {@code id} is the upsert key. Segments are kept sorted so
 * that equal responses compare and serialise equally.
 */
public record Response(
    String id,
    Metric metric,
    int score,
    String comment,
    Instant submittedAt,
    Map<String, String> segments) {

  public Response {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(submittedAt, "submittedAt");
    comment = comment == null ? "" : comment;
    segments =
        segments == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(segments));
    if (!metric.accepts(score)) {
      throw new IllegalArgumentException(
          "score "
              + score
              + " outside "
              + metric.min()
              + "-"
              + metric.max()
              + " for "
              + metric.wireName());
    }
  }

  public Category category() {
    return metric.categorize(score);
  }
}
