package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

  /** One import of one detractor: one alert of each of {@code rules} new-response rules. */
  private void raise(String id, int rules) {
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
    assertEquals(rules, TestServer.json(r).path("alerts").path("raised").asInt(), r.body());
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("alerts").forEach(a -> out.add(a.path("id").asText()));
    return out;
  }

  @Test
  void pagesThroughEveryAlertWithoutRepeatsWhileMoreAreRaised() {
    server.addEveryDetractorAlertRule();
    for (int i = 0; i < 5; i++) {
      raise("r" + i, 1);
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
      raise("new" + page, 1); // newer than every alert shown: not on the later pages
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

  /**
   * Two alerts of one import share their instant. The first leaves a {@code delivery=pending} list
   * between two pages (delivered): the next page still shows the second, which going on from the
   * first alert raised before the cursor's instant skipped (review R7).
   */
  @Test
  void anAlertOfTheSameEvaluationIsShownWhenTheCursorsAlertIsDeliveredBetweenPages()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.createContext(
        "/a",
        x -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    receiver.createContext(
        "/b",
        x -> {
          x.sendResponseHeaders(500, -1);
          x.close();
        });
    receiver.start();
    try {
      String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
      for (String hook : List.of("a", "b")) {
        HttpResponse<String> rule =
            server.post(
                "/api/v1/alert-rules",
                "application/json",
                "{\"name\":\""
                    + hook
                    + "\",\"type\":\"new_response\",\"when\":{\"category\":\"detractor\"},"
                    + "\"webhook\":{\"url\":\""
                    + base
                    + "/"
                    + hook
                    + "\",\"secret\":\"a-secret-of-16-chars\",\"maxAttempts\":10,"
                    + "\"backoffMillis\":3600000}}");
        assertEquals(201, rule.statusCode(), rule.body());
      }
      raise("r1", 2);
      JsonNode first = TestServer.json(server.get("/api/v1/alerts?delivery=pending&limit=1"));
      assertEquals(2, first.path("total").asInt(), first.toString());
      String shown = first.at("/alerts/0/id").asText();
      release.countDown();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (ids(TestServer.json(server.get("/api/v1/alerts?delivery=delivered"))).isEmpty()) {
        assertTrue(System.nanoTime() < until, "the first alert was never delivered");
        Thread.sleep(50);
      }
      JsonNode second =
          TestServer.json(
              server.get(
                  "/api/v1/alerts?delivery=pending&limit=1&cursor="
                      + first.path("nextCursor").asText()));
      List<String> pending = ids(TestServer.json(server.get("/api/v1/alerts?delivery=pending")));
      assertEquals(1, pending.size(), pending.toString());
      assertTrue(!pending.contains(shown), pending.toString());
      assertEquals(pending, ids(second));
    } finally {
      receiver.stop(0);
    }
  }
}
