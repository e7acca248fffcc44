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

  /**
   * The heavy slots are held by imports this test controls (each inside its handler, waiting for a
   * body the test never finishes); the next import is refused at once, then served once they end.
   * Waits on the server's own count of heavy requests in flight, never on time.
   */
  @Test
  void heavyRequestsOverTheLimitAreAnswered429AtOnce() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      int port = server.app().port();
      RequestLimits limits = server.app().http().limits();
      List<Socket> held = new ArrayList<>();
      try {
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
        awaitHeavyInFlight(limits, RequestLimits.heavyLimit());
        HttpResponse<String> refused = server.postNdjson("{\"id\":\"x\",\"score\":3}\n");
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        JsonNode p = TestServer.json(refused);
        assertEquals("urn:earful:problem:too-many-requests", p.path("type").asText());
        assertEquals(
            "more than "
                + RequestLimits.heavyLimit()
                + " requests that analyse text or write the index are in flight; retry in 1 s",
            p.path("detail").asText());
        // reads are not heavy: still served
        assertEquals(200, server.get("/api/v1/search?q=x").statusCode());
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
      awaitHeavyInFlight(limits, 0);
      HttpResponse<String> after = server.postNdjson("{\"id\":\"y\",\"score\":3}\n");
      assertEquals(200, after.statusCode(), after.body());
      assertEquals(1, TestServer.json(after).path("indexed").asInt());
    }
  }

  /** Until the server counts {@code n} heavy requests in its handlers (a minute at most). */
  private static void awaitHeavyInFlight(RequestLimits limits, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (limits.heavyInFlight() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "heavy requests in flight: " + limits.heavyInFlight() + ", expected " + n);
      }
      Thread.sleep(10);
    }
  }
}
