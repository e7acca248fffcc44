package dev.earful.search;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.domain.ThemeCatalog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link DurabilityTest}: four threads upsert small batches for ever and print
 * "ACK thread batch" after each upsert returns. It never exits on its own; the test kills it.
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    ResponseIndex index = ResponseIndex.open(Path.of(args[0]), ThemeCatalog.EMPTY);
    PrintStream out = System.out;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int batch = 0; ; batch++) {
                      index.upsert(batch(thread, batch));
                      synchronized (out) {
                        out.println("ACK " + thread + " " + batch);
                        out.flush();
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  /**
   * Batch {@code batch} of thread {@code thread}: 20 responses, the last also rewrites the first.
   */
  static List<AnalyzedResponse> batch(int thread, int batch) {
    List<AnalyzedResponse> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      out.add(response(id(thread, batch, i), (batch + i) % 11));
    }
    return out;
  }

  static String id(int thread, int batch, int i) {
    return "t" + thread + "-b" + batch + "-" + i;
  }

  static AnalyzedResponse response(String id, int score) {
    return new AnalyzedResponse(
        new Response(id, Metric.NPS, score, "comment of " + id, Instant.EPOCH, Map.of("k", "v")),
        Analysis.EMPTY);
  }
}
