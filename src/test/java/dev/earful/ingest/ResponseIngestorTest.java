package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Polarity;
import dev.earful.domain.Sentiment;
import dev.earful.domain.ThemeCatalog;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.search.FieldError;
import dev.earful.search.ResponseIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseIngestorTest {

  @TempDir Path data;

  private static SourceRecord record(long position, String id, String score, String comment) {
    return new SourceRecord(
        position, new RawResponse(id, null, score, comment, null, Map.of(), List.of()));
  }

  /** An ingestor whose sentiment stage runs {@code fail} (which throws) on a comment "Boom...". */
  private static ResponseIngestor failingOnBoom(ResponseIndex index, Runnable fail) {
    return new ResponseIngestor(
        new TextAnalyzer(),
        a -> {
          if (a.sentences().stream().anyMatch(x -> x.tokens().get(0).text().equals("Boom"))) {
            fail.run();
          }
          return a;
        },
        index,
        2);
  }

  /**
   * A request within the server's default bounds shares one commit: the two are the same numbers.
   */
  @Test
  void theCommitBoundsAreTheDefaultBoundsOfARequest() {
    assertEquals(
        Integer.parseInt(dev.earful.config.AppConfig.DEFAULT_MAX_IMPORT_RECORDS),
        ResponseIngestor.COMMIT_RECORDS);
    assertEquals(
        Long.parseLong(dev.earful.config.AppConfig.DEFAULT_MAX_IMPORT_CHARS),
        ResponseIngestor.COMMIT_CHARS);
  }

  @Test
  void indexesBatchesLargerThanAChunkCountsEveryRecordAndRunsTheHooksOnce() {
    AtomicInteger hookRuns = new AtomicInteger();
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor =
            new ResponseIngestor(
                new TextAnalyzer(),
                a ->
                    new dev.earful.domain.Analysis(
                        a.sentences(), new Sentiment(Polarity.POSITIVE, 0.5, 1.0)),
                index,
                2)) {
      ingestor.addAfterImportHook(
          () -> {
            throw new IllegalStateException("a broken hook does not fail the import");
          });
      ingestor.addAfterImportHook(hookRuns::incrementAndGet);
      List<SourceRecord> batch = new ArrayList<>();
      int n = ResponseIngestor.CHUNK * 2 + 7;
      for (int i = 0; i < n; i++) {
        batch.add(
            record(
                i,
                "r" + i,
                Integer.toString(i % 11),
                i % 500 == 0 ? "Great staff, slow delivery." : ""));
      }
      batch.add(record(n, "r0", "10", "changed"));
      batch.add(record(n + 1, "bad", "12", ""));
      IngestReport report = ingestor.ingest(batch, ResponseValidator.standard());
      assertEquals(n + 2, report.received());
      assertEquals(n, report.indexed());
      assertEquals(1, report.updated());
      assertEquals(
          List.of(
              new Rejection(
                  n + 1, "bad", List.of(new FieldError("score", "must be 0-10 for nps, got 12")))),
          report.rejected());
      assertEquals(1, hookRuns.get());
      assertEquals(n, index.count());
      var r0 = index.get("r0").orElseThrow();
      assertEquals("changed", r0.response().comment());
      assertEquals(Polarity.POSITIVE, r0.analysis().sentiment().label());
      var r500 = index.get("r500").orElseThrow();
      assertEquals(1, r500.analysis().sentences().size());

      IngestReport nothing =
          ingestor.ingest(List.of(record(0, "x", "99", "")), ResponseValidator.standard());
      assertEquals(0, nothing.indexed() + nothing.updated());
      assertEquals(1, hookRuns.get());
    }
  }

  /**
   * While reads wait for a turn, an import analyses on its own thread only; with none waiting, on
   * the analysis threads.
   */
  @Test
  void analysisKeepsToOneThreadWhileReadsWait() {
    java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicBoolean waiting =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor =
            new ResponseIngestor(
                new TextAnalyzer(),
                a -> {
                  threads.add(Thread.currentThread().getName());
                  return a;
                },
                index,
                2)) {
      ingestor.yieldTo(waiting::get);
      List<SourceRecord> request = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        request.add(record(i, "y" + i, "9", "The parcel came late, number " + i + "."));
      }
      assertEquals(40, ingestor.ingest(request, ResponseValidator.standard()).indexed());
      assertEquals(1, threads.size(), threads.toString());
      assertFalse(threads.iterator().next().matches("earful-analysis-\\d+"), threads.toString());

      threads.clear();
      waiting.set(false);
      request.clear();
      for (int i = 0; i < 40; i++) {
        request.add(record(i, "z" + i, "9", "The parcel came late, number " + i + "."));
      }
      assertEquals(40, ingestor.ingest(request, ResponseValidator.standard()).indexed());
      assertTrue(
          threads.stream().allMatch(t -> t.matches("earful-analysis-\\d+")), threads.toString());
    }
  }

  /**
   * The chunks of one request are committed together (one flush, not one a chunk), a batch larger
   * than a request may hold commits once per request's worth, and the batch listeners see each
   * chunk only once it is durable and visible.
   */
  @Test
  void theChunksOfOneRequestShareOneCommitAndListenersSeeEachChunkOnceItIsStored() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = new ResponseIngestor(new TextAnalyzer(), a -> a, index, 2)) {
      List<Integer> chunkSizes = new ArrayList<>();
      List<Long> visibleAtListener = new ArrayList<>();
      ingestor.addBatchListener(
          chunk -> {
            chunkSizes.add(chunk.size());
            String lastId = chunk.get(chunk.size() - 1).response().id();
            visibleAtListener.add(index.get(lastId).isPresent() ? index.count() : -1L);
          });
      int n = ResponseIngestor.CHUNK * 2 + 7;
      List<SourceRecord> request = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        request.add(record(i, "q" + i, "9", i % 1000 == 0 ? "Quick and friendly." : ""));
      }
      long commits = index.store().commits();
      assertEquals(n, ingestor.ingest(request, ResponseValidator.standard()).indexed());
      assertEquals(commits + 1, index.store().commits());
      assertEquals(List.of(2000, 2000, 7), chunkSizes);
      // Every chunk is visible (and so committed: publish commits before it refreshes) when its
      // listener runs, the last one included.
      assertEquals(List.of((long) n, (long) n, (long) n), visibleAtListener);

      // A command-line batch may hold 100,000 records: what is written but not yet committed is
      // kept for the listeners, so it is committed every request's worth (10,000 records).
      chunkSizes.clear();
      visibleAtListener.clear();
      List<SourceRecord> big = new ArrayList<>();
      int m = 25_007;
      for (int i = 0; i < m; i++) {
        big.add(record(i, "b" + i, "3", ""));
      }
      commits = index.store().commits();
      assertEquals(m, ingestor.ingest(big, ResponseValidator.standard()).indexed());
      assertEquals(commits + 3, index.store().commits());
      assertEquals(13, chunkSizes.size());
      assertEquals(
          List.of(
              n + 10_000L,
              n + 10_000L,
              n + 10_000L,
              n + 10_000L,
              n + 10_000L,
              n + 20_000L,
              n + 20_000L,
              n + 20_000L,
              n + 20_000L,
              n + 20_000L,
              (long) n + m,
              (long) n + m,
              (long) n + m),
          visibleAtListener);
    }
  }

  /**
   * A chunk whose analysis fails fails the import, but the chunks written before it are committed
   * and handed to the listeners, as when each chunk had its own commit; the chunks after it are not
   * written.
   */
  @Test
  void aChunkWhoseAnalysisFailsLeavesTheChunksBeforeItStoredAndSeenByListeners() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor =
            failingOnBoom(
                index,
                () -> {
                  throw new IllegalStateException("the sentiment stage failed");
                })) {
      List<Integer> chunkSizes = new ArrayList<>();
      ingestor.addBatchListener(chunk -> chunkSizes.add(chunk.size()));
      int n = ResponseIngestor.CHUNK * 3;
      List<SourceRecord> request = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // the failing comment is in the second chunk
        String comment = i == ResponseIngestor.CHUNK + 5 ? "Boom." : i % 700 == 0 ? "Fine." : "";
        request.add(record(i, "e" + i, "9", comment));
      }
      IllegalStateException failed =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalStateException.class,
              () -> ingestor.ingest(request, ResponseValidator.standard()));
      // the stage's own exception, or the fork-join pool's copy of it naming it (when it was
      // thrown on another of the pool's threads than the one that joins)
      assertEquals(
          true, failed.getMessage().endsWith("the sentiment stage failed"), failed.getMessage());
      assertEquals(List.of(ResponseIngestor.CHUNK), chunkSizes);
      assertEquals(ResponseIngestor.CHUNK, index.count());
      assertEquals(true, index.get("e0").isPresent());
      assertEquals(false, index.get("e" + (2 * ResponseIngestor.CHUNK)).isPresent());
    }
  }

  /**
   * An error in the analysis (the heap exhausted, a broken class) reaches the caller as itself, as
   * a failure of the writing does, never disguised as an IllegalStateException, while what was
   * written before it is still stored.
   */
  @Test
  void anErrorInTheAnalysisIsThrownAsItselfAndKeepsWhatWasWritten() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor =
            failingOnBoom(
                index,
                () -> {
                  throw new OutOfMemoryError("the sentiment stage ran out of heap");
                })) {
      List<SourceRecord> request = new ArrayList<>();
      for (int i = 0; i < ResponseIngestor.CHUNK * 2; i++) {
        // the failing comment is in the second chunk
        String comment = i == ResponseIngestor.CHUNK + 5 ? "Boom." : i % 700 == 0 ? "Fine." : "";
        request.add(record(i, "o" + i, "9", comment));
      }
      OutOfMemoryError failed =
          org.junit.jupiter.api.Assertions.assertThrows(
              OutOfMemoryError.class, () -> ingestor.ingest(request, ResponseValidator.standard()));
      // the stage's own error, or the fork-join pool's copies of it, each caused by the one before
      Throwable original = failed;
      while (original.getCause() != null) {
        original = original.getCause();
      }
      assertEquals(OutOfMemoryError.class, original.getClass());
      assertEquals("the sentiment stage ran out of heap", original.getMessage());
      assertEquals(ResponseIngestor.CHUNK, index.count());
    }
  }

  /**
   * A listener that throws does not keep the chunks after it from the other listeners, nor the
   * records from the index: every chunk is committed and handed to every listener, then the first
   * failure fails the import.
   */
  @Test
  void aFailingListenerStillLetsEveryChunkReachTheOthers() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = new ResponseIngestor(new TextAnalyzer(), a -> a, index, 2)) {
      AtomicInteger calls = new AtomicInteger();
      ingestor.addBatchListener(
          chunk -> {
            if (calls.incrementAndGet() == 1) {
              throw new IllegalStateException("the alert rules failed");
            }
          });
      List<Integer> seen = new ArrayList<>();
      ingestor.addBatchListener(chunk -> seen.add(chunk.size()));
      int n = ResponseIngestor.CHUNK * 2 + 7;
      List<SourceRecord> request = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        request.add(record(i, "f" + i, "4", ""));
      }
      IllegalStateException failed =
          assertThrows(
              IllegalStateException.class,
              () -> ingestor.ingest(request, ResponseValidator.standard()));
      assertEquals("the alert rules failed", failed.getMessage());
      assertEquals(List.of(2000, 2000, 7), seen);
      assertEquals(3, calls.get());
      assertEquals(n, index.count());
    }
  }

  /**
   * An import interrupted in the middle (a server stopping while a request is analysed) commits
   * what it wrote without the interrupt reaching Lucene, whose file channels close when an
   * interrupted thread uses them: the index stays writable, and the thread is left interrupted.
   */
  @Test
  void anInterruptedImportKeepsWhatItWroteAndLeavesTheIndexWritable() throws Exception {
    Thread importing = Thread.currentThread();
    AtomicInteger analysed = new AtomicInteger();
    java.util.concurrent.CountDownLatch published = new java.util.concurrent.CountDownLatch(1);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor =
            new ResponseIngestor(
                new TextAnalyzer(),
                a -> {
                  if (analysed.incrementAndGet() == ResponseIngestor.CHUNK + 5) {
                    // While the second chunk is analysed (and the first perhaps written), and
                    // held until the first is published, so the import is still waiting for it.
                    importing.interrupt();
                    try {
                      published.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  return a;
                },
                index,
                2)) {
      List<Integer> seen = new ArrayList<>();
      ingestor.addBatchListener(
          chunk -> {
            seen.add(chunk.size());
            published.countDown();
          });
      List<SourceRecord> request = new ArrayList<>();
      for (int i = 0; i < ResponseIngestor.CHUNK * 2; i++) {
        request.add(record(i, "i" + i, "7", ""));
      }
      long commits = index.store().commits();
      assertThrows(
          IllegalStateException.class,
          () -> ingestor.ingest(request, ResponseValidator.standard()));
      assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
      assertEquals(commits + 1, index.store().commits());
      assertEquals(List.of(ResponseIngestor.CHUNK), seen);
      assertEquals(ResponseIngestor.CHUNK, index.count());

      IngestReport after =
          ingestor.ingest(List.of(record(0, "later", "9", "")), ResponseValidator.standard());
      assertEquals(1, after.indexed());
      assertEquals(ResponseIngestor.CHUNK + 1, index.count());
    }
    // And the folder opens again with everything acknowledged or committed in it.
    try (ResponseIndex reopened = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      assertEquals(ResponseIngestor.CHUNK + 1, reopened.count());
    }
  }
}
