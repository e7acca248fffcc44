package dev.earful.search;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.store.Uninterruptible;
import java.io.Closeable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;

/**
 * A bulk writer for imports (from {@link ResponseIndex#bulk}): no commit per batch, a commit every
 * {@code commitEvery} responses and at {@link #close()}. Batches may be added from several threads;
 * records of one batch are applied in order, batches of different threads in no defined order.
 */
public final class BulkWriter implements Closeable {
  private final ResponseWriter writer;
  private final int commitEvery;
  private long sinceCommit; // guarded by the writer's lock
  private UpsertResult total = UpsertResult.NONE; // guarded by this

  BulkWriter(ResponseWriter writer, int commitEvery) {
    if (commitEvery < 1) {
      throw new IllegalArgumentException("commitEvery must be positive");
    }
    this.writer = writer;
    this.commitEvery = commitEvery;
  }

  /** Writes a batch (not yet durable: see {@link #close()}), none without follow-ups. */
  public UpsertResult add(List<AnalyzedResponse> responses) {
    return add(responses, Set.of());
  }

  /**
   * Writes a batch (not yet durable: see {@link #close()}), the responses of {@code withheld} with
   * {@link Schema#FOLLOWUPS_WITHHELD}.
   */
  public UpsertResult add(List<AnalyzedResponse> responses, Set<String> withheld) {
    List<Document> docs = writer.documents(responses, withheld);
    // Deduplicate the batch so that writes outside the lock cannot reorder its own ids.
    Map<String, Integer> last = new HashMap<>();
    for (int i = 0; i < responses.size(); i++) {
      last.put(responses.get(i).response().id(), i);
    }
    boolean[] commitNow = {false};
    UpsertResult result =
        writer.classifyAndCount(
            responses,
            () -> {
              sinceCommit += responses.size();
              commitNow[0] = sinceCommit >= commitEvery;
              if (commitNow[0]) {
                sinceCommit = 0;
              }
            });
    synchronized (this) {
      total = total.plus(result);
    }
    // One wait for the writing thread for the whole batch, not one per document (see IndexStore).
    Uninterruptible.run(
        () -> {
          for (int i = 0; i < docs.size(); i++) {
            String id = responses.get(i).response().id();
            if (last.get(id) == i) {
              writer.store().update(Schema.idTerm(id), docs.get(i));
            }
          }
        });
    if (commitNow[0]) {
      writer.store().commit();
    }
    return result;
  }

  /** Everything added so far. */
  public synchronized UpsertResult total() {
    return total;
  }

  /** Commits and refreshes: everything added is durable and searchable on return. */
  @Override
  public void close() {
    writer.store().commitDurably();
    writer.bulkClosed(); // refreshes
    UpsertResult all = total();
    writer.countWritten(all.indexed() + all.updated(), all.updated());
  }
}
