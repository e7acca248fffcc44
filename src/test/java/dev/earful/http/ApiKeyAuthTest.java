package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyAuthTest {

  private static final String READ = "read-key-123";
  private static final String WRITE = "write-key-456";

  @TempDir static Path data;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(data, Map.of("EARFUL_API_KEYS", "read:" + READ + ",write:" + WRITE));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path, String header, String value) {
    HttpRequest.Builder b = server.request(path).GET();
    if (header != null) {
      b.header(header, value);
    }
    return server.send(b.build());
  }

  private static HttpResponse<String> post(String header, String value) {
    HttpRequest.Builder b =
        server
            .request("/api/v1/responses")
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"k1\",\"score\":9}"));
    if (header != null) {
      b.header(header, value);
    }
    return server.send(b.build());
  }

  private static void assertProblem(HttpResponse<String> r, int status, String detail) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode p = TestServer.json(r);
    assertEquals(detail, p.path("detail").asText());
  }

  @Test
  void refusesACallWithoutAKey() {
    HttpResponse<String> r = get("/api/v1/search", null, null);
    assertProblem(
        r, 401, "an API key is required: send Authorization: Bearer KEY or X-API-Key: KEY");
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
    assertProblem(
        post(null, null),
        401,
        "an API key is required: send Authorization: Bearer KEY or X-API-Key: KEY");
    assertProblem(
        get("/api/v1/no-such-route", null, null),
        401,
        "an API key is required: send Authorization: Bearer KEY or X-API-Key: KEY");
  }

  @Test
  void refusesAnUnknownKey() {
    assertProblem(
        get("/api/v1/search", "Authorization", "Bearer wrong-key-000"),
        401,
        "the API key is not known");
    assertProblem(get("/api/v1/search", "X-API-Key", READ + "x"), 401, "the API key is not known");
  }

  @Test
  void letsAReadKeyReadButNotWrite() {
    assertEquals(200, get("/api/v1/search", "Authorization", "Bearer " + READ).statusCode());
    assertEquals(200, get("/api/v1/metrics", "X-API-Key", READ).statusCode());
    assertEquals(200, get("/api/v1/search", "Authorization", "bearer " + READ).statusCode());
    assertProblem(
        post("Authorization", "Bearer " + READ), 403, "this API key may read but not write");
    assertProblem(
        server.send(
            server.request("/api/v1/responses/k1").header("X-API-Key", READ).DELETE().build()),
        403,
        "this API key may read but not write");
  }

  @Test
  void letsAWriteKeyWriteAndRead() {
    assertEquals(200, post("X-API-Key", WRITE).statusCode());
    assertEquals(200, get("/api/v1/responses/k1", "Authorization", "Bearer " + WRITE).statusCode());
  }

  @Test
  void leavesHealthOpenForProbes() {
    assertEquals(200, get("/api/v1/health", null, null).statusCode());
  }
}
