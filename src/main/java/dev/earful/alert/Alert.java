package dev.earful.alert;

import java.time.Instant;
import java.util.List;

/**
 * An alert raised by a rule, with its delivery. {@code body} is the exact JSON sent (and signed) on
 * every attempt, so a retry carries the same bytes and the same signature. {@code customers} are
 * the customers its body names, so an erasure finds it.
 *
 * @param incident what the alert is about; one alert per incident while it lasts
 * @param nextAttemptAt when to try again (null once delivered or given up, and for {@code NONE})
 */
public record Alert(
    String id,
    String ruleId,
    AlertType type,
    String incident,
    Instant raisedAt,
    String title,
    String body,
    List<String> customers,
    List<String> responseIds,
    Delivery delivery,
    List<Attempt> attempts,
    Instant nextAttemptAt) {

  public Alert {
    customers = List.copyOf(customers);
    responseIds = List.copyOf(responseIds);
    attempts = List.copyOf(attempts);
  }

  /**
   * Where the delivery stands. {@link #NONE}: the rule has no webhook, so the alert is recorded and
   * listed (the page, {@code GET /alerts}) and sent nowhere; it is never attempted.
   */
  public enum Delivery {
    PENDING,
    DELIVERED,
    FAILED,
    NONE;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One try: when, the HTTP status (0 when there was no answer), and the error if any. */
  public record Attempt(Instant at, int status, String error) {}

  Alert withDelivery(Delivery d, List<Attempt> newAttempts, Instant next) {
    return new Alert(
        id,
        ruleId,
        type,
        incident,
        raisedAt,
        title,
        body,
        customers,
        responseIds,
        d,
        newAttempts,
        next);
  }
}
