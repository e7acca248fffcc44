package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.TestData;
import dev.earful.ingest.SentimentRefiner;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow-up and alert rules that read {@code sentiment} under {@code --sentiment-stage refine}
 * (review R1 of session 21): once the background refinement has run, the follow-up queue holds what
 * an import with the cascade would have opened, an import that asked for no follow-ups gets none
 * from the refinement, a follow-up a person touched is left as it is, and each response raises a
 * rule's alert once. The reference is a folder served with {@code cascade} that imports the same
 * real reviews.
 */
class RefinedRulesApiTest {

  private static final String FOLLOWUP_RULES =
      "{\"rules\":[{\"id\":\"neg\",\"kind\":\"recover\",\"when\":{\"sentiment\":\"negative\"},"
          + "\"maxAgeDays\":null}]}";

  private static final String ALERT_RULE =
      "{\"name\":\"negative\",\"type\":\"new_response\",\"when\":{\"sentiment\":\"negative\"},"
          + "\"webhook\":{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"0123456789abcdef\","
          + "\"maxAttempts\":1}}";

  /** The first {@code n} women's reviews as NDJSON lines, submitted in the last days. */
  static List<String> reviews(int n) throws Exception {
    List<String> lines = new ArrayList<>();
    Instant now = Instant.now();
    for (CSVRecord r : TestData.womensReviewsWithText(n)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", "w" + r.get(0));
      m.put("metric", "csat");
      m.put("score", Integer.parseInt(r.get("Rating")));
      m.put("comment", r.get("Review Text"));
      m.put("submittedAt", now.minus(Duration.ofHours(lines.size() + 1)).toString());
      lines.add(TestServer.JSON.writeValueAsString(m));
    }
    return lines;
  }

