package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taxonomy edits, discovery and stateless analysis through a real server. */
class ThemesApiTest {

  @TempDir Path data;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(data, Map.of("EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "0"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> postJson(String path, String body) {
    return server.post(path, "application/json", body);
  }

  private HttpResponse<String> patch(String path, String body) {
    return server.send(
        server
            .request(path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static JsonNode json(String s) {
    try {
      return TestServer.JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  private static void assertProblem(HttpResponse<String> r, int status, String type) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals("urn:earful:problem:" + type, TestServer.json(r).path("type").asText(), r.body());
  }

  @Test
  void createsEditsMergesAndDeletesThemesThatApplyToStoredCommentsAtOnce() {
    server.postNdjson(
        "{\"id\":\"r1\",\"score\":2,\"comment\":\"Still waiting for my refund.\",\"submittedAt\":\"2024-03-01T10:00:00Z\"}\n"
            + "{\"id\":\"r2\",\"score\":9,\"comment\":\"Returns were painless.\",\"submittedAt\":\"2024-03-02T10:00:00Z\"}\n");

    HttpResponse<String> created =
        postJson(
            "/api/v1/themes", "{\"name\":\"refunds\",\"phrases\":[\"refund\",\"money back\"]}");
    assertEquals(201, created.statusCode(), created.body());
    assertEquals("/api/v1/themes/t1", created.headers().firstValue("Location").orElse(""));
    assertEquals(
        json(
            "{\"id\":\"t1\",\"name\":\"refunds\",\"phrases\":[\"refund\",\"money back\"],\"parentId\":null,\"origin\":\"edited\",\"subThemes\":[]}"),
        TestServer.json(created));

    JsonNode detail = TestServer.json(server.get("/api/v1/themes/t1"));
    assertEquals(
        json(
            "[{\"id\":\"r1\",\"comment\":\"Still waiting for my refund.\",\"spans\":[[21,27]],"
                + "\"score\":2,\"category\":\"detractor\",\"submittedAt\":\"2024-03-01T10:00:00Z\"}]"),
        detail.path("examples"));

    assertProblem(postJson("/api/v1/themes", "{\"name\":\"Refunds\"}"), 409, "conflict");
    assertProblem(postJson("/api/v1/themes", "{\"name\":\"  \"}"), 400, "invalid-theme");
    HttpResponse<String> noWords =
        postJson("/api/v1/themes", "{\"name\":\"marks\",\"phrases\":[\"?!\"]}");
    assertProblem(noWords, 400, "invalid-theme");
    assertEquals("phrases", TestServer.json(noWords).path("errors").get(0).path("field").asText());
    HttpResponse<String> stopWords =
        postJson("/api/v1/themes", "{\"name\":\"the\",\"phrases\":[\"the\",\"a\"]}");
    assertProblem(stopWords, 400, "invalid-theme");
    JsonNode stopError = TestServer.json(stopWords).path("errors").get(0);
    assertEquals("phrases", stopError.path("field").asText());
    assertTrue(
        stopError.path("message").asText().startsWith("phrase 'the' has only function words"),
        stopWords.body());
    assertProblem(postJson("/api/v1/themes", "{\"name\":"), 400, "malformed-body");
    assertProblem(
        postJson("/api/v1/themes", "{\"name\":\"x\",\"phrases\":\"refund\"}"),
        400,
        "invalid-parameters");

    HttpResponse<String> renamed =
        patch(
            "/api/v1/themes/t1",
            "{\"name\":\"Refunds\",\"dropPhrases\":[\"money back\"],\"addPhrases\":[\"reimbursement\"]}");
    assertEquals(200, renamed.statusCode(), renamed.body());
    assertEquals(json("[\"refund\",\"reimbursement\"]"), TestServer.json(renamed).path("phrases"));
    assertProblem(patch("/api/v1/themes/t9", "{\"name\":\"x\"}"), 404, "not-found");
    assertProblem(
        patch("/api/v1/themes/t1", "{\"addPhrases\":[\"of the\"]}"), 400, "invalid-theme");

    postJson("/api/v1/themes", "{\"name\":\"returns\",\"phrases\":[\"return\"]}");
    HttpResponse<String> merged = postJson("/api/v1/themes/t1/merge", "{\"ids\":[\"t2\"]}");
    assertEquals(200, merged.statusCode(), merged.body());
    assertEquals(
        json("[\"refund\",\"reimbursement\",\"return\"]"), TestServer.json(merged).path("phrases"));
    assertEquals("t1", TestServer.json(server.get("/api/v1/themes/t2")).path("id").asText());
    assertEquals(2, TestServer.json(server.get("/api/v1/search?theme=t1")).path("total").asInt());
    assertProblem(postJson("/api/v1/themes/t1/merge", "{\"ids\":[\"t1\"]}"), 400, "invalid-theme");

    assertEquals(204, server.delete("/api/v1/themes/t1").statusCode());
    assertProblem(server.get("/api/v1/themes/t1"), 404, "not-found");
    assertProblem(server.delete("/api/v1/themes/t1"), 404, "not-found");
  }

  /**
   * A misspelt field of a theme edit is a 400 naming it, as alert rules, targets and follow-up
   * changes answer, not an edit that silently does nothing (session 21's trial: `PATCH
   * {"nmae":"x"}` answered 200 with the theme unchanged; `POST {"name":..., "phrase":[...]}` made a
   * theme with its name as its only phrase). A theme read back may be sent again: the fields the
   * API itself returns are accepted.
   */
  /**
   * A name that looks the same in another Unicode form is the same name (API trial, session 26).
   */
  @Test
  void aNameInAnotherUnicodeFormIsTaken() {
    assertEquals(201, postJson("/api/v1/themes", "{\"name\":\"r\u00e9seau\"}").statusCode());
    assertProblem(postJson("/api/v1/themes", "{\"name\":\"Re\u0301seau\"}"), 409, "conflict");
  }

  @Test
  void aMisspeltFieldOfAThemeEditIsRefusedNamingIt() {
    HttpResponse<String> created =
        postJson("/api/v1/themes", "{\"name\":\"refunds\",\"phrases\":[\"refund\"]}");
    assertEquals(201, created.statusCode(), created.body());
    HttpResponse<String> typo = patch("/api/v1/themes/t1", "{\"nmae\":\"money back\"}");
    assertProblem(typo, 400, "invalid-parameters");
    assertEquals("nmae", TestServer.json(typo).path("errors").get(0).path("field").asText());
    HttpResponse<String> phrase =
        postJson("/api/v1/themes", "{\"name\":\"sizing\",\"phrase\":[\"runs small\"]}");
    assertProblem(phrase, 400, "invalid-parameters");
    assertEquals("phrase", TestServer.json(phrase).path("errors").get(0).path("field").asText());
    HttpResponse<String> into = postJson("/api/v1/themes/t1/merge", "{\"into\":\"t1\"}");
    assertProblem(into, 400, "invalid-parameters");
    assertEquals("into", TestServer.json(into).path("errors").get(0).path("field").asText());
    // Nothing was changed or made by the refused edits.
    JsonNode list = TestServer.json(server.get("/api/v1/themes?limit=100"));
    assertEquals(1, list.path("themes").size(), list.toString());
    assertEquals("refunds", list.path("themes").get(0).path("name").asText());
    // The theme as GET answers it, renamed, is a valid PATCH.
    JsonNode read = TestServer.json(server.get("/api/v1/themes/t1"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) read).put("name", "refunds and returns");
    HttpResponse<String> back = patch("/api/v1/themes/t1", read.toString());
    assertEquals(200, back.statusCode(), back.body());
    assertEquals("refunds and returns", TestServer.json(back).path("name").asText());
  }

  /**
   * A theme's examples are comments of the set its numbers are counted in: the request's filters,
   * on the metric in view (session 21's trial: the card of "zipper" for CSAT clothing reviews of
   * the Tops department showed three NPS movie reviews, the examples being chosen among every
   * stored comment whatever the filters), its themes included.
   */
  @Test
  void aThemesExamplesAreCommentsOfTheFilteredSetOnTheMetricInView() {
    postRecords(
        example("n1", "nps", 2, "EU", "01", "Still no refund after a month."),
        example("n2", "nps", 9, "US", "02", "The refund came in two days."),
        example("n3", "nps", 10, "EU", "03", "Quick refund, thank you."),
        example("c1", "csat", 1, "US", "04", "The refund never arrived."),
        example("c2", "csat", 5, "EU", "05", "Easy refund."),
        example("n4", "nps", 8, "US", "06", "Refund was fine."));
    assertEquals(
        201,
        postJson("/api/v1/themes", "{\"name\":\"refunds\",\"phrases\":[\"refund\"]}").statusCode());
    // NPS is the metric in view (4 of 6): its detractor, then its newest other mentions.
    assertEquals(List.of("n1", "n4", "n3"), exampleIds("/api/v1/themes/t1"));
    assertEquals(List.of("n4", "n2"), exampleIds("/api/v1/themes/t1?segment.region=US"));
    assertEquals(List.of("c1", "c2"), exampleIds("/api/v1/themes/t1?metric=csat"));
    assertEquals(List.of("n1", "n2"), exampleIds("/api/v1/themes/t1?to=2024-03-02"));
    assertEquals(List.of("n3", "n2"), exampleIds("/api/v1/themes/t1?category=promoter"));
    assertEquals(List.of(), exampleIds("/api/v1/themes/t1?segment.region=APAC"));
    // A theme filter's set is the responses of its themes (any of them) that mention this one:
    // n1 (a month) and n2 (two days); the other refund comments mention no wait (review R16 of
    // session 21: the examples were n1, n4, n3, chosen among every mention of refunds).
    assertEquals(
        201,
        postJson("/api/v1/themes", "{\"name\":\"waits\",\"phrases\":[\"month\",\"day\"]}")
            .statusCode());
    assertEquals(List.of("n1", "n2"), exampleIds("/api/v1/themes/t1?theme=t2"));
    assertEquals(List.of("n2"), exampleIds("/api/v1/themes/t1?theme=t2&category=promoter"));
  }

  /**
   * A theme card shows the same text from several responses once, whatever its case, spacing and
   * punctuation (README said so of GET /themes/{id}, but its examples were distinct by id only: a
   * survey's template sentence took every place).
   */
  @Test
  void aThemesExamplesShowTheSameTextOnceWhateverItsPunctuation() {
    postRecords(
        example("s1", "nps", 0, "EU", "01", "The refund never came!"),
        example("s2", "nps", 1, "EU", "02", "The refund never came."),
        example("s3", "nps", 1, "EU", "03", "the refund  never came..."),
        example("s4", "nps", 2, "EU", "04", "Refund took a month."),
        example("s5", "nps", 9, "EU", "05", "Refund was quick."));
    assertEquals(
        201,
        postJson("/api/v1/themes", "{\"name\":\"refunds\",\"phrases\":[\"refund\"]}").statusCode());
    assertEquals(List.of("s1", "s4", "s5"), exampleIds("/api/v1/themes/t1"));
  }

  /**
   * When too few detractors mention a theme, the card fills with the newest mentions, the same text
   * once: a few newest hits of one template sentence left it one example where four distinct
   * comments mention the theme (review R4 of session 26).
   */
  @Test
  void aThemeCardFillsWithDistinctNewestMentions() {
    String[] texts = {
      "The refund works well.",
      "Refund set up in minutes.",
      "Happy with the refund speed.",
      "The refund is great!",
      "The refund is great.",
      "the refund is great",
      "The refund is great!!"
    };
    String[] records = new String[texts.length];
    for (int i = 0; i < texts.length; i++) {
      records[i] = example("r" + i, "nps", 9, "EU", String.format("%02d", i + 1), texts[i]);
    }
    postRecords(records);
    assertEquals(
        201,
        postJson("/api/v1/themes", "{\"name\":\"refunds\",\"phrases\":[\"refund\"]}").statusCode());
    assertEquals(List.of("r6", "r2", "r1"), exampleIds("/api/v1/themes/t1"));
  }

  /** Posts {@code records}, one NDJSON line each. */
  private void postRecords(String... records) {
    server.postNdjson(String.join("\n", records) + "\n");
  }

  private static String example(
      String id, String metric, int score, String region, String day, String comment) {
    return "{\"id\":\""
        + id
        + "\",\"metric\":\""
        + metric
        + "\",\"score\":"
        + score
        + ",\"comment\":\""
        + comment
        + "\",\"submittedAt\":\"2024-03-"
        + day
        + "T10:00:00Z\",\"segments\":{\"region\":\""
        + region
        + "\"}}";
  }

  private List<String> exampleIds(String path) {
    HttpResponse<String> r = server.get(path);
    assertEquals(200, r.statusCode(), r.body());
    List<String> ids = new java.util.ArrayList<>();
    TestServer.json(r).path("examples").forEach(e -> ids.add(e.path("id").asText()));
    return ids;
  }

  @Test
  void discoversThemesOverStoredCommentsOnRequest() {
    StringBuilder ndjson = new StringBuilder();
    String[] comments = {
      "The wait time was too long.", "Long wait on the phone.", "They kept me waiting.",
      "The staff were friendly.", "Friendly staff.", "Helpful staff at the desk."
    };
    for (int i = 0; i < 60; i++) {
      ndjson
          .append("{\"id\":\"d")
          .append(i)
          .append("\",\"score\":")
          .append(i % 11)
          .append(",\"comment\":\"")
          .append(comments[i % comments.length])
          .append("\"}\n");
    }
    server.postNdjson(ndjson.toString());
    HttpResponse<String> r = postJson("/api/v1/themes/discover", "");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode report = TestServer.json(r);
    assertEquals(60, report.path("documents").asInt());
    List<String> names =
        server.app().taxonomy().all().stream()
            .filter(t -> t.parentId() == null)
            .map(t -> t.name())
            .toList();
    assertTrue(names.contains("wait") && names.contains("staff"), names.toString());
    int all = server.app().taxonomy().all().size();
    assertEquals(report.path("added").asInt(), all);
    assertEquals(all, report.path("themes").asInt() + report.path("subThemes").asInt());

    // The same comments again: every theme comes back as it was, so nothing reads as updated.
    JsonNode again = TestServer.json(postJson("/api/v1/themes/discover", ""));
    assertEquals(0, again.path("added").asInt(), again.toString());
    assertEquals(0, again.path("updated").asInt(), again.toString());
    assertEquals(all, again.path("unchanged").asInt(), again.toString());
    assertEquals(0, again.path("removed").asInt(), again.toString());
  }

  @Test
  void analysesOneTextOrAListWithSpansAndThemes() {
    postJson(
        "/api/v1/themes",
        "{\"name\":\"delivery delays\",\"phrases\":[\"late delivery\",\"delivery was late\"]}");
    HttpResponse<String> one =
        postJson("/api/v1/analyze", "{\"text\":\"Staff were lovely. The delivery was late.\"}");
    assertEquals(200, one.statusCode(), one.body());
    JsonNode a = TestServer.json(one);
    assertEquals(2, a.path("sentences").size());
    assertEquals(
        json("[19,41]"),
        json(
            "["
                + a.path("sentences").get(1).path("start")
                + ","
                + a.path("sentences").get(1).path("end")
                + "]"));
    JsonNode token = a.path("sentences").get(1).path("tokens").get(1);
    assertEquals("delivery", token.path("text").asText());
    assertEquals(23, token.path("start").asInt());
    assertEquals(31, token.path("end").asInt());
    assertEquals("t1", a.path("themes").get(0).path("id").asText());
    assertEquals(json("[[23,40]]"), a.path("themes").get(0).path("spans"));
    assertTrue(a.path("sentiment").path("label").isTextual());
    assertTrue(a.path("themes").get(0).path("sentiment").isTextual());

    HttpResponse<String> many =
        postJson("/api/v1/analyze", "[{\"text\":\"Late delivery.\"},{\"text\":\"\"}]");
    JsonNode list = TestServer.json(many);
    assertEquals(2, list.size());
    assertEquals(json("[[0,13]]"), list.get(0).path("themes").get(0).path("spans"));
    assertEquals(json("[]"), list.get(1).path("sentences"));

    HttpResponse<String> bad = postJson("/api/v1/analyze", "[{\"text\":\"ok\"},{\"txt\":1}]");
    assertProblem(bad, 400, "invalid-parameters");
    assertEquals("[1].text", TestServer.json(bad).path("errors").get(0).path("field").asText());
    assertProblem(postJson("/api/v1/analyze", "\"just text\""), 400, "malformed-body");
  }
}
