package dev.earful.ingest;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.ScoringStage;
import dev.earful.search.ResponseIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
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
 * or deletion left). A response the cascade of another model scored (one that records another model
 * file than the index's {@link ResponseIndex#scoringModel}: after {@code train-sentiment --data}
 * and a restart) counts as not refined, and is re-scored in the same way.
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

  /**
   * Quiet periods after the first of a run of imports past which refinement starts even if imports
   * go on (still pausing while one runs): a feed that posts every minute would otherwise keep every
   * response on the fast labels.
   */
  static final int MAX_WAIT = 4;

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
   * process's work so far (null before the first batch, or when nothing is pending); {@code
   * setAside} counts the pending responses the scorer failed on, left on the fast labels until they
   * are re-imported or the server restarts.
   */
  public record Status(
      State state,
      String reason,
      long refined,
      long pending,
      long total,
      Long secondsLeft,
      int setAside) {}

  private final ResponseIndex index;
  private final UnaryOperator<Analysis> cascade;
  private final long quietNanos;

  /** The clock the quiet period is read on: {@link System#nanoTime}, a test's own in tests. */
  private final LongSupplier nanoTime;

  private final BooleanSupplier upgrading;
  private final BooleanSupplier importing;
  private final Runnable afterChanges;
  private final Thread thread;

  private volatile BooleanSupplier readsBusy = () -> false;
  private volatile Runnable beforeWrite = () -> {};
  private volatile Runnable afterEmptyLook = () -> {};
  private volatile RefinedListener afterWrite = (before, after) -> {};

  /**
   * Told of each batch written, once it is durable and visible: {@code before.get(i)} as the import
   * stored it, {@code after.get(i)} with the cascade's labels (the rules that read sentiment are
   * decided again on these).
   */
  @FunctionalInterface
  public interface RefinedListener {
    void refined(List<AnalyzedResponse> before, List<AnalyzedResponse> after);
  }

  // guarded by this
  private long lastImportNanos;
  private long imports;

  /** The first import since the last run was done (the wait is bounded from it), or -1. */
  private long firstWaitingImportNanos = -1;

  /**
   * Responses the scorer failed on, by id, with the hash of what was stored then: left out of the
   * batches' query until a write changes them (or the server restarts).
   */
  private final java.util.Map<String, Integer> setAside =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The count of imports when the set-aside responses were last looked up (only imports change
   * them).
   */
  private long importsAtAsideCheck;

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
    this(index, cascade, quiet, upgrading, importing, afterChanges, System::nanoTime);
  }

  /**
   * A test's seam: as above, the quiet period and its bound read on {@code nanoTime}, so a test
   * decides when an import is recent without depending on how fast the machine runs.
   */
  SentimentRefiner(
      ResponseIndex index,
      UnaryOperator<Analysis> cascade,
      Duration quiet,
      BooleanSupplier upgrading,
      BooleanSupplier importing,
      Runnable afterChanges,
      LongSupplier nanoTime) {
    this.index = index;
    this.nanoTime = nanoTime;
    this.cascade = cascade;
    this.quietNanos = quiet.toNanos();
    this.upgrading = upgrading;
    this.importing = importing;
    this.afterChanges = afterChanges;
    this.lastImportNanos = nanoTime.getAsLong();
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

  /** Calls {@code listener} with every batch written (see {@link RefinedListener}). */
  public void afterWrite(RefinedListener listener) {
    this.afterWrite = listener;
  }

  /**
   * A test's seam: runs when a look for work found none, before the run is ended (an import that
   * finishes here must not be missed).
   */
  void afterEmptyLook(Runnable hook) {
    this.afterEmptyLook = hook;
  }

  /** A test's seam: runs after a batch is re-scored and before it is checked and written. */
  void beforeWrite(Runnable hook) {
    this.beforeWrite = hook;
  }

  /** The after-import hook: restarts the quiet period and wakes the refiner. */
  public synchronized void importFinished() {
    imports++;
    lastImportNanos = nanoTime.getAsLong();
    if (firstWaitingImportNanos < 0) {
      firstWaitingImportNanos = lastImportNanos;
    }
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
    int aside = setAside.size();
    Long left = null;
    long done = refinedHere;
    long nanos = workNanos;
    if (pending > aside && done > 0 && nanos > 0) {
      left = (long) Math.ceil((pending - aside) * (nanos / 1e9) / done);
    }
    if (pending > aside && s == State.DONE) {
      // an import since the last look; the loop has not woken yet
      s = State.WAITING;
      why = "imports are recent";
    }
    return new Status(s, why, refined, pending, total, left, aside);
  }

  private void loop() {
    try {
      while (awaitWork()) {
        try {
          long importsBefore;
          synchronized (this) {
            importsBefore = imports;
          }
          List<AnalyzedResponse> batch = nextBatch();
          if (batch.isEmpty()) {
            afterEmptyLook.run();
            finishRun(importsBefore);
            continue;
          }
          set(State.RUNNING, null);
          refine(batch);
        } catch (RuntimeException | Error e) {
          // Not a response's own failure (those are set aside in refine): the index, or the
          // encoder's native library. An Error is recorded too, so no state says running forever.
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

  /**
   * The newest unrefined responses, without those set aside as they were when they failed (one
   * re-imported since is tried again).
   */
  private List<AnalyzedResponse> nextBatch() {
    long importsNow;
    synchronized (this) {
      importsNow = imports;
    }
    if (!setAside.isEmpty() && importsNow != importsAtAsideCheck) {
      importsAtAsideCheck = importsNow;
      // one re-imported since it failed is tried again (its stored form changed)
      for (String id : List.copyOf(setAside.keySet())) {
        var now = index.get(id);
        if (now.isEmpty()
            || now.get().analysis().stage() == ScoringStage.CASCADE
            || now.get().hashCode() != setAside.get(id)) {
          setAside.remove(id);
        }
      }
    }
    return index.notScoredBy(ScoringStage.CASCADE, BATCH, setAside.keySet());
  }

  private void refine(List<AnalyzedResponse> batch) throws InterruptedException {
    long started = System.nanoTime();
    List<AnalyzedResponse> read = new ArrayList<>(batch.size());
    List<AnalyzedResponse> scored = new ArrayList<>(batch.size());
    boolean changed = false;
    for (AnalyzedResponse r : batch) {
      synchronized (this) {
        if (closed) {
          throw new InterruptedException();
        }
      }
      if (!read.isEmpty() && readsBusy.getAsBoolean()) {
        break; // a read came in: write what is scored and give way (the rest comes next batch)
      }
      Analysis refined;
      try {
        refined = cascade.apply(r.analysis()).withStage(ScoringStage.CASCADE);
      } catch (RuntimeException e) {
        // One response the scorer cannot read must not hold up every other: set it aside, as it
        // is stored now, until it is re-imported (or the server restarts).
        setAside.put(r.response().id(), r.hashCode());
        LOG.warn(
            "sentiment refinement set response {} aside: re-scoring it failed ({}); it keeps the"
                + " fast model's labels",
            r.response().id(),
            e.toString());
        continue;
      }
      changed |= labelsDiffer(refined, r.analysis());
      read.add(r);
      scored.add(new AnalyzedResponse(r.response(), refined));
    }
    beforeWrite.run();
    List<Integer> replaced = index.replaceUnchanged(read, scored);
    int written = replaced.size();
    if (written > 0) {
      List<AnalyzedResponse> before = new ArrayList<>(written);
      List<AnalyzedResponse> after = new ArrayList<>(written);
      for (int i : replaced) {
        before.add(read.get(i));
        after.add(scored.get(i));
      }
      try {
        afterWrite.refined(before, after);
      } catch (RuntimeException e) {
        // The labels are written; the rules are not run on these responses again (logged).
        LOG.error("the follow-up and alert rules could not be run on refined responses", e);
      }
    }
    workNanos += System.nanoTime() - started;
    refinedHere += written;
    changedThisRun |= changed && written > 0;
    if (written == 0 && !read.isEmpty()) {
      // every one changed under us (or an upgrade's bulk writer is open): let the writer finish
      pause("imports are recent");
    }
  }

  /** Whether any label discovery reads (overall, a sentence's, a clause's) differs. */
  static boolean labelsDiffer(Analysis a, Analysis b) {
    if (a.sentiment().label() != b.sentiment().label()
        || a.sentences().size() != b.sentences().size()) {
      return true;
    }
    for (int i = 0; i < a.sentences().size(); i++) {
      var x = a.sentences().get(i);
      var y = b.sentences().get(i);
      if (x.sentiment().label() != y.sentiment().label()
          || x.clauses().size() != y.clauses().size()) {
        return true;
      }
      for (int c = 0; c < x.clauses().size(); c++) {
        var cx = x.clauses().get(c);
        var cy = y.clauses().get(c);
        if (cx.sentiment().label() != cy.sentiment().label()
            || cx.tokenFrom() != cy.tokenFrom()
            || cx.tokenTo() != cy.tokenTo()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Ends a run that found nothing left to refine, unless an import finished after it looked ({@code
   * importsBefore} is the count of imports then): that import's responses are refined first. A run
   * that changed a label asks for discovery before it says it is done, so whoever sees it done also
   * sees the discovery asked for.
   */
  private void finishRun(long importsBefore) {
    synchronized (this) {
      if (imports != importsBefore) {
        return;
      }
    }
    if (changedThisRun) {
      changedThisRun = false;
      try {
        afterChanges.run();
      } catch (RuntimeException e) {
        LOG.warn("could not ask for discovery after refining sentiment", e);
      }
    }
    synchronized (this) {
      if (imports != importsBefore) {
        return;
      }
      state = State.DONE;
      reason = null;
      mayHaveWork = false;
      firstWaitingImportNanos = -1;
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
        // Quiet for the quiet period, but never later than MAX_WAIT quiet periods after the first
        // import it waits for: a steady trickle of imports still gets refined (as discovery does).
        long now = nanoTime.getAsLong();
        long due = lastImportNanos + quietNanos;
        if (firstWaitingImportNanos >= 0) {
          due = Math.min(due, firstWaitingImportNanos + MAX_WAIT * quietNanos);
        }
        long left = due - now;
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
