package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One client cannot starve the others: bounded work per request, bounded heavy requests. */
class RequestLimitsTest {

  @TempDir Path data;

  @Test
  void analyzeRefusesMoreTextThanOneRequestMayCost() {
    try (TestServer server = TestServer.start(data)) {
      String text = "The delivery was late. ".repeat(800); // 18,400 characters
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 6; i++) {
        body.append(i == 0 ? "" : ",").append("{\"text\":\"").append(text).append("\"}");
      }
      body.append(']');
      HttpResponse<String> r = server.post("/api/v1/analyze", "application/json", body.toString());
      assertEquals(413, r.statusCode(), r.body());
      JsonNode p = TestServer.json(r);
      assertEquals("urn:earful:problem:too-much-text", p.path("type").asText());
      assertEquals(
          "one request may analyse at most 100000 characters in all, got 110400; split the texts"
              + " over several requests",
          p.path("detail").asText());
    }
  }

  /**
   * The work of one import is bounded by its records and their text, not only by its bytes: a body
   * over either bound is refused whole with a 413 problem before any record is analysed (the count
   * is taken as the body is read), a body just within them is served.
   */
  @Test
  void anImportRefusesMoreRecordsOrTextThanOneRequestMayCost() {
    try (TestServer server = TestServer.start(data)) {
      // 10,001 records without a score: cheap to read, and would each be rejected on their own
      StringBuilder many = new StringBuilder();
      for (int i = 0; i <= 10_000; i++) {
        many.append("{\"id\":\"n").append(i).append("\"}\n");
      }
      HttpResponse<String> r = server.postNdjson(many.toString());
      assertEquals(413, r.statusCode(), r.body());
      assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
      JsonNode p = TestServer.json(r);
      assertEquals("urn:earful:problem:too-many-records", p.path("type").asText());
      assertEquals(
          "one request may hold at most 10000 records; nothing of this body was imported: send it"
              + " in smaller batches",
          p.path("detail").asText());
      // 10,000 are served (each rejected for its missing score)
      int cut = many.indexOf("{\"id\":\"n10000\"}");
      HttpResponse<String> within = server.postNdjson(many.substring(0, cut));
      assertEquals(200, within.statusCode(), within.body());
      assertEquals(10_000, TestServer.json(within).path("received").asInt());

      // 101 comments of 19,900 characters: 2,009,900 in all, past 2,000,000
      String comment = "The delivery was late again. ".repeat(700).substring(0, 19_900);
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < 101; i++) {
        text.append(i == 0 ? "" : ",")
            .append("{\"id\":\"t")
            .append(i)
            .append("\",\"score\":3,\"comment\":\"")
            .append(comment)
            .append("\"}");
      }
      text.append(']');
      HttpResponse<String> t =
          server.post("/api/v1/responses", "application/json", text.toString());
      assertEquals(413, t.statusCode(), t.body());
      JsonNode tp = TestServer.json(t);
      assertEquals("urn:earful:problem:too-much-text", tp.path("type").asText());
      assertEquals(
          "one request may hold at most 2000000 characters of comments in all, which the first 101"
              + " records of this body pass; nothing of it was imported: send it in smaller batches",
          tp.path("detail").asText());
      assertEquals(0, TestServer.json(server.get("/api/v1/metrics")).path("count").asInt());
    }
  }

  /**
   * `earful import --server` with a batch larger than one request may hold sends it in several
   * requests: 10,001 responses (empty comments, cheap to analyse) in one batch of 20,000 all go in.
   */
  @Test
  void theCommandLineSplitsABatchIntoRequestsTheServerTakes() throws Exception {
    Path file = data.resolveSibling(data.getFileName() + "-many.ndjson");
    StringBuilder nd = new StringBuilder();
    for (int i = 0; i <= 10_000; i++) {
      nd.append("{\"id\":\"m").append(i).append("\",\"score\":").append(i % 11).append("}\n");
    }
    java.nio.file.Files.writeString(file, nd);
    try (TestServer server = TestServer.start(data)) {
      dev.earful.cli.Cli r =
          dev.earful.cli.Cli.run(
              "import",
              file.toString(),
              "--server",
              server.baseUrl(),
              "--batch-size",
              "20000",
              "--no-progress");
      assertEquals(0, r.exitCode(), r.out() + r.err());
      assertEquals("  imported  10,001 (new 10,001, updated 0)", r.out().split("\n")[1]);
      assertEquals(10_001, TestServer.json(server.get("/api/v1/metrics")).path("count").asInt());
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  /**
   * `earful import --server` also splits a batch by the bytes of its body: 400 records with long
   * segment values (about 1.2 KB a line, 480 KB in all) in one batch reach a server that takes at
   * most 64 KiB a body, in requests under that bound; a record whose line alone is over the bound
   * is rejected with its line, like a record that fails the checks (exit code 0), and the others go
   * in.
   */
  @Test
  void theCommandLineSplitsABatchByTheBytesTheServerTakes() throws Exception {
    Path file = data.resolveSibling(data.getFileName() + "-wide.ndjson");
    StringBuilder nd = new StringBuilder();
    String wide = "x".repeat(250);
    for (int i = 0; i < 400; i++) {
      nd.append("{\"id\":\"w").append(i).append("\",\"score\":").append(i % 11);
      nd.append(",\"segments\":{");
      for (int k = 0; k < 4; k++) {
        nd.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":\"").append(wide).append(i);
        nd.append("\"");
      }
      nd.append("}}\n");
    }
    // Line 401: 20,000 euro signs are 60,000 bytes of UTF-8, over the 40,000 asked for below.
    nd.append(
        "{\"id\":\"huge\",\"score\":5,\"submittedAt\":\"2024-03-01T00:00:00Z\",\"comment\":\"");
    nd.append("\u20ac".repeat(20_000));
    nd.append("\"}\n");
    java.nio.file.Files.writeString(file, nd, StandardCharsets.UTF_8);
    try (TestServer server =
        TestServer.start(data, java.util.Map.of("EARFUL_MAX_BODY_BYTES", "65536"))) {
      dev.earful.cli.Cli r =
          dev.earful.cli.Cli.run(
              "import",
              file.toString(),
              "--server",
              server.baseUrl(),
              "--batch-size",
              "1000",
              "--max-request-bytes",
              "40000",
              "--no-progress");
      assertEquals(0, r.exitCode(), r.out() + r.err());
      assertEquals("  imported  400 (new 400, updated 0)", r.out().split("\n")[1], r.out());
      assertEquals(
          true,
          r.out()
              .contains(
                  "line 401 (id huge): record: its NDJSON line is 60103 bytes, more than one"
                      + " request may"
                      + " carry (--max-request-bytes 40000)"),
          r.out() + r.err());
      assertEquals(400, TestServer.json(server.get("/api/v1/metrics")).path("count").asInt());
      assertEquals(
          wide + "399",
          TestServer.json(server.get("/api/v1/responses/w399"))
              .path("segments")
              .path("k3")
              .asText());
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  /**
   * The operator sets an import request's bounds (--max-import-records, --max-import-chars): the
   * server refuses past them with problems that name them, and the command line's import, told the
   * same bounds, splits its batches to fit and imports every record.
   */
  @Test
  void anImportHonoursTheOperatorsBoundsAndTheCommandLineSplitsToFitThem() throws Exception {
    Path file = data.resolveSibling(data.getFileName() + "-bounded.ndjson");
    StringBuilder nd = new StringBuilder();
    String comment = "The delivery was late. ".repeat(400).substring(0, 9_000);
    for (int i = 0; i < 7; i++) {
      nd.append("{\"id\":\"b").append(i).append("\",\"score\":").append(i + 2);
      nd.append(",\"comment\":\"").append(i % 2 == 0 ? comment : "Fine.").append("\"}\n");
    }
    java.nio.file.Files.writeString(file, nd, StandardCharsets.UTF_8);
    try (TestServer server =
        TestServer.start(
            data,
            java.util.Map.of(
                "EARFUL_MAX_IMPORT_RECORDS", "3", "EARFUL_MAX_IMPORT_CHARS", "20000"))) {
      // 4 records of a few characters: over 3 records
      HttpResponse<String> r =
          server.postNdjson("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n{\"id\":\"d\"}\n");
      assertEquals(413, r.statusCode(), r.body());
      assertEquals(
          "one request may hold at most 3 records; nothing of this body was imported: send it in"
              + " smaller batches",
          TestServer.json(r).path("detail").asText());
      // 3 comments of 9,000 characters: the third passes 20,000
      String lines = nd.substring(0, nd.indexOf("{\"id\":\"b5\""));
      String three =
          lines.lines().filter(l -> l.length() > 9_000).limit(3).reduce("", (a, l) -> a + l + "\n");
      HttpResponse<String> text = server.postNdjson(three);
      assertEquals(413, text.statusCode(), text.body());
      assertEquals(
          "one request may hold at most 20000 characters of comments in all, which the first 3"
              + " records of this body pass; nothing of it was imported: send it in smaller batches",
          TestServer.json(text).path("detail").asText());
      assertEquals(0, TestServer.json(server.get("/api/v1/metrics")).path("count").asInt());

      dev.earful.cli.Cli sent =
          dev.earful.cli.Cli.run(
              "import",
              file.toString(),
              "--server",
              server.baseUrl(),
              "--max-request-records",
              "3",
              "--max-request-chars",
              "20000",
              "--no-progress");
      assertEquals(0, sent.exitCode(), sent.out() + sent.err());
      assertEquals("  imported  7 (new 7, updated 0)", sent.out().split("\n")[1], sent.out());
      assertEquals(7, TestServer.json(server.get("/api/v1/metrics")).path("count").asInt());
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  /**
   * The heavy slots are held by imports this test controls (each inside its handler, waiting for a
   * body the test never finishes); the next import is refused at once, then served once they end.
   * Waits on the server's own count of heavy requests in flight, never on time.
   */
  @Test
  void heavyRequestsOverTheLimitAreAnswered429AtOnce() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      int port = server.app().port();
      RequestLimits limits = server.app().http().limits();
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < RequestLimits.heavyLimit(); i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", port));
          OutputStream out = s.getOutputStream();
          out.write(
              ("POST /api/v1/responses HTTP/1.1\r\nHost: 127.0.0.1:"
                      + port
                      + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n{")
                  .getBytes(StandardCharsets.UTF_8));
          out.flush();
          held.add(s);
        }
        awaitHeavyInFlight(limits, RequestLimits.heavyLimit());
        HttpResponse<String> refused = server.postNdjson("{\"id\":\"x\",\"score\":3}\n");
        assertTooManyRequests(
            refused,
            "more than "
                + RequestLimits.heavyLimit()
                + " requests that analyse text or write the index are in flight; retry in 1 s");
        // reads are not heavy: still served
        assertEquals(200, server.get("/api/v1/search?q=x").statusCode());
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
      awaitHeavyInFlight(limits, 0);
      HttpResponse<String> after = server.postNdjson("{\"id\":\"y\",\"score\":3}\n");
      assertEquals(200, after.statusCode(), after.body());
      assertEquals(1, TestServer.json(after).path("indexed").asInt());
    }
  }

  /**
   * Reads over one per core wait for a turn instead of running at once: the test holds every turn
   * of the server's read gate, two searches wait (and are not answered) until one turn is given
   * back, then both are answered in turn on it. The wait is counted, and nothing is refused. (The
   * order of the turns is ReadGateTest's.)
   */
  @Test
  void readsOverOnePerCoreWaitForATurn() throws Exception {
    try (TestServer server = TestServer.start(data, ONE_READ_PER_CORE)) {
      assertEquals(
          200, server.postNdjson("{\"id\":\"a\",\"score\":3,\"comment\":\"late\"}\n").statusCode());
      ReadGate gate = server.app().http().limits().reads();
      assertEquals(Runtime.getRuntime().availableProcessors(), gate.permits());
      long admitted0 = gate.admitted();
      for (int i = 0; i < gate.permits(); i++) {
        assertTrue(gate.enter());
      }
      HttpClient client = HttpClient.newHttpClient();
      try {
        CompletableFuture<HttpResponse<String>> first =
            client.sendAsync(
                server.request("/api/v1/search?q=late").build(),
                HttpResponse.BodyHandlers.ofString());
        awaitWaiting(gate, 1);
        CompletableFuture<HttpResponse<String>> second =
            client.sendAsync(
                server.request("/api/v1/search?q=early").build(),
                HttpResponse.BodyHandlers.ofString());
        awaitWaiting(gate, 2);
        Thread.sleep(50); // long enough for a search of one response, were it not queued
        assertEquals(false, first.isDone());
        gate.release();
        HttpResponse<String> r1 = first.get(60, TimeUnit.SECONDS);
        assertEquals(200, r1.statusCode(), r1.body());
        assertEquals(1, TestServer.json(r1).path("total").asInt());
        HttpResponse<String> r2 = second.get(60, TimeUnit.SECONDS);
        assertEquals(200, r2.statusCode(), r2.body());
        assertEquals(0, TestServer.json(r2).path("total").asInt());
      } finally {
        for (int i = 1; i < gate.permits(); i++) {
          gate.release();
        }
      }
      assertEquals(2, gate.admitted() - admitted0 - gate.permits());
      assertTrue(gate.waitNanos() >= 100_000_000L, "waited " + gate.waitNanos());
      assertEquals(0, gate.refused());
      assertEquals(0, gate.running());
    }
  }

  /**
   * A read that waits {@link RequestLimits#MAX_READ_WAIT} for its turn is answered 429 with {@code
   * Retry-After}, counted in the metrics; once a turn is free, reads are served again.
   */
  @Test
  void aReadThatWaitsTooLongIsAnswered429() throws Exception {
    try (TestServer server = TestServer.start(data, ONE_READ_PER_CORE)) {
      ReadGate gate = server.app().http().limits().reads();
      for (int i = 0; i < gate.permits(); i++) {
        assertTrue(gate.enter());
      }
      long t0 = System.nanoTime();
      HttpResponse<String> refused;
      try {
        refused = server.get("/api/v1/search?q=late");
      } finally {
        for (int i = 0; i < gate.permits(); i++) {
          gate.release();
        }
      }
      long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
      assertTooManyRequests(
          refused,
          "the server is busy: this read waited 2000 ms for one of the "
              + gate.permits()
              + " reads in progress to end; retry in 1 s");
      assertTrue(waitedMillis >= RequestLimits.MAX_READ_WAIT.toMillis(), waitedMillis + " ms");
      assertEquals(1, gate.refused());
      assertEquals(200, server.get("/api/v1/search?q=late").statusCode());
      String metrics = server.get("/metrics").body();
      assertTrue(metrics.contains("earful_reads_refused_total 1.0"), metrics);
      assertTrue(metrics.contains("earful_reads_waiting 0.0"), metrics);
      assertTrue(metrics.contains("earful_reads_wait_seconds_count "), metrics);
    }
  }

  /** The read queue on: one read per core at once (the default lets every read run). */
  private static final java.util.Map<String, String> ONE_READ_PER_CORE =
      java.util.Map.of("EARFUL_CONCURRENT_READS", "0");

  /** By default reads do not queue: every request in flight may run. */
  @Test
  void readsDoNotQueueByDefault() {
    try (TestServer server = TestServer.start(data)) {
      assertEquals(RequestLimits.MAX_IN_FLIGHT, server.app().http().limits().reads().permits());
    }
  }

  /** A 429 too-many-requests problem with Retry-After 1 and this detail. */
  private static void assertTooManyRequests(HttpResponse<String> r, String detail) {
    assertEquals(429, r.statusCode(), r.body());
    assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
    JsonNode p = TestServer.json(r);
    assertEquals("urn:earful:problem:too-many-requests", p.path("type").asText());
    assertEquals(detail, p.path("detail").asText());
  }

  /** Until {@code n} reads wait at the gate (a minute at most). */
  private static void awaitWaiting(ReadGate gate, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (gate.waiting() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("reads waiting: " + gate.waiting() + ", expected " + n);
      }
      Thread.sleep(5);
    }
  }

  /** Until the server counts {@code n} heavy requests in its handlers (a minute at most). */
  private static void awaitHeavyInFlight(RequestLimits limits, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (limits.heavyInFlight() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "heavy requests in flight: " + limits.heavyInFlight() + ", expected " + n);
      }
      Thread.sleep(10);
    }
  }
}
