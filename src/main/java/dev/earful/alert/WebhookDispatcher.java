package dev.earful.alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to their rule's webhook (alerts of a rule without one are never planned: their
 * delivery is {@code none}): a POST of the alert's JSON with {@code X-Earful-Signature: sha256=<hex
 * HMAC-SHA256 of the body with the webhook's secret>}, {@code X-Earful-Alert} (the alert id, for
 * receivers that deduplicate) and {@code X-Earful-Attempt}. A 2xx answer delivers it; anything else
 * (or no answer in 10 s) is recorded in the alert's delivery log and retried after the webhook's
 * backoff, doubled after each failure, until its attempts are spent: then the alert is marked
 * failed. Every attempt is written to the store before the next is planned, and {@link #start}
 * plans every pending alert again, so a restart loses none.
 *
 * <p>One delivery thread: alerts are few, and one thread keeps a receiver from seeing two attempts
 * of the same alert at once.
 */
public final class WebhookDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final AlertStore store;
  private final Clock clock;
  private final HttpClient client;
  private final ScheduledThreadPoolExecutor executor;

  public WebhookDispatcher(AlertStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "earful-webhooks");
              t.setDaemon(true);
              return t;
            });
    // On close, planned retries are dropped (they are in the store) and an attempt under way ends.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Plans every alert the store still has to deliver (after a restart). */
  public void start() {
    for (Alert a : store.pending()) {
      schedule(a.id(), a.nextAttemptAt());
    }
  }

  /** Plans the first attempt of an alert just accepted. */
  public void submit(Alert alert) {
    schedule(alert.id(), alert.nextAttemptAt());
  }

  private void schedule(String alertId, Instant at) {
    long delay = at == null ? 0 : Math.max(0, Duration.between(clock.instant(), at).toMillis());
    if (!executor.isShutdown()) {
      executor.schedule(() -> attempt(alertId), delay, TimeUnit.MILLISECONDS);
    }
  }

  private void attempt(String alertId) {
    try {
      Alert alert = store.alert(alertId).orElse(null);
      if (alert == null || alert.delivery() != Alert.Delivery.PENDING) {
        return; // delivered, given up, or erased meanwhile
      }
      AlertRule rule = store.rule(alert.ruleId()).orElse(null);
      List<Alert.Attempt> attempts = new ArrayList<>(alert.attempts());
      int n = attempts.size() + 1;
      if (rule == null) {
        attempts.add(new Alert.Attempt(clock.instant(), 0, "the rule was deleted"));
        store.update(alert.withDelivery(Alert.Delivery.FAILED, attempts, null));
        return;
      }
      if (rule.webhook() == null) {
        // The evaluator never plans these; a pending alert of a rule without a webhook (a rules
        // file edited by hand) is recorded as sent nowhere rather than failing on a null URL.
        store.update(alert.withDelivery(Alert.Delivery.NONE, attempts, null));
        return;
      }
      int status = 0;
      String error = null;
      try {
        HttpRequest request =
            HttpRequest.newBuilder(rule.webhook().url())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Earful-Webhooks")
                .header("X-Earful-Signature", signature(rule.webhook().secret(), alert.body()))
                .header("X-Earful-Alert", alert.id())
                .header("X-Earful-Attempt", String.valueOf(n))
                .POST(HttpRequest.BodyPublishers.ofString(alert.body(), StandardCharsets.UTF_8))
                .build();
        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status < 200 || status > 299) {
          error = "HTTP " + status;
        }
      } catch (IOException e) {
        error = failure(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // closing: the attempt is not recorded and runs again after a restart
      }
      Instant now = clock.instant();
      attempts.add(new Alert.Attempt(now, status, error));
      if (error == null) {
        store.update(alert.withDelivery(Alert.Delivery.DELIVERED, attempts, null));
      } else if (n >= rule.webhook().maxAttempts()) {
        store.update(alert.withDelivery(Alert.Delivery.FAILED, attempts, null));
        LOG.warn("alert {} not delivered after {} attempts: {}", alert.id(), n, error);
      } else {
        Instant next = now.plus(rule.webhook().backoffAfter(n));
        store.update(alert.withDelivery(Alert.Delivery.PENDING, attempts, next));
        schedule(alert.id(), next);
      }
    } catch (RuntimeException e) {
      LOG.error("delivering alert {} failed unexpectedly", alertId, e);
    }
  }

  /** {@code sha256=<hex HMAC-SHA256 of body>} with {@code secret} as the key (UTF-8 both). */
  public static String signature(String secret, String body) {
    return signature(secret, body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code sha256=<hex HMAC-SHA256 of body>} for a binary body (a PDF report). */
  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /** Stops planning; waits for an attempt under way (its outcome is recorded). */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    client.close();
  }

  /**
   * Why an attempt got no answer, in words: the JDK's client throws a ConnectException without a
   * message, and the delivery log read "ConnectException" alone.
   */
  static String failure(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "could not connect (refused or unreachable)"
          + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer in time" + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
