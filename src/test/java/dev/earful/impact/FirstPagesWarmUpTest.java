package dev.earful.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.http.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's first rankings of new themes are computed in the background after a taxonomy change (a
 * discovery or an edit), so its first GET /themes finds them: each department's first request after
 * a discovery computed while the user waited (session 25). A real server on port 0 and its index;
 * the fast sentiment stage, so no refinement writes a new index state meanwhile.
 */
class FirstPagesWarmUpTest {

  @TempDir Path data;

  @Test
  void aTaxonomyEditComputesThePagesFirstRankingsInTheBackgroundOnceEach() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of("EARFUL_SENTIMENT_STAGE", "fast"))) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 30; i++) {
        String comment =
            i % 3 == 0
                ? "Still waiting for my refund."
                : i % 3 == 1 ? "The app keeps crashing." : "Friendly staff.";
        body.append("{\"id\":\"r")
            .append(i)
            .append("\",\"score\":")
            .append(i % 3 == 2 ? 10 : i % 7)
            .append(",\"comment\":\"")
            .append(comment)
            .append("\"}\n");
      }
      assertEquals(200, server.postNdjson(body.toString()).statusCode());
      ImpactService impact = server.app().impact();

      long before = impact.computed();
      HttpResponse<String> created =
          server.post(
              "/api/v1/themes",
              "application/json",
              "{\"name\":\"refunds\",\"phrases\":[\"refund\"]}");
      assertEquals(201, created.statusCode(), created.body());
      awaitComputed(impact, before + ImpactService.FIRST_PAGES.size());
      JsonNode page = TestServer.json(server.get("/api/v1/themes?limit=100"));
      assertEquals(before + 2, impact.computed(), "the first GET computed its ranking again");
      assertTrue(page.at("/freshness/current").asBoolean(), page.toString());
      assertEquals("refunds", page.at("/themes/0/name").asText(), page.toString());
      assertEquals(10, page.at("/themes/0/mentions").asInt(), page.toString());
      TestServer.json(server.get("/api/v1/themes?limit=1000"));
      assertEquals(before + 2, impact.computed());

      // A second edit with the page's request right behind it: whichever comes first computes the
      // ranking, the other waits for it or finds it; the renamed theme, never the old name.
      long edited = impact.computed();
      HttpResponse<String> renamed =
          server.send(
              server
                  .request("/api/v1/themes/t1")
                  .header("Content-Type", "application/json")
                  .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"money back\"}"))
                  .build());
      assertEquals(200, renamed.statusCode(), renamed.body());
      JsonNode first = TestServer.json(server.get("/api/v1/themes?limit=100"));
      assertEquals("money back", first.at("/themes/0/name").asText(), first.toString());
      awaitComputed(impact, edited + 2);
      Thread.sleep(200); // nothing more is computed after the two pages
      assertEquals(edited + 2, impact.computed());
      List<String> names = new ArrayList<>();
      TestServer.json(server.get("/api/v1/themes?limit=1000"))
          .path("themes")
          .forEach(t -> names.add(t.path("name").asText()));
      assertEquals(List.of("money back"), names);
      assertEquals(edited + 2, impact.computed());
    }
  }

  /** Waits (at most 30 s) until the service has computed {@code count} rankings. */
  private static void awaitComputed(ImpactService impact, long count) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (impact.computed() < count && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertEquals(count, impact.computed(), "rankings computed");
  }
}
