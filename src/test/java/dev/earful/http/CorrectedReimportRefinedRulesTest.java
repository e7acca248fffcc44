package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule on sentiment and a corrected re-import (review R1 of session 26, the reviewer's tests): a
 * changed record gets the fast labels again, so the import decides the rule on them, and the
 * refinement must decide it again on the cascade's, either way, for a follow-up Earful alone has
 * written. Real server on port 0, real women's reviews (TestData), the refiner with no quiet
 * period.
 */
class CorrectedReimportRefinedRulesTest {

  private static Map<String, JsonNode> followups(TestServer server, String status) {
    JsonNode page = TestServer.json(server.get("/api/v1/followups?limit=500&status=" + status));
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode f : page.path("followups")) {
      out.put(f.path("responseId").asText(), f);
    }
    return out;
  }

  private static String stage(TestServer server, String id) {
    return TestServer.json(server.get("/api/v1/responses/" + id)).path("sentimentStage").asText();
  }

  private static void awaitCascade(TestServer server, String id) throws Exception {
    long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (!stage(server, id).equals("cascade") && System.nanoTime() < until) {
      Thread.sleep(200);
    }
    assertEquals("cascade", stage(server, id));
    awaitRefined(server);
  }

  private static void awaitRefined(TestServer server) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    dev.earful.ingest.SentimentRefiner.Status s = server.app().refiner().status();
    while ((s.pending() > 0 || s.state() != dev.earful.ingest.SentimentRefiner.State.DONE)
        && System.nanoTime() < until) {
      Thread.sleep(50);
      s = server.app().refiner().status();
    }
  }

  /** The one rule: recover every response read negative, of any age. */
  private static void putNegativeRule(TestServer server) {
    HttpResponse<String> put =
        server.put(
            "/api/v1/followup-rules",
            "application/json",
            "{\"rules\":[{\"id\":\"neg\",\"kind\":\"recover\",\"when\":"
                + "{\"sentiment\":\"negative\"},\"maxAgeDays\":null}]}");
    assertEquals(200, put.statusCode(), put.body());
  }

  @Test
  void theRefinementClosesAgainWhatACorrectedReimportReopenedOnTheFastLabel(@TempDir Path dir)
      throws Exception {
    List<String> lines = RefinedRulesApiTest.reviews(400);
    try (TestServer fast = TestServer.start(dir, Map.of("EARFUL_SENTIMENT_STAGE", "fast"))) {
      putNegativeRule(fast);
      HttpResponse<String> imp = fast.postNdjson(String.join("\n", lines));
      assertEquals(200, imp.statusCode());
    }
    try (TestServer server = TestServer.start(dir, Map.of("EARFUL_REFINE_QUIET_SECONDS", "0"))) {
      putNegativeRule(server);
      awaitRefined(server);
      Map<String, JsonNode> closed = followups(server, "no_action");
      assertFalse(closed.isEmpty());
      String x = closed.keySet().iterator().next();
      String line =
          lines.stream().filter(l -> l.contains("\"id\":\"" + x + "\"")).findFirst().get();
      ObjectNode o = (ObjectNode) TestServer.JSON.readTree(line);
      o.put(
          "score",
          o.get("score").asInt() == 5 ? 4 : o.get("score").asInt() + 1); // a corrected score
      JsonNode did = TestServer.json(server.postNdjson(o.toString()));
      // the import reads the fast label again, which the rule selects: reopened until refined
      assertEquals(1, did.path("followups").path("reopened").asInt(), did.toString());
      awaitCascade(server, x);
      JsonNode f =
          TestServer.json(server.get("/api/v1/followups/" + closed.get(x).path("id").asText()));
      assertEquals(
          "no_action", f.path("status").asText(), "the cascade still reads it non-negative");
    }
  }

  @Test
  void theRefinementReopensWhatACorrectedReimportClosedOnTheFastLabel(@TempDir Path dir)
      throws Exception {
    // w10, w96: negative to the cascade, not to the fast model (RefinedRulesApiTest's note)
    List<String> lines =
        RefinedRulesApiTest.reviews(100).stream()
            .filter(l -> l.contains("\"id\":\"w10\"") || l.contains("\"id\":\"w96\""))
            .toList();
    try (TestServer server = TestServer.start(dir, Map.of("EARFUL_REFINE_QUIET_SECONDS", "0"))) {
      putNegativeRule(server);
      assertEquals(200, server.postNdjson(String.join("\n", lines)).statusCode());
      for (String l : lines) {
        awaitCascade(server, TestServer.JSON.readTree(l).get("id").asText());
      }
      Map<String, JsonNode> open = followups(server, "open");
      assertFalse(open.isEmpty());
      String x = open.keySet().iterator().next();
      String line =
          lines.stream().filter(l -> l.contains("\"id\":\"" + x + "\"")).findFirst().get();
      ObjectNode o = (ObjectNode) TestServer.JSON.readTree(line);
      o.put("score", o.get("score").asInt() == 5 ? 4 : o.get("score").asInt() + 1);
      JsonNode did = TestServer.json(server.postNdjson(o.toString()));
      // the import reads the fast label again, which the rule does not select: closed until refined
      assertEquals(1, did.path("followups").path("closed").asInt(), did.toString());
      awaitCascade(server, x);
      JsonNode f =
          TestServer.json(server.get("/api/v1/followups/" + open.get(x).path("id").asText()));
      assertEquals("open", f.path("status").asText(), "the cascade reads it negative again");
    }
  }
}
