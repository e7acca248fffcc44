package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --sentiment-stage refine}, the default, on real servers: imports store the fast model's
 * labels and every surface says so while refinement waits; once it has run, every stored response
 * reads as an import with {@code --sentiment-stage cascade} would have stored it.
 */
class SentimentRefinementApiTest {

  /** The first {@code n} women's reviews with a comment as NDJSON, a day apart, and their ids. */
  private static List<String> reviews(int n) throws Exception {
    List<String> lines = new ArrayList<>();
    for (CSVRecord r : TestData.womensReviewsWithText(n)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", "w" + r.get(0));
      m.put("metric", "csat");
      m.put("score", Integer.parseInt(r.get("Rating")));
      m.put("comment", r.get("Review Text"));
      m.put(
          "submittedAt",
          Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(lines.size())).toString());
      m.put("segments", Map.of("department", r.get("Department Name")));
      lines.add(TestServer.JSON.writeValueAsString(m));
    }
    return lines;
  }

  private static String idOf(String line) throws Exception {
    return TestServer.JSON.readTree(line).get("id").asText();
  }

  @Test
  void whileRefinementWaitsEverySurfaceSaysWhichLabelsAreTheFastModels(@TempDir Path dir)
      throws Exception {
    List<String> lines = reviews(3);
    try (TestServer server = TestServer.start(dir, Map.of("EARFUL_REFINE_QUIET_SECONDS", "3600"))) {
      assertEquals(200, server.postNdjson(String.join("\n", lines)).statusCode());
      JsonNode model = TestServer.json(server.get("/api/v1/sentiment/model"));
      assertEquals("refine", model.get("setting").asText());
      assertEquals(true, model.get("stage").get("used").asBoolean(), model.toString());
      assertEquals(false, model.get("stage").get("onImport").asBoolean(), model.toString());
      JsonNode refinement = model.get("refinement");
      assertEquals("waiting", refinement.get("state").asText(), refinement.toString());
      assertEquals("imports are recent", refinement.get("reason").asText());
      assertEquals(0, refinement.get("refined").asInt());
      assertEquals(3, refinement.get("pending").asInt());
      assertEquals(3, refinement.get("total").asInt());
      assertTrue(refinement.get("secondsLeft").isNull(), refinement.toString());
      assertEquals("sentiment refined for 0 of 3 comments", refinement.get("note").asText());

      JsonNode health = TestServer.json(server.get("/api/v1/health"));
      assertEquals(true, health.get("ready").asBoolean(), health.toString());
      JsonNode check = health.get("checks").get("sentimentRefinement");
      assertEquals("waiting", check.get("state").asText(), health.toString());
      assertEquals(3, check.get("pending").asInt());
      assertEquals(true, check.get("ready").asBoolean());

      String metrics = server.get("/metrics").body();
      assertTrue(
          metrics.contains("\nearful_sentiment_refinement_pending 3.0\n"),
          metrics.lines().filter(l -> l.contains("refinement")).toList().toString());

      String id = idOf(lines.get(0));
      assertEquals(
          "fast",
          TestServer.json(server.get("/api/v1/responses/" + id)).get("sentimentStage").asText());
      JsonNode hit = TestServer.json(server.get("/api/v1/search?limit=1")).get("hits").get(0);
      assertEquals("fast", hit.get("sentimentStage").asText(), hit.toString());

      // A person reading one text gets the cascade's label at once.
      JsonNode analyzed =
          TestServer.json(
              server.post(
                  "/api/v1/analyze", "application/json", "{\"text\": \"Runs small, sadly.\"}"));
      assertEquals("cascade", analyzed.get("sentimentStage").asText(), analyzed.toString());
    }
  }

  @Test
  void theFastSettingHasNoRefinementAndAnalyzesWithTheFastModel(@TempDir Path dir)
      throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("EARFUL_SENTIMENT_STAGE", "fast"))) {
      JsonNode model = TestServer.json(server.get("/api/v1/sentiment/model"));
      assertEquals("fast", model.get("setting").asText());
      assertTrue(model.get("refinement").isNull(), model.toString());
      assertEquals(false, model.get("stage").get("used").asBoolean());
      JsonNode analyzed =
          TestServer.json(
              server.post(
                  "/api/v1/analyze", "application/json", "{\"text\": \"Runs small, sadly.\"}"));
      assertEquals("fast", analyzed.get("sentimentStage").asText());
      JsonNode health = TestServer.json(server.get("/api/v1/health"));
      assertTrue(!health.get("checks").has("sentimentRefinement"), health.toString());
      assertTrue(!server.get("/metrics").body().contains("earful_sentiment_refinement_pending"));
    }
  }

  /**
   * Responses stored without a server (a command's import, a folder served with fast before) carry
   * the fast model's labels; the next server with refine (or cascade) refines them once its quiet
   * period after start has passed.
   */
  @Test
  void responsesStoredWithoutAServerAreRefinedByTheNextServer(@TempDir Path dir) throws Exception {
    List<String> lines = reviews(4);
    // refine, and cascade: its imports need no refinement, but what was stored before does
    for (String setting : List.of("refine", "cascade")) {
      Path folder = dir.resolve(setting);
      try (TestServer fast = TestServer.start(folder, Map.of("EARFUL_SENTIMENT_STAGE", "fast"))) {
        assertEquals(200, fast.postNdjson(String.join("\n", lines)).statusCode());
      }
      try (TestServer server =
          TestServer.start(
              folder,
              Map.of("EARFUL_REFINE_QUIET_SECONDS", "0", "EARFUL_SENTIMENT_STAGE", setting))) {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (server.app().refiner().status().pending() > 0 && System.nanoTime() < until) {
          Thread.sleep(50);
        }
        assertEquals(4, server.app().refiner().status().refined(), setting);
        for (String line : lines) {
          assertEquals(
              "cascade",
              TestServer.json(server.get("/api/v1/responses/" + idOf(line)))
                  .get("sentimentStage")
                  .asText(),
              setting);
        }
      }
    }
  }

  /**
   * The same file imported into a folder served with refine (then refined, then discovered again,
   * as the refinement asks) and into one served with cascade: every stored response reads the same,
   * sentences, clause polarities, overall sentiment and theme mentions with their polarity.
   */
  @Test
  void aRefinedFolderReadsExactlyAsOneImportedWithTheCascade(
      @TempDir Path refineDir, @TempDir Path cascadeDir) throws Exception {
    List<String> lines = reviews(60);
    String body = String.join("\n", lines);
    Map<String, String> quick =
        Map.of("EARFUL_REFINE_QUIET_SECONDS", "1", "EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "1");
    Map<String, String> cascade = new LinkedHashMap<>(quick);
    cascade.put("EARFUL_SENTIMENT_STAGE", "cascade");
    try (TestServer refined = TestServer.start(refineDir, quick);
        TestServer cascaded = TestServer.start(cascadeDir, cascade)) {
      assertEquals(200, refined.postNdjson(body).statusCode());
      assertEquals(200, cascaded.postNdjson(body).statusCode());
      awaitDiscovery(cascaded, 1);
      long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      JsonNode refinement;
      do {
        Thread.sleep(100);
        refinement = TestServer.json(refined.get("/api/v1/sentiment/model")).get("refinement");
      } while (!(refinement.get("state").asText().equals("done")
              && refinement.get("pending").asInt() == 0)
          && System.nanoTime() < until);
      assertEquals("done", refinement.get("state").asText(), refinement.toString());
      assertEquals(60, refinement.get("refined").asInt());
      assertTrue(refinement.get("note").isNull());
      // one discovery after the import, one asked for by the refinement
      awaitDiscovery(refined, 2);
      for (String line : lines) {
        String id = idOf(line);
        JsonNode a = TestServer.json(refined.get("/api/v1/responses/" + id));
        JsonNode b = TestServer.json(cascaded.get("/api/v1/responses/" + id));
        assertEquals("cascade", a.get("sentimentStage").asText());
        assertEquals(withoutThemeIds(b), withoutThemeIds(a), id);
      }
      JsonNode expectedThemes =
          withoutThemeIds(TestServer.json(cascaded.get("/api/v1/themes?limit=100")));
      JsonNode refinedThemes =
          withoutThemeIds(TestServer.json(refined.get("/api/v1/themes?limit=100")));
      // when each folder's last discovery ran is the one thing that may differ
      ((com.fasterxml.jackson.databind.node.ObjectNode) expectedThemes.get("discovery"))
          .remove("lastRunAt");
      ((com.fasterxml.jackson.databind.node.ObjectNode) refinedThemes.get("discovery"))
          .remove("lastRunAt");
      assertTrue(expectedThemes.get("themes").size() > 5, expectedThemes.toString());
      assertEquals(expectedThemes, refinedThemes);
    }
  }

  /**
   * {@code node} with the ids of themes taken out: a theme's id is opaque, and the refined folder's
   * second discovery numbers new themes after those its first one made (t41 where the cascade's one
   * discovery says t40), with the same names, phrases, numbers and polarities.
   */
  private static JsonNode withoutThemeIds(JsonNode node) {
    JsonNode copy = node.deepCopy();
    stripThemeIds(copy, false);
    return copy;
  }

  private static void stripThemeIds(JsonNode node, boolean inThemes) {
    if (node.isObject()) {
      var object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
      if (inThemes) {
        List<String> ids = new ArrayList<>();
        object
            .fieldNames()
            .forEachRemaining(
                f -> {
                  if (f.equals("id") || f.endsWith("Id") || f.equals("parent")) {
                    ids.add(f);
                  }
                });
        object.remove(ids);
      }
      object
          .properties()
          .forEach(
              e ->
                  stripThemeIds(
                      e.getValue(),
                      inThemes || e.getKey().equals("themes") || e.getKey().equals("subThemes")));
    } else if (node.isArray()) {
      node.forEach(n -> stripThemeIds(n, inThemes));
    }
  }

  private static void awaitDiscovery(TestServer server, long runs) throws InterruptedException {
    var discovery = server.app().discovery();
    long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while ((discovery.runs() < runs || discovery.pending() || discovery.running())
        && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertTrue(discovery.runs() >= runs, discovery.runs() + " discovery runs");
  }
}
