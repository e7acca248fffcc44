package dev.earful.ingest;

import dev.earful.domain.Response;
import dev.earful.search.ResponseIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Re-analyses every stored response in place: reads each one's raw record (id, metric, score,
 * comment, time, segments, as stored), runs today's analysis and sentiment over it and writes it
 * back under the same id. Used to upgrade a data folder written in an older stored format.
 * Responses are visited in the byte order of their ids, so a run can be resumed after the last id a
 * checkpoint saved (the caller keeps the checkpoint; see {@code store.UpgradeCheckpoint}); running
 * any part twice gives the same index, so work redone after a stop costs time, never data.
 */
public final class Reanalysis {

  private static final int BATCH = 1_000;

  /** At most this many responses between two checkpoints (each a commit and a small file). */
  static final int CHECKPOINT_EVERY = 10_000;

  /** Progress of a run: done of total responses. */
  public record Progress(long done, long total) {
    public int percent() {
      return total == 0 ? 100 : (int) (100 * done / total);
    }
  }

  /**
   * Where a run starts: {@code done} responses already re-analysed, the last of them (in the byte
   * order of ids) {@code lastId}; {@link #START} for none.
   */
  public record Resume(long done, String lastId) {
    public static final Resume START = new Resume(0, null);
  }

  /**
   * Told after batches are written (not yet durable): makes everything written so far durable and
   * records that the run has come {@code upTo} there, before the run goes on.
   */
  public interface Checkpoints {
    void save(Resume upTo);
  }

  private Reanalysis() {}

  /**
   * Re-analyses and rewrites every response of {@code index} whose id comes after {@code from}'s,
   * calling {@code progress} after each batch (counting the responses {@code from} says are done)
   * and {@code checkpoints} every {@link #CHECKPOINT_EVERY} responses (every tenth of the folder in
   * a smaller one); durable on return. A response keeps its import's choice of no follow-ups
   * ({@code Schema.FOLLOWUPS_WITHHELD}), and so does one of {@code alsoWithheld} (the ids a folder
   * of an older release kept in a file beside the index, {@code followups-withheld.jsonl}).
   *
   * @return how many responses were rewritten by this run
   */
  public static long run(
      ResponseIndex index,
      ResponseIngestor ingestor,
      Resume from,
      Set<String> alsoWithheld,
      Checkpoints checkpoints,
      Consumer<Progress> progress) {
    long total = index.count();
    // batches of 1,000, smaller in a small folder so that progress moves at least every 5%
    int size = (int) Math.max(10, Math.min(BATCH, total / 20));
    long every = Math.max(size, Math.min(CHECKPOINT_EVERY, total / 10));
    long[] done = {from.done()};
    long[] sinceCheckpoint = {0};
    long[] rewritten = {0};
    List<Response> batch = new ArrayList<>(size);
    try (dev.earful.search.BulkWriter writer = index.bulk(50_000)) {
      // scan reads one snapshot taken before the first write, so rewriting as we go is safe; it
      // starts after the last id done, without loading the responses already re-analysed
      index.scan(
          from.lastId(),
          r -> {
            batch.add(r.response());
            if (batch.size() == size) {
              String last = batch.get(batch.size() - 1).id();
              writer.add(ingestor.analyze(batch), withheld(index, batch, alsoWithheld));
              done[0] += batch.size();
              rewritten[0] += batch.size();
              sinceCheckpoint[0] += batch.size();
              batch.clear();
              if (sinceCheckpoint[0] >= every) {
                sinceCheckpoint[0] = 0;
                checkpoints.save(new Resume(done[0], last));
              }
              progress.accept(new Progress(done[0], total));
            }
          });
      if (!batch.isEmpty()) {
        writer.add(ingestor.analyze(batch), withheld(index, batch, alsoWithheld));
        done[0] += batch.size();
        rewritten[0] += batch.size();
        batch.clear();
      }
    }
    progress.accept(new Progress(done[0], total));
    return rewritten[0];
  }

  /**
   * Which of {@code batch} are to be stored without follow-ups: as stored (the batch is not yet
   * rewritten, so the index still holds each one's flag), or listed in {@code alsoWithheld}.
   */
  private static Set<String> withheld(
      ResponseIndex index, List<Response> batch, Set<String> alsoWithheld) {
    List<String> ids = batch.stream().map(Response::id).toList();
    Set<String> out = new HashSet<>(index.withheldIds(ids));
    for (String id : ids) {
      if (alsoWithheld.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }
}
