package dev.earful.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.earful.Earful;
import dev.earful.alert.WebhookDispatcher;
import dev.earful.http.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Report schedules on a real server with a clock the test moves: nothing for periods before the
 * schedule, one run when the week ends (files written and read back, each format POSTed to a real
 * receiver on loopback, signed, retried after a 500), nothing twice, a missed month run once at
 * start, the history kept across restarts, bad schedules as problems.
 */
class ReportSchedulesTest {

  static final String SECRET = "a-long-random-secret-for-tests";

  /** Two responses of the customer ann@acme.example, whose comments hold the marker "Zyxwv". */
  private static final String ANN =
      "{\"id\":\"a1\",\"score\":1,\"comment\":\"Zyxwv the parcel never came.\","
          + "\"submittedAt\":\"2024-04-30T10:00:00Z\",\"segments\":{\"region\":\"EU\"},"
          + "\"customer\":\"ann@acme.example\"}\n"
          + "{\"id\":\"a2\",\"score\":10,\"comment\":\"Zyxwv sorted it all out, thank you.\","
          + "\"submittedAt\":\"2024-05-08T10:00:00Z\",\"segments\":{\"region\":\"EU\"},"
          + "\"customer\":\"ann@acme.example\"}\n";

  @TempDir Path data;

  private HttpServer receiver;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger failFirst = new AtomicInteger(1);

  record Received(Map<String, List<String>> headers, byte[] body, int answered) {}

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = failFirst.getAndDecrement() > 0 ? 500 : 200;
          received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private String hook() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  /** EU NPS responses: 3 a day from 2024-04-29 to 2024-05-12, and 3 on 2024-06-10. */
  private static String responses() {
    StringBuilder b = new StringBuilder();
    java.time.LocalDate d = java.time.LocalDate.of(2024, 4, 29);
    int i = 0;
    for (; !d.isAfter(java.time.LocalDate.of(2024, 5, 12)); d = d.plusDays(1)) {
      for (int k = 0; k < 3; k++, i++) {
        b.append(line(i, k == 0 ? 2 : 9 + k % 2, d));
      }
    }
    for (int k = 0; k < 3; k++, i++) {
      b.append(line(i, k == 0 ? 4 : 10, java.time.LocalDate.of(2024, 6, 10)));
    }
    return b.toString();
  }

  private static String line(int i, int score, java.time.LocalDate day) {
    return String.format(
        "{\"id\":\"s%d\",\"score\":%d,\"comment\":\"%s Order %d.\","
            + "\"submittedAt\":\"%sT10:00:00Z\",\"segments\":{\"region\":\"EU\"}}%n",
        i, score, score <= 6 ? "The late delivery was a mess." : "Lovely service.", i, day);
  }

  private static JsonNode create(TestServer server, String body) {
    HttpResponse<String> r = server.post("/api/v1/report-schedules", "application/json", body);
    assertEquals(201, r.statusCode(), r.body());
    return TestServer.json(r);
  }

