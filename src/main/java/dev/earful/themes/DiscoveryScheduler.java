package dev.earful.themes;

import dev.earful.domain.Analysis;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs discovery over the stored comments and applies it to the taxonomy: at once on request
 * ({@link #runNow()}), or debounced after imports ({@link #requestSoon()}): a burst of imports
 * gives one discovery, {@code debounce} after the last of them, and never later than four debounce
 * periods after the first, so a steady stream of imports still gets its themes. One discovery runs
 * at a time, on one background thread.
 */
public final class DiscoveryScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryScheduler.class);

  /**
   * What one discovery did: {@code documents} English comments read, {@code themes} top-level
   * themes and {@code subThemes} sub-themes found, what applying them changed ({@code report}), and
   * the comments left out by language code ({@code otherLanguages}) that Earful cannot analyse.
   */
  public record Run(
      int documents,
      int themes,
      int subThemes,
      Taxonomy.DiscoveryReport report,
      long millis,
      Map<String, Long> otherLanguages) {}

  private final ThemeDiscoverer discoverer;
  private final AnalysisSource source;
  private final Taxonomy taxonomy;
  private final Duration debounce;
  private final ScheduledExecutorService executor;
  private final ReentrantLock running = new ReentrantLock();
  private ScheduledFuture<?> pending;
  private long firstRequestNanos = -1;
  private volatile Run last;
  private volatile java.time.Instant lastRunAt;
  private java.time.Instant runsAt; // guarded by this
  private final java.util.concurrent.atomic.AtomicLong runs =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong runMillis =
      new java.util.concurrent.atomic.AtomicLong();

  public DiscoveryScheduler(
      ThemeDiscoverer discoverer, AnalysisSource source, Taxonomy taxonomy, Duration debounce) {
    this.discoverer = discoverer;
    this.source = source;
    this.taxonomy = taxonomy;
    this.debounce = debounce;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "earful-discovery");
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs discovery now, waiting for a run in progress to finish first. */
  public Run runNow() {
    synchronized (this) {
      // This run reads every stored comment, so a debounced one waiting would only repeat it.
      if (pending != null) {
        pending.cancel(false);
        pending = null;
        runsAt = null;
        firstRequestNanos = -1;
      }
    }
    running.lock();
    try {
      long start = System.nanoTime();
      ThemeDiscoverer.Result result = discoverer.discover(stoppable(source));
      Taxonomy.DiscoveryReport report = taxonomy.applyDiscovery(result.themes());
      Run run =
          new Run(
              result.documents(),
              result.themes().size(),
              result.themes().stream().mapToInt(t -> t.subThemes().size()).sum(),
              report,
              (System.nanoTime() - start) / 1_000_000,
              result.otherLanguages());
      last = run;
      lastRunAt = java.time.Instant.now();
      runMillis.addAndGet(run.millis());
      runs.incrementAndGet();
      LOG.info(
          "discovery over {} comments: {} themes and {} sub-themes ({} added, {} updated, {}"
              + " unchanged, {} removed) in {} ms",
          run.documents(),
          run.themes(),
          run.subThemes(),
          report.added(),
          report.updated(),
          report.unchanged(),
          report.removed(),
          run.millis());
      return run;
    } finally {
      running.unlock();
    }
  }

  /**
   * {@code source}, ending the run with a {@link CancellationException} at the first comment read
   * after its thread is interrupted (a server stopping: {@link #close()}), instead of holding the
   * stop for the rest of a pass over every stored comment.
   */
  private static AnalysisSource stoppable(AnalysisSource source) {
    return new AnalysisSource() {
      @Override
      public void forEach(Consumer<Analysis> sink) {
        source.forEach(
            a -> {
              stopIfInterrupted();
              sink.accept(a);
            });
      }

      @Override
      public void forEachWithOutcome(BiConsumer<Analysis, Outcome> sink) {
        source.forEachWithOutcome(
            (a, outcome) -> {
              stopIfInterrupted();
              sink.accept(a, outcome);
            });
      }
    };
  }

  private static void stopIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("theme discovery stopped: its thread was interrupted");
    }
  }

  /** Asks for a discovery after the debounce period; the after-import hook. */
  public synchronized void requestSoon() {
    if (executor.isShutdown()) {
      return;
    }
    long now = System.nanoTime();
    if (firstRequestNanos < 0) {
      firstRequestNanos = now;
    }
    long waitedNanos = now - firstRequestNanos;
    long delay = Math.max(0, Math.min(debounce.toNanos(), 4 * debounce.toNanos() - waitedNanos));
    if (pending != null) {
      pending.cancel(false);
    }
    pending = executor.schedule(this::runScheduled, delay, TimeUnit.NANOSECONDS);
    runsAt = java.time.Instant.now().plusNanos(delay);
  }

  private void runScheduled() {
    synchronized (this) {
      firstRequestNanos = -1;
      pending = null;
      runsAt = null;
    }
    try {
      runNow();
    } catch (CancellationException e) {
      LOG.info("theme discovery stopped as the server stops; the taxonomy is unchanged");
    } catch (RuntimeException e) {
      LOG.error("scheduled discovery failed; the taxonomy is unchanged", e);
    }
  }

  /**
   * Runs a waiting debounced discovery now, if there is one (before shutting down).
   *
   * @return that run, or null when none was waiting
   */
  public Run flush() {
    boolean wasPending;
    synchronized (this) {
      wasPending = pending != null && pending.cancel(false);
      pending = null;
      runsAt = null;
      firstRequestNanos = -1;
    }
    return wasPending ? runNow() : null;
  }

  /**
   * Drops a waiting debounced discovery without running it (a server that stops does not hold its
   * stop for a whole discovery); a run in progress stops at its next comment once {@link #close()}
   * interrupts it.
   *
   * @return whether a discovery was waiting or running, so that it is still owed
   */
  public synchronized boolean cancelForStop() {
    boolean wasPending = pending != null && pending.cancel(false);
    pending = null;
    runsAt = null;
    firstRequestNanos = -1;
    return wasPending || running.isLocked();
  }

  /** The last run, or null before the first. */
  public Run last() {
    return last;
  }

  /** When the waiting debounced run starts, or null when none waits. */
  public synchronized java.time.Instant runsAt() {
    return runsAt;
  }

  /** When the last run in this process finished, or null before the first. */
  public java.time.Instant lastRunAt() {
    return lastRunAt;
  }

  /** Whether a run is in progress now. */
  public boolean running() {
    return running.isLocked();
  }

  /** Runs finished in this process. */
  public long runs() {
    return runs.get();
  }

  /** Their time in all, in milliseconds. */
  public long runMillis() {
    return runMillis.get();
  }

  /** Whether a debounced run is waiting. */
  public synchronized boolean pending() {
    return pending != null;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
