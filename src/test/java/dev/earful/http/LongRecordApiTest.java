package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.ingest.JsonResponseReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record of {@code POST /responses} longer than {@link
 * JsonResponseReader#DEFAULT_MAX_RECORD_BYTES} (inside a body the body limit allows) is rejected on
 * its own with why, in both body formats, and the records around it are kept.
 */
class LongRecordApiTest {

  @TempDir Path dir;

  @Test
  void aRecordPastTheBoundIsRejectedAloneInBothBodyFormats() {
    String huge = "late delivery ".repeat(700_000); // 9,800,000 bytes, past 8 MiB
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      String ndjson =
          "{\"id\":\"n1\",\"score\":9}\n{\"id\":\"n2\",\"score\":3,\"comment\":\""
              + huge
              + "\"}\n{\"id\":\"n3\",\"score\":4}\n";
      JsonNode nd = TestServer.json(server.postNdjson(ndjson));
      assertEquals(3, nd.path("received").asInt());
      assertEquals(2, nd.path("indexed").asInt());
      assertEquals(
          "{\"index\":1,\"id\":null,\"errors\":[{\"field\":\"record\",\"message\":\"the line is"
              + " longer than 8388608 bytes (9800034); it is skipped\"}]}",
          nd.path("rejected").get(0).toString());

      String array =
          "[{\"id\":\"a1\",\"score\":9},{\"id\":\"a2\",\"score\":3,\"comment\":\""
              + huge
              + "\"},{\"id\":\"a3\",\"score\":4}]";
      JsonNode arr = TestServer.json(server.post("/api/v1/responses", "application/json", array));
      assertEquals(2, arr.path("indexed").asInt());
      assertEquals(
          "{\"index\":1,\"id\":null,\"errors\":[{\"field\":\"record\",\"message\":\"the record is"
              + " longer than 8388608 bytes (9800034); it is skipped\"}]}",
          arr.path("rejected").get(0).toString());
      for (String id : new String[] {"n1", "n3", "a1", "a3"}) {
        assertEquals(200, server.get("/api/v1/responses/" + id).statusCode(), id);
      }
      assertEquals(404, server.get("/api/v1/responses/n2").statusCode());
      assertEquals(404, server.get("/api/v1/responses/a2").statusCode());
    }
  }
}
