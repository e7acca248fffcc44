package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.ChildJvm;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.ThemeCatalog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {

  @TempDir Path data;

  @Test
  void aChildKilledWithSigkillLosesNoAcknowledgedUpsert() throws Exception {
    Process child =
        new ProcessBuilder(ChildJvm.command("256m", CrashChild.class.getName(), data.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> acks = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        acks.add(line);
        if (acks.size() == 40) {
          // SIGKILL: no shutdown hooks, no IndexWriter.close. Not Process.destroyForcibly, which
          // also closes our end of the child's output, losing the acknowledgements still in it.
          new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
        }
      }
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertTrue(acks.size() >= 40, "the child acknowledged only " + acks.size() + " batches");
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      for (String ack : acks) {
        String[] p = ack.split(" ");
        int thread = Integer.parseInt(p[1]);
        int batch = Integer.parseInt(p[2]);
        for (AnalyzedResponse r : CrashChild.batch(thread, batch)) {
          assertEquals(r, index.get(r.response().id()).orElse(null), "lost " + r.response().id());
        }
      }
    }
  }

  @Test
  void concurrentUpsertsShareCommitsAndCountEveryRecordOnce() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<UpsertResult>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        for (int b = 0; b < 4; b++) {
          int batch = b;
          // batches 0-3 of each thread, then again batches 0-1: 40 updates per thread
          results.add(pool.submit(() -> index.upsert(CrashChild.batch(thread, batch))));
        }
      }
      UpsertResult first = UpsertResult.NONE;
      for (Future<UpsertResult> f : results) {
        first = first.plus(f.get());
      }
      assertEquals(new UpsertResult(8 * 4 * 20, 0), first);
      results.clear();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        for (int b = 0; b < 2; b++) {
          int batch = b;
          results.add(pool.submit(() -> index.upsert(CrashChild.batch(thread, batch))));
        }
      }
      UpsertResult second = UpsertResult.NONE;
      for (Future<UpsertResult> f : results) {
        second = second.plus(f.get());
      }
      pool.shutdown();
      assertEquals(new UpsertResult(0, 8 * 2 * 20), second);
      assertEquals(8 * 4 * 20, index.count());
    }
  }
}
