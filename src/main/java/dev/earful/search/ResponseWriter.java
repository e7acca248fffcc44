package dev.earful.search;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.store.IndexStore;
import dev.earful.store.IndexStoreException;
import dev.earful.store.Uninterruptible;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The write side of {@link ResponseIndex}: upserts, deletes and bulk imports, each counting new and
 * replaced responses. Thread-safe.
 */
final class ResponseWriter {

  /** Past this many changes not yet visible to searchers, the upsert path refreshes. */
  private static final int MAX_PENDING = 200_000;

  private final IndexStore store;

  private final FacetPaths facetPaths = new FacetPaths();

  /**
   * Ids written (true) or deleted (false) since the searcher last caught up: lets an upsert tell
   * new from replaced without refreshing after every batch. Guarded by {@code lock}.
   */
  private final Map<String, Boolean> pending = new HashMap<>();

  private final Object lock = new Object();

  /**
   * Bulk writers open. A bulk writer writes outside {@link #lock} (after classifying under it), so
   * while one is open pending may miss a live document, and {@link #write} replaces by id instead
   * of adding. Guarded by {@code lock}.
   */
  private int openBulks;

  /**
   * Responses written, deletions plus replacements, and responses given refined sentiment, counted
   * once they are visible to searchers (after the refresh), so a reader that notes a count before
   * taking a snapshot never misses a change its snapshot lacks: see {@link
   * ResponseIndex#changes()}.
   */
  private final java.util.concurrent.atomic.AtomicLong written =
      new java.util.concurrent.atomic.AtomicLong();

  private final java.util.concurrent.atomic.AtomicLong removed =
      new java.util.concurrent.atomic.AtomicLong();

  private final java.util.concurrent.atomic.AtomicLong refined =
      new java.util.concurrent.atomic.AtomicLong();

  /** See {@link ResponseIndex#scoringModel}: written on every document, when named. */
  private volatile String scoringModel;

  /** See {@link IndexStore#refreshCovering}: the least time between refreshes while reads run. */
  private final long refreshIntervalNanos;

  private final BooleanSupplier readsRunning;

  ResponseWriter(IndexStore store, Duration refreshInterval, BooleanSupplier readsRunning) {
    this.store = store;
    this.refreshIntervalNanos = refreshInterval.toNanos();
    this.readsRunning = readsRunning;
  }

  /**
   * Commits the changes made so far and returns once they are visible to searchers: at once when no
   * read runs, else with the next refresh the interval allows (see {@link
   * IndexStore#refreshCovering}).
   */
  private void commitAndShow() {
    long ticket = store.ticket();
    store.commitDurably(ticket);
    store.refreshCovering(ticket, refreshIntervalNanos, readsRunning);
  }

  /** See {@link ResponseIndex#upsert}. */
  UpsertResult upsert(List<AnalyzedResponse> responses) {
    UpsertResult result = write(responses, Set.of());
    publish(result);
    return result;
  }

  /** See {@link ResponseIndex#write}. */
  UpsertResult write(List<AnalyzedResponse> responses, Set<String> withheld) {
    if (responses.isEmpty()) {
      return UpsertResult.NONE;
    }
    // outside the lock: the CPU-heavy part of a write
    List<Document> docs = documents(responses, withheld);
    // One wait for the writing thread for the whole batch, not one per document (see IndexStore).
    return Uninterruptible.call(
        () -> {
          synchronized (lock) {
            boolean[] seenBefore = new boolean[responses.size()];
            for (int i = 0; i < seenBefore.length; i++) {
              seenBefore[i] = pending.containsKey(responses.get(i).response().id());
            }
            boolean[] existed = classify(responses);
            boolean[] keep = refinedAndUnchanged(responses, existed, seenBefore, withheld);
            for (int i = 0; i < docs.size(); i++) {
              if (keep[i]) {
                continue; // the stored response is this one, with the cascade's labels: kept
              }
              if (existed[i] || openBulks > 0) {
                store.update(Schema.idTerm(responses.get(i).response().id()), docs.get(i));
              } else {
                // No live document has this id: with no bulk writer open, every write and delete
                // runs under this lock and is either in the searcher classify read or in pending
                // (an id given twice in one batch is found in pending the second time). Adding
                // skips the delete term, which Lucene otherwise looks up in every segment at the
                // flush (about 2% of the server's CPU in a profile of an HTTP import).
                store.add(docs.get(i));
              }
            }
            return count(existed);
          }
        });
  }

