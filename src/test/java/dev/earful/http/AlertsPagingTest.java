package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /alerts pages with a cursor: a client read the newest 50 (500 at most) and never the older
 * ones (the API trial of session 26).
 */
class AlertsPagingTest {

  @TempDir Path data;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(data);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** One import of one detractor: one alert of the new-response rule. */
  private void raise(String id) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    HttpResponse<String> r =
        server.post(
            "/api/v1/responses",
            "application/json",
            "[{\"id\":\""
                + id
                + "\",\"score\":1,\"comment\":\"Bad.\",\"submittedAt\":\""
                + now
                + "\"}]");
    assertEquals(1, TestServer.json(r).path("alerts").path("raised").asInt(), r.body());
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("alerts").forEach(a -> out.add(a.path("id").asText()));
    return out;
  }

  @Test
  void pagesThroughEveryAlertWithoutRepeatsWhileMoreAreRaised() {
    HttpResponse<String> rule =
        server.post(
            "/api/v1/alert-rules",
            "application/json",
            "{\"name\":\"every detractor\",\"type\":\"new_response\","
                + "\"when\":{\"category\":\"detractor\"}}");
    assertEquals(201, rule.statusCode(), rule.body());
    for (int i = 0; i < 5; i++) {
      raise("r" + i);
    }
    List<String> all = ids(TestServer.json(server.get("/api/v1/alerts?limit=500")));
    assertEquals(5, all.size());
    List<String> paged = new ArrayList<>();
    String query = "/api/v1/alerts?limit=2";
    for (int page = 0; ; page++) {
      HttpResponse<String> r = server.get(query);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode doc = TestServer.json(r);
      paged.addAll(ids(doc));
      if (doc.path("nextCursor").isNull()) {
        break;
      }
      raise("new" + page); // newer than every alert shown: not on the later pages
      query = "/api/v1/alerts?limit=2&cursor=" + doc.path("nextCursor").asText();
    }
    assertEquals(all, paged);
    // limit= (blank) is the default, as on /search, /themes, /accounts and /followups: it was a
    // 400.
    assertEquals(
        ids(TestServer.json(server.get("/api/v1/alerts"))),
        ids(TestServer.json(server.get("/api/v1/alerts?limit="))));
    HttpResponse<String> bad = server.get("/api/v1/alerts?cursor=not-a-cursor");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("\"field\":\"cursor\""), bad.body());
  }
}
