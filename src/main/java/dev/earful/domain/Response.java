package dev.earful.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One survey answer as a client sent it. {@code id} is the upsert key. Segments are kept sorted so
 * that equal responses compare and serialise equally. {@code customer} (who answered: an id or
 * e-mail, erasable on request) and {@code account} (the B2B company) are optional: null when not
 * given.
 */
public record Response(
    String id,
    Metric metric,
    int score,
    String comment,
    Instant submittedAt,
    Map<String, String> segments,
    String customer,
    String account) {

  /** A response that names no customer or account. */
  public Response(
      String id,
      Metric metric,
      int score,
      String comment,
      Instant submittedAt,
      Map<String, String> segments) {
    this(id, metric, score, comment, submittedAt, segments, null, null);
  }

  public Response {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(submittedAt, "submittedAt");
    comment = comment == null ? "" : comment;
    customer = customer == null || customer.isEmpty() ? null : customer;
    account = account == null || account.isEmpty() ? null : account;
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
