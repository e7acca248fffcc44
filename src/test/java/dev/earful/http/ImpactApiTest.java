package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.Earful;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The ranked list, its CSV, the trends and a theme's numbers through a real server (real NLP,
 * sentiment model, taxonomy and index), and {@code earful themes} giving the same JSON and CSV.
 */
class ImpactApiTest {

  @TempDir static Path data;
  private static TestServer server;
  private static final List<String> LATE_DETRACTORS = new ArrayList<>();
  private static int lateMentions;
  private static String lateId;

  @BeforeAll
  static void start() {
    server = TestServer.start(data, Map.of("EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "0"));
    lateId =
        create(
            "{\"name\":\"late delivery\",\"phrases\":[\"late delivery\",\"parcel never arrived\"]}");
    create("{\"name\":\"friendly staff\",\"phrases\":[\"friendly staff\"]}");
    create("{\"name\":\"gift wrap\",\"phrases\":[\"gift wrap\"]}");
    SplittableRandom random = new SplittableRandom(11);
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      boolean late = random.nextDouble() < 0.35;
      boolean staff = random.nextDouble() < 0.35;
      String comment =
          (late ? (i % 2 == 0 ? "The late delivery ruined it. " : "My parcel never arrived. ") : "")
              + (staff ? "The friendly staff helped. " : "")
              + (i % 50 == 0 ? "Lovely gift wrap. " : "")
              + "Order "
              + i
              + ".";
      int score =
          random.nextDouble() < (late ? 0.75 : 0.15) ? random.nextInt(7) : 7 + random.nextInt(4);
      if (late) {
        lateMentions++;
        if (score <= 6) {
          LATE_DETRACTORS.add("a" + i);
        }
      }
      ndjson
          .append("{\"id\":\"a")
          .append(i)
          .append("\",\"score\":")
          .append(score)
          .append(",\"comment\":\"")
          .append(comment)
          .append("\",\"submittedAt\":\"2024-0")
          .append(1 + i % 3)
          .append("-1")
          .append(i % 9)
          .append("T10:00:00Z\",\"segments\":{\"region\":\"")
          .append(i % 2 == 0 ? "EU" : "US")
          .append("\"}}\n");
    }
    HttpResponse<String> posted = server.postNdjson(ndjson.toString());
    assertEquals(200, posted.statusCode(), posted.body());
  }

  private static String create(String body) {
    HttpResponse<String> r = server.post("/api/v1/themes", "application/json", body);
    assertEquals(201, r.statusCode(), r.body());
    return TestServer.json(r).path("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void ranksTheDriverFirstWithEveryFieldOfTheContract() {
    JsonNode doc = TestServer.json(server.get("/api/v1/themes?minMentions=5"));
    assertEquals("nps", doc.path("metric").asText());
    assertEquals(150, doc.path("count").asInt());
    JsonNode first = doc.path("themes").get(0);
    assertEquals("late delivery", first.path("name").asText());
    assertEquals(1, first.path("rank").asInt());
    assertEquals(lateMentions, first.path("mentions").asInt());
    assertEquals(LATE_DETRACTORS.size(), first.path("detractors").asInt());
    for (String field :
        List.of(
            "share", "detractorRate", "detractorRateWithout", "pValue", "qValue", "npsImpact")) {
      assertTrue(first.path(field).isNumber(), field + " in " + first);
    }
    assertTrue(first.path("difference").path("value").isNumber());
    assertEquals(2, first.path("difference").path("ci95").size());
    assertEquals(2, first.path("attributableDetractors").path("ci95").size());
    assertTrue(first.path("attributableDetractors").path("value").asDouble() > 0);
    assertTrue(first.path("npsImpact").asDouble() < 0);
    JsonNode examples = first.path("examples");
    assertEquals(3, examples.size());
    for (JsonNode e : examples) {
      assertTrue(LATE_DETRACTORS.contains(e.path("id").asText()), e.toString());
      assertTrue(e.path("snippet").asText().contains("<mark>"), e.toString());
    }
    // Three mentions of gift wrap: listed last, not ranked.
    JsonNode last = doc.path("themes").get(2);
    assertEquals("gift wrap", last.path("name").asText());
    assertFalse(last.path("ranked").asBoolean());
    assertTrue(last.path("rank").isMissingNode());
    assertTrue(last.path("attributableDetractors").isNull());
  }

  @Test
  void givesTheSameListAsCsvWhenAskedForTextCsv() {
    HttpResponse<String> r =
        server.send(
            server.request("/api/v1/themes?minMentions=5").header("Accept", "text/csv").build());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    List<String> lines = r.body().lines().toList();
    assertEquals(4, lines.size());
    assertTrue(lines.get(0).startsWith("rank,id,name,ranked,mentions,share,"));
    assertTrue(
        lines.get(1).startsWith("1," + lateId + ",late delivery,true," + lateMentions + ","),
        lines.get(1));
  }

  @Test
  void filtersAndSortsLikeEveryReadEndpoint() {
    JsonNode eu =
        TestServer.json(server.get("/api/v1/themes?minMentions=5&segment.region=EU&sort=mentions"));
    assertEquals(75, eu.path("count").asInt());
    assertEquals("mentions", eu.path("sort").asText());
    long previous = Long.MAX_VALUE;
    for (JsonNode t : eu.path("themes")) {
      if (t.path("ranked").asBoolean()) {
        assertTrue(t.path("mentions").asLong() <= previous);
        previous = t.path("mentions").asLong();
      }
    }
  }

  @Test
  void rejectsBadParametersWithProblemJsonNamingEachOne() {
    HttpResponse<String> r = server.get("/api/v1/themes?sort=loudest&minMentions=zero");
    assertEquals(400, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    List<String> fields = new ArrayList<>();
    TestServer.json(r).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertEquals(List.of("minMentions", "sort"), fields);
    HttpResponse<String> t = server.get("/api/v1/trends?interval=fortnight");
    assertEquals(400, t.statusCode());
    assertEquals("interval", TestServer.json(t).path("errors").get(0).path("field").asText());
  }

  @Test
  void reportsMonthlyTrendsWithVolumeAndThemeShares() {
    JsonNode doc = TestServer.json(server.get("/api/v1/trends?interval=month"));
    assertEquals("month", doc.path("interval").asText());
    List<String> periods = new ArrayList<>();
    doc.path("periods").forEach(p -> periods.add(p.path("period").asText()));
    assertEquals(List.of("2024-01", "2024-02", "2024-03"), periods);
    assertEquals(50, doc.path("periods").get(0).path("responses").asInt());
    assertFalse(doc.path("periods").get(0).path("lowVolume").asBoolean());
    assertTrue(doc.path("periods").get(0).path("themes").get(0).path("share").isNumber());
    assertTrue(doc.path("methods").path("emerging").asText().contains("Benjamini-Hochberg"));
  }

  @Test
  void addsNumbersAndTrendToOneTheme() {
    JsonNode t =
        TestServer.json(server.get("/api/v1/themes/" + lateId + "?minMentions=5&interval=month"));
    assertEquals("late delivery", t.path("name").asText());
    assertEquals(lateMentions, t.path("numbers").path("mentions").asInt());
    assertEquals(1, t.path("numbers").path("rank").asInt());
    assertEquals(3, t.path("trend").size());
    int sum = 0;
    for (JsonNode p : t.path("trend")) {
      sum += p.path("mentions").asInt();
    }
    assertEquals(lateMentions, sum);
    assertEquals("nps", t.path("context").path("metric").asText());
  }

  @Test
  void themesCommandGivesTheApisJsonAndCsv() throws Exception {
    String api = server.get("/api/v1/themes?minMentions=5&segment.region=US").body();
    String json =
        run(
            "themes",
            "--server",
            server.baseUrl(),
            "--min-mentions",
            "5",
            "--segment",
            "region=US",
            "--format",
            "json");
    assertEquals(TestServer.JSON.readTree(api), TestServer.JSON.readTree(json));
    String apiCsv =
        server
            .send(
                server.request("/api/v1/themes?minMentions=5").header("Accept", "text/csv").build())
            .body();
    assertEquals(
        apiCsv,
        run("themes", "--server", server.baseUrl(), "--min-mentions", "5", "--format", "csv"));
    String table = run("themes", "--server", server.baseUrl(), "--min-mentions", "5");
    assertTrue(table.contains("late delivery"), table);
    assertTrue(table.contains("(not ranked)"), table);
  }

  private static String run(String... args) {
    CommandLine cl = Earful.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    assertEquals(0, code, err.toString());
    return out.toString();
  }
}
