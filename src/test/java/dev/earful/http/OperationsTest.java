package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator reads: Prometheus metrics, readiness, request ids and JSON logs. */
class OperationsTest {

  @TempDir Path data;

  @Test
  void metricsCountRequestsByRouteAndStatusImportsTheIndexAndDiscovery() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      HttpResponse<String> imported =
          server.postNdjson(
              "{\"id\":\"m1\",\"score\":2,\"comment\":\"The delivery was late.\"}\n"
                  + "{\"id\":\"m2\",\"score\":9,\"comment\":\"Lovely staff.\"}\n"
                  + "{\"id\":\"m3\",\"score\":11}\n");
      assertEquals(200, imported.statusCode(), imported.body());
      server.postNdjson("{\"id\":\"m1\",\"score\":3,\"comment\":\"The delivery was late.\"}\n");
      assertEquals(200, server.get("/api/v1/responses/m1").statusCode());
      assertEquals(404, server.get("/api/v1/responses/nope").statusCode());
      assertEquals(404, server.get("/api/v1/responses/nope-either").statusCode());
      assertEquals(404, server.get("/api/v1/no-such-route").statusCode());
      // The same search twice on the same index state: the second is the first one's result.
      String first = server.get("/api/v1/search?q=delivery").body();
      assertEquals(first, server.get("/api/v1/search?q=delivery").body());
      assertEquals(
          200, server.post("/api/v1/themes/discover", "application/json", "{}").statusCode());

