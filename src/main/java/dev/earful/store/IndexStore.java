package dev.earful.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * One Lucene index folder: the single {@link IndexWriter}, a near-real-time {@link
 * SearcherManager}, and durable commits.
 *
 * <p>Group commit: a writer adds its documents, takes a ticket, then calls {@link
 * #commitDurably(long)}. One thread at a time runs {@code IndexWriter.commit()} (an fsync), and
 * that commit covers every ticket taken before it started; threads that queued behind it find their
 * ticket already covered and return without a second fsync. So concurrent requests share commits,
 * and each returns only once its own documents are on disk.
 *
 * <p>Every call that writes the index's files (a document's update or deletion, a commit, a
 * refresh, an expunge, the close) runs on a writing thread that nothing interrupts ({@link
 * Uninterruptible}): Lucene writes its files and checks its write lock through file channels, which
 * close when the thread using them is interrupted, and a server stopping interrupts its request
 * threads. A caller that makes many updates at once puts them under one {@link
 * Uninterruptible#call} itself, so that the updates within run in place.
 *
 * <p>Thread-safe.
 */
public final class IndexStore implements Closeable {

  static {
    LuceneLogging.quiet();
  }

  /** RAM used to buffer documents before a segment is flushed; bounds heap during imports. */
  private static final double RAM_BUFFER_MB = 64;

  private final Path indexDir;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final AtomicLong tickets = new AtomicLong();
  private final Object commitLock = new Object();
  private long committedTicket; // guarded by commitLock
  // Counted for the operator's metrics (commits are where durable writes wait).
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong commitNanos = new AtomicLong();
  private final Object refreshLock = new Object();
  private long visibleTicket; // guarded by refreshLock: changes ticketed up to it are visible
  private long lastRefreshNanos = System.nanoTime(); // guarded by refreshLock
  private final AtomicLong refreshes = new AtomicLong();
  private final AtomicLong deferrals = new AtomicLong();

  private IndexStore(Path indexDir, Directory directory, IndexWriter writer) throws IOException {
    this.indexDir = indexDir;
    this.directory = directory;
    this.writer = writer;
    this.searchers =
        new SearcherManager(
            writer,
            true,
            false,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                return new IndexSearcher(reader, searchThreads);
              }
            });
  }

  /**
   * Threads a search may use besides its own: Lucene splits a query over slices of the segments and
   * runs them at once, the caller taking the slices no thread is free for. At a million responses a
   * search for one word spends most of its time in the index (a profile of bench-http), and a
   * single client on an idle machine would otherwise leave the other core idle.
   */
  private final java.util.concurrent.ExecutorService searchThreads =
      java.util.concurrent.Executors.newFixedThreadPool(
          Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
          r -> {
            Thread t = new Thread(r, "earful-search-slice");
            t.setDaemon(true);
            return t;
          });

  /**
   * Opens (or creates) the index in {@code indexDir} with {@code analyzer} for analysed fields.
   *
   * @throws IndexLockedException when another process holds the folder's write lock
   */
  public static IndexStore open(Path indexDir, Analyzer analyzer) {
    Directory directory = null;
    try {
      Files.createDirectories(indexDir);
      directory = FSDirectory.open(indexDir);
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setRAMBufferSizeMB(RAM_BUFFER_MB);
      config.setCommitOnClose(true);
      TieredMergePolicy merges = new TieredMergePolicy();
      // forceMergeDeletes rewrites every segment holding any deleted document: a deleted comment's
      // text must leave the files (a privacy deletion), not wait for 10% of a segment to go.
      merges.setForceMergeDeletesPctAllowed(0.0);
      config.setMergePolicy(merges);
      IndexWriter writer = new IndexWriter(directory, config);
      return new IndexStore(indexDir, directory, writer);
    } catch (LockObtainFailedException e) {
      closeQuietly(directory);
      throw new IndexLockedException(indexDir, e);
    } catch (IOException e) {
      closeQuietly(directory);
      throw new IndexStoreException("cannot open the index in " + indexDir, e);
    }
  }

  public Path indexDir() {
    return indexDir;
  }

  /** Replaces every document matching {@code idTerm} (none, one) with {@code doc}. */
  public void update(Term idTerm, Iterable<? extends IndexableField> doc) {
    writing(WRITE_FAILED, () -> writer.updateDocument(idTerm, doc));
  }

  /**
   * Adds {@code doc} without deleting anything first: only for a document whose id the caller knows
   * no live document has (then it is {@link #update} without the delete term, which Lucene would
   * otherwise look up in every segment at the next flush).
   */
  public void add(Iterable<? extends IndexableField> doc) {
    writing(WRITE_FAILED, () -> writer.addDocument(doc));
  }

  public void delete(Term idTerm) {
    writing(WRITE_FAILED, () -> writer.deleteDocuments(idTerm));
  }

  /**
   * Runs {@code work} on a writing thread ({@link Uninterruptible}); its I/O failure becomes an
   * {@link IndexStoreException} that starts with {@code failure} and names the folder.
   */
  private static final String WRITE_FAILED = "cannot write to the index in ";

  private static final String COMMIT_FAILED = "cannot commit the index in ";

  private <T> T writing(String failure, Uninterruptible.Work<T, IOException> work) {
    try {
      return Uninterruptible.call(work);
    } catch (IOException e) {
      throw new IndexStoreException(failure + indexDir, e);
    } catch (AlreadyClosedException e) {
      // After a failed flush (a full disk) Lucene closes the writer for good; every later write
      // would otherwise surface as an unexplained "this IndexWriter is closed".
      Throwable stopped = writeFailure();
      if (stopped == null) {
        throw e;
      }
      throw new IndexStoreException(
          failure + indexDir + ": the index stopped writing after an I/O failure", stopped);
    }
  }

  /**
   * The I/O failure that stopped the index writer, or null while it writes. Lucene closes its
   * writer for good when a flush or a merge fails (a full disk, a file it cannot create): what was
   * committed before stays, and nothing can be written until the index is opened again.
   */
  public Throwable writeFailure() {
    return writer.getTragicException();
  }

  /**
   * What an I/O failure was, in words that are safe to show to a client (no paths, no exception
   * text): "the disk is full" when the operating system said so (ENOSPC on Linux and macOS, its
   * Windows wording), else "an I/O error". Java has no exception type of its own for a full disk.
   */
  public static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("not enough space"))) {
        return "the disk is full";
      }
    }
    return "an I/O error";
  }

  /**
   * A ticket for the changes this thread has made so far; pass it to {@link #commitDurably(long)}.
   * Take it after the changes, never before.
   */
  public long ticket() {
    return tickets.incrementAndGet();
  }

  /**
   * Returns once every change made before {@code ticket} was taken is committed and fsynced,
   * sharing one commit with concurrent callers where it can.
   */
  public void commitDurably(long ticket) {
    writing(
        COMMIT_FAILED,
        () -> {
          synchronized (commitLock) {
            if (committedTicket >= ticket) {
              return null; // a commit that started after our ticket already covered us
            }
            long upTo = tickets.get();
            commit();
            committedTicket = upTo;
            return null;
          }
        });
  }

  /** Takes a ticket and waits for it: durable on return. */
  public void commitDurably() {
    commitDurably(ticket());
  }

  /** The stored format named in the last commit's data, 0 when it names none (older indexes). */
  public int storedFormat() {
    return StoredFormat.fromCommitData(commitData());
  }

  /**
   * The token of the upgrade checkpoint named in the last commit's data, or null (see {@link
   * UpgradeCheckpoint}).
   */
  public String upgradeToken() {
    return commitData().get(UpgradeCheckpoint.COMMIT_KEY);
  }

  private Map<String, String> commitData() {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      live.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    return data;
  }

  /** Names {@code format} in the commit data of this and every later commit, and commits now. */
  public void markFormat(int format) {
    markFormat(format, null);
  }

  /**
   * Names {@code format}, and an upgrade checkpoint's {@code token} (none when null), in the commit
   * data of this and every later commit, and commits now: the token is durable together with every
   * document written before it, in one commit.
   */
  public void markFormat(int format, String upgradeToken) {
    Map<String, String> data = new HashMap<>();
    data.put(StoredFormat.COMMIT_KEY, Integer.toString(format));
    if (upgradeToken != null) {
      data.put(UpgradeCheckpoint.COMMIT_KEY, upgradeToken);
    }
    writing(
        COMMIT_FAILED,
        () -> {
          writer.setLiveCommitData(data.entrySet());
          commit();
          return null;
        });
  }

  /** Commits now (bulk imports call this every N documents and at the end). */
  public void commit() {
    writing(
        COMMIT_FAILED,
        () -> {
          long started = System.nanoTime();
          writer.commit();
          commitNanos.addAndGet(System.nanoTime() - started);
          commits.incrementAndGet();
          return null;
        });
  }

  /**
   * Rewrites every segment that holds a deleted document, commits, and lets go of the old files:
   * afterwards no index file holds a deleted document's stored text or terms. Costs a rewrite of
   * those segments, so callers batch deletions before calling it.
   */
  public void expungeDeletes() {
    writing(
        "cannot expunge deleted documents in ",
        () -> {
          if (!writer.hasDeletions()) {
            return null;
          }
          writer.forceMergeDeletes(true);
          commitDurably();
          refresh(); // the searcher lets go of the old segments; the writer then deletes their
          // files
          writer.deleteUnusedFiles();
          return null;
        });
  }

  /** Commits made since the index was opened. */
  public long commits() {
    return commits.get();
  }

  /** Time spent in those commits (their fsyncs included), in nanoseconds. */
  public long commitNanos() {
    return commitNanos.get();
  }

  /** Bytes of the index's files on disk now (0 for a file that goes while counting). */
  public long sizeInBytes() {
    long total = 0;
    try {
      for (String name : directory.listAll()) {
        try {
          total += directory.fileLength(name);
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException gone) {
          // a merge or commit removed it meanwhile
        }
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot list the index files in " + indexDir, e);
    }
    return total;
  }

  /** Makes every change so far visible to searchers acquired afterwards, now. */
  public void refresh() {
    synchronized (refreshLock) {
      refreshLocked();
    }
  }

  /**
   * Returns once every change made before {@code ticket} was taken is visible to searchers acquired
   * afterwards (Elasticsearch's {@code refresh=wait_for}). While {@code readsRunning} says reads
   * are being served, refreshes come at most once per {@code minIntervalNanos}: the caller waits
   * for the next one, and callers that wait together share it.
   *
   * <p>Why: every refresh makes a new reader, which empties the results cached for the old one and
   * makes the next reads rebuild their per-reader joins (bench-http, 1M responses, 16 readers + 1
   * writer: 0.4 ms of server CPU per cached search, 8-10 ms per search computed afresh, and a
   * writer that refreshes as often as it writes keeps most searches uncached). With no read
   * running, nothing waits: an import alone, or one client that writes and then reads, refreshes at
   * once.
   */
  public void refreshCovering(long ticket, long minIntervalNanos, BooleanSupplier readsRunning) {
    long wait;
    synchronized (refreshLock) {
      if (visibleTicket >= ticket) {
        return; // a refresh that started after our ticket already covered us
      }
      wait = lastRefreshNanos + minIntervalNanos - System.nanoTime();
    }
    if (wait > 0 && readsRunning.getAsBoolean()) {
      deferrals.incrementAndGet();
      long until = System.nanoTime() + wait;
      // Not interruptible: the caller's change is already committed, and it must be visible
      // when the caller returns; a stopping server only ends the wait early.
      for (long left = wait; left > 0; left = until - System.nanoTime()) {
        try {
          TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    synchronized (refreshLock) {
      if (visibleTicket < ticket) {
        refreshLocked();
      }
    }
  }

  /** Refreshes the searcher; holds refreshLock. */
  private void refreshLocked() {
    long upTo = tickets.get(); // taken first: every change ticketed up to here is in the refresh
    // A refresh flushes the documents written since the last one into a new segment's files.
    writing(
        "cannot refresh the searcher of ",
        () -> {
          searchers.maybeRefreshBlocking();
          return null;
        });
    visibleTicket = Math.max(visibleTicket, upTo);
    lastRefreshNanos = System.nanoTime();
    refreshes.incrementAndGet();
  }

  /** Refreshes made since the index was opened. */
  public long refreshes() {
    return refreshes.get();
  }

  /**
   * Refreshes a caller waited for because reads were running and the last refresh was too recent
   * (see {@link #refreshCovering}); callers that waited together count once each.
   */
  public long deferredRefreshes() {
    return deferrals.get();
  }

  /**
   * The threads the store's searchers split a query over, for a searcher made over one's reader.
   */
  public java.util.concurrent.Executor searchThreads() {
    return searchThreads;
  }

  /** The current searcher; hand it back with {@link #release(IndexSearcher)}. */
  public IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Hands back a searcher from {@link #acquire()}.
   *
   * <p>The last release of a searcher that a refresh has replaced closes its reader, and Lucene
   * then deletes the files only that reader held, through the writer's directory, which first
   * checks the folder's write lock over a file channel: on an interrupted thread (a search when the
   * server stops) the channel closes and every later write fails. So a release that may be the last
   * one (the reader has at most one other holder, the manager's own or another search's) or that
   * comes on an interrupted thread runs on a writing thread; the others, which cannot close the
   * reader, stay in place and cost no hand-off. Left: a release counted before others finish at the
   * same moment can still end up last in place, and only an interrupt landing within it would
   * matter.
   */
  public void release(IndexSearcher searcher) {
    if (Thread.currentThread().isInterrupted() || searcher.getIndexReader().getRefCount() <= 2) {
      writing(
          "cannot release a searcher of ",
          () -> {
            searchers.release(searcher);
            return null;
          });
      return;
    }
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits what is pending and closes the writer, releasing the folder's lock. */
  @Override
  public void close() {
    try {
      writing(
          "cannot close the index in ",
          () -> {
            searchers.close();
            searchThreads.shutdown();
            writer.close();
            return null;
          });
    } finally {
      closeQuietly(directory);
    }
  }

  private static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // already failing or closing: the first error is the one to report
    }
  }
}