  /** See {@link ResponseIndex#replaceUnchanged}. */
  List<Integer> replaceUnchanged(List<AnalyzedResponse> read, List<AnalyzedResponse> replacements) {
    if (read.size() != replacements.size()) {
      throw new IllegalArgumentException("one replacement per response read");
    }
    if (read.isEmpty()) {
      return List.of();
    }
    // outside the lock, as a write's; the flag of each is the stored one's (below)
    List<Document> docs = documents(replacements, Set.of());
    List<Integer> replaced =
        Uninterruptible.call(
            () -> {
              synchronized (lock) {
                if (openBulks > 0) {
                  // a bulk writer writes outside the lock: nothing here would be sure
                  return List.<Integer>of();
                }
                // Every write and delete runs under this lock: after this refresh the searcher
                // shows the latest state of each id, and none can change until the lock is free.
                store.refresh();
                pending.clear();
                IndexSearcher searcher = store.acquire();
                try {
                  IdSeeker seeker = new IdSeeker(searcher);
                  org.apache.lucene.index.StoredFields fields = searcher.storedFields();
                  List<Integer> n = new ArrayList<>();
                  for (int i = 0; i < read.size(); i++) {
                    String id = read.get(i).response().id();
                    if (!id.equals(replacements.get(i).response().id())) {
                      throw new IllegalArgumentException("a replacement of another id: " + id);
                    }
                    int doc = seeker.liveDoc(id);
                    Document stored = doc < 0 ? null : fields.document(doc);
                    if (stored == null || !read.get(i).equals(Schema.fromDocument(stored))) {
                      continue; // deleted, or re-imported since it was read
                    }
                    if (Schema.withheld(stored)) {
                      docs.get(i).add(Schema.withheldField()); // the import's choice stays
                    }
                    // Not put in pending: it existed and still does, and an import of the same
                    // record after the next refresh may keep this analysis (see write).
                    store.update(Schema.idTerm(id), docs.get(i));
                    n.add(i);
                  }
                  return n;
                } catch (IOException e) {
                  throw new IndexStoreException("cannot read the index", e);
                } finally {
                  store.release(searcher);
                }
              }
            });
    if (!replaced.isEmpty()) {
      commitAndShow();
      // Counted as refined, neither written nor removed: the same responses, only their sentiment
      // re-scored. Counted removed, every read after each batch computed its ranking afresh (GET
      // /themes p50 8 ms -> 0.7 s while refinement ran, review R6); counted written, a batch of 24
      // was past the lag a ranking of a few thousand responses may have (1%), so one read in five
      // still did (p90 0.6-1.6 s), and "behind" counted them as new responses.
      refined.addAndGet(replaced.size());
    }
    return replaced;
  }

