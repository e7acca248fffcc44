package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server sends is what {@code GET /api/v1/openapi.json} says: one realistic session
 * against a real server (a committed survey imported, themes with a sub-theme, edits, rules, a real
 * webhook receiver, reports, errors 400, 401, 403, 404, 409, 413 and 415) and every response body
 * validated against the schema its operation documents for its status and content type. A field a
 * generated client would break on (named, typed, nullable or required otherwise than documented),
 * an undocumented status or content type, fails here with the operation and the validator's words.
 * {@link #UNREACHED} names each operation the session does not call, with why; it can only shrink
 * (every operation is called today, all 43). With {@code -Dcontract.dump=DIR} every answer is
 * written to DIR (request line, status, body), the material for documenting a body still described
 * only in words.
 */
class OpenApiContractTest {

  private static final String BASE = "https://earful.invalid/openapi.json";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final String READ = "contract-read-key-1";
  private static final String WRITE = "contract-write-key-1";

  /** Operations the session does not call, and why. A listed operation that is called fails. */
  private static final Map<String, String> UNREACHED = Map.of();

  @TempDir Path data;

  private TestServer server;
  private JsonNode doc;
  private SchemaRegistry schemas;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Schema> compiled = new HashMap<>();
  private final Map<String, Set<Integer>> reached = new TreeMap<>();
  private final List<String> mismatches = new ArrayList<>();
  private int dumped;

  private record Route(String method, Pattern path, String template, JsonNode operation) {}

  @Test
  void everyResponseOfARealisticSessionIsWhatTheDocumentSays() throws Exception {
    List<String> hooks = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    server =
        TestServer.start(
            data,
            Map.of(
                "EARFUL_API_KEYS",
                "read:" + READ + ",write:" + WRITE,
                "EARFUL_MAX_BODY_BYTES",
                "65536"));
    try {
      loadDocument();
      session(receiver.getAddress().getPort(), hooks);
    } finally {
      server.close();
      receiver.stop(0);
    }
    System.out.println("OpenApiContractTest reached (operation=[statuses]): " + reached);
    List<String> documented = new ArrayList<>();
    for (Route r : routes) {
      documented.add(r.operation().path("operationId").asText());
    }
    List<String> unlisted = new ArrayList<>();
    List<String> listedButReached = new ArrayList<>();
    for (String op : documented) {
      if (!reached.containsKey(op) && !UNREACHED.containsKey(op)) {
        unlisted.add(op);
      }
      if (reached.containsKey(op) && UNREACHED.containsKey(op)) {
        listedButReached.add(op);
      }
    }
    assertTrue(
        documented.containsAll(UNREACHED.keySet()),
        "UNREACHED names an operation the document does not have: " + UNREACHED.keySet());
    assertTrue(
        mismatches.isEmpty(),
        "responses otherwise than documented:\n" + String.join("\n", mismatches));
    assertEquals(List.of(), unlisted, "operations neither reached nor listed in UNREACHED");
    assertEquals(List.of(), listedButReached, "reached now: take them out of UNREACHED");
  }

  // ---- the session ----------------------------------------------------------------------------

  private void session(int hookPort, List<String> hooks) throws Exception {
    call("GET", "/api/v1/health", null, null);
    call("GET", "/api/v1/openapi.json", null, null);
    call("GET", "/metrics", null, null, "*/*");
    call("GET", "/api/v1/sentiment/model", null, null);
    // Before anything is stored: the empty answers are a client's first sight of the API.
    call("GET", "/api/v1/themes", null, null);
    call("GET", "/api/v1/metrics", null, null);
    call("GET", "/api/v1/search?q=anything", null, null);
    call("GET", "/api/v1/accounts", null, null);
    call("GET", "/api/v1/followups", null, null);
    call("GET", "/api/v1/reports/review", null, null);

    String hook =
        "\"webhook\":{\"url\":\"http://127.0.0.1:"
            + hookPort
            + "/hook\",\"secret\":\"contract-test-secret-0123\",\"maxAttempts\":3,\"backoffMillis\":50}";
    JsonNode rule =
        call(
            "POST",
            "/api/v1/alert-rules",
            "application/json",
            "{\"name\":\"Acme detractors\",\"type\":\"new_response\","
                + "\"when\":{\"account\":\"Acme\",\"category\":\"detractor\"},"
                + hook
                + "}");
    call(
        "POST",
        "/api/v1/alert-rules",
        "application/json",
        // a filter posted outside the document's types (review R2 of session 23) is answered inside
        "{\"name\":\"NPS drop\",\"type\":\"metric_drop\",\"when\":{\"metric\":\"NPS\","
            + "\"minScore\":\"\",\"maxScore\":[\"10\",\"10\"],\"q\":[]}}");
    call(
        "PUT",
        "/api/v1/followup-rules",
        "application/json",
        "{\"rules\":[{\"id\":\"detractors\",\"name\":\"Detractors\",\"kind\":\"recover\","
            + "\"when\":{\"category\":\"detractor\"},\"maxAgeDays\":60},"
            + "{\"id\":\"fans\",\"name\":\"Fans\",\"kind\":\"advocate\","
            + "\"when\":{\"category\":\"promoter\"},\"enabled\":false}]}");
    call("GET", "/api/v1/followup-rules", null, null);

    call("POST", "/api/v1/responses", "application/x-ndjson", sample());
    call(
        "POST",
        "/api/v1/responses?dates=day-first&segment.source=web",
        "application/json",
        "[{\"id\":\"j1\",\"score\":4,\"comment\":\"The app keeps crashing.\","
            + "\"submittedAt\":\"03/12/2026\"},{\"score\":5},{\"id\":\"j2\",\"metric\":\"csat\","
            + "\"score\":2,\"comment\":\"Rude staff.\"}]");
    call("GET", "/api/v1/responses/t0", null, null);
    call("GET", "/api/v1/responses/j2?tokens=true", null, null);

    JsonNode billing =
        call(
            "POST",
            "/api/v1/themes",
            "application/json",
            "{\"name\":\"billing\",\"phrases\":[\"bill\",\"charge\",\"price\"]}");
    String billingId = billing.path("id").asText();
    JsonNode overcharge =
        call(
            "POST",
            "/api/v1/themes",
            "application/json",
            "{\"name\":\"overcharged\",\"phrases\":[\"overcharge\",\"charged twice\"],"
                + "\"parentId\":\""
                + billingId
                + "\"}");
    JsonNode signal =
        call(
            "POST",
            "/api/v1/themes",
            "application/json",
            "{\"name\":\"signal\",\"phrases\":[\"signal\",\"coverage\"]}");
    call(
        "POST",
        "/api/v1/themes",
        "application/json",
        "{\"name\":\"drops\",\"phrases\":[\"drop\"]}");
    call(
        "PATCH",
        "/api/v1/themes/" + signal.path("id").asText(),
        "application/json",
        "{\"name\":\"signal and coverage\",\"addPhrases\":[\"no service\"]}");
    call(
        "POST",
        "/api/v1/themes/" + signal.path("id").asText() + "/merge",
        "application/json",
        "{\"ids\":[\"t4\"]}");
    call("POST", "/api/v1/themes/discover", null, null);
    call("GET", "/api/v1/themes", null, null);
    call("GET", "/api/v1/themes", null, null, "text/csv");
    call("GET", "/api/v1/themes?metric=csat", null, null);
    call("GET", "/api/v1/themes/" + billingId, null, null);
    call("GET", "/api/v1/themes/" + overcharge.path("id").asText(), null, null);
    call("GET", "/api/v1/search?q=signal&theme=" + billingId, null, null);
    call("GET", "/api/v1/search?category=detractor&limit=2", null, null);
    call("GET", "/api/v1/metrics", null, null);
    call("GET", "/api/v1/metrics?segment.plan=business", null, null);
    call("GET", "/api/v1/trends?interval=week", null, null);
    // Weeks of ten responses are compared at minResponses=5: compared and emerging have rows.
    assertEquals(
        2,
        call("GET", "/api/v1/trends?interval=week&minResponses=5", null, null)
            .path("compared")
            .size());
    // The segment filter as the document declares it (deepObject), which a generated client sends.
    assertEquals(
        call("GET", "/api/v1/metrics?segment.plan=business", null, null).path("count"),
        call("GET", "/api/v1/metrics?segment%5Bplan%5D=business", null, null).path("count"));
    call(
        "POST",
        "/api/v1/responses?segment%5Bsource%5D=feed",
        "application/x-ndjson",
        "{\"id\":\"d1\",\"score\":9,\"comment\":\"Fine.\"}\n");
    assertEquals(
        "feed",
        call("GET", "/api/v1/responses/d1", null, null).path("segments").path("source").asText());
    call(
        "POST",
        "/api/v1/analyze",
        "application/json",
        "{\"text\":\"My bill was wrong and nobody answered the phone.\"}");
    call(
        "POST",
        "/api/v1/analyze",
        "application/json",
        "[{\"text\":\"Great signal.\"},{\"text\":\"\"}]");

    JsonNode target =
        call(
            "POST",
            "/api/v1/targets",
            "application/json",
            "{\"name\":\"NPS goal\",\"metric\":\"nps\",\"goal\":40}");
    call("GET", "/api/v1/targets", null, null);
    call("GET", "/api/v1/targets/" + target.path("id").asText(), null, null);
    JsonNode schedule =
        call(
            "POST",
            "/api/v1/report-schedules",
            "application/json",
            "{\"name\":\"Weekly\",\"every\":\"week\",\"report\":{\"minMentions\":2},"
                + "\"formats\":[\"json\"],\"folder\":\"reports\"}");
    call("GET", "/api/v1/report-schedules", null, null);
    call("GET", "/api/v1/report-schedules/" + schedule.path("id").asText(), null, null);
    call("GET", "/api/v1/report-schedules/" + schedule.path("id").asText() + "/runs", null, null);
    call("GET", "/api/v1/reports/review", null, null);
    call("GET", "/api/v1/reports/review?compareTo=previous&format=html", null, null, "*/*");
    call("GET", "/api/v1/reports/review?format=pdf", null, null, "*/*");
    call("GET", "/api/v1/reports/accounts", null, null);
    call("GET", "/api/v1/accounts", null, null);
    call("GET", "/api/v1/customers/" + enc("ann@acme.example"), null, null);

    for (int i = 0; i < 200 && hooks.isEmpty(); i++) {
      Thread.sleep(50);
    }
    if (hooks.isEmpty()) {
      mismatches.add("the webhook receiver got no alert of rule " + rule);
    }
    call("GET", "/api/v1/alerts", null, null);
    call("GET", "/api/v1/alert-rules", null, null);
    call("GET", "/api/v1/alert-rules/" + rule.path("id").asText(), null, null);

    JsonNode followups = call("GET", "/api/v1/followups", null, null);
    call("GET", "/api/v1/followups?format=csv", null, null, "*/*");
    String followup = followups.path("followups").path(0).path("id").asText();
    call("GET", "/api/v1/followups/" + followup, null, null);
    call(
        "PATCH",
        "/api/v1/followups/" + followup,
        "application/json",
        "{\"status\":\"contacted\",\"assignee\":\"sam\",\"note\":\"Called.\",\"by\":\"lee\"}");
    call(
        "PATCH",
        "/api/v1/followups?account=Globex",
        "application/json",
        "{\"assignee\":\"kim\",\"by\":\"lee\"}");

    // The errors a client handles: problem+json of each kind.
    call("GET", "/api/v1/responses/nope", null, null);
    // Every route refuses a parameter it does not take, these two included.
    call("GET", "/api/v1/health?probe=1", null, null);
    call("GET", "/api/v1/sentiment/model?verbose=true", null, null);
    call("GET", "/api/v1/themes/t999", null, null);
    call("GET", "/api/v1/search?limit=lots", null, null);
    call("POST", "/api/v1/themes", "application/json", "{\"name\":\"Billing\"}");
    call("POST", "/api/v1/themes", "text/plain", "billing");
    call("POST", "/api/v1/responses", "text/plain", "hello");
    call("POST", "/api/v1/analyze", "application/json", "{\"text\":");
    call("PATCH", "/api/v1/followups/f999", "application/json", "{\"status\":\"resolved\"}");
    call("PATCH", "/api/v1/followups", "application/json", "{\"status\":\"resolved\"}");
    call(
        "PATCH",
        "/api/v1/followups?all=true&expected=999",
        "application/json",
        "{\"status\":\"resolved\"}");
    call("POST", "/api/v1/targets", "application/json", "{\"metric\":\"xps\",\"goal\":\"a\"}");
    call("GET", "/api/v1/reports/accounts?account=Nobody", null, null);
    call("GET", "/api/v1/customers/nobody", null, null);
    callAs(null, "GET", "/api/v1/search?q=signal", null, null, "application/json");
    callAs(
        READ, "POST", "/api/v1/themes", "application/json", "{\"name\":\"x\"}", "application/json");
    call(
        "POST",
        "/api/v1/responses",
        "application/json",
        "[{\"id\":\"big\",\"score\":1,\"comment\":\"" + "b".repeat(70_000) + "\"}]");

    call("DELETE", "/api/v1/customers/" + enc("ann@acme.example"), null, null);
    call("DELETE", "/api/v1/responses/t5", null, null);
    call("DELETE", "/api/v1/responses/t5", null, null);
    call("DELETE", "/api/v1/themes/" + overcharge.path("id").asText(), null, null);
    call("DELETE", "/api/v1/alert-rules/" + rule.path("id").asText(), null, null);
    call("DELETE", "/api/v1/targets/" + target.path("id").asText(), null, null);
    call("DELETE", "/api/v1/report-schedules/" + schedule.path("id").asText(), null, null);
    call("DELETE", "/api/v1/report-schedules/" + schedule.path("id").asText(), null, null);
  }

  /**
   * The committed telecom survey (test resources), dated over the last eight weeks, with plans,
   * customers and accounts: enough for themes, trends, accounts, follow-ups and an alert.
   */
  private static String sample() throws IOException {
    String csv = Files.readString(Path.of("src/test/resources/themes/surveys/telecom.csv"));
    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new java.io.StringReader(csv))
            .getRecords();
    String[] accounts = {"Acme", "Globex", "Initech"};
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", "t" + i);
      r.put("score", Integer.parseInt(rows.get(i).get("score")));
      r.put("comment", rows.get(i).get("comment"));
      r.put("submittedAt", now.minus(i * 13L % 56, ChronoUnit.DAYS).minusSeconds(i).toString());
      r.put("segments", Map.of("plan", i % 2 == 0 ? "business" : "home"));
      r.put("customer", i < 3 ? "ann@acme.example" : "c" + (i % 17) + "@example.com");
      r.put("account", accounts[i % 3]);
      b.append(TestServer.JSON.writeValueAsString(r)).append('\n');
    }
    return b.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ---- calling and checking -------------------------------------------------------------------

  /** Sends, validates against the document and returns the body as JSON (missing if not JSON). */
  private JsonNode call(String method, String path, String contentType, String body) {
    return call(method, path, contentType, body, "application/json");
  }

  private JsonNode call(
      String method, String path, String contentType, String body, String accept) {
    return callAs(WRITE, method, path, contentType, body, accept);
  }

  /** As {@link #call}, with the given API key (null: none). */
  private JsonNode callAs(
      String key, String method, String path, String contentType, String body, String accept) {
    HttpRequest.Builder req = server.request(path).header("Accept", accept);
    if (key != null) {
      req.header("Authorization", "Bearer " + key);
    }
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    if (contentType != null) {
      req.header("Content-Type", contentType);
    }
    req.method(method, publisher);
    HttpResponse<String> r = server.send(req.build());
    check(method, path, r);
    if (System.getProperty("contract.dump") != null) {
      try {
        Path dir = Path.of(System.getProperty("contract.dump"));
        Files.createDirectories(dir);
        Files.writeString(
            dir.resolve(String.format("%03d", dumped++) + ".txt"),
            method + " " + path + " " + r.statusCode() + "\n" + r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (type.contains("json") && !r.body().isEmpty()) {
      return TestServer.json(r);
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private void check(String method, String path, HttpResponse<String> r) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    Route route = null;
    for (Route candidate : routes) {
      if (candidate.method().equals(method) && candidate.path().matcher(bare).matches()) {
        if (route == null || candidate.template().indexOf('{') < 0) {
          route = candidate;
        }
      }
    }
    String call = method + " " + path + " -> " + r.statusCode();
    if (route == null) {
      mismatches.add(call + ": no documented operation");
      return;
    }
    String op = route.operation().path("operationId").asText();
    reached.computeIfAbsent(op, k -> new TreeSet<>()).add(r.statusCode());
    JsonNode response = route.operation().path("responses").path(String.valueOf(r.statusCode()));
    String pointer =
        "/paths/"
            + esc(route.template())
            + "/"
            + method.toLowerCase(Locale.ROOT)
            + "/responses/"
            + r.statusCode();
    if (response.isMissingNode()) {
      mismatches.add(call + " (" + op + "): status not documented; body " + clip(r.body()));
      return;
    }
    if (response.has("$ref")) {
      pointer = response.path("$ref").asText().substring(1);
      response = doc.at(pointer);
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    String media = type.contains(";") ? type.substring(0, type.indexOf(';')).trim() : type.trim();
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (!r.body().isEmpty()) {
        mismatches.add(call + " (" + op + "): a body where none is documented: " + clip(r.body()));
      }
      return;
    }
    String key = null;
    for (var e : content.properties()) {
      String k = e.getKey();
      String kMedia = k.contains(";") ? k.substring(0, k.indexOf(';')).trim() : k;
      if (kMedia.equalsIgnoreCase(media)) {
        key = k;
      }
    }
    if (key == null) {
      mismatches.add(call + " (" + op + "): content type " + type + " not documented");
      return;
    }
    if (!content.path(key).has("schema")) {
      return;
    }
    String schemaPointer = pointer + "/content/" + esc(key) + "/schema";
    String instance;
    if (media.endsWith("json")) {
      instance = r.body();
    } else {
      try {
        instance = TestServer.JSON.writeValueAsString(r.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Schema schema =
        compiled.computeIfAbsent(
            schemaPointer, p -> schemas.getSchema(SchemaLocation.of(BASE + "#" + p)));
    List<Error> errors = schema.validate(instance, InputFormat.JSON);
    for (Error e : errors) {
      String where = e.getInstanceLocation().toString().replaceAll("/\\d+(?=/|$)", "/*");
      String line = op + " " + r.statusCode() + " " + media + ": " + where + " " + e.getMessage();
      if (!mismatches.contains(line)) {
        mismatches.add(line);
      }
    }
  }

  private static void close(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      if (o.path("properties").isObject() && !o.has("additionalProperties")) {
        o.put("additionalProperties", false);
      }
    }
    node.forEach(OpenApiContractTest::close);
  }

  private static String esc(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  private static String clip(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private void loadDocument() {
    HttpResponse<String> r =
        server.send(server.request(OpenApiController.PATH).header("X-API-Key", READ).GET().build());
    assertEquals(200, r.statusCode());
    doc = TestServer.json(r);
    // A client may rely on the properties an object schema lists being all it is sent (the
    // document's info says so): here every schema that lists properties and says nothing of
    // others is closed, so a field the server sends and the document does not name fails.
    JsonNode closed = doc.deepCopy();
    close(closed);
    String text = closed.toString();
    schemas =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(), b -> b.schemas(Map.of(BASE, text)));
    // The validator can fail: a problem without its required fields is refused.
    assertEquals(
        2,
        schemas
            .getSchema(SchemaLocation.of(BASE + "#/components/schemas/Problem"))
            .validate("{\"type\":\"x\",\"status\":\"400\",\"title\":\"t\"}", InputFormat.JSON)
            .size());
    doc.path("paths")
        .properties()
        .forEach(
            p -> {
              String regex = p.getKey().replaceAll("\\{[^/}]+\\}", "[^/]+");
              p.getValue()
                  .properties()
                  .forEach(
                      op -> {
                        if (METHODS.contains(op.getKey())) {
                          routes.add(
                              new Route(
                                  op.getKey().toUpperCase(Locale.ROOT),
                                  Pattern.compile(regex),
                                  p.getKey(),
                                  op.getValue()));
                        }
                      });
            });
  }
}
