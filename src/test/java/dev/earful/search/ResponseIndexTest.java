package dev.earful.search;

import static dev.earful.fixtures.Fixtures.nps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.ThemeCatalog;
import dev.earful.fixtures.Fixtures;
import dev.earful.store.IndexLockedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseIndexTest {

  @TempDir Path data;

  @Test
  void countsNewAndReplacedResponsesAcrossBatches() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      assertEquals(
          new UpsertResult(2, 0),
          index.upsert(List.of(nps("a", 9, "Great service."), nps("b", 3, "Slow delivery."))));
      assertEquals(
          new UpsertResult(1, 1),
          index.upsert(List.of(nps("b", 4, "Very slow delivery."), nps("c", 7, "Fine."))));
      assertEquals(3, index.count());
      assertEquals(4, index.get("b").orElseThrow().response().score());
      assertEquals("Very slow delivery.", index.get("b").orElseThrow().response().comment());
    }
  }

  @Test
  void countsAnIdRepeatedInOneBatchOnceNewThenUpdatedAndKeepsTheLast() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      UpsertResult result =
          index.upsert(List.of(nps("x", 1, "first"), nps("x", 2, "second"), nps("x", 3, "third")));
      assertEquals(new UpsertResult(1, 2), result);
      assertEquals(1, index.count());
      assertEquals("third", index.get("x").orElseThrow().response().comment());
    }
  }

  @Test
  void returnsTheStoredAnalysisEqualToWhatWasIndexed() {
    AnalyzedResponse r =
        Fixtures.response(
            "r1",
            dev.earful.domain.Metric.CSAT,
            2,
            "The dress didn't fit. Returns were a pain!",
            "2024-05-06T07:08:09.123456789Z",
            java.util.Map.of("region", "EU", "plan", "pro"));
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(List.of(r));
      assertEquals(r, index.get("r1").orElseThrow());
    }
  }

  @Test
  void deletedResponsesAreGoneAndDeletingTwiceSaysSo() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(List.of(nps("a", 9, "Great."), nps("b", 3, "Bad.")));
      assertTrue(index.delete("a"));
      assertFalse(index.delete("a"));
      assertFalse(index.delete("never-there"));
      assertTrue(index.get("a").isEmpty());
      assertEquals(1, index.count());
      assertEquals(new UpsertResult(1, 0), index.upsert(List.of(nps("a", 10, "Back again."))));
    }
  }

  @Test
  void responsesSurviveARestart() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(List.of(nps("a", 9, "Great."), nps("b", 3, "Bad."), nps("c", 8, "Okay.")));
      index.delete("b");
    }
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      assertEquals(2, index.count());
      assertEquals("Great.", index.get("a").orElseThrow().response().comment());
      assertEquals(new UpsertResult(0, 1), index.upsert(List.of(nps("c", 7, "Meh."))));
    }
  }

  @Test
  void scanVisitsEveryLiveResponseInIdOrder() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(List.of(nps("m", 9, "x"), nps("b", 3, "y"), nps("z", 8, "z")));
      index.upsert(List.of(nps("a", 5, "w"), nps("m", 6, "again")));
      index.delete("z");
      List<String> seen = new ArrayList<>();
      index.scan(r -> seen.add(r.response().id() + ":" + r.response().score()));
      assertEquals(List.of("a:5", "b:3", "m:6"), seen);
    }
  }

  /**
   * A scan from an id (a resumed upgrade) calls its consumer only for the responses after it, in
   * the byte order of ids, whether that id is stored, deleted, or none at all; the ones before are
   * skipped in the terms dictionary, never loaded.
   */
  @Test
  void scanAfterAnIdVisitsOnlyTheResponsesAfterItInByteOrder() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(
          List.of(
              nps("m", 9, "x"), nps("b", 3, "y"), nps("z", 8, "z"), nps("\u00e9t\u00e9", 2, "v")));
      index.upsert(List.of(nps("a", 5, "w"), nps("m", 6, "again")));
      index.delete("z");
      java.util.function.Function<String, List<String>> after =
          id -> {
            List<String> seen = new ArrayList<>();
            index.scan(id, r -> seen.add(r.response().id() + ":" + r.response().score()));
            return seen;
          };
      // "\u00e9t\u00e9" is 0xC3... in UTF-8, after every ASCII id
      assertEquals(List.of("a:5", "b:3", "m:6", "\u00e9t\u00e9:2"), after.apply(null));
      assertEquals(List.of("b:3", "m:6", "\u00e9t\u00e9:2"), after.apply("a"));
      assertEquals(List.of("m:6", "\u00e9t\u00e9:2"), after.apply("c")); // not an id
      assertEquals(List.of("\u00e9t\u00e9:2"), after.apply("m")); // z after m is deleted
      assertEquals(List.of("\u00e9t\u00e9:2"), after.apply("z"));
      assertEquals(List.of(), after.apply("\u00e9t\u00e9"));
      assertEquals(List.of(), after.apply("\u00ff"));
    }
  }

  @Test
  void bulkWritesCountLikeUpsertsAndAreDurableAfterClose() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(List.of(nps("a", 9, "Great.")));
      try (BulkWriter bulk = index.bulk(2)) {
        assertEquals(
            new UpsertResult(2, 1),
            bulk.add(List.of(nps("a", 1, "x"), nps("b", 2, "y"), nps("c", 3, "z"))));
        assertEquals(
            new UpsertResult(0, 2), bulk.add(List.of(nps("b", 4, "y2"), nps("b", 5, "y3"))));
        assertEquals(new UpsertResult(2, 3), bulk.total());
      }
    }
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      assertEquals(3, index.count());
      assertEquals(5, index.get("b").orElseThrow().response().score());
    }
  }

  @Test
  void aSecondWriterOnTheSameFolderGetsAClearLockError() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      IndexLockedException e =
          assertThrows(
              IndexLockedException.class, () -> ResponseIndex.open(data, ThemeCatalog.EMPTY));
      assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
    }
  }

  @Test
  void anEmptyCommentIsIndexedAndCounted() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(List.of(nps("e", 0, "")));
      assertEquals(1, index.count());
      assertEquals(dev.earful.domain.Analysis.EMPTY, index.get("e").orElseThrow().analysis());
    }
  }

  @Test
  void aDeletionOnAnInterruptedThreadIsKeptAndLeavesTheIndexWritable() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(List.of(nps("a", 9, "Great."), nps("b", 3, "Bad."), nps("c", 5, "Meh.")));
      // Jetty interrupts a request's thread when the server stops. A file channel used by a thread
      // whose interrupt is set closes at its first call, as it does when the interrupt comes during
      // the call: set before the deletion, it reaches every write and commit the deletion makes.
      Thread.currentThread().interrupt();
      boolean deleted;
      try {
        deleted = index.delete("a");
      } finally {
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
      }
      assertTrue(deleted);
      assertTrue(index.get("a").isEmpty());
      // The index is still writable: a later deletion and an upsert are kept.
      assertTrue(index.delete("b"));
      assertEquals(new UpsertResult(1, 0), index.upsert(List.of(nps("d", 10, "Back."))));
      index.expungeDeletes();
    }
    try (ResponseIndex reopened = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      assertTrue(reopened.get("a").isEmpty());
      assertTrue(reopened.get("b").isEmpty());
      assertEquals(List.of("c", "d"), ids(reopened));
    }
  }

  @Test
  void closingSoonAfterADeletionExpungesAtOnceInsteadOfWaitingOutTheDelay() {
    ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
    index.upsert(List.of(nps("a", 9, "Great."), nps("b", 3, "Bad.")));
    assertTrue(index.delete("a"));
    long closing = System.nanoTime();
    index.close();
    // Not a timing target: with the delayed run left scheduled, close waited the whole delay.
    assertTrue(
        System.nanoTime() - closing < ResponseIndex.EXPUNGE_DELAY.toNanos(),
        "close waited for the delayed rewrite");
    try (ResponseIndex reopened = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      assertEquals(List.of("b"), ids(reopened));
    }
  }

  private static List<String> ids(ResponseIndex index) {
    List<String> ids = new ArrayList<>();
    index.scan(r -> ids.add(r.response().id()));
    java.util.Collections.sort(ids);
    return ids;
  }

  /**
   * A seeded run of writes (several before one commit, ids repeated within and across batches),
   * deletes, bulk writers and reopenings keeps exactly one live document per id, the last written:
   * the writer adds the documents it knows to be new without a delete by id.
   */
  @Test
  void keepsOneDocumentPerIdThroughWritesDeletesBulkWritersAndReopening() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(14);
    java.util.Map<String, Integer> model = new java.util.HashMap<>();
    ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
    try {
      for (int step = 0; step < 120; step++) {
        int action = rnd.nextInt(10);
        if (action < 6) {
          UpsertResult written = UpsertResult.NONE;
          for (int chunk = 1 + rnd.nextInt(3); chunk > 0; chunk--) {
            written = written.plus(index.write(batch(rnd, model)));
          }
          index.publish(written);
        } else if (action < 8) {
          String id = "r" + rnd.nextInt(60);
          assertEquals(model.remove(id) != null, index.delete(id), id);
        } else if (action < 9) {
          try (BulkWriter bulk = index.bulk(1_000)) {
            bulk.add(batch(rnd, model));
            index.publish(index.write(batch(rnd, model))); // written while the bulk writer is open
          }
        } else {
          index.close();
          index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        }
        assertEquals(model.size(), index.count(), "step " + step);
      }
      for (var e : model.entrySet()) {
        assertEquals(e.getValue(), index.get(e.getKey()).orElseThrow().response().score());
      }
    } finally {
      index.close();
    }
  }

  /** A batch of up to 20 responses with ids from a small range, recorded in {@code model}. */
  private static List<AnalyzedResponse> batch(
      java.util.SplittableRandom rnd, java.util.Map<String, Integer> model) {
    List<AnalyzedResponse> out = new ArrayList<>();
    for (int k = 1 + rnd.nextInt(20); k > 0; k--) {
      String id = "r" + rnd.nextInt(60);
      int score = rnd.nextInt(11);
      out.add(nps(id, score, "comment " + score));
      model.put(id, score);
    }
    return out;
  }
}
