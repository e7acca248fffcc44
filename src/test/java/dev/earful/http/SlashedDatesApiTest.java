package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slashed dates sent to {@code POST /api/v1/responses} are read in one order per body, decided as
 * the CLI decides for a column (a value over 12 settles it), or as {@code dates=} says; before, the
 * API always read them month first, so {@code 03/04/2018} beside {@code 21/02/2018} became 4 March.
 */
class SlashedDatesApiTest {

  @TempDir Path data;

  private static String line(String id, String when) {
    return "{\"id\":\""
        + id
        + "\",\"metric\":\"nps\",\"score\":3,\"comment\":\"late\",\"submittedAt\":\""
        + when
        + "\"}\n";
  }

  @Test
  void oneBodyIsReadInTheOrderItsOwnDatesSettle() {
    try (TestServer server = TestServer.start(data)) {
      HttpResponse<String> r =
          server.postNdjson(line("a", "21/02/2018 19:39") + line("b", "03/04/2018 10:00"));
      assertEquals(200, r.statusCode(), r.body());
      JsonNode answer = TestServer.json(r);
      assertEquals(2, answer.path("indexed").asInt());
      assertEquals("day first", answer.path("dates").path("order").asText());
      assertEquals(
          "read day first: 21/02/2018 19:39 (line 1) can only be day/month",
          answer.path("dates").path("reason").asText());
      assertEquals("2018-04-03T10:00:00Z", submittedAt(server, "b"));

      HttpResponse<String> ambiguous = server.postNdjson(line("c", "03/04/2018 10:00"));
      JsonNode plain = TestServer.json(ambiguous);
      assertEquals("month first", plain.path("dates").path("order").asText());
      assertEquals(
          "read month first: 03/04/2018 10:00 (line 1) fits either order; month first is the"
              + " default, dates=day-first reads them day first",
          plain.path("dates").path("reason").asText());
      assertEquals("2018-03-04T10:00:00Z", submittedAt(server, "c"));

      HttpResponse<String> asked =
          server.post(
              ResponsesController.PATH + "?dates=day-first",
              "application/x-ndjson",
              line("d", "03/04/2018 10:00"));
      assertEquals(200, asked.statusCode(), asked.body());
      assertEquals("2018-04-03T10:00:00Z", submittedAt(server, "d"));

      HttpResponse<String> iso = server.postNdjson(line("e", "2018-04-03T10:00:00Z"));
      assertEquals(false, TestServer.json(iso).has("dates"));

      HttpResponse<String> bad =
          server.post(
              ResponsesController.PATH + "?dates=year-first",
              "application/x-ndjson",
              line("f", "03/04/2018 10:00"));
      assertEquals(400, bad.statusCode());
      assertEquals(
          "must be day-first or month-first, got 'year-first'",
          TestServer.json(bad).path("errors").get(0).path("message").asText());
      assertEquals(404, server.get(ResponsesController.PATH + "/f").statusCode());
    }
  }

  private static String submittedAt(TestServer server, String id) {
    return TestServer.json(server.get(ResponsesController.PATH + "/" + id))
        .path("submittedAt")
        .asText();
  }
}
