package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.earful.http.TestServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earful alerts} against a real server on port 0 and a real webhook receiver on loopback: it
 * adds a metric-drop rule, lists it with its last evaluation and the alert it raised, refuses bad
 * rules naming the options at fault, deletes it; and reads the same from the data folder once the
 * server has stopped.
 */
class AlertsCommandTest {

  private static final String SECRET = "a-long-webhook-secret-0123456789";

  @TempDir Path dir;
  private TestServer server;
  private HttpServer receiver;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private static String line(String id, int score, Instant at) {
    return "{\"id\":\""
        + id
        + "\",\"score\":"
        + score
        + ",\"comment\":\"ok\",\"account\":\"Acme\",\"submittedAt\":\""
        + at
        + "\"}\n";
  }

  private void post(String ndjson) {
    HttpResponse<String> r = server.postNdjson(ndjson);
    assertEquals(200, r.statusCode(), r.body());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void addsListsAndDeletesRulesWithTheLastEvaluationAndTheAlertsRaised() throws Exception {
    Path data = dir.resolve("data");
    server = TestServer.start(data);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(new String(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    String url = server.baseUrl();
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, SECRET + "\n");

    Cli empty = Cli.run("alerts", "--server", url);
    assertEquals(0, empty.exitCode(), empty.err());
    assertEquals(
        "No alert rules: add one with earful alerts --add (see --help).\n\n0 alerts raised\n",
        empty.out());

    Cli added =
        Cli.run(
            "alerts",
            "--server",
            url,
            "--add",
            "--name",
            "Acme NPS",
            "--type",
            "metric_drop",
            "--when",
            "account=Acme",
            "--min-drop",
            "20",
            "--webhook-url",
            hook,
            "--webhook-secret-file",
            secret.toString(),
            "--webhook-backoff-millis",
            "100");
    assertEquals(0, added.exitCode(), added.err());
    JsonNode rule = TestServer.json(server.get("/api/v1/alert-rules")).path("rules").get(0);
    String id = rule.path("id").asText();
    assertEquals(
        "added alert rule " + id + ": Acme NPS (metric_drop, posted to " + hook + ")\n",
        added.out());
    assertEquals(20.0, rule.path("minDrop").asDouble());
    assertEquals(100, rule.path("webhook").path("backoffMillis").asInt());
    assertTrue(rule.path("lastEvaluation").isNull(), rule.toString());
    assertTrue(
        Cli.run("alerts", "--server", url)
            .out()
            .contains(
                "\n  last evaluation: not yet (evaluated after each import and, in a server,"
                    + " every 15 minutes)\n"));

    // Baseline: 30 promoters, 10 passives (NPS 75); this week: 20 detractors, 10 passives, 10
    // promoters (NPS -25).
    Instant now = Instant.now();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      b.append(line("base-" + i, i < 30 ? 10 : 8, now.minus(8 + i % 20, ChronoUnit.DAYS)));
    }
    post(b.toString());
    b = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      b.append(line("week-" + i, i < 20 ? 3 : i < 30 ? 7 : 9, now.minus(1, ChronoUnit.DAYS)));
    }
    post(b.toString());
    await("the delivery", () -> received.size() >= 1);
    await(
        "the alert marked delivered",
        () ->
            TestServer.json(server.get("/api/v1/alerts?delivery=delivered")).path("total").asInt()
                == 1);
    JsonNode alert = TestServer.json(server.get("/api/v1/alerts")).path("alerts").get(0);
    String alertId = alert.path("id").asText();

    Cli listed = Cli.run("alerts", "--server", url);
    assertEquals(0, listed.exitCode(), listed.err());
    String[] lines = listed.out().split("\n");
    assertEquals("1 alert rule", lines[0]);
    assertEquals(
        String.format(
            "%-15s  %-14s  %-24s  %-32s  %s", id, "metric_drop", "Acme NPS", "account=Acme", hook),
        lines[2]);
    assertEquals(
        "  raises when the metric falls more than 20 points, last 7 days against the 28 before, p"
            + " < 0.05, at least 30 responses each side",
        lines[3]);
    assertTrue(lines[4].startsWith("  last evaluation 20"), lines[4]);
    assertTrue(
        lines[4].endsWith(
            ": fired; NPS -25.00 (40 responses, last 7 days) vs 75.00 (40, 28 days before), p <"
                + " 0.001"),
        lines[4]);
    assertEquals(
        "    fell 100.00 points (more than minDrop 20) and p < 0.001 is below alpha 0.05: alert "
            + alertId
            + " raised",
        lines[5]);
    assertEquals("", lines[6]);
    assertEquals("1 alert raised, newest first", lines[7]);
    assertTrue(
        lines[9].matches(
            "20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d  "
                + alertId
                + "  delivered   Acme NPS              NPS for 'Acme NPS' fell 100.00 points: .*"),
        lines[9]);

    Cli json = Cli.run("alerts", "--server", url, "--format", "json");
    assertEquals(0, json.exitCode(), json.err());
    JsonNode doc = TestServer.JSON.readTree(json.out());
    assertEquals(id, doc.path("rules").get(0).path("id").asText());
    assertEquals("****", doc.path("rules").get(0).path("webhook").path("secret").asText());
    assertTrue(doc.path("rules").get(0).path("lastEvaluation").path("fired").asBoolean());
    assertEquals(1, doc.path("total").asInt());
    assertEquals("delivered", doc.path("alerts").get(0).path("delivery").asText());
    assertTrue(!json.out().contains(SECRET));

    // Bad rules are refused with every option at fault, as the user typed them.
    Cli bad =
        Cli.run(
            "alerts",
            "--server",
            url,
            "--add",
            "--name",
            "x",
            "--type",
            "sometimes",
            "--when",
            "category=grumpy",
            "--alpha",
            "2");
    assertEquals(2, bad.exitCode(), bad.out());
    assertTrue(
        bad.err()
            .contains(
                "--type: must be new_response, metric_drop or emerging_theme, got 'sometimes'"),
        bad.err());
    assertTrue(bad.err().contains("; --when category: "), bad.err());
    assertTrue(bad.err().contains("; --alpha: must be a number within"), bad.err());
    Files.writeString(secret, "short\n");
    Cli shortSecret =
        Cli.run(
            "alerts",
            "--server",
            url,
            "--add",
            "--name",
            "x",
            "--type",
            "new_response",
            "--webhook-url",
            hook,
            "--webhook-secret-file",
            secret.toString());
    assertEquals(2, shortSecret.exitCode(), shortSecret.out());
    assertTrue(
        shortSecret.err().contains("--webhook-secret-file: is required, 16-512 characters"),
        shortSecret.err());
    Cli notAdding = Cli.run("alerts", "--server", url, "--name", "x", "--min-drop", "3");
    assertEquals(2, notAdding.exitCode(), notAdding.out());
    assertTrue(
        notAdding
            .err()
            .contains(
                "--name, --min-drop describe a new rule and go only with --add; without it, earful"
                    + " alerts lists the rules and changes nothing"),
        notAdding.err());
    Cli badDelivery = Cli.run("alerts", "--server", url, "--delivery", "nowhere");
    assertEquals(2, badDelivery.exitCode(), badDelivery.out());
    assertTrue(badDelivery.err().contains("--delivery: must be pending"), badDelivery.err());
    assertEquals(1, TestServer.json(server.get("/api/v1/alert-rules")).path("rules").size());

    // The data folder, once the server has stopped: the same rule, evaluation and alert.
    server.close();
    server = null;
    Cli local = Cli.run("alerts", "--data", data.toString());
    assertEquals(0, local.exitCode(), local.err());
    assertEquals(listed.out(), local.out());
    Cli localBad = Cli.run("alerts", "--data", data.toString(), "--limit", "0");
    assertEquals(2, localBad.exitCode(), localBad.out());
    assertTrue(localBad.err().contains("--limit: must be within 1-500, got 0"), localBad.err());
    Cli localBadRule =
        Cli.run(
            "alerts",
            "--data",
            data.toString(),
            "--add",
            "--name",
            "x",
            "--type",
            "metric_drop",
            "--window-days",
            "0");
    assertEquals(2, localBadRule.exitCode(), localBadRule.out());
    assertTrue(
        localBadRule.err().contains("--window-days: must be a number within 1-365"),
        localBadRule.err());

    // A mistyped folder is not created (review of session 15): the rule would go where no server
    // reads it.
    Path typo = dir.resolve("dta");
    Cli typoAdd =
        Cli.run(
            "alerts", "--data", typo.toString(), "--add", "--name", "x", "--type", "new_response");
    assertEquals(1, typoAdd.exitCode(), typoAdd.out());
    assertTrue(typoAdd.err().contains("no such folder"), typoAdd.err());
    assertFalse(Files.exists(typo), "no folder made for a mistyped --data");
    Cli typoDelete = Cli.run("alerts", "--data", typo.toString(), "--delete", "ar-nope");
    assertEquals(1, typoDelete.exitCode(), typoDelete.out());
    assertFalse(Files.exists(typo));

    Cli missing = Cli.run("alerts", "--data", data.toString(), "--delete", "ar-nope");
    assertEquals(1, missing.exitCode(), missing.out());
    assertTrue(missing.err().contains("no alert rule with id 'ar-nope'"), missing.err());
    Cli deleted = Cli.run("alerts", "--data", data.toString(), "--delete", id);
    assertEquals(0, deleted.exitCode(), deleted.err());
    assertEquals("deleted alert rule " + id + " (its alerts stay listed)\n", deleted.out());
    Cli after = Cli.run("alerts", "--data", data.toString());
    assertTrue(after.out().startsWith("No alert rules: add one"), after.out());
    assertTrue(after.out().contains("\n1 alert raised, newest first\n"), after.out());

    // A new-response rule of any age (an imported history too), and one of 14 days.
    Cli anyAge =
        Cli.run(
            "alerts",
            "--data",
            data.toString(),
            "--add",
            "--name",
            "Every detractor",
            "--type",
            "new_response",
            "--when",
            "category=detractor",
            "--max-age-days",
            "any");
    assertEquals(0, anyAge.exitCode(), anyAge.err());
    Cli fortnight =
        Cli.run(
            "alerts",
            "--data",
            data.toString(),
            "--add",
            "--name",
            "Recent detractors",
            "--type",
            "new_response",
            "--max-age-days",
            "14");
    assertEquals(0, fortnight.exitCode(), fortnight.err());
    String rules = Cli.run("alerts", "--data", data.toString()).out();
    assertTrue(
        rules.contains(
            "\n  raises on each new matching response of any age, one alert per import batch\n"),
        rules);
    assertTrue(
        rules.contains(
            "\n  raises on each new matching response submitted within 14 days, one alert per"
                + " import batch\n"),
        rules);
    Cli zero =
        Cli.run(
            "alerts",
            "--data",
            data.toString(),
            "--add",
            "--name",
            "x",
            "--type",
            "new_response",
            "--max-age-days",
            "0");
    assertEquals(2, zero.exitCode(), zero.out());
    assertTrue(
        zero.err().contains("--max-age-days: must be a whole number within 1-36500"), zero.err());
  }

