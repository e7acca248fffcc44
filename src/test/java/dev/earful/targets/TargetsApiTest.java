package dev.earful.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.Earful;
import dev.earful.http.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Targets through a real server (real NLP, index, store on disk): the distance to the goal with its
 * interval for planted counts worked out by hand, the same figures in the review report's JSON,
 * HTML and PDF (read back), problems for bad input, the targets kept across a restart.
 */
class TargetsApiTest {

  @TempDir Path data;

  /**
   * May 2024. EU: 15 promoters, 5 passives, 10 detractors (NPS 16.67, interval [-14.98, 45.29], the
   * adjusted Wald interval). US: 20 promoters (NPS 100, interval [69.68, 100]). CSAT for
   * team=support: 30 of 40 satisfied (75%, Wilson interval [59.81, 85.81]).
   */
  private static String planted() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      int score = i < 15 ? 10 : i < 20 ? 8 : 3;
      b.append(line("eu" + i, "nps", score, "region", "EU", 1 + i % 28));
    }
    for (int i = 0; i < 20; i++) {
      b.append(line("us" + i, "nps", 9, "region", "US", 1 + i % 28));
    }
    for (int i = 0; i < 40; i++) {
      b.append(line("cs" + i, "csat", i < 30 ? 5 : 2, "team", "support", 1 + i % 28));
    }
    return b.toString();
  }

  private static String line(
      String id, String metric, int score, String key, String value, int day) {
    return String.format(
        "{\"id\":\"%s\",\"metric\":\"%s\",\"score\":%d,\"comment\":\"Order %s was fine.\","
            + "\"submittedAt\":\"2024-05-%02dT09:00:00Z\",\"segments\":{\"%s\":\"%s\"}}%n",
        id, metric, score, id, day, key, value);
  }

  private static JsonNode created(TestServer server, String body) {
    HttpResponse<String> r = server.post("/api/v1/targets", "application/json", body);
    assertEquals(201, r.statusCode(), r.body());
    assertEquals(
        "/api/v1/targets/" + TestServer.json(r).path("id").asText(),
        r.headers().firstValue("Location").orElse(""));
    return TestServer.json(r);
  }

  private static List<Double> list(JsonNode n) {
    List<Double> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asDouble()));
    return out;
  }

  @Test
  void theDistanceToEachGoalHasTheMetricsIntervalAndSurvivesARestart() {
    String euId;
    String usId;
    String csatId;
    try (TestServer server = TestServer.start(data)) {
      assertEquals(200, server.postNdjson(planted()).statusCode());
      euId =
          created(
                  server,
                  "{\"name\":\"EU NPS\",\"metric\":\"nps\",\"goal\":40,"
                      + "\"when\":{\"segment.region\":\"EU\"}}")
              .path("id")
              .asText();
      usId =
          created(server, "{\"metric\":\"nps\",\"goal\":10,\"when\":{\"segment.region\":[\"US\"]}}")
              .path("id")
              .asText();
      csatId =
          created(
                  server,
                  "{\"metric\":\"csat\",\"goal\":95,\"when\":{\"segment.team\":\"support\"}}")
              .path("id")
              .asText();
    }
    assertTrue(Files.exists(data.resolve(TargetStore.FILE)));
    try (TestServer server = TestServer.start(data)) {
      JsonNode doc = TestServer.json(server.get("/api/v1/targets"));
      assertTrue(doc.path("period").path("from").isNull());
      List<String> ids = new ArrayList<>();
      doc.path("targets").forEach(t -> ids.add(t.path("id").asText()));
      assertEquals(List.of(euId, usId, csatId), ids);

      JsonNode eu = doc.path("targets").get(0);
      assertEquals("EU NPS", eu.path("name").asText());
      assertEquals(40.0, eu.path("goal").asDouble());
      JsonNode p = eu.path("progress");
      assertEquals(30, p.path("responses").asLong());
      assertEquals(16.67, p.path("value").asDouble());
      assertEquals(List.of(-14.98, 45.29), list(p.path("ci95")));
      assertEquals(-23.33, p.path("distance").path("value").asDouble());
      assertEquals(List.of(-54.98, 5.29), list(p.path("distance").path("ci95")));
      assertTrue(p.path("goalInInterval").asBoolean());
      assertEquals("within", p.path("status").asText());

      JsonNode us = doc.path("targets").get(1).path("progress");
      assertEquals(
          "NPS 10 for segment.region=US", doc.path("targets").get(1).path("name").asText());
      assertEquals(90.0, us.path("distance").path("value").asDouble());
      assertEquals(List.of(59.68, 90.0), list(us.path("distance").path("ci95")));
      assertFalse(us.path("goalInInterval").asBoolean());
      assertEquals("above", us.path("status").asText());

      JsonNode cs = doc.path("targets").get(2).path("progress");
      assertEquals(75.0, cs.path("value").asDouble());
      assertEquals(List.of(59.81, 85.81), list(cs.path("ci95")));
      assertEquals(-20.0, cs.path("distance").path("value").asDouble());
      assertEquals(List.of(-35.19, -9.19), list(cs.path("distance").path("ci95")));
      assertEquals("below", cs.path("status").asText());

      // The same as the metrics endpoint gives for the target's filter.
      JsonNode metrics =
          TestServer.json(server.get("/api/v1/metrics?metric=nps&segment.region=EU"));
      assertEquals(
          metrics.path("nps").asDouble() - 40, p.path("distance").path("value").asDouble(), 1e-9);

      // A period with no response: no figures, said so.
      JsonNode june =
          TestServer.json(server.get("/api/v1/targets/" + euId + "?from=2024-06-01&to=2024-06-30"));
      assertEquals(0, june.path("progress").path("responses").asLong());
      assertTrue(june.path("progress").path("distance").path("value").isNull());
      assertEquals("no-data", june.path("progress").path("status").asText());
      assertEquals(
          "2024-06-01T00:00:00Z", june.path("progress").path("period").path("from").asText());

      assertEquals(204, server.delete("/api/v1/targets/" + usId).statusCode());
      assertEquals(404, server.delete("/api/v1/targets/" + usId).statusCode());
      assertEquals(404, server.get("/api/v1/targets/" + usId).statusCode());
    }
    try (TestServer server = TestServer.start(data)) {
      List<String> ids = new ArrayList<>();
      TestServer.json(server.get("/api/v1/targets"))
          .path("targets")
          .forEach(t -> ids.add(t.path("id").asText()));
      assertEquals(List.of(euId, csatId), ids);
    }
  }

  @Test
  void theReviewReportShowsTheTargetOfItsScopeInEveryFormat() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      assertEquals(200, server.postNdjson(planted()).statusCode());
      String id =
          created(
                  server,
                  "{\"name\":\"EU NPS\",\"metric\":\"nps\",\"goal\":40,"
                      + "\"when\":{\"segment.region\":\"EU\"}}")
              .path("id")
              .asText();
      String query = "/api/v1/reports/review?segment.region=EU&from=2024-05-01&to=2024-05-31";
      JsonNode report = TestServer.json(server.get(query));
      assertEquals(1, report.path("targets").size(), report.path("targets").toString());
      JsonNode t = report.path("targets").get(0);
      assertEquals(id, t.path("id").asText());
      assertEquals(report.path("headline").path("value").asDouble(), t.path("value").asDouble());
      assertEquals(-23.33, t.path("distance").asDouble());
      assertEquals(List.of(-54.98, 5.29), list(t.path("ci95")));
      assertTrue(t.path("goalInInterval").asBoolean());
      // The API's figures for the same period are the report's.
      JsonNode api =
          TestServer.json(server.get("/api/v1/targets/" + id + "?from=2024-05-01&to=2024-05-31"));
      assertEquals(
          api.path("progress").path("distance").toString(),
          "{\"value\":" + t.path("distance").asText() + ",\"ci95\":" + t.path("ci95") + "}");

      String expected =
          "EU NPS: goal 40.00, NPS 16.67, distance -23.33 [-54.98, 5.29] (95% CI): the goal lies"
              + " inside the interval";
      String html = server.get(query + "&format=html").body();
      assertTrue(html.contains(expected), html);
      HttpResponse<byte[]> pdf =
          HttpClient.newHttpClient()
              .send(
                  server.request(query + "&format=pdf").GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, pdf.statusCode());
      String text;
      try (PDDocument d = Loader.loadPDF(pdf.body())) {
        text = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
      }
      assertTrue(text.contains("Targets " + "- " + expected), text);

      // A report of another scope (US) or metric shows no target.
      JsonNode us =
          TestServer.json(
              server.get("/api/v1/reports/review?segment.region=US&from=2024-05-01&to=2024-05-31"));
      assertEquals(0, us.path("targets").size());
    }
  }

  @Test
  void badTargetsAreProblemsNamingEveryField() {
    try (TestServer server = TestServer.start(data)) {
      HttpResponse<String> r =
          server.post(
              "/api/v1/targets",
              "application/json",
              "{\"metric\":\"nps\",\"goal\":140,\"when\":{\"from\":\"2024-01-01\","
                  + "\"colour\":\"red\",\"segment.region\":{\"a\":1}},\"owner\":\"me\"}");
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(
          r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
      Set<String> fields = new TreeSet<>();
      TestServer.json(r).path("errors").forEach(e -> fields.add(e.path("field").asText()));
      assertEquals(
          Set.of("goal", "when.from", "when.colour", "when.segment.region", "owner"), fields);
      JsonNode goal = TestServer.json(r).path("errors");
      boolean said = false;
      for (JsonNode e : goal) {
        said |= e.path("message").asText().equals("must be within -100-100 for nps, got 140");
      }
      assertTrue(said, r.body());

      HttpResponse<String> noMetric =
          server.post("/api/v1/targets", "application/json", "{\"metric\":\"xps\",\"goal\":\"a\"}");
      assertEquals(400, noMetric.statusCode());
      Set<String> f2 = new TreeSet<>();
      TestServer.json(noMetric).path("errors").forEach(e -> f2.add(e.path("field").asText()));
      assertEquals(Set.of("metric", "goal"), f2);

      HttpResponse<String> ces =
          server.post("/api/v1/targets", "application/json", "{\"metric\":\"ces\",\"goal\":0.5}");
      assertEquals(400, ces.statusCode());
      assertEquals(
          400, server.post("/api/v1/targets", "application/json", "{\"metric\":").statusCode());
      assertEquals(400, server.get("/api/v1/targets?from=yesterday").statusCode());
      assertEquals(400, server.get("/api/v1/targets?segment.region=EU").statusCode());
      assertEquals(0, TestServer.json(server.get("/api/v1/targets")).path("targets").size());
    }
  }

  @Test
  void theCommandSetsListsAndDeletesTargets() throws IOException {
    try (TestServer server = TestServer.start(data)) {
      assertEquals(200, server.postNdjson(planted()).statusCode());
      StringWriter sink = new StringWriter();
      CommandLine cl = Earful.commandLine();
      cl.setOut(new PrintWriter(sink, true));
      cl.setErr(new PrintWriter(sink, true));
      int code =
          cl.execute(
              "targets",
              "--server",
              server.baseUrl(),
              "--add",
              "--metric",
              "csat",
              "--goal",
              "95",
              "--when",
              "segment.team=support");
      assertEquals(0, code, sink.toString());
      assertTrue(sink.toString().startsWith("set target tg-"), sink.toString());
      assertTrue(sink.toString().contains(": CSAT 95 for segment.team=support"), sink.toString());
      sink.getBuffer().setLength(0);
      assertEquals(0, cl.execute("targets", "--server", server.baseUrl()));
      String[] lines = sink.toString().split("\n");
      assertEquals(2, lines.length, sink.toString());
      assertTrue(
          lines[1].matches(
              "tg-\\S+ +csat +95.0 +75.0 +-20.0  \\[-35.19, -9.19\\] +below +CSAT 95 for"
                  + " segment.team=support"),
          lines[1]);
      String id = lines[1].substring(0, lines[1].indexOf(' '));
      sink.getBuffer().setLength(0);
      int bad =
          cl.execute(
              "targets", "--server", server.baseUrl(), "--add", "--metric", "ces", "--goal", "9");
      assertEquals(2, bad);
      assertTrue(
          sink.toString().contains("goal: must be within 1-7 for ces, got 9"), sink.toString());
      assertEquals(0, cl.execute("targets", "--server", server.baseUrl(), "--delete", id));
      assertEquals(0, TestServer.json(server.get("/api/v1/targets")).path("targets").size());
    }
  }
}