  @Test
  void erasingACustomerRewritesTheReportFilesThatNamedThem() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2024-05-08T12:00:00Z"));
    try (TestServer server = TestServer.start(data, Map.of(), clock)) {
      assertEquals(200, server.postNdjson(responses() + ANN).statusCode());
      String id =
          create(
                  server,
                  "{\"name\":\"EU weekly\",\"every\":\"week\",\"report\":{\"segment.region\":"
                      + "\"EU\",\"minMentions\":5},\"formats\":[\"json\",\"html\"],"
                      + "\"folder\":\"reports\"}")
              .path("id")
              .asText();
      clock.set(Instant.parse("2024-05-13T00:00:30Z"));
      server.app().reportScheduler().runDue("schedule");
      Path json = data.resolve("reports").resolve(id + "-2024-05-06_2024-05-12.json");
      Path html = data.resolve("reports").resolve(id + "-2024-05-06_2024-05-12.html");
      // The week's report tells Ann's story: a detractor who came back as a promoter.
      assertTrue(Files.readString(json).contains("ann@acme.example"), Files.readString(json));
      assertTrue(Files.readString(html).contains("Zyxwv"));

      HttpResponse<String> erased = server.delete("/api/v1/customers/ann@acme.example");
      assertEquals(200, erased.statusCode(), erased.body());
      assertEquals(
          "{\"responses\":2,\"followups\":1,\"alerts\":0,\"reportFiles\":2}",
          TestServer.json(erased).path("erased").toString());
      for (Path file : List.of(json, html)) {
        String text = Files.readString(file);
        assertTrue(!text.contains("ann@acme.example") && !text.contains("Zyxwv"), text);
      }
      // What is left is the report of the same week as the index now tells it.
      String week =
          "/api/v1/reports/review?segment.region=EU&minMentions=5&from=2024-05-06&to=2024-05-12";
      assertArrayEquals(bytes(server, week + "&format=json"), Files.readAllBytes(json));
      assertArrayEquals(bytes(server, week + "&format=html"), Files.readAllBytes(html));
    }
  }

  /**
   * A data folder restored or moved elsewhere (a backup on a new host, another mount point) wrote
   * the reports of a schedule made with a relative folder to the old place: the folder was stored
   * resolved, as an absolute path (the operator's trial, session 27). Now it is stored as given and
   * resolved against the folder the server opens; an absolute one stays as given.
   */
  @Test
  void aRelativeFolderFollowsTheDataFolderWhenItIsMoved() throws Exception {
    Path before = data.resolve("before");
    try (TestServer server = TestServer.start(before)) {
      JsonNode s =
          create(server, "{\"name\":\"weekly\",\"every\":\"week\",\"folder\":\"reports\"}");
      assertEquals(
          before.resolve("reports").toAbsolutePath().toString(), s.path("folder").asText());
      create(
          server,
          "{\"name\":\"elsewhere\",\"every\":\"month\",\"folder\":\""
              + data.resolve("shared-reports").toAbsolutePath()
              + "\"}");
    }
    Path after = data.resolve("after");
    Files.move(before, after);
    try (TestServer server = TestServer.start(after)) {
      Map<String, String> folders = new java.util.TreeMap<>();
      for (JsonNode s : TestServer.json(server.get("/api/v1/report-schedules")).path("schedules")) {
        folders.put(s.path("name").asText(), s.path("folder").asText());
      }
      assertEquals(
          Map.of(
              "weekly",
              after.resolve("reports").toAbsolutePath().toString(),
              "elsewhere",
              data.resolve("shared-reports").toAbsolutePath().toString()),
          folders);
    }
  }

  /**
   * Review R11: after the move above, a run's files were still recorded at the old folder, so
   * erasing a customer rewrote none of the moved reports that named them (reportFiles 0, the JSON
   * still holding the address). The reviewer's test.
   */
  @Test
  void erasingACustomerAfterTheDataFolderMovedRewritesTheMovedReports() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2024-05-08T12:00:00Z"));
    Path before = data.resolve("before");
    String id;
    try (TestServer server = TestServer.start(before, Map.of(), clock)) {
      assertEquals(200, server.postNdjson(responses() + ANN).statusCode());
      id =
          create(
                  server,
                  "{\"name\":\"EU weekly\",\"every\":\"week\",\"report\":{\"segment.region\":"
                      + "\"EU\",\"minMentions\":5},\"formats\":[\"json\"],"
                      + "\"folder\":\"reports\"}")
              .path("id")
              .asText();
      clock.set(Instant.parse("2024-05-13T00:00:30Z"));
      server.app().reportScheduler().runDue("schedule");
    }
    Path after = data.resolve("after");
    Files.move(before, after);
    Path json = after.resolve("reports").resolve(id + "-2024-05-06_2024-05-12.json");
    assertTrue(Files.readString(json).contains("ann@acme.example"));
    try (TestServer server = TestServer.start(after, Map.of(), clock)) {
      HttpResponse<String> erased = server.delete("/api/v1/customers/ann@acme.example");
      assertEquals(200, erased.statusCode(), erased.body());
      assertEquals(
          1, TestServer.json(erased).path("erased").path("reportFiles").asInt(), erased.body());
      assertTrue(
          !Files.readString(json).contains("ann@acme.example"),
          "the moved report still names the customer");
    }
  }

  @Test
  void aWeeklyScheduleWritesAndPostsTheReportOnceWhenTheWeekEnds() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2024-05-08T12:00:00Z"));
    try (TestServer server = TestServer.start(data, Map.of(), clock)) {
      assertEquals(200, server.postNdjson(responses()).statusCode());
      JsonNode s =
          create(
              server,
              "{\"name\":\"EU weekly\",\"every\":\"week\",\"report\":{\"segment.region\":\"EU\","
                  + "\"minMentions\":5},\"formats\":[\"pdf\",\"json\"],\"folder\":\"reports\","
                  + "\"webhook\":{\"url\":\""
                  + hook()
                  + "\",\"secret\":\""
                  + SECRET
                  + "\",\"maxAttempts\":3,\"backoffMillis\":10}}");
      String id = s.path("id").asText();
      assertEquals("****", s.path("webhook").path("secret").asText());
      assertEquals(data.resolve("reports").toAbsolutePath().toString(), s.path("folder").asText());
      // The week that ended before the schedule was made is not reported.
      assertEquals("2024-05-13T00:00:00Z", s.path("nextRunAt").asText());
      assertEquals(List.of(), server.app().reportScheduler().runDue("schedule"));

      clock.set(Instant.parse("2024-05-13T00:00:30Z"));
      // The scheduler's own tick may get there first; either way the week runs exactly once.
      server.app().reportScheduler().runDue("schedule");
      assertEquals(List.of(), server.app().reportScheduler().runDue("schedule"));

      JsonNode runs = TestServer.json(server.get("/api/v1/report-schedules/" + id + "/runs"));
      assertEquals(1, runs.path("total").asInt());
      JsonNode run = runs.path("runs").get(0);
      assertEquals(id + "-2024-05-06", run.path("id").asText());
      assertEquals("2024-05-13T00:00:30Z", run.path("at").asText());
      assertEquals("schedule", run.path("trigger").asText());
      assertEquals("2024-05-06", run.path("period").path("from").asText());
      assertEquals("2024-05-12", run.path("period").path("to").asText());
      assertEquals("ok", run.path("outcome").asText());

      // The files, read back: the JSON is the API's report for that week, byte for byte (no
      // current time in it), the PDF covers the week.
      Path pdf = data.resolve("reports").resolve(id + "-2024-05-06_2024-05-12.pdf");
      Path json = data.resolve("reports").resolve(id + "-2024-05-06_2024-05-12.json");
      assertEquals(pdf.toString(), run.path("files").get(0).path("path").asText());
      assertEquals(Files.size(pdf), run.path("files").get(0).path("bytes").asLong());
      String week =
          "/api/v1/reports/review?segment.region=EU&minMentions=5&from=2024-05-06&to=2024-05-12";
      assertArrayEquals(bytes(server, week + "&format=json"), Files.readAllBytes(json));
      assertArrayEquals(bytes(server, week + "&format=pdf"), Files.readAllBytes(pdf));
      JsonNode report = TestServer.JSON.readTree(Files.readAllBytes(json));
      assertEquals(21, report.path("headline").path("responses").asLong());
      assertEquals(33.33, report.path("headline").path("value").asDouble());
      try (PDDocument d = Loader.loadPDF(Files.readAllBytes(pdf))) {
        String text = new PDFTextStripper().getText(d);
        assertTrue(text.contains("2024-05-06"), text);
        assertTrue(text.contains("NPS 33.33"), text);
      }

      // The receiver: the PDF failed once (500) and was retried with the same run id; each body
      // is signed with the secret.
      assertEquals(3, received.size());
      assertEquals(List.of(500, 200, 200), received.stream().map(Received::answered).toList());
      assertArrayEquals(Files.readAllBytes(pdf), received.get(1).body());
      assertArrayEquals(Files.readAllBytes(json), received.get(2).body());
      for (Received r : received) {
        assertEquals(
            WebhookDispatcher.signature(SECRET, r.body()),
            r.headers().get("X-earful-signature").getFirst());
        assertEquals(id + "-2024-05-06", r.headers().get("X-earful-run").getFirst());
        assertEquals("2024-05-06/2024-05-12", r.headers().get("X-earful-period").getFirst());
      }
      assertEquals("application/pdf", received.get(0).headers().get("Content-type").getFirst());
      assertEquals("2", received.get(1).headers().get("X-earful-attempt").getFirst());
      JsonNode pdfDelivery = run.path("deliveries").get(0);
      assertEquals("pdf", pdfDelivery.path("format").asText());
      assertEquals(2, pdfDelivery.path("attempts").asInt());
      assertEquals(200, pdfDelivery.path("status").asInt());
      assertTrue(pdfDelivery.path("delivered").asBoolean());

      JsonNode listed = TestServer.json(server.get("/api/v1/report-schedules"));
      assertEquals("ok", listed.path("schedules").get(0).path("lastRun").path("outcome").asText());
      assertEquals(
          "2024-05-20T00:00:00Z", listed.path("schedules").get(0).path("nextRunAt").asText());

      // The command line lists the schedule and its runs.
      StringWriter sink = new StringWriter();
      CommandLine cl = Earful.commandLine();
      cl.setOut(new PrintWriter(sink, true));
      cl.setErr(new PrintWriter(sink, true));
      assertEquals(
          0, cl.execute("report-schedules", "--server", server.baseUrl()), sink.toString());
      assertTrue(sink.toString().contains(id + "  week   pdf,json"), sink.toString());
      sink.getBuffer().setLength(0);
      assertEquals(
          0,
          cl.execute("report-schedules", "--server", server.baseUrl(), "--runs", id),
          sink.toString());
      assertTrue(
          sink.toString().contains("2024-05-13T00:00:30Z  schedule  2024-05-06 to 2024-05-12  ok"),
          sink.toString());
    }
  }

  @Test
  void aMonthMissedWhileTheServerWasDownRunsOnceAtStartAndTheHistoryStays() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2024-04-20T08:00:00Z"));
    String id;
    try (TestServer server = TestServer.start(data, Map.of(), clock)) {
      assertEquals(200, server.postNdjson(responses()).statusCode());
      id =
          create(
                  server,
                  "{\"name\":\"monthly\",\"every\":\"month\",\"formats\":[\"html\"],"
                      + "\"folder\":\"monthly\"}")
              .path("id")
              .asText();
    }
    // Down from April 20 to July 3: May and June ended meanwhile; only June is written, once.
    clock.set(Instant.parse("2024-07-03T09:00:00Z"));
    try (TestServer server = TestServer.start(data, Map.of(), clock)) {
      JsonNode runs = waitForRuns(server, id, 1);
      JsonNode run = runs.path("runs").get(0);
      assertEquals("startup", run.path("trigger").asText());
      assertEquals("2024-06-01", run.path("period").path("from").asText());
      assertEquals("2024-06-30", run.path("period").path("to").asText());
      assertEquals("ok", run.path("outcome").asText());
      Path html = data.resolve("monthly").resolve(id + "-2024-06-01_2024-06-30.html");
      assertArrayEquals(
          bytes(server, "/api/v1/reports/review?from=2024-06-01&to=2024-06-30&format=html"),
          Files.readAllBytes(html));
      assertEquals(List.of(), server.app().reportScheduler().runDue("schedule"));
    }
    try (TestServer server = TestServer.start(data, Map.of(), clock)) {
      Thread.sleep(300); // the start-up check runs; nothing is due
      assertEquals(List.of(), server.app().reportScheduler().runDue("schedule"));
      JsonNode runs = TestServer.json(server.get("/api/v1/report-schedules/" + id + "/runs"));
      assertEquals(1, runs.path("total").asInt());
      assertEquals(204, server.delete("/api/v1/report-schedules/" + id).statusCode());
      assertEquals(404, server.get("/api/v1/report-schedules/" + id + "/runs").statusCode());
    }
  }

  private static JsonNode waitForRuns(TestServer server, String id, int n) throws Exception {
    long until = System.nanoTime() + 120_000_000_000L;
    while (true) {
      JsonNode runs = TestServer.json(server.get("/api/v1/report-schedules/" + id + "/runs"));
      if (runs.path("total").asInt() >= n || System.nanoTime() > until) {
        assertEquals(n, runs.path("total").asInt(), runs.toString());
        return runs;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void badSchedulesAreProblemsNamingEveryField() {
    try (TestServer server = TestServer.start(data)) {
      HttpResponse<String> r =
          server.post(
              "/api/v1/report-schedules",
              "application/json",
              "{\"name\":\"x\",\"every\":\"daily\",\"report\":{\"from\":\"2024-01-01\","
                  + "\"top\":99,\"colour\":\"red\"},\"formats\":[\"doc\"],"
                  + "\"webhook\":{\"url\":\"ftp://x\",\"secret\":\"short\"}}");
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(
          r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
      Set<String> fields = new TreeSet<>();
      TestServer.json(r).path("errors").forEach(e -> fields.add(e.path("field").asText()));
      assertEquals(
          Set.of(
              "every",
              "report.from",
              "report.top",
              "report.colour",
              "formats",
              "webhook.url",
              "webhook.secret"),
          fields);
      HttpResponse<String> nowhere =
          server.post(
              "/api/v1/report-schedules",
              "application/json",
              "{\"name\":\"x\",\"every\":\"week\"}");
      assertEquals(400, nowhere.statusCode());
      assertEquals("folder", TestServer.json(nowhere).path("errors").get(0).path("field").asText());
      assertEquals(
          0, TestServer.json(server.get("/api/v1/report-schedules")).path("schedules").size());
    }
  }

  private static byte[] bytes(TestServer server, String path) throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(server.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    return r.body();
  }
}
