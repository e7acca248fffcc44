package dev.earful.search;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Polarity;
import dev.earful.domain.ScoringStage;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.store.IndexStore;
import dev.earful.store.IndexStoreException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The stored responses: upsert, get, delete, scan, and read-only {@link Snapshot}s for search,
 * metrics and impact. Writes are durable when they return (group commit, see {@link IndexStore}).
 * Thread-safe; one instance per data folder (Lucene's write lock enforces it across processes).
 *
 * <p>The jobs behind it each have a class: {@link ResponseWriter} and {@link BulkWriter} write,
 * {@link FilterQueries} turns a filter into a query, {@link ColumnCache} and {@link
 * ThemeMatchCache} keep what reads reuse between snapshots.
 */
public final class ResponseIndex implements Closeable {

  private final IndexStore store;
  private final ThemeCatalog themes;
  private final ResponseWriter writer;
  private final ColumnCache columnCache = new ColumnCache();
  private final ThemeMatchCache themeMatches = new ThemeMatchCache();

  /** Snapshots open now: the reads being served, which a write's refresh may wait for. */
  private final AtomicInteger openSnapshots = new AtomicInteger();

  private ResponseIndex(IndexStore store, ThemeCatalog themes, Duration refreshInterval) {
    this.store = store;
    this.themes = themes;
    this.writer = new ResponseWriter(store, refreshInterval, () -> openSnapshots.get() > 0);
  }

  /**
   * Opens the index under {@code <dataDir>/index}; every write is visible to reads at once.
   *
   * @throws dev.earful.store.IndexLockedException when another process (a server) holds it
   */
  public static ResponseIndex open(Path dataDir, ThemeCatalog themes) {
    return open(dataDir, themes, Duration.ZERO);
  }

  /**
   * Opens the index under {@code <dataDir>/index}. While reads are running, writes become visible
   * at most once per {@code refreshInterval}, and each write returns once it is visible (see {@link
   * IndexStore#refreshCovering}); with no read running, and with {@link Duration#ZERO}, at once.
   *
   * @throws dev.earful.store.IndexLockedException when another process (a server) holds it
   */
  public static ResponseIndex open(Path dataDir, ThemeCatalog themes, Duration refreshInterval) {
    return new ResponseIndex(
        IndexStore.open(dataDir.resolve("index"), Schema.commentAnalyzer()),
        themes,
        refreshInterval);
  }

  public ThemeCatalog themes() {
    return themes;
  }

  /** The store beneath, for its operating figures (commits, size on disk). */
  public IndexStore store() {
    return store;
  }

  /** The stored format named in the index's last commit, 0 when none (written before formats). */
  public int storedFormat() {
    return store.storedFormat();
  }

  /** Records {@code format} in the index's commit data (committed now). */
  public void markFormat(int format) {
    store.markFormat(format);
  }

  /** The index folder. */
  public Path indexDir() {
    return store.indexDir();
  }

  // ---------------------------------------------------------------- writes

  /**
   * Adds or replaces each response (by id), in order; durable and visible to searches on return.
   */
  public UpsertResult upsert(List<AnalyzedResponse> responses) {
    return writer.upsert(responses);
  }

  /**
   * Adds or replaces each response (by id), in order, like {@link #upsert}, but not promised
   * durable or visible to searches until {@link #publish}: several writes then share one commit
   * (each commit flushes a segment, which later merges rewrite). Any commit in the meantime
   * (another writer's publish or upsert, the close) also makes them durable, so a writer that fails
   * before its publish should still publish what it wrote, for its {@link #changes()} and
   * listeners.
   *
   * @return what these writes did, to be handed to {@link #publish}
   */
  public UpsertResult write(List<AnalyzedResponse> responses) {
    return writer.write(responses, Set.of());
  }

  /**
   * {@link #write}, the responses of {@code withheld} stored with {@link Schema#FOLLOWUPS_WITHHELD}
   * (their import asked for no follow-ups), the others without it.
   */
  public UpsertResult write(List<AnalyzedResponse> responses, Set<String> withheld) {
    return writer.write(responses, withheld);
  }

  /**
   * Makes every write so far durable and visible to searches, and counts {@code written} (the sum
   * of what the {@link #write}s since the last publish returned) in {@link #changes()}.
   */
  public void publish(UpsertResult written) {
    writer.publish(written);
  }

  /**
   * Deletes the response with this id; durable and gone from search, metrics and themes on return.
   *
   * @return whether it existed
   */
  public boolean delete(String id) {
    boolean existed = writer.delete(id);
    if (existed) {
      scheduleExpunge();
      afterRemoval();
    }
    return existed;
  }

  private final List<Runnable> removalListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Runs {@code listener} after every deletion (by id, or a customer's erasure), once the deleted
   * responses are gone from reads: the caches of answers that may quote a comment (search results,
   * rankings) drop what they hold, so a deleted comment is not kept in memory by any of them.
   */
  public void addRemovalListener(Runnable listener) {
    removalListeners.add(listener);
  }

  private final java.util.concurrent.atomic.AtomicLong deletions =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * Deletions (by id, or erasures) since the index was opened, counted once they are gone from
   * reads and before the removal listeners run: a cache notes it before its snapshot and keeps
   * nothing computed across a deletion.
   */
  public long deletions() {
    return deletions.get();
  }

  private void afterRemoval() {
    deletions.incrementAndGet();
    for (Runnable listener : removalListeners) {
      listener.run();
    }
  }

  /**
   * The longest a deleted comment's text stays in the index files: deletions are batched for this
   * long, then every segment holding one is rewritten (see {@link IndexStore#expungeDeletes()}),
   * and at close.
   */
  public static final java.time.Duration EXPUNGE_DELAY = java.time.Duration.ofSeconds(10);

  private final Object expungeLock = new Object();
  private java.util.concurrent.ScheduledExecutorService expunger; // guarded by expungeLock
  private java.util.concurrent.ScheduledFuture<?> expungeDue; // guarded by expungeLock
  private volatile boolean deletedSinceExpunge;

  private void scheduleExpunge() {
    deletedSinceExpunge = true;
    synchronized (expungeLock) {
      if (expungeDue != null) {
        return; // the run already due covers this deletion too
      }
      if (expunger == null) {
        expunger =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "earful-expunge-deletes");
                  t.setDaemon(true);
                  return t;
                });
      }
      expungeDue =
          expunger.schedule(
              () -> {
                synchronized (expungeLock) {
                  expungeDue = null;
                }
                expungeQuietly();
                return null;
              },
              EXPUNGE_DELAY.toMillis(),
              java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /** Rewrites the segments holding deleted documents now (tests, shutdown). */
  public void expungeDeletes() {
    store.expungeDeletes();
  }

  private final java.util.concurrent.atomic.AtomicLong expungesDone =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * Scheduled rewrites finished since the index was opened; one that starts after a deletion has
   * removed its text from the files when this count moves past it (tests wait on it, not on time).
   */
  public long expungesDone() {
    return expungesDone.get();
  }

  private void expungeQuietly() {
    try {
      deletedSinceExpunge = false;
      store.expungeDeletes();
      expungesDone.incrementAndGet();
    } catch (RuntimeException e) {
      deletedSinceExpunge = true;
      org.slf4j.LoggerFactory.getLogger(ResponseIndex.class)
          .error("could not rewrite segments holding deleted comments; retried at close", e);
    }
  }

  /**
   * Deletes every response whose {@code field} holds {@code value} (a customer's, for an erasure
   * request); durable and gone from every read on return, and from the index files within {@link
   * #EXPUNGE_DELAY} (as a deletion by id).
   *
   * @return the ids deleted, in id order
   */
  public List<String> deleteWhere(String field, String value) {
    List<String> ids = new ArrayList<>();
    try (Snapshot s = snapshot()) {
      FixedBitSet bits = s.matching(new TermQuery(new Term(field, value)));
      BitSetIterator it = new BitSetIterator(bits, 0);
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        ids.add(s.id(d));
      }
    }
    // One commit and one refresh for all of them: while reads run, each refresh may be a wait.
    ids = new ArrayList<>(writer.delete(ids));
    if (!ids.isEmpty()) {
      scheduleExpunge(); // an erasure is a privacy deletion: its text leaves the files in time
      afterRemoval();
    }
    Collections.sort(ids);
    return ids;
  }

  /**
   * Which of {@code ids} match {@code filter} now (text, fields and themes, as search reads them):
   * how rules for follow-ups and alerts ask about a batch just written, with the one definition of
   * every filter.
   */
  public Set<String> matchingIds(Filter filter, Collection<String> ids) {
    return matchingIds(query(filter), ids);
  }

  /**
   * The filter a stored rule (a follow-up rule's, an alert rule's, a target's) means now: its theme
   * ids that the taxonomy still finds (a merged id finds the theme it went into); empty when it
   * names themes and none is found, so the rule selects no response. A request naming an unknown
   * theme is a 400, but a theme a rule names may be deleted, or dropped by a later discovery: asked
   * as a request, every import then answered 400 after storing its responses, and opened no
   * follow-up and raised no alert for any rule (the API trial of 2026-12-05).
   */
  public Optional<Filter> asNow(Filter stored) {
    if (stored.themeIds().isEmpty()) {
      return Optional.of(stored);
    }
    List<String> found =
        stored.themeIds().stream().filter(id -> themes.find(id).isPresent()).toList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        found.size() == stored.themeIds().size() ? stored : stored.withThemeIds(found));
  }

  /** {@link #matchingIds(Filter, Collection)} for a stored rule's filter, read {@link #asNow}. */
  public Set<String> matchingIdsOfRule(Filter stored, Collection<String> ids) {
    return asNow(stored).map(f -> matchingIds(f, ids)).orElse(Set.of());
  }

  /**
   * Which of {@code ids} are stored with {@link Schema#FOLLOWUPS_WITHHELD}: their latest import
   * asked for no follow-ups.
   */
  public Set<String> withheldIds(Collection<String> ids) {
    return matchingIds(
        new TermQuery(new Term(Schema.FOLLOWUPS_WITHHELD, Schema.WITHHELD_TERM)), ids);
  }

  private Set<String> matchingIds(Query selected, Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    List<BytesRef> terms = new ArrayList<>(ids.size());
    for (String id : ids) {
      terms.add(new BytesRef(id));
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(selected, BooleanClause.Occur.MUST);
    b.add(new TermInSetQuery(Schema.ID, terms), BooleanClause.Occur.FILTER);
    Set<String> out = new HashSet<>();
    try (Snapshot s = snapshot()) {
      FixedBitSet bits = s.matching(b.build());
      // The ids from their doc values, in doc order: reading the stored id decompressed the whole
      // stored block of each document (comment and analysis too), 3% of an import's CPU in a
      // profile of bench-http --import, where the follow-up rules ask this of every batch.
      IdLookup idOf = new IdLookup(s.searcher().getIndexReader());
      BitSetIterator it = new BitSetIterator(bits, 0);
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        out.add(idOf.id(d).utf8ToString());
      }
    }
    return out;
  }

  /**
   * A bulk writer for imports: no commit per batch, a commit every {@code commitEvery} responses
   * and at {@link BulkWriter#close()}. Batches may be added from several threads; records of one
   * batch are applied in order, batches of different threads in no defined order.
   */
  public BulkWriter bulk(int commitEvery) {
    return writer.bulk(commitEvery);
  }

  /**
   * Responses written (new, or replaced by a write with the same id), responses removed (deleted,
   * or replaced) and responses refined (rewritten by {@link #replaceUnchanged}: the same response,
   * only its sentiment scored again; neither written nor removed) since the index was opened,
   * counted once visible. Note it before taking a snapshot: whatever the snapshot lacks is then
   * counted in a later reading, so the difference bounds what a result computed from that snapshot
   * misses.
   */
  public record Changes(long written, long removed, long refined) {}

  /** See {@link Changes}. */
  public Changes changes() {
    return writer.changes();
  }

  /**
   * Writes {@code replacements.get(i)} in place of {@code read.get(i)} only where the stored
   * response is still exactly {@code read.get(i)} (record and analysis), checked and written under
   * the lock every import write and deletion takes, after a refresh that shows all of them: a
   * response re-imported or deleted since it was read is left as the import or deletion left it.
   * Writes nothing while a bulk writer (an upgrade) is open. Durable and visible on return.
   *
   * @return the positions in {@code read} of those replaced, in order
   */
  public List<Integer> replaceUnchanged(
      List<AnalyzedResponse> read, List<AnalyzedResponse> replacements) {
    return writer.replaceUnchanged(read, replacements);
  }

  // ---------------------------------------------------------------- reads

  /**
   * Names the sentiment model that scores what this process writes (an id of its file): every
   * response written from now on records it ({@link Schema#SENTIMENT_MODEL}), and a response that
   * records another counts as not scored by any stage ({@link #notScoredBy}, {@link
   * #countScoredBy}): its labels are an older model's. Call it before the first write; null (the
   * default) records none and counts every response by its stage alone.
   */
  public void scoringModel(String model) {
    writer.scoringModel(model);
  }

  /**
   * Up to {@code max} stored responses that {@code stage} of the current model did not score (a
   * response stored before the stage was recorded counts as the fast model's; one that records
   * another model than {@link #scoringModel}'s, as scored by none), newest first (ties by id).
   */
  public List<AnalyzedResponse> notScoredBy(ScoringStage stage, int max) {
    return notScoredBy(stage, max, Set.of());
  }

  /** As {@link #notScoredBy(ScoringStage, int)}, leaving out the responses with these ids. */
  public List<AnalyzedResponse> notScoredBy(
      ScoringStage stage, int max, Collection<String> except) {
    List<AnalyzedResponse> out = new ArrayList<>();
    try (Snapshot s = snapshot()) {
      TopDocs top =
          s.searcher()
              .search(
                  notScoredByQuery(stage, otherModels(s.searcher()), except),
                  Math.max(1, max),
                  new Sort(
                      new SortedNumericSortField(Schema.SUBMITTED_AT, SortField.Type.LONG, true),
                      new SortField(Schema.ID, SortField.Type.STRING)));
      for (var hit : top.scoreDocs) {
        out.add(s.load(hit.doc));
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
    return out;
  }

  /**
   * How many stored responses {@code stage} of the current model scored (see {@link #notScoredBy}).
   */
  public int countScoredBy(ScoringStage stage) {
    try (Snapshot s = snapshot()) {
      return s.searcher().count(scoredByQuery(stage, otherModels(s.searcher())));
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
  }

  /**
   * The models other than {@link #scoringModel}'s that responses in {@code searcher} record: a
   * handful at most (one per model a folder was served with), read from the terms of the field.
   */
  private List<BytesRef> otherModels(IndexSearcher searcher) throws IOException {
    String current = writer.scoringModel();
    if (current == null) {
      return List.of();
    }
    BytesRef mine = new BytesRef(current);
    Set<BytesRef> others = new TreeSet<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(Schema.SENTIMENT_MODEL);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        if (!t.bytesEquals(mine)) {
          others.add(BytesRef.deepCopyOf(t));
        }
      }
    }
    return List.copyOf(others);
  }

  /** Responses {@code stage} scored, unless they record one of {@code otherModels}. */
  private static Query scoredByQuery(ScoringStage stage, List<BytesRef> otherModels) {
    Query byStage = new TermQuery(new Term(Schema.SENTIMENT_STAGE, stage.wireName()));
    if (otherModels.isEmpty()) {
      return byStage;
    }
    return new BooleanQuery.Builder()
        .add(byStage, BooleanClause.Occur.FILTER)
        .add(new TermInSetQuery(Schema.SENTIMENT_MODEL, otherModels), BooleanClause.Occur.MUST_NOT)
        .build();
  }

  private static Query notScoredByQuery(
      ScoringStage stage, List<BytesRef> otherModels, Collection<String> except) {
    BooleanQuery.Builder b =
        new BooleanQuery.Builder()
            .add(new org.apache.lucene.search.MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
            .add(scoredByQuery(stage, otherModels), BooleanClause.Occur.MUST_NOT);
    if (!except.isEmpty()) {
      List<BytesRef> ids = new ArrayList<>(except.size());
      for (String id : except) {
        ids.add(new BytesRef(id));
      }
      b.add(new TermInSetQuery(Schema.ID, ids), BooleanClause.Occur.MUST_NOT);
    }
    return b.build();
  }

  /** The response with this id and its stored analysis. */
  public Optional<AnalyzedResponse> get(String id) {
    try (Snapshot s = snapshot()) {
      TopDocs top = s.searcher().search(new TermQuery(Schema.idTerm(id)), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.of(s.load(top.scoreDocs[0].doc));
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
  }

  /**
   * The responses matching {@code filter}, oldest first (ties by id), at most {@code max}: a
   * customer's history.
   */
  public List<AnalyzedResponse> find(Filter filter, int max) {
    List<AnalyzedResponse> out = new ArrayList<>();
    try (Snapshot s = snapshot()) {
      FixedBitSet bits = s.matching(filter);
      BitSetIterator it = new BitSetIterator(bits, 0);
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        out.add(s.load(d));
      }
    }
    out.sort(
        Comparator.comparing((AnalyzedResponse r) -> r.response().submittedAt())
            .thenComparing(r -> r.response().id()));
    return out.size() <= max ? out : List.copyOf(out.subList(0, max));
  }

  /**
   * The I/O failure that stopped the index from writing (a full disk), or null while it writes:
   * reads go on, every write fails until the server is started again (see {@link
   * IndexStore#writeFailure()}).
   */
  public Throwable writeFailure() {
    return store.writeFailure();
  }

  /** How many responses are stored. */
  public int count() {
    try (Snapshot s = snapshot()) {
      return s.searcher().getIndexReader().numDocs();
    }
  }

  /**
   * Calls {@code consumer} with every stored response, in id order (byte order of the UTF-8 ids),
   * from one consistent snapshot.
   */
  public void scan(Consumer<AnalyzedResponse> consumer) {
    scan(null, consumer);
  }

  /**
   * Calls {@code consumer} with every stored response whose id comes after {@code afterId} (all
   * when null), in id order (byte order of the UTF-8 ids), from one consistent snapshot. The ids up
   * to {@code afterId} are skipped in the terms dictionary, without loading their responses (a
   * resumed upgrade starts here).
   */
  public void scan(String afterId, Consumer<AnalyzedResponse> consumer) {
    try (Snapshot s = snapshot()) {
      IndexReader reader = s.searcher().getIndexReader();
      Terms terms = MultiTerms.getTerms(reader, Schema.ID);
      if (terms == null) {
        return;
      }
      Bits live = MultiBits.getLiveDocs(reader);
      TermsEnum te = terms.iterator();
      PostingsEnum postings = null;
      BytesRef first;
      if (afterId == null) {
        first = te.next();
      } else {
        BytesRef after = new BytesRef(afterId);
        TermsEnum.SeekStatus status = te.seekCeil(after);
        if (status == TermsEnum.SeekStatus.END) {
          first = null;
        } else if (status == TermsEnum.SeekStatus.FOUND) {
          first = te.next();
        } else {
          first = te.term();
        }
      }
      for (BytesRef term = first; term != null; term = te.next()) {
        postings = te.postings(postings, PostingsEnum.NONE);
        for (int d = postings.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS;
            d = postings.nextDoc()) {
          if (live == null || live.get(d)) {
            consumer.accept(s.load(d));
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
  }

  /** The current state of the index; close it (try-with-resources) to release the searcher. */
  public Snapshot snapshot() {
    return new Snapshot(store.acquire());
  }

  /** The Lucene query of a filter (text, fields and themes); match-all when nothing is set. */
  public Query query(Filter filter) {
    return FilterQueries.toQuery(filter, themes);
  }

  @Override
  public void close() {
    java.util.concurrent.ScheduledExecutorService running;
    synchronized (expungeLock) {
      running = expunger;
      expunger = null;
      if (expungeDue != null) {
        // A run still waiting for its delay is dropped (the expunge below covers its deletions);
        // left scheduled, shutdown() would wait out the delay before closing.
        expungeDue.cancel(false);
      }
      expungeDue = null;
    }
    if (running != null) {
      running.shutdown(); // a run in progress finishes
      try {
        running.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.shutdownNow();
    }
    if (deletedSinceExpunge) {
      expungeQuietly(); // a deletion never outlives the process in the files
    }
    store.close();
  }

  /**
   * A point-in-time view of the index for reads: the searcher, documents matching a filter as a bit
   * set, the doc-value columns, stored responses. Not thread-safe; close it once.
   */
  public final class Snapshot implements AutoCloseable {
    private final IndexSearcher searcher;
    private StoredFields storedFields;
    private boolean closed;

    private Snapshot(IndexSearcher searcher) {
      this.searcher = searcher;
      openSnapshots.incrementAndGet();
    }

    IndexSearcher searcher() {
      return searcher;
    }

    /**
     * A searcher over this snapshot that scores with {@code statistics} where they have a word or
     * field, and keeps the snapshot's own into them where not (see {@link ScoringStatistics}).
     */
    IndexSearcher scoredWith(ScoringStatistics statistics) {
      return statistics.searcher(searcher, store.searchThreads());
    }

    public ThemeCatalog themes() {
      return themes;
    }

    public int maxDoc() {
      return searcher.getIndexReader().maxDoc();
    }

    /** Live responses in this snapshot. */
    public int numDocs() {
      return searcher.getIndexReader().numDocs();
    }

    /**
     * What identifies the index state this snapshot reads: equal (identical) for two snapshots with
     * no write, delete or merge between them, so a result computed from one holds for the other.
     * Opaque; for caches of derived results, which must also key on the taxonomy version.
     */
    public Object stateKey() {
      return searcher.getIndexReader().getReaderCacheHelper().getKey();
    }

    /**
     * The version of the index state this snapshot reads: grows with every change (Lucene's {@code
     * DirectoryReader.getVersion}), so of two states the newer has the larger version.
     */
    long version() {
      return searcher.getIndexReader() instanceof org.apache.lucene.index.DirectoryReader d
          ? d.getVersion()
          : 0;
    }

    /** Live documents matching {@code filter}, by doc id. */
    public FixedBitSet matching(Filter filter) {
      return matching(query(filter));
    }

    /** Live documents matching {@code query}, by doc id. */
    public FixedBitSet matching(Query query) {
      FixedBitSet bits = new FixedBitSet(Math.max(1, maxDoc()));
      try {
        searcher.search(query, new BitSetCollectorManager(bits));
      } catch (IOException e) {
        throw new IndexStoreException("cannot search the index", e);
      }
      return bits;
    }

    /**
     * Live documents mentioning {@code theme} anywhere (see {@link ThemeQueries}). Cached per
     * reader and taxonomy version; do not modify the returned set.
     */
    public FixedBitSet mentioning(Theme theme) {
      return mentioning(theme, Schema.LEMMA);
    }

    /** Live documents mentioning {@code theme} in a clause of this polarity; do not modify. */
    public FixedBitSet mentioning(Theme theme, Polarity clausePolarity) {
      return mentioning(theme, Schema.lemmaField(clausePolarity));
    }

    /** Live documents mentioning {@code theme} in {@code field}; do not modify the returned set. */
    FixedBitSet mentioning(Theme theme, String field) {
      return themeMatches.mentioning(searcher, theme, field, themes.version());
    }

    /** Metric, score, category group, sentiment and time of every document, by doc id. */
    public DocColumns columns() {
      return columnCache.columns(searcher.getIndexReader());
    }

    /** The customer or account ({@link Schema#CUSTOMER}, {@link Schema#ACCOUNT}) of every doc. */
    public KeyColumn keys(String field) {
      try {
        return KeyColumn.read(searcher.getIndexReader(), field);
      } catch (IOException e) {
        throw new IndexStoreException("cannot read the index", e);
      }
    }

    /** The facet values' documents as bit sets (see {@link FacetBitSets}). */
    FacetBitSets facetBits(int maxValues) {
      return columnCache.facetBits(searcher.getIndexReader(), maxValues);
    }

    /** Each segment's facet columns with its doc base, built once per segment. */
    List<ColumnCache.LeafFacets> segmentFacets() {
      return columnCache.facets(searcher.getIndexReader());
    }

    /**
     * By doc id, the customer ({@code account == false}) or account of each document in {@code
     * docs}, or null where it has none; each distinct value is one String per segment.
     */
    public String[] customersOrAccounts(FixedBitSet docs, boolean account) {
      String field = account ? Schema.ACCOUNT : Schema.CUSTOMER;
      String[] out = new String[docs.length()];
      try {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
          org.apache.lucene.index.SortedDocValues dv = leaf.reader().getSortedDocValues(field);
          if (dv == null || leaf.docBase >= docs.length()) {
            continue;
          }
          String[] values = new String[(int) dv.getValueCount()];
          int end = Math.min(docs.length(), leaf.docBase + leaf.reader().maxDoc());
          for (int doc = docs.nextSetBit(leaf.docBase);
              doc != DocIdSetIterator.NO_MORE_DOCS && doc < end;
              doc =
                  doc + 1 >= docs.length()
                      ? DocIdSetIterator.NO_MORE_DOCS
                      : docs.nextSetBit(doc + 1)) {
            if (dv.advanceExact(doc - leaf.docBase)) {
              int ord = dv.ordValue();
              if (values[ord] == null) {
                values[ord] = dv.lookupOrd(ord).utf8ToString();
              }
              out[doc] = values[ord];
            }
          }
        }
      } catch (IOException e) {
        throw new IndexStoreException("cannot read the index", e);
      }
      return out;
    }

    /** The response ids of this snapshot's documents, by doc id. */
    public IdLookup ids() {
      return new IdLookup(searcher.getIndexReader());
    }

    /** The id of a document (its stored id only). */
    public String id(int doc) {
      try {
        if (storedFields == null) {
          storedFields = searcher.storedFields();
        }
        return storedFields.document(doc, Set.of(Schema.ID)).get(Schema.ID);
      } catch (IOException e) {
        throw new IndexStoreException("cannot read the index", e);
      }
    }

    /** The stored response and analysis of a document. */
    public AnalyzedResponse load(int doc) {
      try {
        if (storedFields == null) {
          storedFields = searcher.storedFields();
        }
        return Schema.fromDocument(storedFields.document(doc));
      } catch (IOException e) {
        throw new IndexStoreException("cannot read the index", e);
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        openSnapshots.decrementAndGet();
        store.release(searcher);
      }
    }
  }
}
