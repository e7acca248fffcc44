package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.config.AppConfig;
import dev.earful.http.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

  @TempDir Path dir;

  @Test
  void serveHelpListsEverySettingWithItsVariableAndDefault() {
    Cli r = Cli.run("serve", "--help");
    assertEquals(0, r.exitCode());
    for (AppConfig.Setting s : AppConfig.SETTINGS) {
      String defaultText = s.defaultValue().isEmpty() ? "none" : s.defaultValue();
      assertTrue(r.out().contains(s.flag()), s.flag());
      assertTrue(
          r.out()
              .replaceAll("\\s+", " ")
              .contains(
                  SettingOptions.sentence(s)
                      + " (env "
                      + s.env()
                      + "; default "
                      + defaultText
                      + ")."),
          r.out());
    }
  }

  @Test
  void serveRefusesAPublicAddressWithoutKeys() {
    Cli r = Cli.run("serve", "--host", "0.0.0.0", "--port", "0", "--data", dir.toString());
    assertEquals(2, r.exitCode());
    assertTrue(
        r.err()
            .startsWith(
                "earful: EARFUL_HOST: binding to 0.0.0.0 exposes every comment without API keys"),
        r.err());
  }

  @Test
  void serveSaysWhenItsPortIsTaken() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Cli r =
          Cli.run(
              "serve", "--port", Integer.toString(taken.getLocalPort()), "--data", dir.toString());
      assertEquals(1, r.exitCode(), r.err());
      assertTrue(
          r.err().startsWith("earful: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          r.err());
    }
  }

  @Test
  void searchPrintsATableOrTheApiJson() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.postNdjson(
          "{\"id\":\"t1\",\"score\":2,\"comment\":\"The delivery was late.\",\"submittedAt\":\"2024-03-01T00:00:00Z\"}\n"
              + "{\"id\":\"t2\",\"score\":9,\"comment\":\"Nice staff.\"}");
      Cli table = Cli.run("search", "delivery", "--server", server.baseUrl());
      assertEquals(0, table.exitCode(), table.err());
      String[] lines = table.out().split("\n");
      assertEquals("ID  SCORE  CATEGORY   SENTIMENT  DATE        COMMENT", lines[0]);
      assertTrue(lines[1].startsWith("t1  nps 2  detractor  "), lines[1]);
      assertTrue(lines[1].endsWith("2024-03-01  The [delivery] was late."), lines[1]);
      assertEquals("1 of 1 matching responses", lines[2]);
      assertEquals("by category: detractor 1", lines[3]);

      // --limit 0 counts: the total and the categories, no table header over no rows.
      Cli count = Cli.run("search", "--server", server.baseUrl(), "--limit", "0");
      assertEquals(0, count.exitCode(), count.err());
      assertEquals(
          "0 of 2 matching responses\nby category: detractor 1, promoter 1\n", count.out());

      Cli json =
          Cli.run(
              "search", "--server", server.baseUrl(), "--category", "promoter", "--format", "json");
      assertEquals(0, json.exitCode(), json.err());
      JsonNode result = TestServer.JSON.readTree(json.out());
      assertEquals(1, result.path("total").asInt());
      assertEquals("t2", result.path("hits").get(0).path("id").asText());

      Cli bad = Cli.run("search", "--server", server.baseUrl(), "--min-score", "abc");
      assertEquals(2, bad.exitCode());
      assertTrue(bad.err().contains("--min-score: must be a whole number, got 'abc'"), bad.err());

      assertEquals(0, Cli.run("health", "--url", server.baseUrl()).exitCode());
      // Every other command names its server with --server; health said "Unknown options".
      assertEquals(0, Cli.run("health", "--server", server.baseUrl()).exitCode());
    }
    Cli local = Cli.run("search", "delivery", "--data", dir.toString(), "--format", "json");
    assertEquals(0, local.exitCode(), local.err());
    assertEquals(1, TestServer.JSON.readTree(local.out()).path("total").asInt());
  }

  @Test
  void healthNamesTheServerOptionOfABadUrl() {
    Cli r = Cli.run("health", "--server", "localhost:7070");
    assertEquals(2, r.exitCode());
    assertEquals(
        "earful: --server must be an http(s) URL such as http://127.0.0.1:7070, got"
            + " localhost:7070\n",
        r.err());
  }

  @Test
  void healthFailsWhenNoServerAnswers() {
    Cli r = Cli.run("health", "--url", "http://127.0.0.1:9", "--timeout", "2");
    assertEquals(1, r.exitCode());
    assertEquals(
        "earful: cannot reach http://127.0.0.1:9: nothing is listening there (connection refused);"
            + " is 'earful serve' running, and on this port?\n",
        r.err());
  }
}
