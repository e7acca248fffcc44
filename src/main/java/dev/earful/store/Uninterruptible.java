package dev.earful.store;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one way the data folder's files are written: on threads that nothing interrupts, waited for
 * also when the caller is interrupted meanwhile.
 *
 * <p>Why: a {@code FileChannel} closes itself when the thread using it is interrupted, before or
 * during the call. Lucene writes its files and holds its write lock through such channels, so a
 * write, commit or refresh on an interrupted thread invalidates the index's write lock and every
 * later write fails until a restart; a journal's channel (follow-ups, alerts, targets, schedules)
 * is closed for good the same way; and an atomic file replacement fails half-way, or skips the
 * folder's fsync after its rename. Jetty interrupts its request threads when the server stops, so
 * any request that writes could break the folder for the rest of the process's life.
 *
 * <p>So every write in {@code store} ({@link IndexStore}, {@link Journal}, {@link AtomicFiles})
 * runs its work here, and so do the callers that put many writes under one wait (an import's
 * chunk). A write that has started is finished whole; the caller's interrupt is kept for it (set
 * again on return) and acts at its next wait that is not a write. Work that is already on a writing
 * thread runs in place, so nesting costs nothing.
 *
 * <p>The threads are daemons, made as they are needed and kept a minute (a cached pool: concurrent
 * writers still write at once, as Lucene allows). Shared by the process like the common fork-join
 * pool: it holds no state that a result depends on.
 */
public final class Uninterruptible {

  /** Work that may throw one kind of checked exception, {@code E}. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T call() throws E;
  }

  /** Work with no result. */
  @FunctionalInterface
  public interface Action<E extends Exception> {
    void run() throws E;
  }

  private static final class WritingThread extends Thread {
    WritingThread(Runnable r) {
      super(r, "earful-writing");
      setDaemon(true);
    }
  }

  private static final ExecutorService THREADS = Executors.newCachedThreadPool(WritingThread::new);

  private Uninterruptible() {}

  /**
   * Runs {@code work} on a writing thread and returns its result once it has ended, whether or not
   * this thread is interrupted meanwhile; its failure is thrown here as it was thrown there.
   */
  public static <T, E extends Exception> T call(Work<T, E> work) throws E {
    if (Thread.currentThread() instanceof WritingThread) {
      return work.call();
    }
    Future<T> done = THREADS.submit(work::call);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return done.get();
        } catch (InterruptedException e) {
          interrupted = true; // the write goes on: wait for it to end
        } catch (ExecutionException e) {
          Throwable failure = e.getCause();
          // The writing thread's stack alone would not say which request or command failed.
          failure.addSuppressed(new WaitedFor(Thread.currentThread()));
          throw Uninterruptible.<E>rethrown(failure);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Where a failed write was waited for: the caller's thread and stack, beside the writer's. */
  static final class WaitedFor extends Exception {
    WaitedFor(Thread caller) {
      super("waited for by " + caller.getName());
    }
  }

  /** {@link #call} for work with no result. */
  public static <E extends Exception> void run(Action<E> action) throws E {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  /**
   * The failure of the work, thrown as it was: an error or runtime exception as such, a checked one
   * as the {@code E} that the work declares (the only checked kind it can throw).
   */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrown(Throwable failure) throws E {
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    throw (E) failure;
  }
}
