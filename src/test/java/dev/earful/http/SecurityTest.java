package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Items 1-3, 5 and 8 of issue 14 (privacy and security) against a real server. */
class SecurityTest {

  @TempDir Path tmp;

  private static final String TOKEN = "zqxvfjkwplmbr";

  private static List<Path> filesHolding(Path folder, String token) throws IOException {
    byte[] needle = token.getBytes(StandardCharsets.UTF_8);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(p);
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
          for (int j = 0; j < needle.length; j++) {
            if (bytes[i + j] != needle[j]) {
              continue outer;
            }
          }
          out.add(p);
          break;
        }
      }
    }
    return out;
  }

  @Test
  void aDeletedCommentLeavesTheIndexFilesAndSurvivesNoRestart() throws IOException {
    Path data = tmp.resolve("data");
    StringBuilder body = keptResponses(30, false);
    body.append("{\"id\":\"secret\",\"score\":2,\"comment\":\"My name is ")
        .append(TOKEN)
        .append(" and I live at 12 Elm Street.\"}\n");
    try (TestServer server = TestServer.start(data)) {
      assertEquals(200, server.postNdjson(body.toString()).statusCode());
      // the grep sees the comment while it is stored (stored text and the terms dictionary)
      assertFalse(filesHolding(data.resolve("index"), TOKEN).isEmpty());
      assertEquals(204, server.delete("/api/v1/responses/secret").statusCode());
    }
    assertEquals(List.of(), filesHolding(data, TOKEN), "the deleted comment is still on disk");
    try (TestServer server = TestServer.start(data)) {
      assertEquals(404, server.get("/api/v1/responses/secret").statusCode());
      assertEquals(30, server.app().index().count());
      assertEquals(
          "The delivery was late, order 7.",
          TestServer.json(server.get("/api/v1/responses/keep-7")).path("comment").asText());
    }
  }

  /**
   * The bound while serving: the segments holding a deleted comment are rewritten {@link
   * dev.earful.search.ResponseIndex#EXPUNGE_DELAY} after the deletion, and once that rewrite is
   * done no file of the data folder holds the comment, while the server still runs. The test waits
   * on the server's count of finished rewrites, not on a clock.
   */
  @Test
  void aDeletedCommentLeavesTheDataFolderWhileTheServerRuns() throws Exception {
    Path data = tmp.resolve("live");
    StringBuilder body = keptResponses(40, false);
    // a detractor: the follow-up queue copies its comment too
    body.append("{\"id\":\"secret\",\"score\":1,\"comment\":\"My name is ")
        .append(TOKEN)
        .append(" and I live at 12 Elm Street.\"}\n");
    try (TestServer server = TestServer.start(data)) {
      assertEquals(200, server.postNdjson(body.toString()).statusCode());
      assertFalse(filesHolding(data, TOKEN).isEmpty());
      var index = server.app().index();
      long before = index.expungesDone();
      long deleted = System.nanoTime();
      assertEquals(204, server.delete("/api/v1/responses/secret").statusCode());
      awaitRewriteAfter(index, before, "the deleted comment's");
      assertTrue(
          System.nanoTime() - deleted >= dev.earful.search.ResponseIndex.EXPUNGE_DELAY.toNanos(),
          "the rewrite waits for deletions that come together");
      assertEquals(List.of(), filesHolding(data, TOKEN), "the deleted comment is still on disk");
      // the server goes on serving the rest
      assertEquals(40, server.app().index().count());
      assertEquals(404, server.get("/api/v1/responses/secret").statusCode());
      assertEquals(
          "The delivery was late, order 7.",
          TestServer.json(server.get("/api/v1/responses/keep-7")).path("comment").asText());
    }
  }

  /**
   * Every answer that showed a comment before its deletion (a search, the ranking's examples, a
   * theme's examples, the follow-up queue) stops showing it at once, although each was asked before
   * and may be answered from a cache (search results, rankings); after a restart no file of the
   * data folder holds it, and the same answers still lack it.
   */
  @Test
  void aDeletedCommentLeavesEveryAnswerAndCacheAndNoFileHoldsItAfterARestart() throws Exception {
    Path data = tmp.resolve("everywhere");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      body.append("{\"id\":\"keep-")
          .append(i)
          .append("\",\"score\":")
          .append(5 + i % 6) // passives and promoters, and detractors of 5 and 6
          .append(",\"comment\":\"The delivery was ")
          .append(i % 3 == 0 ? "late" : "fine")
          .append(", order ")
          .append(i)
          .append(".\"}\n");
    }
    body.append("{\"id\":\"secret\",\"score\":0,\"comment\":\"The delivery was late and ")
        .append(TOKEN)
        .append(" called me twice.\"}\n");
    List<String> reads;
    try (TestServer server = TestServer.start(data)) {
      assertEquals(200, server.postNdjson(body.toString()).statusCode());
      HttpResponse<String> created =
          server.post(
              "/api/v1/themes",
              "application/json",
              "{\"name\":\"delivery\",\"phrases\":[\"delivery\"]}");
      assertEquals(201, created.statusCode(), created.body());
      String theme = TestServer.json(created).path("id").asText();
      reads =
          List.of(
              "/api/v1/search?q=" + TOKEN,
              "/api/v1/search?q=delivery&limit=50",
              "/api/v1/themes?minMentions=1",
              "/api/v1/themes/" + theme,
              "/api/v1/followups");
      for (String read : reads) {
        // asked twice: the second answer may come from a cache, which the deletion must not reach
        for (int twice = 0; twice < 2; twice++) {
          HttpResponse<String> r = server.get(read);
          assertEquals(200, r.statusCode(), read + ": " + r.body());
          assertTrue(r.body().contains(TOKEN), read + " shows the comment: " + r.body());
        }
      }
      assertEquals(204, server.delete("/api/v1/responses/secret").statusCode());
      for (String read : reads) {
        HttpResponse<String> r = server.get(read);
        assertEquals(200, r.statusCode(), read + ": " + r.body());
        assertFalse(r.body().contains(TOKEN), read + " still shows the deleted comment");
      }
    }
    assertEquals(List.of(), filesHolding(data, TOKEN), "the deleted comment is still on disk");
    try (TestServer server = TestServer.start(data)) {
      for (String read : reads) {
        HttpResponse<String> r = server.get(read);
        assertEquals(200, r.statusCode(), read + ": " + r.body());
        assertFalse(r.body().contains(TOKEN), read + " shows the deleted comment after a restart");
      }
      assertEquals(40, server.app().index().count());
    }
    assertEquals(List.of(), filesHolding(data, TOKEN), "the deleted comment is on disk again");
  }

  /**
   * NDJSON of {@code n} responses "keep-0".. with a late-delivery comment each, scores 0-10 in
   * turn, and (with {@code customers}) four customers c0-c3 in turn.
   */
  private static StringBuilder keptResponses(int n, boolean customers) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < n; i++) {
      body.append("{\"id\":\"keep-").append(i).append("\",\"score\":").append(i % 11);
      if (customers) {
        body.append(",\"customer\":\"c").append(i % 4).append('"');
      }
      body.append(",\"comment\":\"The delivery was late, order ").append(i).append(".\"}\n");
    }
    return body;
  }

  /**
   * Waits (up to 120 s) until the index has finished a rewrite of deleted documents since {@code
   * before}.
   */
  private static void awaitRewriteAfter(
      dev.earful.search.ResponseIndex index, long before, String whose)
      throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (index.expungesDone() == before) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no rewrite of " + whose + " segments in 120 s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * A customer's erasure is a privacy deletion too: its comments leave the data folder within the
   * same bound as a single deletion (the rewrite {@link
   * dev.earful.search.ResponseIndex#EXPUNGE_DELAY} after it), while the server runs, and stay gone
   * after a restart.
   */
  @Test
  void anErasedCustomersCommentsLeaveTheDataFolderWhileTheServerRuns() throws Exception {
    Path data = tmp.resolve("erased");
    StringBuilder body = keptResponses(30, true);
    body.append("{\"id\":\"ann-1\",\"score\":2,\"customer\":\"ann\",\"comment\":\"My name is ")
        .append(TOKEN)
        .append(" and I live at 12 Elm Street.\"}\n");
    try (TestServer server = TestServer.start(data)) {
      assertEquals(200, server.postNdjson(body.toString()).statusCode());
      assertFalse(filesHolding(data, TOKEN).isEmpty());
      var index = server.app().index();
      long before = index.expungesDone();
      HttpResponse<String> erased = server.delete("/api/v1/customers/ann");
      assertEquals(200, erased.statusCode(), erased.body());
      assertEquals(1, TestServer.json(erased).path("erased").path("responses").asInt());
      awaitRewriteAfter(index, before, "the erased comments'");
      assertEquals(List.of(), filesHolding(data, TOKEN), "the erased comment is still on disk");
      assertEquals(30, index.count());
    }
    try (TestServer server = TestServer.start(data)) {
      assertEquals(404, server.get("/api/v1/responses/ann-1").statusCode());
      assertEquals(30, server.app().index().count());
    }
    assertEquals(List.of(), filesHolding(data, TOKEN), "the erased comment is on disk again");
  }

  @Test
  void browsersCannotWriteAcrossSitesAndRebindingHostsAreRefused() {
    try (TestServer server = TestServer.start(tmp.resolve("csrf"))) {
      int port = server.app().port();
      // a form can send text/plain to any site: the API wants JSON
      HttpResponse<String> form =
          server.post("/api/v1/themes", "text/plain", "{\"name\":\"from a form\"}");
      assertProblem(form, 415, "unsupported-media-type");
      HttpResponse<String> analyze =
          server.post("/api/v1/analyze", "text/plain", "{\"text\":\"x\"}");
      assertProblem(analyze, 415, "unsupported-media-type");

      // a foreign page's fetch/form carries its Origin
      HttpResponse<String> foreign =
          server.send(
              server
                  .request("/api/v1/themes")
                  .header("Content-Type", "application/json")
                  .header("Origin", "http://attacker.example")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"csrf\"}"))
                  .build());
      assertProblem(foreign, 403, "cross-origin");
      HttpResponse<String> crossSite =
          server.send(
              server
                  .request("/api/v1/themes/discover")
                  .header("Sec-Fetch-Site", "cross-site")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertProblem(crossSite, 403, "cross-origin");
      HttpResponse<String> own =
          server.send(
              server
                  .request("/api/v1/themes")
                  .header("Content-Type", "application/json")
                  .header("Origin", "http://127.0.0.1:" + port)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"own page\"}"))
                  .build());
      assertEquals(201, own.statusCode(), own.body());
      assertEquals(
          List.of("own page"),
          names(TestServer.json(server.get("/api/v1/themes?minMentions=1")).path("themes")));

      // DNS rebinding: the browser sends the attacker's name as Host
      RawHttp.Answer rebound =
          RawHttp.send(
              port,
              "GET /api/v1/search?q=x HTTP/1.1\r\nHost: attacker.example:"
                  + port
                  + "\r\nConnection: close\r\n\r\n");
      assertEquals(403, rebound.status());
      assertEquals("application/problem+json", rebound.header("Content-Type"));
      assertEquals(
          "urn:earful:problem:host-not-allowed", json(rebound.text()).path("type").asText());
      for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
        RawHttp.Answer ok =
            RawHttp.send(
                port,
                "GET /api/v1/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertEquals(200, ok.status(), host);
      }
    }
  }

  @Test
  void methodOverrideIsRefusedAndHeadersSayNoSniffNoStore() {
    try (TestServer server = TestServer.start(tmp.resolve("override"))) {
      server.postNdjson("{\"id\":\"stays\",\"score\":9,\"comment\":\"Good.\"}\n");
      HttpResponse<String> override =
          server.send(
              server
                  .request("/api/v1/responses/stays")
                  .header("X-HTTP-Method-Override", "DELETE")
                  .GET()
                  .build());
      assertProblem(override, 400, "bad-request");
      HttpResponse<String> still = server.get("/api/v1/responses/stays");
      assertEquals(200, still.statusCode());
      assertEquals("nosniff", still.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertEquals("no-store", still.headers().firstValue("Cache-Control").orElse(""));
      assertEquals(
          "no-store",
          server.get("/api/v1/responses/missing").headers().firstValue("Cache-Control").orElse(""));

      HttpResponse<String> headMissing =
          server.send(
              server
                  .request("/api/v1/responses/missing")
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build());
      assertEquals(404, headMissing.statusCode());
      HttpResponse<String> headFound =
          server.send(
              server
                  .request("/api/v1/responses/stays")
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build());
      assertEquals(200, headFound.statusCode());
    }
  }

  @Test
  void idsWithControlCharactersAreRejectedAndSaySo() {
    try (TestServer server = TestServer.start(tmp.resolve("ids"))) {
      HttpResponse<String> r =
          server.postNdjson(
              "{\"id\":\"a\\u0000b\",\"score\":3}\n{\"id\":\"line\\nbreak\",\"score\":3}\n"
                  + "{\"id\":\"ok\",\"score\":3}\n");
      assertEquals(200, r.statusCode(), r.body());
      JsonNode report = TestServer.json(r);
      assertEquals(1, report.path("indexed").asInt());
      assertEquals(2, report.path("rejected").size());
      assertEquals(
          "must not contain control characters (U+0000-U+001F, U+007F-U+009F); found U+0000 at"
              + " position 1",
          report.path("rejected").get(0).path("errors").get(0).path("message").asText());
      assertEquals(
          "must not contain control characters (U+0000-U+001F, U+007F-U+009F); found U+000A at"
              + " position 4",
          report.path("rejected").get(1).path("errors").get(0).path("message").asText());
    }
  }

  private static List<String> names(JsonNode themes) {
    List<String> out = new ArrayList<>();
    themes.forEach(t -> out.add(t.path("name").asText()));
    return out;
  }

  private static JsonNode json(String s) {
    try {
      return TestServer.JSON.readTree(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  private static void assertProblem(HttpResponse<String> r, int status, String type) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals("urn:earful:problem:" + type, TestServer.json(r).path("type").asText(), r.body());
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
