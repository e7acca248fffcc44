package dev.earful.alert;

import java.net.URI;
import java.time.Duration;

/**
 * Where a rule's alerts go: a URL that receives a POST of the alert's JSON, signed with the secret
 * ({@code X-Earful-Signature: sha256=<hex HMAC-SHA256 of the body>}), retried with exponential
 * backoff ({@code backoffMillis}, doubled after each failure, at most an hour) until it answers 2xx
 * or {@code maxAttempts} attempts have failed.
 */
public record Webhook(URI url, String secret, int maxAttempts, long backoffMillis) {

  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  public static final long DEFAULT_BACKOFF_MILLIS = 2_000;
  static final long MAX_BACKOFF_MILLIS = 3_600_000;

  /** The wait after the {@code attempt}-th failed attempt (1-based). */
  public Duration backoffAfter(int attempt) {
    long wait = backoffMillis;
    for (int i = 1; i < attempt && wait < MAX_BACKOFF_MILLIS; i++) {
      wait *= 2;
    }
    return Duration.ofMillis(Math.min(wait, MAX_BACKOFF_MILLIS));
  }
}
