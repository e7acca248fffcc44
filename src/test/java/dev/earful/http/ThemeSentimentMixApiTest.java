package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A theme's sentiment mix in GET /themes counts each response that mentions it once, with the
 * polarity its search hit gives the theme, so the three counts add up to the mentions (session 27's
 * audit: "fabric" showed 11,784 counted beside 9,845 mentions on the women's reviews).
 */
class ThemeSentimentMixApiTest {

  @TempDir Path data;

  @Test
  void theMixCountsEachMentioningResponseOnceAsItsHitDoes() {
    try (TestServer server =
        TestServer.start(data, Map.of("EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "0"))) {
      server.postNdjson(
          line("r1", 2, "I love the fabric, it is beautiful. The fabric is terrible and cheap.")
              + line("r2", 9, "The fabric is lovely and soft.")
              + line("r3", 3, "The fabric ripped after one wash, awful.")
              + line("r4", 10, "Wonderful fabric, gorgeous colour, I adore it.")
              + line("r5", 8, "Fast shipping."));
      assertEquals(
          201,
          server.post("/api/v1/themes", "application/json", "{\"name\":\"fabric\"}").statusCode());

      JsonNode theme =
          TestServer.json(server.get("/api/v1/themes?minMentions=1")).path("themes").get(0);
      assertEquals(4, theme.path("mentions").asInt());
      Map<String, Integer> fromHits =
          new TreeMap<>(Map.of("positive", 0, "neutral", 0, "negative", 0));
      for (JsonNode hit :
          TestServer.json(server.get("/api/v1/search?theme=t1&limit=200")).path("hits")) {
        fromHits.merge(hit.path("themes").get(0).path("sentiment").asText(), 1, Integer::sum);
      }
      // r1 praises the fabric in one sentence and faults it in the next: its hit says negative
      assertEquals(
          "negative",
          TestServer.json(server.get("/api/v1/search?q=beautiful&limit=1"))
              .path("hits")
              .get(0)
              .path("themes")
              .get(0)
              .path("sentiment")
              .asText());
      assertEquals(Map.of("positive", 2, "neutral", 0, "negative", 2), fromHits);
      JsonNode mix = theme.path("sentiment");
      assertEquals(
          fromHits,
          new TreeMap<>(
              Map.of(
                  "positive", mix.path("positive").asInt(),
                  "neutral", mix.path("neutral").asInt(),
                  "negative", mix.path("negative").asInt())),
          mix.toString());
    }
  }

  private static String line(String id, int score, String comment) {
    return TestServer.JSON
            .valueToTree(
                Map.of(
                    "id", id,
                    "score", score,
                    "comment", comment,
                    "submittedAt", "2024-03-01T10:00:00Z"))
            .toString()
        + "\n";
  }
}