      HttpResponse<String> scraped = server.get("/metrics");
      assertEquals(200, scraped.statusCode());
      assertEquals(
          "text/plain; version=0.0.4; charset=utf-8",
          scraped.headers().firstValue("Content-Type").orElse(""));
      Map<String, Double> m = samples(scraped.body());
      assertEquals(4.0, m.get("earful_import_records_total{outcome=\"received\"}"));
      assertEquals(2.0, m.get("earful_import_records_total{outcome=\"indexed\"}"));
      assertEquals(1.0, m.get("earful_import_records_total{outcome=\"updated\"}"));
      assertEquals(1.0, m.get("earful_import_records_total{outcome=\"rejected\"}"));
      assertEquals(2.0, m.get("earful_index_responses"));
      assertEquals(1.0, m.get("earful_search_results_total{outcome=\"cached\"}"));
      assertEquals(1.0, m.get("earful_search_results_total{outcome=\"run\"}"));
      assertTrue(m.get("earful_index_size_bytes") > 1000, scraped.body());
      assertTrue(m.get("earful_index_commits_seconds_count") >= 2, scraped.body());
      assertTrue(m.get("earful_index_commits_seconds_sum") > 0, scraped.body());
      // Each write refreshed at once: this client's reads ran before and after, never during it.
      assertTrue(m.get("earful_index_refreshes_total") >= 2, scraped.body());
      assertEquals(0.0, m.get("earful_index_refresh_waits_total"));
      assertEquals(1.0, m.get("earful_discovery_runs_seconds_count"));
      assertEquals(0.0, m.get("earful_discovery_running"));
      assertEquals(
          2.0,
          m.get(
              "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/responses/{id}\","
                  + "status=\"404\"}"));
      assertEquals(
          1.0,
          m.get(
              "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/responses/{id}\","
                  + "status=\"200\"}"));
      assertEquals(
          2.0,
          m.get(
              "http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/responses\","
                  + "status=\"200\"}"));
      assertEquals(
          1.0,
          m.get(
              "http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\","
                  + "status=\"404\"}"));
      // latency buckets for the routes: the 10 s bucket holds every request of the route
      assertEquals(
          2.0,
          m.get(
              "http_server_requests_seconds_bucket{method=\"POST\",route=\"/api/v1/responses\","
                  + "status=\"200\",le=\"10.0\"}"));
      assertTrue(scraped.body().contains("jvm_memory_used_bytes{area=\"heap\""), "JVM memory");
      assertTrue(scraped.body().contains("jvm_threads_live_threads "), "JVM threads");
      assertTrue(scraped.body().contains("process_uptime_seconds "), "uptime");
      assertTrue(scraped.body().contains("jvm_compilation_time_ms_total"), "JIT compilation time");
      assertEquals(0.0, m.get("earful_requests_in_flight{kind=\"heavy\"}"));
    }
  }

  @Test
  void metricsNeedAKeyWhenKeysAreConfigured() {
    try (TestServer server = TestServer.start(data, Map.of("EARFUL_API_KEYS", "read:r-key-0001"))) {
      assertEquals(401, server.get("/metrics").statusCode());
      HttpResponse<String> withKey =
          server.send(
              server.request("/metrics").header("Authorization", "Bearer r-key-0001").build());
      assertEquals(200, withKey.statusCode());
      assertEquals(200, server.get("/api/v1/health").statusCode());
    }
  }

  @Test
  void healthSaysWhatIsReadyAndTheStateOfDiscovery() throws Exception {
    try (TestServer server =
        TestServer.start(data, Map.of("EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "3600"))) {
      JsonNode idle = TestServer.json(server.get("/api/v1/health"));
      assertEquals(true, idle.path("ready").asBoolean());
      assertEquals(0, idle.path("notReady").size());
      assertEquals(true, idle.path("checks").path("index").path("ready").asBoolean());
      assertEquals(0, idle.path("checks").path("index").path("responses").asInt());
      assertEquals("idle", idle.path("checks").path("discovery").path("state").asText());
      server.postNdjson("{\"id\":\"h1\",\"score\":2,\"comment\":\"The delivery was late.\"}\n");
      JsonNode scheduled = TestServer.json(server.get("/api/v1/health"));
      assertEquals("scheduled", scheduled.path("checks").path("discovery").path("state").asText());
      assertTrue(scheduled.path("checks").path("discovery").has("runsAt"));
      assertEquals(1, scheduled.path("checks").path("index").path("responses").asInt());
      assertEquals(1, scheduled.path("index").path("responses").asInt());
    }
  }

  @Test
  void requestIdsComeBackInTheHeaderAndInEveryProblem() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      HttpResponse<String> given =
          server.send(
              server.request("/api/v1/responses/none").header("X-Request-Id", "lb-7f3a.9").build());
      assertEquals(404, given.statusCode());
      assertEquals("lb-7f3a.9", given.headers().firstValue("X-Request-Id").orElse(""));
      assertEquals("lb-7f3a.9", TestServer.json(given).path("requestId").asText());

      HttpResponse<String> made = server.get("/api/v1/responses/none");
      String id = made.headers().firstValue("X-Request-Id").orElse("");
      assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
      assertEquals(id, TestServer.json(made).path("requestId").asText());

      // an id a log line could not carry unchanged is replaced
      HttpResponse<String> odd =
          server.send(
              server
                  .request("/api/v1/search?q=x")
                  .header("X-Request-Id", "x\u00e9\"{}" + "y".repeat(10))
                  .build());
      assertEquals(200, odd.statusCode());
      assertNotEquals("x\u00e9\"{}yyyyyyyyyy", odd.headers().firstValue("X-Request-Id").orElse(""));

      // the web server's own errors carry one too
      RawHttp.Answer jetty =
          RawHttp.send(
              server.app().port(),
              "GET /api/v1/search HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: raw-1\r\n"
                  + "X-Big: "
                  + "y".repeat(40_000)
                  + "\r\nConnection: close\r\n\r\n");
      assertEquals(431, jetty.status(), jetty.text());
      assertEquals(
          jetty.header("X-Request-Id"),
          TestServer.JSON.readTree(jetty.body()).path("requestId").asText());
    }
  }

  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  /**
   * A real server process with {@code --log-format json}: every line it writes to stderr is one
   * JSON object, and the access event of a request names the request id the client sent, as the
   * problem document does.
   */
  @Test
  void jsonLogsAreOneObjectPerLineWithTheRequestId() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            ChildJvm.command(
                "512m",
                "dev.earful.Earful",
                "serve",
                "--port",
                "0",
                "--data",
                data.toString(),
                "--analysis-threads",
                "1",
                "--log-format",
                "json"));
    pb.environment().keySet().removeIf(k -> k.startsWith("EARFUL_"));
    Process child = pb.start();
    List<String> stderr = new ArrayList<>();
    Thread errReader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  synchronized (stderr) {
                    stderr.add(line);
                  }
                }
              } catch (IOException e) {
                // the child ended
              }
            });
    errReader.start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread outReader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                // the child ended
              }
              port.completeExceptionally(new IllegalStateException("the child exited"));
            });
    outReader.setDaemon(true);
    outReader.start();
    JsonNode problem;
    try (HttpClient client = HttpClient.newHttpClient()) {
      String base = "http://127.0.0.1:" + port.get(120, TimeUnit.SECONDS);
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/responses/absent"))
                  .header("X-Request-Id", "trace-42")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(404, r.statusCode());
      problem = TestServer.JSON.readTree(r.body());
    } finally {
      child.destroy(); // SIGTERM: the server stops and its last events are written
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not stop");
    errReader.join(10_000);
    assertEquals("trace-42", problem.path("requestId").asText());
    List<JsonNode> events = new ArrayList<>();
    synchronized (stderr) {
      for (String line : stderr) {
        events.add(TestServer.JSON.readTree(line)); // throws on a line that is not JSON
      }
    }
    JsonNode access =
        events.stream()
            .filter(e -> e.path("loggerName").asText().equals("dev.earful.http.access"))
            .filter(e -> e.path("mdc").path("requestId").asText().equals("trace-42"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no access event for trace-42: " + stderr));
    assertEquals("INFO", access.path("level").asText());
    assertTrue(
        access.path("formattedMessage").asText().startsWith("GET /api/v1/responses/absent 404 in "),
        access.toString());
    assertTrue(
        access.path("kvpList").toString().contains("{\"status\":\"404\"}"), access.toString());
    assertTrue(
        events.stream().anyMatch(e -> e.path("loggerName").asText().startsWith("dev.earful.")),
        "the server's own events are JSON too");
  }

  /** Prometheus text lines as "name{labels}" -> value (comments skipped). */
  static Map<String, Double> samples(String text) {
    Map<String, Double> out = new java.util.HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return out;
  }
}
