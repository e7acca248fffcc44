package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Customer and account on a response: stored, returned, validated, and filtered like segments. */
class CustomerAccountApiTest {

  @TempDir static Path data;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(data);
    HttpResponse<String> r =
        server.postNdjson(
            "{\"id\":\"c1\",\"score\":2,\"comment\":\"Slow support.\",\"customer\":\"ann@acme.example\","
                + "\"account\":\"Acme, Inc.\",\"submittedAt\":\"2024-03-01T10:00:00Z\"}\n"
                + "{\"id\":\"c2\",\"score\":10,\"comment\":\"Great support.\",\"customer\":\"bob@acme.example\","
                + "\"account\":\"Acme, Inc.\",\"submittedAt\":\"2024-03-02T10:00:00Z\"}\n"
                + "{\"id\":\"c3\",\"score\":6,\"comment\":\"Slow app.\",\"customer\":\"cy@globex.example\","
                + "\"account\":\"Globex\",\"submittedAt\":\"2024-03-03T10:00:00Z\"}\n"
                + "{\"id\":\"c4\",\"score\":9,\"comment\":\"Fine.\",\"customer\":\"  \","
                + "\"submittedAt\":\"2024-03-04T10:00:00Z\"}\n"
                + "{\"id\":\"c5\",\"score\":9,\"customer\":\""
                + "x".repeat(257)
                + "\",\"account\":7}\n"
                + "{\"id\":\"c6\",\"score\":9,\"account\":{\"name\":\"Acme\"}}\n"
                + "{\"id\":\"c7\",\"score\":9,\"customer\":\"bad\\u0007bell\"}\n");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode report = TestServer.json(r);
    assertEquals(4, report.path("indexed").asInt(), r.body());
    List<String> rejected = new ArrayList<>();
    for (JsonNode rej : report.path("rejected")) {
      for (JsonNode e : rej.path("errors")) {
        rejected.add(
            rej.path("id").asText()
                + " "
                + e.path("field").asText()
                + ": "
                + e.path("message").asText());
      }
    }
    assertEquals(
        List.of(
            "c5 customer: must be at most 256 characters, got 257",
            "c6 account: must be a string",
            "c7 customer: must not contain control characters"),
        rejected);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> ids(String query) {
    HttpResponse<String> r = server.get("/api/v1/search?sort=oldest&" + query);
    assertEquals(200, r.statusCode(), r.body());
    List<String> out = new ArrayList<>();
    TestServer.json(r).path("hits").forEach(h -> out.add(h.path("id").asText()));
    return out;
  }

  @Test
  void returnsTheCustomerAndAccountOfAResponseAndNullWhenAbsent() {
    JsonNode c1 = TestServer.json(server.get("/api/v1/responses/c1"));
    assertEquals("ann@acme.example", c1.path("customer").asText());
    assertEquals("Acme, Inc.", c1.path("account").asText());
    JsonNode c4 = TestServer.json(server.get("/api/v1/responses/c4"));
    assertEquals(true, c4.path("customer").isNull());
    assertEquals(true, c4.path("account").isNull());
  }

  @Test
  void filtersSearchByAccountAndCustomerWithCommasKeptInValues() {
    assertEquals(List.of("c1", "c2"), ids("account=Acme,%20Inc."));
    assertEquals(List.of("c3"), ids("account=Globex"));
    assertEquals(List.of("c1", "c3"), ids("account=Globex&account=Acme,%20Inc.&maxScore=6"));
    assertEquals(List.of("c2"), ids("customer=bob@acme.example"));
    assertEquals(List.of(), ids("customer=bob@acme.example&account=Globex"));
    JsonNode hit =
        TestServer.json(server.get("/api/v1/search?customer=ann@acme.example")).path("hits").get(0);
    assertEquals("ann@acme.example", hit.path("customer").asText());
    assertEquals("Acme, Inc.", hit.path("account").asText());
  }

  @Test
  void filtersMetricsByAccount() {
    JsonNode m = TestServer.json(server.get("/api/v1/metrics?metric=nps&account=Acme,%20Inc."));
    assertEquals(2, m.path("count").asInt());
    assertEquals(1, m.path("promoters").asInt());
    assertEquals(1, m.path("detractors").asInt());
    assertEquals(0.0, m.path("nps").asDouble());
  }

  @Test
  void postsBackAResponseReadFromTheApiUnchanged() {
    String body = server.get("/api/v1/responses/c3").body();
    HttpResponse<String> r = server.post("/api/v1/responses", "application/json", "[" + body + "]");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(1, TestServer.json(r).path("updated").asInt(), r.body());
    assertEquals(
        "Globex", TestServer.json(server.get("/api/v1/responses/c3")).path("account").asText());
  }
}