  private static void setRules(TestServer server) {
    HttpResponse<String> put =
        server.send(
            server
                .request("/api/v1/followup-rules")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(FOLLOWUP_RULES))
                .build());
    assertEquals(200, put.statusCode(), put.body());
    HttpResponse<String> alert = server.post("/api/v1/alert-rules", "application/json", ALERT_RULE);
    assertEquals(201, alert.statusCode(), alert.body());
  }

  /** The first half with follow-ups, the second half with {@code followups=false}. */
  private static void importBoth(TestServer server, List<String> on, List<String> off) {
    HttpResponse<String> a = server.postNdjson(String.join("\n", on));
    assertEquals(200, a.statusCode(), a.body());
    HttpResponse<String> b =
        server.post(
            "/api/v1/responses?followups=false", "application/x-ndjson", String.join("\n", off));
    assertEquals(200, b.statusCode(), b.body());
  }

  /** Response id to follow-up, of one status. */
  private static Map<String, JsonNode> followups(TestServer server, String status) {
    JsonNode page = TestServer.json(server.get("/api/v1/followups?limit=500&status=" + status));
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode f : page.path("followups")) {
      out.put(f.path("responseId").asText(), f);
    }
    assertEquals(out.size(), page.path("total").asInt(), page.toString());
    return out;
  }

  /** Every response id the alerts list, each as often as alerts name it. */
  private static List<String> alerted(TestServer server) {
    List<String> ids = new ArrayList<>();
    for (JsonNode a : TestServer.json(server.get("/api/v1/alerts?limit=500")).path("alerts")) {
      a.at("/body/responseIds").forEach(id -> ids.add(id.asText()));
    }
    return ids;
  }

  private static void awaitRefined(TestServer server) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    SentimentRefiner.Status s = server.app().refiner().status();
    // done, not only nothing pending: the rules run after each batch is written
    while ((s.pending() > 0 || s.state() != SentimentRefiner.State.DONE)
        && System.nanoTime() < until) {
      Thread.sleep(50);
      s = server.app().refiner().status();
    }
    assertEquals(0, s.pending(), s.toString());
    assertEquals(SentimentRefiner.State.DONE, s.state(), s.toString());
  }

  private static String idOf(String line) throws Exception {
    return TestServer.JSON.readTree(line).get("id").asText();
  }

  private static JsonNode assign(TestServer server, JsonNode followup) {
    HttpResponse<String> r =
        server.send(
            server
                .request("/api/v1/followups/" + followup.path("id").asText())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"assignee\":\"sam\"}"))
                .build());
    assertEquals(200, r.statusCode(), r.body());
    return TestServer.json(r);
  }

  @Test
  void theRulesOnSentimentEndAsACascadeImportWouldLeaveThem(@TempDir Path dir) throws Exception {
    // w10 and w96 are read negative by the cascade and not by the fast model (review R1's
    // scratch test found them): they go in the import that asks for no follow-ups.
    List<String> lines = reviews(400);
    List<String> on = new ArrayList<>();
    List<String> off = new ArrayList<>();
    Set<String> offIds = new TreeSet<>();
    for (String l : lines) {
      String id = idOf(l);
      if (id.equals("w10") || id.equals("w96") || lines.indexOf(l) >= 380) {
        off.add(l);
        offIds.add(id);
      } else {
        on.add(l);
      }
    }

    // The reference: the cascade's labels at the import.
    Set<String> cascadeOpen;
    List<String> cascadeAlerted;
    try (TestServer cascade =
        TestServer.start(dir.resolve("cascade"), Map.of("EARFUL_SENTIMENT_STAGE", "cascade"))) {
      setRules(cascade);
      importBoth(cascade, on, off);
      cascadeOpen = followups(cascade, "open").keySet();
      cascadeAlerted = alerted(cascade);
    }

    // The fast model's labels at the import, as refine stores them.
    Path folder = dir.resolve("refine");
    Set<String> fastOpen;
    Set<String> fastAlerted;
    try (TestServer fast = TestServer.start(folder, Map.of("EARFUL_SENTIMENT_STAGE", "fast"))) {
      setRules(fast);
      importBoth(fast, on, off);
      Map<String, JsonNode> open = followups(fast, "open");
      fastOpen = open.keySet();
      fastAlerted = new TreeSet<>(alerted(fast));
      for (JsonNode f : open.values()) {
        assertEquals("rule:neg (fast sentiment)", f.at("/history/0/by").asText(), f.toString());
      }
    }
    // The data this test stands on: the two models disagree both ways on these reviews, and on
    // some of the import without follow-ups (the alerts name every negative response).
    Set<String> onlyFast = new TreeSet<>(fastOpen);
    onlyFast.removeAll(cascadeOpen);
    Set<String> onlyCascade = new TreeSet<>(cascadeOpen);
    onlyCascade.removeAll(fastOpen);
    assertFalse(onlyFast.isEmpty(), "cascade only " + onlyCascade);
    assertFalse(onlyCascade.isEmpty(), "fast only " + onlyFast);
    Set<String> offTurnedNegative = new TreeSet<>(cascadeAlerted);
    offTurnedNegative.removeAll(fastAlerted);
    offTurnedNegative.retainAll(offIds);
    assertFalse(offTurnedNegative.isEmpty(), cascadeAlerted + " " + fastAlerted);

    try (TestServer refine = TestServer.start(folder, Map.of("EARFUL_REFINE_QUIET_SECONDS", "0"))) {
      awaitRefined(refine);
      Map<String, JsonNode> open = followups(refine, "open");
      assertEquals(cascadeOpen, open.keySet());
      for (String id : cascadeOpen) {
        assertEquals(
            fastOpen.contains(id) ? "rule:neg (fast sentiment)" : "rule:neg (refined sentiment)",
            open.get(id).at("/history/0/by").asText(),
            id);
      }

      // Opened on the fast label, untouched, not negative now: closed, saying why.
      Map<String, JsonNode> closed = followups(refine, "no_action");
      assertEquals(onlyFast, closed.keySet());
      for (JsonNode f : closed.values()) {
        assertEquals("refinement", f.at("/history/1/by").asText(), f.toString());
        assertEquals("no_action", f.at("/history/1/to").asText(), f.toString());
        assertTrue(
            f.at("/notes/0/text")
                .asText()
                .startsWith("Closed when the sentiment was refined: the cascade reads this"),
            f.toString());
      }

      // The import that asked for none gets none from the refinement either (its choice was kept
      // in the folder across the restart).
      for (String status : List.of("open", "no_action")) {
        Set<String> fromOff = new TreeSet<>(followups(refine, status).keySet());
        fromOff.retainAll(offIds);
        assertEquals(Set.of(), fromOff, status);
      }

      // Alerts: what was raised on the fast labels stays (it was sent); every response the
      // cascade reads negative is alerted; no response twice.
      List<String> alerted = alerted(refine);
      assertEquals(new HashSet<>(alerted).size(), alerted.size(), alerted.toString());
      Set<String> expectedAlerted = new TreeSet<>(fastAlerted);
      expectedAlerted.addAll(cascadeAlerted);
      assertEquals(expectedAlerted, new TreeSet<>(alerted));
    }

    // A follow-up a person acted on (assigned) is left open though the cascade no longer selects
    // it.
    String touched = onlyFast.iterator().next();
    Path second = dir.resolve("touched");
    String line =
        lines.stream().filter(l -> l.contains("\"id\":\"" + touched + "\"")).findFirst().get();
    try (TestServer fast = TestServer.start(second, Map.of("EARFUL_SENTIMENT_STAGE", "fast"))) {
      setRules(fast);
      assertEquals(200, fast.postNdjson(line).statusCode());
      assign(fast, followups(fast, "open").get(touched));
    }
    try (TestServer refine = TestServer.start(second, Map.of("EARFUL_REFINE_QUIET_SECONDS", "0"))) {
      awaitRefined(refine);
      JsonNode f = followups(refine, "open").get(touched);
      assertEquals("sam", f.path("assignee").asText(), String.valueOf(f));
      assertEquals(Map.of(), followups(refine, "no_action"));
    }
  }
}
