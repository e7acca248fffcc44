package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a server does when it is told to stop (SIGTERM, `docker stop`), seen by an operator. */
class ServerStopTest {

  @TempDir Path data;

  /**
   * On main a server stopped within the debounce after an import ran the whole theme discovery in
   * its shutdown hook: 48 s at 3,500 comments in the operator's trial (session 27), where `docker
   * stop` kills after 10 s. Now it stops without it and the next start schedules it.
   */
  @Test
  void aServerStopsWithoutRunningTheWaitingDiscoveryAndItsNextStartSchedulesIt() {
    Map<String, String> debounced = Map.of("EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "3600");
    TestServer stopped = TestServer.start(data, debounced);
    try (TestServer server = stopped) {
      assertEquals(
          200,
          server
              .postNdjson(
                  "{\"id\":\"a\",\"score\":2,\"comment\":\"The zipper broke after one wash.\"}\n")
              .statusCode());
      assertTrue(server.app().discovery().pending());
    }
    assertNull(stopped.app().discovery().last(), "the stop ran the waiting discovery");
    assertTrue(Files.exists(data.resolve("discovery-due")));

    try (TestServer server = TestServer.start(data, debounced)) {
      JsonNode discovery =
          TestServer.json(server.get("/api/v1/health")).path("checks").path("discovery");
      assertEquals("scheduled", discovery.path("state").asText(), discovery.toString());
      assertFalse(Files.exists(data.resolve("discovery-due")));
    }
  }

  /**
   * README: "Stop the server with Ctrl-C (or SIGTERM): it finishes the requests in flight". On main
   * Jetty closed their connections at once: in the operator's trial (session 27) an import batch of
   * 500 reviews in flight at SIGTERM got no answer ("header parser received no bytes") though the
   * server went on to store it.
   */
  @Test
  void aStopLetsTheImportInFlightFinishAndAnswer() throws Exception {
    TestServer server = TestServer.start(data);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      body.append("{\"id\":\"r")
          .append(i)
          .append("\",\"score\":")
          .append(i % 11)
          .append(",\"comment\":\"The zipper broke after ")
          .append(i)
          .append(" washes, but the fabric is lovely and the colour held up well.\"}\n");
    }
    java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> imported =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> server.postNdjson(body.toString()));
    RequestLimits limits = server.app().http().limits();
    while (limits.heavyInFlight() == 0 && !imported.isDone()) {
      Thread.onSpinWait();
    }
    assertFalse(imported.isDone(), "the import answered before the stop: nothing was tested");
    server.close(); // what the shutdown hook of SIGTERM does

    java.net.http.HttpResponse<String> answer = imported.get();
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(2000, TestServer.json(answer).path("indexed").asInt(), answer.body());
  }

  /**
   * Review R6: a discovery already running at the stop was not noted, so the discovery the imports
   * asked for was lost until the next import (and the stop waited for it up to 10 s). Now it is
   * noted as a waiting one is, and the run stops at its next comment read.
   */
  @Test
  void aDiscoveryRunningAtTheStopIsNotedForTheNextStart() {
    StringBuilder body = new StringBuilder();
    for (org.apache.commons.csv.CSVRecord r : dev.earful.TestData.womensReviewsWithText(480)) {
      body.append(
              TestServer.JSON
                  .createObjectNode()
                  .put("id", "w" + r.get(0))
                  .put("metric", "csat")
                  .put("score", Integer.parseInt(r.get("Rating")))
                  .put("comment", r.get("Review Text")))
          .append('\n');
    }
    try (TestServer server = TestServer.start(data)) {
      assertEquals(200, server.postNdjson(body.toString()).statusCode());
      server.app().discovery().requestSoon(); // the debounce is 0 here: it starts now
      while (!server.app().discovery().running()) {
        assertNull(server.app().discovery().last(), "the run ended before the stop was tried");
        Thread.onSpinWait();
      }
    }
    assertTrue(Files.exists(data.resolve("discovery-due")));
  }
}
