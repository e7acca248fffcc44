package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Failures a handler throws become problem documents, whatever kind of Throwable they are. */
class ProblemsTest {

  @Test
  void anErrorInAHandlerIsAnsweredWithAProblemDocumentNamingItsLogReference() throws Exception {
    Javalin app =
        Javalin.create(
                cfg -> {
                  cfg.routes.before(RequestIds::assign);
                  Problems.install(cfg, new ObjectMapper(), 1_000_000);
                  cfg.routes.get(
                      "/overflow",
                      ctx -> {
                        throw new StackOverflowError();
                      });
                  cfg.routes.get(
                      "/failing",
                      ctx -> {
                        throw new IllegalStateException("a bug");
                      });
                })
            .start("127.0.0.1", 0);
    try {
      HttpClient client = HttpClient.newHttpClient();
      for (String path : new String[] {"/overflow", "/failing"}) {
        HttpResponse<byte[]> answer =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                    .header(RequestIds.HEADER, "req-42")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(500, answer.statusCode(), path);
        assertEquals(
            Problems.CONTENT_TYPE,
            answer.headers().firstValue("Content-Type").orElse("").split(";")[0],
            path);
        JsonNode problem =
            new ObjectMapper().readTree(new String(answer.body(), StandardCharsets.UTF_8));
        assertEquals("urn:earful:problem:internal-error", problem.path("type").asText(), path);
        assertEquals(500, problem.path("status").asInt(), path);
        assertTrue(problem.path("detail").asText().contains("reference "), path);
        assertEquals("req-42", problem.path("requestId").asText(), path);
      }
    } finally {
      app.stop();
    }
  }
}
