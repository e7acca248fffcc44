package dev.earful.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lets a few reads run at once and queues the others in arrival order, for at most a bounded wait.
 *
 * <p>Why: a search or a ranking is CPU work of a few milliseconds alone (tens under load). When
 * every read runs as soon as it arrives, sixteen of them share two cores, each takes sixteen times
 * its own work to finish, and a read's time depends on everything else in flight (plus the garbage
 * of sixteen live requests). With about one read per core at once, each runs at full speed and the
 * others wait their turn: the mean time is the same (it is fixed by the CPU per read), but the slow
 * tail is shorter, because no read is stretched by all the others. The wait is part of the time the
 * client sees, and counted in {@link #waitNanos()}.
 *
 * <p>A fair {@link Semaphore} gives the order: {@code tryAcquire} with a timeout on a fair
 * semaphore queues behind every earlier waiter. Thread-safe.
 */
final class ReadGate {

  private final int permits;
  private final Duration maxWait;
  private final Semaphore running;
  private final LongAdder admitted = new LongAdder();
  private final LongAdder waitNanos = new LongAdder();
  private final LongAdder refused = new LongAdder();

  ReadGate(int permits, Duration maxWait) {
    if (permits < 1 || maxWait.isNegative()) {
      throw new IllegalArgumentException("permits " + permits + ", wait " + maxWait);
    }
    this.permits = permits;
    this.maxWait = maxWait;
    this.running = new Semaphore(permits, true);
  }

  /**
   * Waits for a turn, at most {@link #maxWait()}: true when the caller may run (and must {@link
   * #release()} after), false when the wait ran out.
   */
  boolean enter() throws InterruptedException {
    long t0 = System.nanoTime();
    boolean in = running.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    if (in) {
      admitted.increment();
      waitNanos.add(System.nanoTime() - t0);
    } else {
      refused.increment();
    }
    return in;
  }

  void release() {
    running.release();
  }

  int permits() {
    return permits;
  }

  Duration maxWait() {
    return maxWait;
  }

  /**
   * Reads queued for a turn now: only those parked in the semaphore's queue, not a read passing
   * through with a permit free (the gauge, the tests' ordering and the import's yield read this).
   * An estimate, as {@link Semaphore#getQueueLength()} says, exact when nothing is arriving.
   */
  int waiting() {
    return running.getQueueLength();
  }

  /** Reads running now. */
  int running() {
    return permits - running.availablePermits();
  }

  /** Reads let in since the start. */
  long admitted() {
    return admitted.sum();
  }

  /** Time the reads let in waited for their turn, in all. */
  long waitNanos() {
    return waitNanos.sum();
  }

  /** Reads refused because their wait ran out. */
  long refused() {
    return refused.sum();
  }
}
