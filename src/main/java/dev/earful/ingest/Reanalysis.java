package dev.earful.ingest;

import dev.earful.domain.Response;
import dev.earful.search.ResponseIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Re-analyses every stored response in place: reads each one's raw record (id, metric, score,
 * comment, time, segments, as stored), runs today's analysis and sentiment over it and writes it
 * back under the same id. Used to upgrade a data folder written in an older stored format; running
 * it twice gives the same index, so an upgrade cut short can simply run again.
 */
public final class Reanalysis {

  private static final int BATCH = 1_000;

  /** Progress of a run: done of total responses. */
  public record Progress(long done, long total) {
    public int percent() {
      return total == 0 ? 100 : (int) (100 * done / total);
    }
  }

  private Reanalysis() {}

  /**
   * Re-analyses and rewrites every response of {@code index}, calling {@code progress} after each
   * batch; durable on return.
   *
   * @return how many responses were rewritten
   */
  public static long run(
      ResponseIndex index, ResponseIngestor ingestor, Consumer<Progress> progress) {
    long total = index.count();
    // batches of 1,000, smaller in a small folder so that progress moves at least every 5%
    int size = (int) Math.max(10, Math.min(BATCH, total / 20));
    long[] done = {0};
    List<Response> batch = new ArrayList<>(size);
    try (dev.earful.search.BulkWriter writer = index.bulk(50_000)) {
      // scan reads one snapshot taken before the first write, so rewriting as we go is safe
      index.scan(
          r -> {
            batch.add(r.response());
            if (batch.size() == size) {
              writer.add(ingestor.analyze(batch));
              done[0] += batch.size();
              batch.clear();
              progress.accept(new Progress(done[0], total));
            }
          });
      if (!batch.isEmpty()) {
        writer.add(ingestor.analyze(batch));
        done[0] += batch.size();
        batch.clear();
      }
    }
    progress.accept(new Progress(done[0], total));
    return done[0];
  }
}
