package dev.earful.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;

/**
 * Work started on several threads at the same moment, for tests of what concurrent callers share.
 */
final class AtOnce {

  private AtOnce() {}

  /**
   * Runs {@code work} on {@code threads} platform threads released together by a barrier and
   * returns what each returned, in the order they finished; a thread that fails returns nothing, so
   * callers check the count.
   */
  static <T> List<T> results(int threads, Supplier<T> work) throws InterruptedException {
    CyclicBarrier together = new CyclicBarrier(threads);
    List<T> results = Collections.synchronizedList(new ArrayList<>());
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      together.await();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                    results.add(work.get());
                  }));
    }
    for (Thread t : running) {
      t.join();
    }
    return results;
  }
}