  /**
   * earful alerts pages as earful followups does: the newest 500 were all a terminal user could
   * read (review R11 of session 26), on a server and on the data folder.
   */
  @Test
  void pagesThroughTheAlertsWithCursorOnAServerAndOnTheFolder() {
    Path data = dir.resolve("paged");
    server = TestServer.start(data);
    server.addEveryDetractorAlertRule();
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      post(line("p" + i, 1, now));
    }
    String url = server.baseUrl();
    Cli first = Cli.run("alerts", "--server", url, "--limit", "2");
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(
        first.out().contains("3 alerts raised, newest first; the 2 newest (--limit)"), first.out());
    String cursor = nextCursor(first.out());
    Cli second = Cli.run("alerts", "--server", url, "--limit", "2", "--cursor", cursor);
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(
        second.out().contains("3 alerts raised, newest first; 1 after --cursor"), second.out());
    assertFalse(second.out().contains("next page:"), second.out());
    server.close();
    server = null;
    Cli folder = Cli.run("alerts", "--data", data.toString(), "--limit", "2", "--cursor", cursor);
    assertEquals(0, folder.exitCode(), folder.err());
    assertEquals(alertLines(second.out()), alertLines(folder.out()));
    assertEquals(1, alertLines(folder.out()).size(), folder.out());
  }

  private static String nextCursor(String out) {
    for (String l : out.split("\n")) {
      if (l.startsWith("next page: --cursor ")) {
        return l.substring("next page: --cursor ".length()).strip();
      }
    }
    throw new AssertionError("no next page line in\n" + out);
  }

  /** The rows of the alert table: their ids. */
  private static List<String> alertLines(String out) {
    return java.util.Arrays.stream(out.split("\n"))
        .filter(l -> l.matches("^\\S+\\s+al-[0-9a-f]+\\s.*"))
        .map(l -> l.split("\\s+")[1])
        .toList();
  }
}
