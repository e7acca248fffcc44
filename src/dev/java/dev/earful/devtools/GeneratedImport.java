package dev.earful.devtools;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.search.BulkWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Writes generated responses 0..count-1 through a {@link BulkWriter} on several threads, each
 * taking the next batch of numbers: the one bulk set-up of the index benchmarks (bench-index,
 * bench-impact, bench-http), so they build their data the same way.
 */
final class GeneratedImport {

  private GeneratedImport() {}

  /**
   * Generates and adds every response, {@code batch} at a time on {@code workers} threads (0 = one
   * per core); returns the wall seconds taken. The caller closes the writer (its last commit).
   */
  static double run(
      BulkWriter bulk, long count, int batch, int workers, LongFunction<AnalyzedResponse> generator)
      throws Exception {
    int threads = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        futures.add(
            pool.submit(
                () -> {
                  List<AnalyzedResponse> buffer = new ArrayList<>(batch);
                  for (long from = next.getAndAdd(batch);
                      from < count;
                      from = next.getAndAdd(batch)) {
                    buffer.clear();
                    long to = Math.min(count, from + batch);
                    for (long i = from; i < to; i++) {
                      buffer.add(generator.apply(i));
                    }
                    bulk.add(buffer);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
