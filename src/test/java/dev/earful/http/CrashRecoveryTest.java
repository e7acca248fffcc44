package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.earful.ChildJvm;
import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in a child JVM is killed with SIGKILL while a client keeps posting batches; every record
 * the server acknowledged with a 2xx must be in the index when the data folder is opened again,
 * with the follow-ups of its detractors and a follow-up change acknowledged before the kill.
 */
class CrashRecoveryTest {

  private static final Pattern LISTENING =
      Pattern.compile("Earful listening on http://127\\.0\\.0\\.1:(\\d+) ");
  private static final int BATCH = 20;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 5;

  @TempDir Path data;

  @Test
  void losesNoAcknowledgedRecordWhenTheServerIsKilledMidImport() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            ChildJvm.command(
                "512m",
                "dev.earful.Earful",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data",
                data.toString(),
                "--analysis-threads",
                "1"));
    pb.environment().keySet().removeIf(k -> k.startsWith("EARFUL_"));
    pb.redirectErrorStream(true);
    Process child = pb.start();
    List<String> output = new ArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                // the child died: its output ends here
              }
              port.completeExceptionally(new IllegalStateException("the child exited: " + output));
            });
    reader.setDaemon(true);
    reader.start();

    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicInteger batches = new AtomicInteger();
    Thread poster;
    String patched;
    try {
      URI endpoint =
          URI.create("http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS) + "/api/v1/responses");
      poster =
          new Thread(
              () -> {
                try (HttpClient client = HttpClient.newHttpClient()) {
                  for (int b = 0; ; b++) {
                    List<String> ids = new ArrayList<>();
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < BATCH; i++) {
                      String id = "crash-" + b + "-" + i;
                      ids.add(id);
                      body.append("{\"id\":\"")
                          .append(id)
                          .append("\",\"score\":")
                          .append((b + i) % 11)
                          .append(",\"comment\":\"Batch ")
                          .append(b)
                          .append(" record ")
                          .append(i)
                          .append(": the delivery was late but support was helpful.\"}\n");
                    }
                    HttpResponse<String> r =
                        client.send(
                            HttpRequest.newBuilder(endpoint)
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() / 100 != 2) {
                      throw new IllegalStateException(
                          "batch " + b + ": " + r.statusCode() + " " + r.body());
                    }
                    acknowledged.addAll(ids);
                    batches.incrementAndGet();
                  }
                } catch (IOException e) {
                  // the server was killed while this batch was in flight: it was never acknowledged
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      poster.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (batches.get() < ACKNOWLEDGED_BEFORE_KILL) {
        if (System.nanoTime() > deadline || !poster.isAlive()) {
          fail("the child acknowledged only " + batches.get() + " batches; output: " + output);
        }
        Thread.sleep(5);
      }
      // A follow-up change acknowledged before the kill must survive it too.
      try (HttpClient client = HttpClient.newHttpClient()) {
        String base = "http://127.0.0.1:" + port.get() + "/api/v1/followups";
        HttpResponse<String> list =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "?limit=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        patched = TestServer.json(list).path("followups").get(0).path("id").asText();
        HttpResponse<String> patch =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/" + patched))
                    .header("Content-Type", "application/json")
                    .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                            "{\"status\":\"contacted\",\"note\":\"called\",\"by\":\"kim\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, patch.statusCode(), patch.body());
      }
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close, no final commit
    }
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
    assertEquals(137, child.exitValue(), "exit value of a process killed by SIGKILL");
    poster.join(30_000);
    assertTrue(acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL * BATCH);

    AppConfig config =
        AppConfig.fromValues(
            Map.of(), Map.of("EARFUL_DATA", data.toString(), "EARFUL_ANALYSIS_THREADS", "1"));
    try (EarfulApp reopened = EarfulApp.open(config)) {
      List<String> missing = new ArrayList<>();
      for (String id : acknowledged) {
        if (reopened.index().get(id).isEmpty()) {
          missing.add(id);
        }
      }
      assertEquals(List.of(), missing, "acknowledged but lost after SIGKILL");
      // Every acknowledged detractor has its one follow-up (opened before the 2xx went out).
      List<String> withoutFollowup = new ArrayList<>();
      java.util.Set<String> followed = new java.util.HashSet<>();
      reopened.followups().all().forEach(f -> followed.add(f.responseId()));
      for (String id : acknowledged) {
        if (reopened.index().get(id).get().response().score() <= 6 && !followed.contains(id)) {
          withoutFollowup.add(id);
        }
      }
      assertEquals(List.of(), withoutFollowup, "acknowledged detractors without a follow-up");
      var changed = reopened.followups().get(patched).orElseThrow();
      assertEquals("contacted", changed.status().wireName());
      assertEquals("kim", changed.notes().get(0).by());
      assertTrue(reopened.index().count() >= acknowledged.size());
    }
  }
}
