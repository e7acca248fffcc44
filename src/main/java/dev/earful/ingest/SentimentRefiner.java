package dev.earful.ingest;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.ScoringStage;
import dev.earful.search.ResponseIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives stored responses the cascade's sentiment after imports scored them with the fast model
 * ({@code --sentiment-stage refine}): on one background thread, in small batches, newest response
 * first (the recent weeks' dashboards improve first), it re-scores the stored analysis (sentences,
 * tokens and language as stored; only sentiment is scored again, so the end state is what an import
 * with the cascade would have stored) and writes it back where the stored response has not changed
 * since it was read ({@link ResponseIndex#replaceUnchanged}: checked and written under the lock
 * imports and deletions take, so a response re-imported or deleted meanwhile keeps what the import
 * or deletion left).
 *
 * <p>It yields to everything a person waits for: it starts only once no import has run for {@code
 * quiet} (every import restarts the wait), and between batches it pauses while {@code busy} says an
 * import, a discovery, or API reads are running or waiting, or a stored-format upgrade has not
 * finished. When a run that changed any label has refined every response, it calls {@code
 * afterChanges} (discovery, debounced: sub-themes read sentiment).
 */
public final class SentimentRefiner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SentimentRefiner.class);

  /**
   * Responses re-scored and written together: about a third of a second of the cascade on one
   * thread for survey comments, so a read that arrives waits at most that long for the CPU.
   */
  public static final int BATCH = 24;

  /** How often a paused refiner looks again whether it may go on. */
  static final Duration PAUSE = Duration.ofMillis(250);

  /** What the refiner is doing, for the API, health and metrics. */
  public enum State {
    /** Nothing to refine. */
    DONE,
    /** Responses wait for refinement; {@link Status#reason()} says what it waits for. */
    WAITING,
    /** Refining now. */
    RUNNING,
    /** A batch failed; the refiner tries again after the next import or restart. */
    FAILED
  }

  /**
   * A moment of the refinement: {@code refined} of {@code total} stored responses carry the
   * cascade's labels, {@code pending} do not; {@code reason} says why it waits (null when running
   * or done); {@code secondsLeft} estimates the refinement's remaining time at the rate of this
   * process's work so far (null before the first batch, or when nothing is pending).
   */
  public record Status(
      State state, String reason, long refined, long pending, long total, Long secondsLeft) {}

  private final ResponseIndex index;
  private final UnaryOperator<Analysis> cascade;
  private final long quietNanos;
  private final BooleanSupplier upgrading;
  private final BooleanSupplier importing;
  private final Runnable afterChanges;
  private final Thread thread;

  private volatile BooleanSupplier readsBusy = () -> false;
  private volatile Runnable beforeWrite = () -> {};

  // guarded by this
  private long lastImportNanos;
  private long imports;
  private boolean mayHaveWork = true;
  private boolean closed;
  private State state = State.WAITING;
  private String reason;

  /** Responses this process refined, and the nanoseconds of work that took. */
  private volatile long refinedHere;

  private volatile long workNanos;
  private volatile boolean changedThisRun;

  /**
   * @param cascade scores an analysis with the cascade (called only when there is work: the encoder
   *     loads then)
   * @param quiet how long after the last import (or the start) refinement begins
   * @param upgrading true while the folder's stored-format upgrade has not finished
   * @param importing true while an import runs
   * @param afterChanges called when a run that changed any label has refined everything
   */
  public SentimentRefiner(
      ResponseIndex index,
      UnaryOperator<Analysis> cascade,
      Duration quiet,
      BooleanSupplier upgrading,
      BooleanSupplier importing,
      Runnable afterChanges) {
    this.index = index;
    this.cascade = cascade;
    this.quietNanos = quiet.toNanos();
    this.upgrading = upgrading;
    this.importing = importing;
    this.afterChanges = afterChanges;
    this.lastImportNanos = System.nanoTime();
    this.thread = new Thread(this::loop, "earful-sentiment-refiner");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
  }

  /** Starts the background thread (a server's; a command without a server never refines). */
  public void start() {
    thread.start();
  }

  /**
   * Pauses between batches while {@code busy} is true (API reads running or waiting, a discovery).
   */
  public void yieldTo(BooleanSupplier busy) {
    this.readsBusy = busy;
  }

  /** A test's seam: runs after a batch is re-scored and before it is checked and written. */
  void beforeWrite(Runnable hook) {
    this.beforeWrite = hook;
  }

  /** The after-import hook: restarts the quiet period and wakes the refiner. */
  public synchronized void importFinished() {
    imports++;
    lastImportNanos = System.nanoTime();
    mayHaveWork = true;
    if (state == State.FAILED) {
      state = State.WAITING;
    }
    notifyAll();
  }

  /** The state now, with counts read from the index. */
  public Status status() {
    State s;
    String why;
    synchronized (this) {
      s = state;
      why = reason;
    }
    long total = index.count();
    long refined = Math.min(total, index.countScoredBy(ScoringStage.CASCADE));
    long pending = total - refined;
    Long left = null;
    long done = refinedHere;
    long nanos = workNanos;
    if (pending > 0 && done > 0 && nanos > 0) {
      left = (long) Math.ceil(pending * (nanos / 1e9) / done);
    }
    if (pending > 0 && s == State.DONE) {
      // an import since the last look; the loop has not woken yet
      s = State.WAITING;
      why = "imports are recent";
    }
    return new Status(s, why, refined, pending, total, left);
  }

  private void loop() {
    try {
      while (awaitWork()) {
        try {
          long importsBefore;
          synchronized (this) {
            importsBefore = imports;
          }
          List<AnalyzedResponse> batch = index.notScoredBy(ScoringStage.CASCADE, BATCH);
          if (batch.isEmpty()) {
            finishRun(importsBefore);
            continue;
          }
          set(State.RUNNING, null);
          refine(batch);
        } catch (RuntimeException e) {
          LOG.error("sentiment refinement failed; it tries again after the next import", e);
          synchronized (this) {
            state = State.FAILED;
            reason = "failed (" + e.getClass().getSimpleName() + "; see the server log)";
            mayHaveWork = false;
          }
        }
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  private void refine(List<AnalyzedResponse> batch) throws InterruptedException {
    long started = System.nanoTime();
    List<AnalyzedResponse> scored = new ArrayList<>(batch.size());
    boolean changed = false;
    for (AnalyzedResponse r : batch) {
      synchronized (this) {
        if (closed) {
          throw new InterruptedException();
        }
      }
      Analysis refined = cascade.apply(r.analysis()).withStage(ScoringStage.CASCADE);
      changed |= !refined.withStage(r.analysis().stage()).equals(r.analysis());
      scored.add(new AnalyzedResponse(r.response(), refined));
    }
    beforeWrite.run();
    int written = index.replaceUnchanged(batch, scored);
    workNanos += System.nanoTime() - started;
    refinedHere += written;
    changedThisRun |= changed && written > 0;
    if (written == 0) {
      // every one changed under us (or an upgrade's bulk writer is open): let the writer finish
      pause("imports are recent");
    }
  }

  /**
   * Ends a run that found nothing left to refine, unless an import finished after it looked ({@code
   * importsBefore} is the count of imports then): that import's responses are refined first.
   */
  private void finishRun(long importsBefore) {
    synchronized (this) {
      if (imports != importsBefore) {
        return;
      }
      state = State.DONE;
      reason = null;
      mayHaveWork = false;
    }
    boolean changed = changedThisRun;
    changedThisRun = false;
    if (changed) {
      try {
        afterChanges.run();
      } catch (RuntimeException e) {
        LOG.warn("could not ask for discovery after refining sentiment", e);
      }
    }
  }

  /** Waits until refinement may run a batch; false once closed. */
  private boolean awaitWork() throws InterruptedException {
    while (true) {
      synchronized (this) {
        if (closed) {
          return false;
        }
        if (!mayHaveWork) {
          if (state != State.FAILED) {
            state = State.DONE;
            reason = null;
          }
          wait();
          continue;
        }
        long left = lastImportNanos + quietNanos - System.nanoTime();
        if (left > 0) {
          state = State.WAITING;
          reason = "imports are recent";
          wait(Math.max(1, left / 1_000_000));
          continue;
        }
      }
      if (upgrading.getAsBoolean()) {
        pause("the stored-format upgrade runs first");
      } else if (importing.getAsBoolean()) {
        pause("an import is running");
      } else if (readsBusy.getAsBoolean()) {
        pause("API reads or a discovery are running");
      } else {
        return true;
      }
    }
  }

  private synchronized void pause(String why) throws InterruptedException {
    if (closed) {
      return;
    }
    state = State.WAITING;
    reason = why;
    wait(PAUSE.toMillis());
  }

  private synchronized void set(State s, String why) {
    state = s;
    reason = why;
  }

  /** Stops the thread: at once when it waits, after the response being scored when it works. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    if (thread.isAlive()) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
