package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One client cannot starve the others: bounded work per request, bounded heavy requests. */
class RequestLimitsTest {

  @TempDir Path data;

  @Test
  void analyzeRefusesMoreTextThanOneRequestMayCost() {
    try (TestServer server = TestServer.start(data)) {
      String text = "The delivery was late. ".repeat(800); // 18,400 characters
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < 6; i++) {
        body.append(i == 0 ? "" : ",").append("{\"text\":\"").append(text).append("\"}");
      }
      body.append(']');
      HttpResponse<String> r = server.post("/api/v1/analyze", "application/json", body.toString());
      assertEquals(413, r.statusCode(), r.body());
      JsonNode p = TestServer.json(r);
      assertEquals("urn:earful:problem:too-much-text", p.path("type").asText());
      assertEquals(
          "one request may analyse at most 100000 characters in all, got 110400; split the texts"
              + " over several requests",
          p.path("detail").asText());
    }
  }

  @Test
  void heavyRequestsOverTheLimitAreAnswered429AtOnce() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      int port = server.app().port();
      List<Socket> held = new ArrayList<>();
      try {
        // Each of these imports is inside its handler, waiting for the rest of its body.
        for (int i = 0; i < RequestLimits.heavyLimit(); i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", port));
          OutputStream out = s.getOutputStream();
          out.write(
              ("POST /api/v1/responses HTTP/1.1\r\nHost: 127.0.0.1:"
                      + port
                      + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n{")
                  .getBytes(StandardCharsets.UTF_8));
          out.flush();
          held.add(s);
        }
        HttpResponse<String> refused = null;
        for (int attempt = 0; attempt < 100; attempt++) {
          refused = server.postNdjson("{\"id\":\"x\",\"score\":3}\n");
          if (refused.statusCode() == 429) {
            break;
          }
          Thread.sleep(100); // the held requests may not have reached their handlers yet
        }
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        assertEquals(
            "urn:earful:problem:too-many-requests", TestServer.json(refused).path("type").asText());
        // reads are not heavy: still served
        assertEquals(200, server.get("/api/v1/search?q=x").statusCode());
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
      // once the slots are free again, imports go through
      HttpResponse<String> after = null;
      for (int attempt = 0; attempt < 100; attempt++) {
        after = server.postNdjson("{\"id\":\"y\",\"score\":3}\n");
        if (after.statusCode() == 200) {
          break;
        }
        Thread.sleep(100);
      }
      assertEquals(200, after.statusCode(), after.body());
    }
  }
}
