package dev.earful.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Bounds the requests in flight so that one client cannot starve the others: at most {@link
 * #MAX_IN_FLIGHT} API requests at once, and of those at most {@link #heavyLimit()} that analyse
 * text or rewrite the index (imports, {@code /analyze}, discovery, theme edits, deletions,
 * reports), which cost CPU seconds each. A request over either limit is answered at once with 429
 * and {@code Retry-After}, never queued: a queue of CPU seconds would only move the wait into the
 * client's timeout.
 *
 * <p>Reads (the other GET and HEAD requests: searches, rankings, single responses) cost
 * milliseconds, so they may queue: at most {@code --concurrent-reads} run at once, the others wait
 * their turn in arrival order (see {@link ReadGate}), and one that has waited {@link
 * #MAX_READ_WAIT} is answered 429. By default all {@link #MAX_IN_FLIGHT} may run, so reads never
 * wait: with one per core, bench-http's 16 readers + 1 writer did worse, because the writer then
 * got more of the CPU and its refreshes emptied the caches the reads live on (README, Limits).
 */
final class RequestLimits {

  static final int MAX_IN_FLIGHT = 64;
  static final int RETRY_AFTER_SECONDS = 1;

  /**
   * The longest a read waits for its turn (when the read queue is on). Alone, a search at 1M
   * responses costs a few milliseconds of CPU; under 16 readers and a writer on two cores it cost
   * 24-32 ms (session 9's bench-http), so a queue of 64 can pass this wait, and in those runs the
   * queued arm refused 6 to 90 reads with 429. A wait this long means the server is overloaded, and
   * the client is better told so than kept waiting.
   */
  static final Duration MAX_READ_WAIT = Duration.ofSeconds(2);

  private static final Set<HandlerType> HTTP_METHODS =
      Set.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE,
          HandlerType.HEAD);

  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final Semaphore heavy = new Semaphore(heavyLimit());
  private final ReadGate reads;

  RequestLimits(ReadGate reads) {
    this.reads = reads;
  }

  /** The queue of reads, for metrics and tests. */
  ReadGate reads() {
    return reads;
  }

  /** Heavy requests at once: one per core, at least 2. */
  static int heavyLimit() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /** Requests that analyse text or write the index being served now. */
  int heavyInFlight() {
    return heavyLimit() - heavy.availablePermits();
  }

  /** API requests being served now. */
  int inFlight() {
    return MAX_IN_FLIGHT - inFlight.availablePermits();
  }

  /** Wraps each API route's handler; the page and the health probe are not limited. */
  Handler wrap(Endpoint endpoint) {
    Handler handler = endpoint.handler;
    if (!HTTP_METHODS.contains(endpoint.method)
        || !endpoint.path.startsWith("/api/")
        || endpoint.path.equals(ApiKeyAuth.HEALTH_PATH)) {
      return handler;
    }
    boolean isHeavy =
        endpoint.method != HandlerType.GET && endpoint.method != HandlerType.HEAD
            || endpoint.path.startsWith("/api/v1/reports/");
    return ctx -> {
      if (!inFlight.tryAcquire()) {
        throw tooMany(ctx, "more than " + MAX_IN_FLIGHT + " requests are in flight");
      }
      try {
        if (!isHeavy) {
          if (!reads.enter()) {
            throw tooMany(
                ctx,
                "the server is busy: this read waited "
                    + reads.maxWait().toMillis()
                    + " ms for one of the "
                    + reads.permits()
                    + " reads in progress to end");
          }
          try {
            handler.handle(ctx);
          } finally {
            reads.release();
          }
          return;
        }
        if (!heavy.tryAcquire()) {
          throw tooMany(
              ctx,
              "more than "
                  + heavyLimit()
                  + " requests that analyse text or write the index are in flight");
        }
        try {
          handler.handle(ctx);
        } finally {
          heavy.release();
        }
      } finally {
        inFlight.release();
      }
    };
  }

  private static ProblemException tooMany(io.javalin.http.Context ctx, String why) {
    ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    return new ProblemException(
        429,
        "too-many-requests",
        "Too many requests",
        why + "; retry in " + RETRY_AFTER_SECONDS + " s",
        List.of());
  }
}
