package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartPersistenceTest {

  @TempDir Path data;

  @Test
  void keepsEveryAcknowledgedResponseAcrossARestart() {
    try (TestServer first = TestServer.start(data)) {
      assertEquals(
          200,
          first
              .postNdjson(
                  "{\"id\":\"p1\",\"score\":9,\"comment\":\"Great service\",\"segments\":{\"region\":\"EU\"}}\n"
                      + "{\"id\":\"p2\",\"score\":1,\"comment\":\"Awful wait\"}\n"
                      + "{\"id\":\"p3\",\"score\":5}")
              .statusCode());
      assertEquals(204, first.delete("/api/v1/responses/p3").statusCode());
    }
    try (TestServer second = TestServer.start(data)) {
      JsonNode p1 = TestServer.json(second.get("/api/v1/responses/p1"));
      assertEquals("Great service", p1.path("comment").asText());
      assertEquals("EU", p1.path("segments").path("region").asText());
      assertEquals(1, TestServer.json(second.get("/api/v1/search?q=wait")).path("total").asInt());
      assertEquals(404, second.get("/api/v1/responses/p3").statusCode());
      assertEquals(
          2, TestServer.json(second.get("/api/v1/health")).path("index").path("responses").asInt());
    }
  }
}
