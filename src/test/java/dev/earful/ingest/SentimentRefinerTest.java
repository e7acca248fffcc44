package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.TestData;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.ScoringStage;
import dev.earful.domain.ThemeCatalog;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.search.ResponseIndex;
import dev.earful.sentiment.SentimentScorer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background refinement on a real index with the real models: the fast model imports, the
 * cascade (bge-small-en-v1.5 stage) refines, and the end state is compared with an import scored by
 * the cascade. The interleavings with imports and deletions are made with the refiner's seam
 * between scoring a batch and writing it, not with sleeps.
 */
class SentimentRefinerTest {

  @TempDir Path data;
  @TempDir Path other;

  private static final SentimentScorer FAST = SentimentScorer.loadDefault(false);
  private static final java.util.function.Supplier<SentimentScorer> CASCADE =
      FAST.cascadeOnDemand();
  private static final Duration WAIT = Duration.ofMinutes(2);

  /**
   * The first {@code n} rows of the committed women's reviews with a comment, as CSAT responses
   * submitted a day apart (row 0 the oldest).
   */
  private static List<SourceRecord> reviews(int n) {
    List<SourceRecord> out = new ArrayList<>();
    for (CSVRecord r : TestData.womensReviewsWithText(n)) {
      out.add(
          record(
              out.size(),
              "w" + r.get(0),
              r.get("Rating"),
              r.get("Review Text"),
              Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(out.size()))));
    }
    return out;
  }

  private static SourceRecord record(
      long position, String id, String score, String comment, Instant at) {
    return new SourceRecord(
        position, new RawResponse(id, "csat", score, comment, at.toString(), Map.of(), List.of()));
  }

  private static ResponseIngestor fastIngestor(ResponseIndex index) {
    return new ResponseIngestor(new TextAnalyzer(), FAST::score, index, 2);
  }

  private static SentimentRefiner refiner(
      ResponseIndex index,
      Duration quiet,
      BooleanSupplier upgrading,
      BooleanSupplier importing,
      Runnable afterChanges) {
    return new SentimentRefiner(
        index, a -> CASCADE.get().score(a), quiet, upgrading, importing, afterChanges);
  }

  private static Map<String, AnalyzedResponse> stored(ResponseIndex index) {
    Map<String, AnalyzedResponse> out = new TreeMap<>();
    index.scan(r -> out.put(r.response().id(), r));
    return out;
  }

  private static void awaitDone(SentimentRefiner refiner) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until) {
      SentimentRefiner.Status s = refiner.status();
      if (s.state() == SentimentRefiner.State.DONE && s.pending() == 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("refinement did not finish: " + refiner.status());
  }

  /** Responses in the first test: one batch and part of another. */
  private static final int N = SentimentRefiner.BATCH + 6;

  @Test
  void refinesNewestFirstAndEndsExactlyAsAnImportWithTheCascade() throws Exception {
    List<SourceRecord> records = reviews(N);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = fastIngestor(index);
        ResponseIndex cascaded = ResponseIndex.open(other, ThemeCatalog.EMPTY);
        ResponseIngestor cascadeIngestor =
            new ResponseIngestor(new TextAnalyzer(), CASCADE.get()::score, cascaded, 2)) {
      ingestor.ingest(records, ResponseValidator.standard());
      cascadeIngestor.ingest(records, ResponseValidator.standard());
      Map<String, AnalyzedResponse> fast = stored(index);
      Map<String, AnalyzedResponse> expected = stored(cascaded);
      assertEquals(N, fast.size());
      assertTrue(fast.values().stream().allMatch(r -> r.analysis().stage() == ScoringStage.FAST));
      assertTrue(
          expected.values().stream().allMatch(r -> r.analysis().stage() == ScoringStage.CASCADE));
      // the cascade changes labels of this sample, so there is something to refine
      assertNotEquals(
          fast.values().stream().map(r -> r.analysis().sentences()).toList(),
          expected.values().stream().map(r -> r.analysis().sentences()).toList());

      AtomicInteger discoveries = new AtomicInteger();
      List<List<String>> leftBeforeEachWrite = new ArrayList<>();
      try (SentimentRefiner refiner =
          refiner(
              index,
              Duration.ZERO,
              () -> false,
              ingestor::importing,
              discoveries::incrementAndGet)) {
        refiner.beforeWrite(
            () ->
                leftBeforeEachWrite.add(
                    index.notScoredBy(ScoringStage.CASCADE, 100).stream()
                        .map(r -> r.response().id())
                        .toList()));
        refiner.start();
        awaitDone(refiner);
        assertEquals(
            new SentimentRefiner.Status(SentimentRefiner.State.DONE, null, N, 0, N, null, 0),
            refiner.status());
      }
      assertEquals(expected, stored(index));
      assertEquals(1, discoveries.get(), "one discovery asked for, after the run");
      // Newest first: before the second batch is written, what is left is the oldest responses.
      assertEquals(2, leftBeforeEachWrite.size());
      List<String> oldestFirst =
          records.stream().map(r -> r.raw().id()).toList(); // submitted a day apart, in order
      List<String> left = leftBeforeEachWrite.get(1);
      assertEquals(N - SentimentRefiner.BATCH, left.size());
      assertEquals(
          new java.util.HashSet<>(oldestFirst.subList(0, N - SentimentRefiner.BATCH)),
          new java.util.HashSet<>(left));
    }
  }

  @Test
  void aResponseReimportedOrDeletedWhileTheRefinerHadItInHandKeepsWhatTheImportOrDeletionLeft()
      throws Exception {
    List<SourceRecord> records = reviews(10);
    String newest = records.get(9).raw().id();
    String deleted = records.get(8).raw().id();
    SourceRecord changed =
        record(
            0,
            newest,
            "1",
            "The zip broke the first time I wore it and the seams came apart.",
            Instant.parse("2024-02-01T00:00:00Z"));
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = fastIngestor(index)) {
      ingestor.ingest(records, ResponseValidator.standard());
      AtomicBoolean first = new AtomicBoolean(true);
      try (SentimentRefiner refiner =
          refiner(index, Duration.ZERO, () -> false, ingestor::importing, () -> {})) {
        refiner.beforeWrite(
            () -> {
              // The batch in hand holds both (10 responses, one batch); the import and the
              // deletion land after it was read and scored, before it is written.
              if (first.getAndSet(false)) {
                ingestor.ingest(List.of(changed), ResponseValidator.standard());
                assertTrue(index.delete(deleted));
              }
            });
        refiner.start();
        awaitDone(refiner);
      }
      assertFalse(first.get(), "the seam ran");
      Map<String, AnalyzedResponse> after = stored(index);
      assertEquals(9, after.size());
      assertFalse(after.containsKey(deleted), "a deleted response is not brought back");
      AnalyzedResponse now = after.get(newest);
      assertEquals(changed.raw().comment(), now.response().comment());
      assertEquals(1, now.response().score());
      // ... and it was refined afterwards, from the new comment
      assertEquals(ScoringStage.CASCADE, now.analysis().stage());
      try (ResponseIndex cascaded = ResponseIndex.open(other, ThemeCatalog.EMPTY);
          ResponseIngestor cascadeIngestor =
              new ResponseIngestor(new TextAnalyzer(), CASCADE.get()::score, cascaded, 2)) {
        cascadeIngestor.ingest(List.of(changed), ResponseValidator.standard());
        assertEquals(cascaded.get(newest).orElseThrow(), now);
      }
    }
  }

  @Test
  void waitsForQuietImportsAnUpgradeAnImportAndBusyReadsBeforeItRefines() throws Exception {
    List<SourceRecord> records = reviews(5);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = fastIngestor(index)) {
      ingestor.ingest(records, ResponseValidator.standard());
      try (SentimentRefiner quiet =
          refiner(index, Duration.ofHours(1), () -> false, () -> false, () -> {})) {
        quiet.start();
        assertWaiting(quiet, "imports are recent", 5);
      }
      AtomicBoolean upgrading = new AtomicBoolean(true);
      AtomicBoolean importing = new AtomicBoolean(false);
      AtomicBoolean busy = new AtomicBoolean(false);
      try (SentimentRefiner refiner =
          refiner(index, Duration.ZERO, upgrading::get, importing::get, () -> {})) {
        refiner.yieldTo(busy::get);
        refiner.start();
        assertWaiting(refiner, "the stored-format upgrade runs first", 5);
        importing.set(true);
        upgrading.set(false);
        assertWaiting(refiner, "an import is running", 5);
        busy.set(true);
        importing.set(false);
        assertWaiting(refiner, "API reads or a discovery are running", 5);
        busy.set(false);
        awaitDone(refiner);
        // an import restarts the quiet period and wakes the refiner
        ingestor.ingest(
            List.of(record(0, "late", "2", "Too small and the colour faded.", Instant.now())),
            ResponseValidator.standard());
        refiner.importFinished();
        awaitDone(refiner);
        assertEquals(6, index.countScoredBy(ScoringStage.CASCADE));
      }
    }
  }

  /** Waits until the refiner says it waits for {@code reason}, then checks it refined nothing. */
  private static void assertWaiting(SentimentRefiner refiner, String reason, int pending)
      throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (!reason.equals(refiner.status().reason()) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    Thread.sleep(2 * SentimentRefiner.PAUSE.toMillis()); // it stays there
    SentimentRefiner.Status s = refiner.status();
    assertEquals(SentimentRefiner.State.WAITING, s.state(), s.toString());
    assertEquals(reason, s.reason());
    assertEquals(pending, s.pending());
    assertEquals(0, s.refined());
  }

  @Test
  void closeStopsItPromptlyInTheMiddleOfTheWork() throws Exception {
    List<SourceRecord> records = reviews(100);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = fastIngestor(index)) {
      ingestor.ingest(records, ResponseValidator.standard());
      java.util.concurrent.CountDownLatch wrote = new java.util.concurrent.CountDownLatch(1);
      SentimentRefiner refiner = refiner(index, Duration.ZERO, () -> false, () -> false, () -> {});
      refiner.beforeWrite(wrote::countDown);
      refiner.start();
      assertTrue(wrote.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
      long started = System.nanoTime();
      refiner.close();
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(millis < 5_000, "closed in " + millis + " ms");
      int refined = index.countScoredBy(ScoringStage.CASCADE);
      assertTrue(refined < 100, refined + " refined");
      Thread.sleep(500);
      assertEquals(refined, index.countScoredBy(ScoringStage.CASCADE), "nothing after close");
    }
  }

  /**
   * A response the scorer fails on is set aside, as stored then: the others are refined, the run
   * ends, and the status counts it (it keeps the fast labels until it is re-imported).
   */
  @Test
  void aResponseTheScorerFailsOnIsSetAsideAndTheOthersAreRefined() throws Exception {
    List<SourceRecord> records = new ArrayList<>(reviews(10));
    records.add(
        record(10, "boom", "1", "Boom, the zip broke.", Instant.parse("2025-01-01T00:00:00Z")));
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = fastIngestor(index)) {
      ingestor.ingest(records, ResponseValidator.standard());
      try (SentimentRefiner refiner =
          new SentimentRefiner(
              index,
              a -> {
                if (a.sentences().get(0).tokens().get(0).text().equals("Boom")) {
                  throw new IllegalStateException("a scorer bug on one comment");
                }
                return CASCADE.get().score(a);
              },
              Duration.ZERO,
              () -> false,
              ingestor::importing,
              () -> {})) {
        refiner.start();
        long until = System.nanoTime() + WAIT.toNanos();
        while (refiner.status().state() != SentimentRefiner.State.DONE
            && System.nanoTime() < until) {
          Thread.sleep(50);
        }
        assertEquals(
            new SentimentRefiner.Status(SentimentRefiner.State.DONE, null, 10, 1, 11, null, 1),
            refiner.status());
        assertEquals(ScoringStage.FAST, index.get("boom").orElseThrow().analysis().stage());
      }
    }
  }

  /**
   * An import that finishes after the refiner found nothing left and before it ends its run is
   * refined, not left on the fast labels until some later import (review R14 of session 21: the fix
   * of 5406701 had no test). The seam runs that import at exactly that moment, so without the fix
   * the refiner ends the run and waits for an import that never comes, and this fails.
   */
  @Test
  void anImportFinishingAsTheRefinerEndsItsRunIsRefinedToo() throws Exception {
    List<SourceRecord> records = reviews(4);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = fastIngestor(index);
        SentimentRefiner refiner =
            refiner(index, Duration.ZERO, () -> false, ingestor::importing, () -> {})) {
      ingestor.addAfterImportHook(refiner::importFinished);
      ingestor.ingest(records.subList(0, 3), ResponseValidator.standard());
      AtomicBoolean late = new AtomicBoolean();
      refiner.afterEmptyLook(
          () -> {
            if (late.compareAndSet(false, true)) {
              ingestor.ingest(records.subList(3, 4), ResponseValidator.standard());
            }
          });
      refiner.start();
      awaitDone(refiner);
      assertTrue(late.get(), "the seam ran the late import");
      assertEquals(
          new SentimentRefiner.Status(SentimentRefiner.State.DONE, null, 4, 0, 4, null, 0),
          refiner.status());
    }
  }

  /**
   * A steady trickle of imports, each within the quiet period, still gets refined: MAX_WAIT quiet
   * periods after the first import it waits for, the refiner goes on though the last import is
   * recent. The refiner reads the quiet period on a clock the test moves, so the trickle's timing
   * is exact and a slow machine only makes the batch later (session 21's trickle of 12 s of wall
   * clock failed once at load 16, nothing refined yet).
   */
  @Test
  void aTrickleOfImportsDoesNotHoldTheRefinementOffForever() throws Exception {
    Duration quiet = Duration.ofSeconds(1);
    // One import every 0.4 s of the refiner's clock, each inside the quiet period of the one
    // before; the last is MAX_WAIT quiet periods (4 s) after the first.
    Duration step = quiet.multipliedBy(2).dividedBy(5);
    List<SourceRecord> records = reviews(SentimentRefiner.MAX_WAIT * 5 / 2 + 1);
    AtomicLong clock = new AtomicLong();
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = fastIngestor(index);
        SentimentRefiner refiner =
            new SentimentRefiner(
                index,
                a -> CASCADE.get().score(a),
                quiet,
                () -> false,
                ingestor::importing,
                () -> {},
                clock::get)) {
      refiner.start();
      for (SourceRecord r : records) {
        // Until the last import the refiner waits (the quiet period and its bound both ahead), so
        // nothing is refined yet. After it the clock stands still at that import, inside its quiet
        // period: only the bound lets the refiner go on.
        assertEquals(0, index.countScoredBy(ScoringStage.CASCADE), "refined within the bound");
        clock.addAndGet(step.toNanos());
        ingestor.ingest(List.of(r), ResponseValidator.standard());
        refiner.importFinished();
      }
      awaitDone(refiner);
      assertEquals(records.size(), index.countScoredBy(ScoringStage.CASCADE));
    }
  }

  /**
   * Re-importing unchanged responses (a nightly full export) keeps their refined labels; a changed
   * one gets the fast model's until it is refined again.
   */
  @Test
  void anUnchangedReimportKeepsTheRefinedLabels() throws Exception {
    List<SourceRecord> records = reviews(6);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = fastIngestor(index)) {
      ingestor.ingest(records, ResponseValidator.standard());
      try (SentimentRefiner refiner =
          refiner(index, Duration.ZERO, () -> false, ingestor::importing, () -> {})) {
        refiner.start();
        awaitDone(refiner);
      }
      Map<String, AnalyzedResponse> refined = stored(index);
      SourceRecord changed =
          record(5, records.get(5).raw().id(), "2", "It ran small after one wash.", Instant.EPOCH);
      List<SourceRecord> again = new ArrayList<>(records.subList(0, 5));
      again.add(changed);
      ingestor.ingest(again, ResponseValidator.standard());
      Map<String, AnalyzedResponse> after = stored(index);
      for (SourceRecord r : records.subList(0, 5)) {
        assertEquals(refined.get(r.raw().id()), after.get(r.raw().id()), r.raw().id());
      }
      assertEquals(
          ScoringStage.FAST, after.get(changed.raw().id()).analysis().stage(), "the changed one");
    }
  }

  /**
   * After a retrain and a restart (the index told another model), the responses the older model
   * refined are refined again, those re-imported unchanged meanwhile too (the import keeps their
   * refined analysis, as it does for the current model's, until the refinement redoes it); a
   * response that records no model (written before models were recorded) is not known to be
   * another's and is left as it is.
   */
  @Test
  void responsesAnOlderModelRefinedAreRefinedAgainButNotThoseOfNoKnownModel() throws Exception {
    List<SourceRecord> records = reviews(9);
    List<SourceRecord> unknown = records.subList(0, 3);
    List<SourceRecord> older = records.subList(3, 9);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor = fastIngestor(index)) {
      ingestor.ingest(unknown, ResponseValidator.standard());
      refineAll(index, ingestor);
      index.scoringModel("model-a");
      ingestor.ingest(older, ResponseValidator.standard());
      refineAll(index, ingestor);
      assertEquals(9, index.countScoredBy(ScoringStage.CASCADE));

      index.scoringModel("model-b"); // the restart after train-sentiment --data
      assertEquals(3, index.countScoredBy(ScoringStage.CASCADE));
      // two re-imported unchanged: refined again with the rest all the same
      ingestor.ingest(older.subList(0, 2), ResponseValidator.standard());
      List<String> written = new ArrayList<>();
      try (SentimentRefiner refiner =
          refiner(index, Duration.ZERO, () -> false, ingestor::importing, () -> {})) {
        refiner.afterWrite((before, after) -> after.forEach(r -> written.add(r.response().id())));
        refiner.start();
        awaitDone(refiner);
        assertEquals(
            new SentimentRefiner.Status(SentimentRefiner.State.DONE, null, 9, 0, 9, null, 0),
            refiner.status());
      }
      assertEquals(
          older.stream().map(r -> r.raw().id()).sorted().toList(),
          written.stream().sorted().toList());
      assertTrue(
          stored(index).values().stream()
              .allMatch(r -> r.analysis().stage() == ScoringStage.CASCADE));
    }
  }

  private static void refineAll(ResponseIndex index, ResponseIngestor ingestor)
      throws InterruptedException {
    try (SentimentRefiner refiner =
        refiner(index, Duration.ZERO, () -> false, ingestor::importing, () -> {})) {
      refiner.start();
      awaitDone(refiner);
    }
  }
}