  /**
   * Which of {@code responses}, scored by the fast model, re-import a response stored with the
   * cascade's labels unchanged (same record, same language, so the same tokens): those keep the
   * stored analysis rather than going back to the fast labels until the refinement redoes them
   * (review R5). Only where the searcher shows the latest state of the id (not written since the
   * last clear of pending, under this lock) and no bulk writer is open; else written as given.
   * Holds lock.
   */
  private boolean[] refinedAndUnchanged(
      List<AnalyzedResponse> responses,
      boolean[] existed,
      boolean[] seenBefore,
      Set<String> withheld) {
    boolean[] keep = new boolean[responses.size()];
    if (openBulks > 0) {
      return keep;
    }
    IndexSearcher searcher = null;
    try {
      IdSeeker seeker = null;
      org.apache.lucene.index.StoredFields fields = null;
      Map<String, Integer> times = null; // how often each id is given, once needed
      for (int i = 0; i < responses.size(); i++) {
        AnalyzedResponse incoming = responses.get(i);
        String id = incoming.response().id();
        if (!existed[i]
            || seenBefore[i]
            || incoming.analysis().stage() != dev.earful.domain.ScoringStage.FAST) {
          continue;
        }
        if (times == null) {
          times = new HashMap<>();
          for (AnalyzedResponse r : responses) {
            times.merge(r.response().id(), 1, Integer::sum);
          }
        }
        if (times.get(id) > 1) {
          continue; // given twice: written as given, its last record winning, as in any write
        }
        if (searcher == null) {
          searcher = store.acquire();
          seeker = new IdSeeker(searcher);
          fields = searcher.storedFields();
        }
        int doc = seeker.liveDoc(id);
        if (doc < 0) {
          continue;
        }
        Document storedDoc = fields.document(doc);
        AnalyzedResponse stored = Schema.fromDocument(storedDoc);
        // kept only with the same choice of follow-ups: the flag is part of what is stored
        keep[i] =
            Schema.withheld(storedDoc) == withheld.contains(id)
                && stored.analysis().stage() == dev.earful.domain.ScoringStage.CASCADE
                && stored.response().equals(incoming.response())
                && stored.analysis().language().equals(incoming.analysis().language());
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    } finally {
      if (searcher != null) {
        store.release(searcher);
      }
    }
    return keep;
  }

  /** See {@link ResponseIndex#publish}. */
  void publish(UpsertResult written) {
    if (written.indexed() + written.updated() == 0) {
      return;
    }
    commitAndShow();
    countWritten(written.indexed() + written.updated(), written.updated());
  }

  /** See {@link ResponseIndex#changes()}. */
  ResponseIndex.Changes changes() {
    // Removals first: a change counted as written but not yet as removed would look harmless.
    long r = removed.get();
    return new ResponseIndex.Changes(written.get(), r, refined.get());
  }

  /** Counts responses a bulk writer made visible (see {@link #written}). */
  void countWritten(long n, long replaced) {
    written.addAndGet(n);
    removed.addAndGet(replaced);
  }

  /** See {@link ResponseIndex#delete}. */
  boolean delete(String id) {
    return !delete(List.of(id)).isEmpty();
  }

  /**
   * Deletes each of {@code ids} that has a live response, with one commit and one refresh for them
   * all: an erasure deleting a customer's responses one by one waited for a refresh per response
   * while reads ran (see {@link IndexStore#refreshCovering}), the interval times their number.
   *
   * @return the ids that existed, in the order given
   */
  List<String> delete(Collection<String> ids) {
    List<String> existed = new ArrayList<>();
    synchronized (lock) {
      for (String id : ids) {
        if (exists(id)) {
          store.delete(Schema.idTerm(id));
          pending.put(id, false);
          existed.add(id);
        }
      }
    }
    if (!existed.isEmpty()) {
      commitAndShow();
      removed.addAndGet(existed.size());
    }
    return existed;
  }

  /** See {@link ResponseIndex#bulk}. */
  BulkWriter bulk(int commitEvery) {
    synchronized (lock) {
      openBulks++;
    }
    return new BulkWriter(this, commitEvery);
  }

  /**
   * A bulk writer is done writing: refreshes under the lock and forgets pending, so that what its
   * writes outside the lock did (even one reordered with a delete) is read from the index again.
   */
  void bulkClosed() {
    synchronized (lock) {
      store.refresh();
      pending.clear();
      openBulks--;
    }
  }

  IndexStore store() {
    return store;
  }

  List<Document> documents(List<AnalyzedResponse> responses, Set<String> withheld) {
    String model = scoringModel;
    List<Document> docs = new ArrayList<>(responses.size());
    for (AnalyzedResponse r : responses) {
      Document doc = Schema.toDocument(r, facetPaths, withheld.contains(r.response().id()));
      if (model != null) {
        doc.add(Schema.sentimentModelField(model));
      }
      docs.add(doc);
    }
    return docs;
  }

  /** See {@link ResponseIndex#scoringModel}. */
  void scoringModel(String model) {
    this.scoringModel = model;
  }

  String scoringModel() {
    return scoringModel;
  }

  /**
   * Marks each response's id as written and counts those that existed before, under the write lock;
   * {@code andThen} runs inside the same lock with the count.
   */
  UpsertResult classifyAndCount(List<AnalyzedResponse> responses, Runnable andThen) {
    synchronized (lock) {
      UpsertResult result = count(classify(responses));
      andThen.run();
      return result;
    }
  }

  /** Marks each response's id as written and says whether it existed before. Holds lock. */
  private boolean[] classify(List<AnalyzedResponse> responses) {
    if (pending.size() > MAX_PENDING) {
      store.refresh();
      pending.clear(); // the searcher now reflects every write made under this lock
    }
    boolean[] existed = new boolean[responses.size()];
    IndexSearcher searcher = store.acquire();
    try {
      IdSeeker seeker = new IdSeeker(searcher);
      for (int i = 0; i < responses.size(); i++) {
        String id = responses.get(i).response().id();
        Boolean known = pending.get(id);
        existed[i] = known != null ? known : seeker.exists(id);
        pending.put(id, true);
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    } finally {
      store.release(searcher);
    }
    return existed;
  }

  private boolean exists(String id) {
    Boolean known = pending.get(id);
    if (known != null) {
      return known;
    }
    IndexSearcher searcher = store.acquire();
    try {
      return existsIn(searcher, id);
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    } finally {
      store.release(searcher);
    }
  }

  private static boolean existsIn(IndexSearcher searcher, String id) throws IOException {
    return new IdSeeker(searcher).exists(id);
  }

  /**
   * Whether ids have a live document in one searcher's segments, keeping each segment's terms enum
   * and postings between the ids of a batch: opening them anew for every id of every segment was
   * more than a third of this lookup in a profile of bench-http --import (5,000 ids a request, a
   * dozen segments).
   */
  private static final class IdSeeker {
    private final List<LeafReaderContext> leaves;
    private final TermsEnum[] enums;
    private final PostingsEnum[] postings;

    IdSeeker(IndexSearcher searcher) {
      this.leaves = searcher.getIndexReader().leaves();
      this.enums = new TermsEnum[leaves.size()];
      this.postings = new PostingsEnum[leaves.size()];
    }

    boolean exists(String id) throws IOException {
      return liveDoc(id) >= 0;
    }

    /** The searcher-wide doc id of the live document with this id, or -1. */
    int liveDoc(String id) throws IOException {
      BytesRef term = new BytesRef(id);
      for (int l = 0; l < leaves.size(); l++) {
        LeafReaderContext leaf = leaves.get(l);
        if (enums[l] == null) {
          Terms terms = leaf.reader().terms(Schema.ID);
          if (terms == null) {
            continue;
          }
          enums[l] = terms.iterator();
        }
        TermsEnum te = enums[l];
        if (!te.seekExact(term)) {
          continue;
        }
        PostingsEnum p = te.postings(postings[l], PostingsEnum.NONE);
        postings[l] = p;
        Bits live = leaf.reader().getLiveDocs();
        for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
          if (live == null || live.get(d)) {
            return leaf.docBase + d;
          }
        }
      }
      return -1;
    }
  }

  private static UpsertResult count(boolean[] existed) {
    int updated = 0;
    for (boolean e : existed) {
      if (e) {
        updated++;
      }
    }
    return new UpsertResult(existed.length - updated, updated);
  }
}
