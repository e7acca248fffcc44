package dev.earful.ingest;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Response;
import dev.earful.nlp.LanguageDetector;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.search.ResponseIndex;
import dev.earful.search.UpsertResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates, analyses and indexes batches of responses. Comments are analysed in chunks on a pool
 * with one thread per core (the NLP pipeline is the cost of an import), the next chunk while this
 * one is written; the chunks of up to one request's worth share one commit, and the import returns
 * only once everything it wrote is durable. A batch with bad records keeps the good ones; the
 * report says what happened to each. After a batch that wrote anything the after-import hooks run
 * (the themes package uses one to schedule discovery), each on its own: a failing hook is logged,
 * it does not fail the import.
 */
public final class ResponseIngestor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseIngestor.class);

  /** Responses analysed and upserted together. */
  static final int CHUNK = 2_000;

  /**
   * Records, and characters of comments, that the chunks of one import may write before a commit:
   * the default bounds of one import request, so that a request within them shares one commit. Not
   * the operator's request limits: this bounds the analyses kept for the listeners until the
   * commit, whatever a request may hold.
   */
  static final int COMMIT_RECORDS = 10_000;

  static final long COMMIT_CHARS = 2_000_000;

  private final TextAnalyzer analyzer;
  private final UnaryOperator<Analysis> sentiment;
  private final ResponseIndex index;
  private final ForkJoinPool pool;

  /**
   * Runs {@link #analyze(List)} of a request's next chunk while the request's thread writes the
   * chunk before it; the threads only hand chunks to {@link #pool} and wait for them.
   */
  private final ExecutorService ahead = daemonThreads("earful-analysis-ahead");

  private final List<Runnable> afterImport = new CopyOnWriteArrayList<>();
  private final List<BatchListener> batchListeners = new CopyOnWriteArrayList<>();

  /**
   * @param sentiment fills in sentence, clause and overall sentiment of an analysis; {@link
   *     UnaryOperator#identity()} leaves it neutral
   * @param threads analysis threads, at least 1
   */
  public ResponseIngestor(
      TextAnalyzer analyzer, UnaryOperator<Analysis> sentiment, ResponseIndex index, int threads) {
    this.analyzer = analyzer;
    this.sentiment = sentiment;
    this.index = index;
    this.pool =
        new ForkJoinPool(
            Math.max(1, threads),
            p -> {
              var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
              t.setName("earful-analysis-" + t.getPoolIndex());
              t.setDaemon(true);
              return t;
            },
            null,
            false);
  }

  /**
   * True while interactive reads wait for their turn (the server's read queue). While they do,
   * comments are analysed on the importing thread alone instead of every analysis thread: an import
   * on every core took half of two cores from sixteen queued readers in bench-http's load phase,
   * and each of its commits empties the caches those reads rebuild. Imports with nobody waiting
   * still use every analysis thread.
   */
  private volatile BooleanSupplier readsWaiting = () -> false;

  /** Tells analysis to keep to one thread while {@code readsWaiting} is true. */
  public void yieldTo(BooleanSupplier readsWaiting) {
    this.readsWaiting = readsWaiting;
  }

  private final java.util.concurrent.atomic.AtomicInteger running =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Whether an import runs now (background work pauses for it). */
  public boolean importing() {
    return running.get() > 0;
  }

  /** Runs {@code hook} after every import that wrote at least one response. */
  public void addAfterImportHook(Runnable hook) {
    afterImport.add(hook);
  }

  /**
   * Calls {@code listener} with each chunk of responses once it is durable (after the commit it
   * shares with the request's other chunks), before the import returns; the follow-up queue and
   * alert rules act on new responses this way. A listener that throws fails the import, after every
   * chunk written has still been committed and handed to every listener: its records are stored,
   * and since upserts and the listeners are idempotent, the client's retry completes what the
   * listener did not.
   */
  public void addBatchListener(Consumer<List<AnalyzedResponse>> listener) {
    batchListeners.add(
        (chunk, options) -> {
          listener.accept(chunk);
          return Map.of();
        });
  }

  /**
   * As {@link #addBatchListener(Consumer)}, for a listener that says what it did: the import's
   * report sums its counts over the chunks ({@link IngestReport#effects()}).
   */
  public void addReportingBatchListener(BatchListener listener) {
    batchListeners.add(listener);
  }

  /** Records received, indexed as new, updated and rejected since start, for the metrics. */
  public record Totals(long received, long indexed, long updated, long rejected) {}

  private final java.util.concurrent.atomic.LongAdder received =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder indexed =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder updated =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder rejected =
      new java.util.concurrent.atomic.LongAdder();

  public Totals totals() {
    return new Totals(received.sum(), indexed.sum(), updated.sum(), rejected.sum());
  }

  /** Validates each record, analyses and upserts the valid ones, and reports on all of them. */
  public IngestReport ingest(List<SourceRecord> records, ResponseValidator validator) {
    return ingest(records, validator, ImportOptions.DEFAULT);
  }

  /** As {@link #ingest(List, ResponseValidator)}, the batch listeners told {@code options}. */
  public IngestReport ingest(
      List<SourceRecord> records, ResponseValidator validator, ImportOptions options) {
    IngestReport report;
    running.incrementAndGet();
    try {
      report = ingestCounted(records, validator, options);
    } finally {
      running.decrementAndGet();
    }
    received.add(report.received());
    indexed.add(report.indexed());
    updated.add(report.updated());
    rejected.add(report.rejected().size());
    return report;
  }

  private IngestReport ingestCounted(
      List<SourceRecord> records, ResponseValidator validator, ImportOptions options) {
    List<Response> accepted = new ArrayList<>(records.size());
    List<Rejection> rejected = new ArrayList<>();
    for (SourceRecord r : records) {
      ResponseValidator.Outcome outcome = validator.validate(r.raw());
      if (outcome.accepted()) {
        accepted.add(outcome.response());
      } else {
        rejected.add(new Rejection(r.position(), idOf(r.raw()), outcome.errors()));
      }
    }
    UpsertResult result = UpsertResult.NONE;
    Map<String, Long> languages = new TreeMap<>();
    Map<String, Long> effects = new TreeMap<>();
    // Analysed in chunks, so the analysis threads stay busy on a bounded piece at a time. The
    // chunks share one commit up to what one import request holds by default (COMMIT_*): each
    // commit flushes a segment, and committing every chunk of a 5,000-record request was three
    // flushes, three refreshes and more segments to merge later. The analyses written but not yet
    // committed are kept for the batch listeners, which act only on durable responses, so what is
    // kept stays within that bound. The index applies records in order: an id given
    // twice counts once as new, then as updated.
    List<List<AnalyzedResponse>> unpublished = new ArrayList<>();
    UpsertResult written = UpsertResult.NONE;
    long pendingRecords = 0;
    long pendingChars = 0;
    // The next chunk is analysed while this one is written: writing (documents, inversion) runs on
    // this thread alone, and without the overlap the analysis threads waited for it.
    Future<List<AnalyzedResponse>> next = analyzeAhead(accepted, 0);
    try {
      for (int from = 0; from < accepted.size(); from += CHUNK) {
        List<AnalyzedResponse> analyzed = await(next);
        next = analyzeAhead(accepted, from + CHUNK);
        // The index's writes and commits run on writing threads that nothing interrupts
        // (store.Uninterruptible): an interrupt of this thread (a stopping server) is kept for
        // later and acts at the next wait for analysis, after the write it came during is whole.
        // An import without follow-ups is stored so (Schema.FOLLOWUPS_WITHHELD): the rules run
        // again on the refined labels read it there, for as long as the response is stored.
        written =
            written.plus(
                index.write(
                    analyzed,
                    options.followups()
                        ? Set.of()
                        : analyzed.stream()
                            .map(a -> a.response().id())
                            .collect(java.util.stream.Collectors.toSet())));
        unpublished.add(analyzed);
        for (AnalyzedResponse a : analyzed) {
          if (!a.response().comment().isBlank()) {
            languages.merge(a.analysis().language(), 1L, Long::sum);
          }
          pendingChars += ImportRequestLimits.analysedLength(a.response().comment());
        }
        pendingRecords += analyzed.size();
        boolean last = from + CHUNK >= accepted.size();
        if (last || pendingRecords + CHUNK > COMMIT_RECORDS || pendingChars >= COMMIT_CHARS) {
          publish(written, unpublished, options).forEach((k, v) -> effects.merge(k, v, Long::sum));
          result = result.plus(written);
          written = UpsertResult.NONE;
          pendingRecords = 0;
          pendingChars = 0;
        }
      }
    } catch (RuntimeException | Error e) {
      // Analysis, a write, the commit or a listener failed. What was written is stored by the next
      // commit anyway (any request's, or the close's): commit it now and let the listeners see
      // it, as if the chunks had been committed one by one.
      publishAfter(e, written, unpublished, options);
      throw e;
    } finally {
      if (next != null) {
        next.cancel(true); // something failed: the chunk after it is not wanted
      }
    }
    if (!accepted.isEmpty()) {
      runHooks();
    }
    return new IngestReport(
        records.size(), result.indexed(), result.updated(), rejected, languages, effects);
  }

  /** Starts analysing the chunk of {@code accepted} at {@code from}; null past the end. */
  private Future<List<AnalyzedResponse>> analyzeAhead(List<Response> accepted, int from) {
    if (from >= accepted.size()) {
      return null;
    }
    List<Response> chunk = accepted.subList(from, Math.min(accepted.size(), from + CHUNK));
    return ahead.submit(() -> analyze(chunk));
  }

  private static List<AnalyzedResponse> await(Future<List<AnalyzedResponse>> analysis) {
    try {
      return analysis.get();
    } catch (InterruptedException e) {
      analysis.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while analysing comments", e);
    } catch (ExecutionException e) {
      throw unwrapped(e, "analysing comments failed");
    }
  }

  /**
   * Commits what was written and hands each chunk of it to the batch listeners, in order.
   *
   * @return what the listeners said they did, summed over the chunks
   */
  private Map<String, Long> publish(
      UpsertResult written, List<List<AnalyzedResponse>> unpublished, ImportOptions options) {
    List<List<AnalyzedResponse>> durable = List.copyOf(unpublished);
    unpublished.clear(); // handed over once, even if the commit or a listener fails below
    index.publish(written);
    // Every chunk reaches every listener even when one throws (the follow-up queue must not miss
    // chunks because the alert rules failed on an earlier one); the first failure is rethrown.
    RuntimeException failed = null;
    Map<String, Long> effects = new TreeMap<>();
    for (List<AnalyzedResponse> chunk : durable) {
      for (BatchListener listener : batchListeners) {
        try {
          listener.onBatch(chunk, options).forEach((k, v) -> effects.merge(k, v, Long::sum));
        } catch (RuntimeException e) {
          if (failed == null) {
            failed = e;
          } else {
            failed.addSuppressed(e);
          }
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
    return effects;
  }

  /**
   * After {@code failure}, publishes what was written and not yet handed over; a failure of that is
   * added to {@code failure}. The commit runs on a writing thread, so an interrupt that caused the
   * failure does not reach Lucene (see {@link dev.earful.store.Uninterruptible}).
   */
  private void publishAfter(
      Throwable failure,
      UpsertResult written,
      List<List<AnalyzedResponse>> unpublished,
      ImportOptions options) {
    if (unpublished.isEmpty()) {
      return;
    }
    try {
      publish(written, unpublished, options);
    } catch (RuntimeException | Error e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Analyses the comments of {@code responses} on every analysis thread, keeping their order. Each
   * comment's language is detected first; a comment too short to tell ("Trop cher", "Great
   * service!") is taken to be in the main language of the batch, so a French export stays French
   * and an English one English. Only the batch's Latin-script comments count towards that main
   * language, since only Latin-script text is ever unsure: "Très bien, merci" posted with one
   * Japanese comment was labelled Japanese.
   */
  public List<AnalyzedResponse> analyze(List<Response> responses) {
    List<LanguageDetector.Detection> detected =
        onPool(responses, r -> analyzer.detectLanguage(r.comment()));
    List<LanguageDetector.Detection> latin = new ArrayList<>();
    for (int i = 0; i < responses.size(); i++) {
      String comment = responses.get(i).comment();
      if (comment != null && LanguageDetector.mostlyLatin(comment)) {
        latin.add(detected.get(i));
      }
    }
    String main = LanguageDetector.mainLanguage(latin);
    List<Integer> positions =
        java.util.stream.IntStream.range(0, responses.size()).boxed().toList();
    return onPool(
        positions,
        i -> {
          LanguageDetector.Detection d = detected.get(i);
          return analyze(responses.get(i), d.sure() ? d.language() : main);
        });
  }

  private <T, R> List<R> onPool(List<T> items, java.util.function.Function<T, R> work) {
    if (items.size() < 4 || readsWaiting.getAsBoolean()) {
      return items.stream().map(work).toList();
    }
    try {
      return pool.submit(() -> items.parallelStream().map(work).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while analysing comments", e);
    } catch (ExecutionException e) {
      // An Error (the heap exhausted) is thrown as itself, not disguised as a failed analysis.
      throw unwrapped(e, "analysing comments failed");
    }
  }

  /** A pool of daemon threads named {@code name}, made as they are needed and kept a minute. */
  private static ExecutorService daemonThreads(String name) {
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * The failure of work run on another thread, as it was thrown there: its runtime exception, or
   * its error thrown from here; a checked exception wrapped with {@code what}.
   */
  private static RuntimeException unwrapped(ExecutionException e, String what) {
    if (e.getCause() instanceof Error err) {
      throw err;
    }
    return e.getCause() instanceof RuntimeException re
        ? re
        : new IllegalStateException(what, e.getCause());
  }

  private AnalyzedResponse analyze(Response r, String language) {
    return new AnalyzedResponse(r, sentiment.apply(analyzer.analyze(r.comment(), language)));
  }

  private void runHooks() {
    for (Runnable hook : afterImport) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        LOG.warn("an after-import hook failed; the import itself succeeded", e);
      }
    }
  }

  private static String idOf(RawResponse raw) {
    if (raw.id() == null || raw.id().isBlank()) {
      return null;
    }
    String id = raw.id().strip();
    return id.length() <= ResponseValidator.MAX_ID_LENGTH ? id : ResponseValidator.shorten(id);
  }

  @Override
  public void close() {
    ahead.shutdown();
    pool.shutdown();
  }
}
