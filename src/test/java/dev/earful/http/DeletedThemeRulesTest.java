package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.cli.Cli;
import dev.earful.schedule.MovableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that name a theme the taxonomy no longer has (deleted, or dropped by a later discovery):
 * the API trial of session 26 deleted such a theme and every import then answered 400 "unknown
 * theme" after storing its responses, opening no follow-up and raising no alert for any rule.
 */
class DeletedThemeRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(data);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private JsonNode post(String path, String body, int status) {
    HttpResponse<String> r = server.post(path, "application/json", body);
    assertEquals(status, r.statusCode(), r.body());
    return TestServer.json(r);
  }

  private JsonNode importDetractor(String id, String comment, String at) {
    return post(
        "/api/v1/responses",
        "[{\"id\":\""
            + id
            + "\",\"score\":2,\"comment\":\""
            + comment
            + "\",\"submittedAt\":\""
            + at
            + "\"}]",
        200);
  }

  @Test
  void importsGoOnWhenAThemeRulesNameIsDeleted() throws Exception {
    String ocelot =
        post("/api/v1/themes", "{\"name\":\"ocelot\",\"phrases\":[\"ocelot\"]}", 201)
            .path("id")
            .asText();
    String when = "{\"theme\":[\"" + ocelot + "\"]}";
    post(
        "/api/v1/alert-rules",
        "{\"name\":\"new\",\"type\":\"new_response\",\"when\":" + when + "}",
        201);
    post(
        "/api/v1/alert-rules",
        "{\"name\":\"dip\",\"type\":\"metric_drop\",\"when\":" + when + "}",
        201);
    post(
        "/api/v1/alert-rules",
        "{\"name\":\"rise\",\"type\":\"emerging_theme\",\"when\":" + when + "}",
        201);
    post(
        "/api/v1/targets",
        "{\"name\":\"ocelots\",\"metric\":\"nps\",\"goal\":0,\"when\":" + when + "}",
        201);
    HttpResponse<String> rules =
        server.put(
            "/api/v1/followup-rules",
            "application/json",
            "{\"rules\":[{\"id\":\"detractors\",\"name\":\"every detractor\","
                + "\"kind\":\"recover\",\"when\":{\"category\":[\"detractor\"]}},"
                + "{\"id\":\"ocelots\",\"name\":\"ocelots\",\"kind\":\"advocate\","
                + "\"when\":"
                + when
                + "}]}");
    assertEquals(200, rules.statusCode(), rules.body());
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    JsonNode first = importDetractor("r1", "An ocelot in the shop.", now);
    assertEquals(1, first.path("alerts").path("raised").asInt(), first.toString());
    assertEquals(2, first.path("followups").path("opened").asInt(), first.toString());

    assertEquals(204, server.delete("/api/v1/themes/" + ocelot).statusCode());
    JsonNode after = importDetractor("r2", "Another ocelot.", now);
    // The rules on the gone theme select nothing; the others run as before.
    assertEquals(0, after.path("alerts").path("raised").asInt(), after.toString());
    assertEquals(1, after.path("followups").path("opened").asInt(), after.toString());
    assertEquals(200, server.get("/api/v1/responses/r2").statusCode());
    // Each rule and target that names it says so when read back (review R6): it went quiet.
    String gone = "theme " + ocelot + " no longer exists (deleted, or dropped by a discovery)";
    for (JsonNode rule : TestServer.json(server.get("/api/v1/alert-rules")).path("rules")) {
      assertEquals("when.theme", rule.at("/warnings/0/field").asText(), rule.toString());
      assertEquals(gone + ": this selects no response", rule.at("/warnings/0/message").asText());
    }
    JsonNode followupRules = TestServer.json(server.get("/api/v1/followup-rules")).path("rules");
    assertTrue(followupRules.get(0).path("warnings").isMissingNode(), followupRules.toString());
    assertEquals(
        gone + ": this selects no response",
        followupRules.get(1).at("/warnings/0/message").asText(),
        followupRules.toString());
    // Rules read back with their warnings are written back unchanged (review R13: a 400).
    HttpResponse<String> putBack =
        server.put(
            "/api/v1/followup-rules",
            "application/json",
            server.get("/api/v1/followup-rules").body());
    assertEquals(200, putBack.statusCode(), putBack.body());
    assertEquals(
        followupRules, TestServer.json(server.get("/api/v1/followup-rules")).path("rules"));
    // A target on the gone theme has no data; it made GET /targets refuse every target.
    HttpResponse<String> targets = server.get("/api/v1/targets");
    assertEquals(200, targets.statusCode(), targets.body());
    JsonNode progress = TestServer.json(targets).path("targets").get(0).path("progress");
    assertEquals("no-data", progress.path("status").asText(), progress.toString());
    assertEquals(0, progress.path("responses").asInt());
    assertEquals(
        gone + ": this selects no response",
        TestServer.json(targets).at("/targets/0/warnings/0/message").asText());

    // The commands read the data folder as the routes answer: warnings included.
    server.close();
    server = null;
    Cli alerts = Cli.run("alerts", "--data", data.toString(), "--format", "json");
    assertEquals(0, alerts.exitCode(), alerts.err());
    JsonNode folderRules = JSON.readTree(alerts.out()).path("rules");
    assertEquals(3, folderRules.size(), alerts.out());
    for (JsonNode rule : folderRules) {
      assertEquals(gone + ": this selects no response", rule.at("/warnings/0/message").asText());
    }
    Cli folderTargets = Cli.run("targets", "--data", data.toString(), "--format", "json");
    assertEquals(0, folderTargets.exitCode(), folderTargets.err());
    assertEquals(
        gone + ": this selects no response",
        JSON.readTree(folderTargets.out()).at("/targets/0/warnings/0/message").asText(),
        folderTargets.out());
  }

  /**
   * A report schedule on a deleted theme says so when read back, and its run says why it could not
   * be made: it said "InvalidRequestException" (review R6).
   */
  @Test
  void aScheduleOnADeletedThemeSaysWhyItsRunFails(@TempDir Path other) {
    MovableClock clock = new MovableClock(Instant.parse("2024-05-08T12:00:00Z"));
    try (TestServer s = TestServer.start(other, Map.of(), clock)) {
      assertEquals(
          200,
          s.postNdjson(
                  "{\"id\":\"d1\",\"score\":3,\"comment\":\"Late delivery.\","
                      + "\"submittedAt\":\"2024-05-06T10:00:00Z\"}\n")
              .statusCode());
      HttpResponse<String> t =
          s.post("/api/v1/themes", "application/json", "{\"name\":\"delivery\"}");
      String theme = TestServer.json(t).path("id").asText();
      HttpResponse<String> created =
          s.post(
              "/api/v1/report-schedules",
              "application/json",
              "{\"name\":\"weekly\",\"every\":\"week\",\"report\":{\"theme\":\""
                  + theme
                  + "\"},\"formats\":[\"json\"],\"folder\":\"reports\"}");
      assertEquals(201, created.statusCode(), created.body());
      String id = TestServer.json(created).path("id").asText();
      assertEquals(204, s.delete("/api/v1/themes/" + theme).statusCode());
      JsonNode schedule = TestServer.json(s.get("/api/v1/report-schedules/" + id));
      assertEquals("report.theme", schedule.at("/warnings/0/field").asText(), schedule.toString());
      clock.set(Instant.parse("2024-05-13T00:00:30Z"));
      s.app().reportScheduler().runDue("schedule");
      JsonNode run =
          TestServer.json(s.get("/api/v1/report-schedules/" + id + "/runs")).at("/runs/0");
      assertEquals("failed", run.path("outcome").asText(), run.toString());
      assertEquals(
          "the report could not be made: theme: unknown theme '" + theme + "'",
          run.path("error").asText());
    }
  }
}
