package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.http.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earful followups --update-all}: a bulk change, on the data folder and on a server. */
class FollowupsCommandTest {

  @TempDir Path dir;

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static final String CSV =
      "id,score,comment\n" + "d1,1,Awful.\n" + "d2,3,Slow.\n" + "d3,0,Rude.\n" + "p1,10,Great.\n";

  @Test
  void updateAllChangesEveryFollowUpTheFilterSelectsAndRefusesNoFilterWithoutAll()
      throws Exception {
    Path csv = dir.resolve("backlog.csv");
    Files.writeString(csv, CSV);
    String data = dir.resolve("data").toString();
    Cli imported = Cli.run("import", csv.toString(), "--data", data, "--no-progress");
    assertEquals(0, imported.exitCode(), imported.err());

    Cli unfiltered =
        Cli.run("followups", "--data", data, "--update-all", "--set-status", "no_action");
    assertEquals(2, unfiltered.exitCode(), unfiltered.out());
    assertTrue(unfiltered.err().contains("add --all to mean it"), unfiltered.err());
    Cli noChange = Cli.run("followups", "--data", data, "--update-all", "--kind", "recover");
    assertEquals(2, noChange.exitCode(), noChange.out());
    assertTrue(
        noChange.err().contains("--update-all needs --set-status, --assign or --note"),
        noChange.err());
    assertTrue(
        Cli.run("followups", "--data", data, "--status", "open")
            .out()
            .startsWith("3 follow-ups, 0 overdue\n"));

    Cli local =
        Cli.run(
            "followups",
            "--data",
            data,
            "--update-all",
            "--status",
            "open",
            "--kind",
            "recover",
            "--set-status",
            "no_action",
            "--note",
            "Backlog.",
            "--by",
            "lee");
    assertEquals(0, local.exitCode(), local.err());
    assertEquals("3 follow-ups matched, 3 changed\n", local.out());
    assertTrue(
        Cli.run("followups", "--data", data, "--status", "no_action")
            .out()
            .startsWith("3 follow-ups, 0 overdue\n"));
    // Without --status the header counts the closed ones too, and says so.
    assertTrue(
        Cli.run("followups", "--data", data)
            .out()
            .startsWith(
                "3 follow-ups of every status (--status open,contacted: the ones to do), 0"
                    + " overdue\n"));

    try (TestServer server = TestServer.start(dir.resolve("served"))) {
      Cli posted = Cli.run("import", csv.toString(), "--server", server.baseUrl(), "--no-progress");
      assertEquals(0, posted.exitCode(), posted.err());
      Cli refused =
          Cli.run("followups", "--server", server.baseUrl(), "--update-all", "--assign", "sam");
      assertEquals(2, refused.exitCode(), refused.out());
      Cli remote =
          Cli.run(
              "followups",
              "--server",
              server.baseUrl(),
              "--update-all",
              "--all",
              "--assign",
              "sam",
              "--by",
              "lee");
      assertEquals(0, remote.exitCode(), remote.err());
      assertEquals("3 follow-ups matched, 3 changed\n", remote.out());
      JsonNode page = TestServer.json(server.get("/api/v1/followups?assignee=sam"));
      assertEquals(3, page.path("total").asInt());
      JsonNode history = page.path("followups").get(0).path("history");
      assertEquals("lee", history.get(history.size() - 1).path("by").asText());
      assertEquals("sam", history.get(history.size() - 1).path("to").asText());
    }
  }

  /**
   * A change option without --update or --update-all was ignored while the queue was listed, and
   * the command exited 0 as if it had closed them; --expected changes nothing when the filter
   * matches another count.
   */
  @Test
  void refusesAChangeWithoutUpdateAllAndChangesNothingWhenTheExpectedCountDiffers()
      throws Exception {
    Path csv = dir.resolve("backlog.csv");
    Files.writeString(csv, CSV);
    String data = dir.resolve("data").toString();
    assertEquals(0, Cli.run("import", csv.toString(), "--data", data, "--no-progress").exitCode());

    Cli forgot =
        Cli.run("followups", "--data", data, "--status", "open", "--set-status", "no_action");
    assertEquals(2, forgot.exitCode(), forgot.out());
    assertEquals(
        "earful: --set-status change follow-ups only with --update ID or --update-all; without"
            + " either, earful followups lists the queue and changes nothing\n",
        forgot.err());
    assertEquals(2, Cli.run("followups", "--data", data, "--all", "--note", "x").exitCode());
    assertTrue(
        Cli.run("followups", "--data", data, "--status", "open")
            .out()
            .startsWith("3 follow-ups, 0 overdue\n"));

    Cli stale =
        Cli.run(
            "followups",
            "--data",
            data,
            "--update-all",
            "--status",
            "open",
            "--expected",
            "2",
            "--set-status",
            "no_action");
    assertEquals(1, stale.exitCode(), stale.out());
    assertEquals(
        "earful: the filter matches 3 follow-ups now, not the 2 of --expected; nothing changed\n",
        stale.err());
    assertTrue(
        Cli.run("followups", "--data", data, "--status", "open")
            .out()
            .startsWith("3 follow-ups, 0 overdue\n"));

    try (TestServer server = TestServer.start(dir.resolve("served"))) {
      Cli posted = Cli.run("import", csv.toString(), "--server", server.baseUrl(), "--no-progress");
      assertEquals(0, posted.exitCode(), posted.err());
      Cli remoteStale =
          Cli.run(
              "followups",
              "--server",
              server.baseUrl(),
              "--update-all",
              "--kind",
              "recover",
              "--expected",
              "4",
              "--assign",
              "sam");
      assertEquals(1, remoteStale.exitCode(), remoteStale.out());
      assertTrue(
          remoteStale.err().contains("the filter matches 3 follow-ups now, not the 4 confirmed"),
          remoteStale.err());
      Cli remote =
          Cli.run(
              "followups",
              "--server",
              server.baseUrl(),
              "--update-all",
              "--kind",
              "recover",
              "--expected",
              "3",
              "--assign",
              "sam");
      assertEquals(0, remote.exitCode(), remote.err());
      assertEquals("3 follow-ups matched, 3 changed\n", remote.out());
      // The same change again: every one already is as asked, and the count says so (it read
      // "(the others already were as asked)" also when no follow-up was left unchanged).
      Cli again =
          Cli.run(
              "followups",
              "--server",
              server.baseUrl(),
              "--update-all",
              "--kind",
              "recover",
              "--assign",
              "sam");
      assertEquals(0, again.exitCode(), again.err());
      assertEquals("3 follow-ups matched, 0 changed (3 already were as asked)\n", again.out());

      // One follow-up changed: its due time to the minute, as the table shows it (it printed
      // "2026-12-07T11:31:11.774642431Z").
      JsonNode first = TestServer.json(server.get("/api/v1/followups")).path("followups").get(0);
      String id = first.path("id").asText();
      Cli one =
          Cli.run(
              "followups",
              "--server",
              server.baseUrl(),
              "--update",
              id,
              "--set-status",
              "contacted");
      assertEquals(0, one.exitCode(), one.err());
      assertEquals(
          id
              + ": contacted, assigned to sam, due "
              + first.path("due").asText().substring(0, 16)
              + "\n",
          one.out());
    }
  }

  /**
   * The help reads as sentences: a description broken by hand in mid-sentence printed "--update-all
   * every" on a line of its own and "one the filter options select." under it.
   */
  @Test
  void theHelpKeepsEachSentenceTogether() {
    String help = Cli.run("followups", "--help").out();
    assertTrue(help.contains("\n--update-all every one the filter options select.\n"), help);
    assertFalse(help.contains("follow-ups (the\n"), help);
    assertFalse(help.contains("--assignee,\n"), help);
  }

  /**
   * {@code earful followups} takes the response filters of the other read commands (query words,
   * --segment, --from, --to...): a follow-up is listed, or changed by --update-all, when its
   * response matches; a bad filter value changes nothing.
   */
  @Test
  void listsAndChangesTheFollowUpsWhoseResponsesMatchTheResponseFilters() throws Exception {
    java.time.Instant now = java.time.Instant.now();
    String recent = now.minus(java.time.Duration.ofDays(3)).toString();
    String older = now.minus(java.time.Duration.ofDays(20)).toString();
    String lastWeek = now.minus(java.time.Duration.ofDays(7)).toString().substring(0, 10);
    Path csv = dir.resolve("regions.csv");
    Files.writeString(
        csv,
        "id,score,comment,at,region\n"
            + ("eu1,1,Late delivery.," + recent + ",EU\n")
            + ("eu2,2,Rude support.," + older + ",EU\n")
            + ("us1,0,Late delivery.," + recent + ",US\n"));
    String data = dir.resolve("data").toString();
    Cli imported =
        Cli.run(
            "import",
            csv.toString(),
            "--data",
            data,
            "--time-column",
            "at",
            "--segment-columns",
            "region",
            "--no-progress");
    assertEquals(0, imported.exitCode(), imported.err());

    Cli eu = Cli.run("followups", "--data", data, "--segment", "region=EU", "--format", "json");
    assertEquals(0, eu.exitCode(), eu.err());
    assertEquals(2, JSON.readTree(eu.out()).path("total").asInt(), eu.out());
    Cli euLastWeek =
        Cli.run(
            "followups",
            "--data",
            data,
            "--segment",
            "region=EU",
            "--from",
            lastWeek,
            "--format",
            "json");
    JsonNode page = JSON.readTree(euLastWeek.out());
    assertEquals(1, page.path("total").asInt(), euLastWeek.out());
    assertEquals("eu1", page.path("followups").get(0).path("responseId").asText());
    Cli words = Cli.run("followups", "--data", data, "rude", "--format", "json");
    assertEquals(
        "eu2", JSON.readTree(words.out()).path("followups").get(0).path("responseId").asText());

    Cli bad =
        Cli.run(
            "followups",
            "--data",
            data,
            "--update-all",
            "--to",
            "someday",
            "--set-status",
            "no_action");
    assertEquals(2, bad.exitCode(), bad.out());
    assertTrue(bad.err().contains("to"), bad.err());
    Cli changed =
        Cli.run(
            "followups",
            "--data",
            data,
            "--update-all",
            "--segment",
            "region=EU",
            "--set-status",
            "no_action",
            "--by",
            "lee");
    assertEquals(0, changed.exitCode(), changed.err());
    assertEquals("2 follow-ups matched, 2 changed\n", changed.out());
    assertTrue(
        Cli.run("followups", "--data", data, "--status", "open")
            .out()
            .startsWith("1 follow-up, 0 overdue\n"));

    try (TestServer server = TestServer.start(dir.resolve("served"))) {
      Cli posted =
          Cli.run(
              "import",
              csv.toString(),
              "--server",
              server.baseUrl(),
              "--time-column",
              "at",
              "--segment-columns",
              "region",
              "--no-progress");
      assertEquals(0, posted.exitCode(), posted.err());
      Cli remote =
          Cli.run(
              "followups",
              "--server",
              server.baseUrl(),
              "--segment",
              "region=US",
              "--from",
              lastWeek,
              "--format",
              "json");
      assertEquals(0, remote.exitCode(), remote.err());
      JsonNode us = JSON.readTree(remote.out());
      assertEquals(1, us.path("total").asInt(), remote.out());
      assertEquals("us1", us.path("followups").get(0).path("responseId").asText());
    }
  }

  /**
   * A queue longer than a page is read to its end with --limit and --cursor, on the data folder and
   * on a server: the command listed at most 500 and gave no way to the rest.
   */
  @Test
  void pagesThroughTheWholeQueueWithLimitAndCursor() throws Exception {
    StringBuilder rows = new StringBuilder("id,score,comment\n");
    for (int i = 1; i <= 7; i++) {
      rows.append("d").append(i).append(",").append(i % 7).append(",Slow.\n");
    }
    Path csv = dir.resolve("seven.csv");
    Files.writeString(csv, rows.toString());
    String data = dir.resolve("data").toString();
    assertEquals(0, Cli.run("import", csv.toString(), "--data", data, "--no-progress").exitCode());
    try (TestServer server = TestServer.start(dir.resolve("served"))) {
      assertEquals(
          0,
          Cli.run("import", csv.toString(), "--server", server.baseUrl(), "--no-progress")
              .exitCode());
      for (String[] where : new String[][] {{"--data", data}, {"--server", server.baseUrl()}}) {
        java.util.List<String> seen = new java.util.ArrayList<>();
        java.util.List<Integer> pageSizes = new java.util.ArrayList<>();
        String cursor = null;
        do {
          java.util.List<String> args =
              new java.util.ArrayList<>(
                  java.util.List.of("followups", where[0], where[1], "--limit", "3"));
          if (cursor != null) {
            args.add("--cursor");
            args.add(cursor);
          }
          Cli page = Cli.run(args.toArray(String[]::new));
          assertEquals(0, page.exitCode(), page.err());
          String[] lines = page.out().split("\n");
          assertTrue(lines[0].startsWith("7 follow-ups of every status"), lines[0]);
          String last = lines[lines.length - 1];
          cursor = last.startsWith("next page: --cursor ") ? last.substring(20) : null;
          int size = 0;
          for (int i = 2; i < lines.length - (cursor == null ? 0 : 1); i++) {
            seen.add(lines[i].split(" ")[0]);
            size++;
          }
          pageSizes.add(size);
        } while (cursor != null);
        assertEquals(java.util.List.of(3, 3, 1), pageSizes, where[0]);
        java.util.Set<String> whole = new java.util.TreeSet<>();
        for (JsonNode f :
            JSON.readTree(Cli.run("followups", where[0], where[1], "--format", "json").out())
                .path("followups")) {
          whole.add(f.path("id").asText());
        }
        assertEquals(7, whole.size());
        assertEquals(whole, new java.util.TreeSet<>(seen), where[0]);
        assertEquals(7, seen.size(), "each once: " + seen);
      }
      Cli refused = Cli.run("followups", "--data", data, "--limit", "3", "--format", "csv");
      assertEquals(2, refused.exitCode(), refused.out());
      Cli bulk =
          Cli.run(
              "followups", "--data", data, "--update-all", "--all", "--limit", "3", "--note", "x");
      assertEquals(2, bulk.exitCode(), bulk.out());
    }
  }

  /**
   * A segment key no response has ("regoin", a typo of "region") filtered the queue to nothing and
   * said nothing; the list and the bulk change now warn on stderr as earful search does, on the
   * data folder and on a server, in every format.
   */
  @Test
  void warnsOfASegmentKeyNoResponseHasAsTheReadCommandsDo() throws Exception {
    String recent = java.time.Instant.now().minus(java.time.Duration.ofDays(3)).toString();
    Path csv = dir.resolve("regions.csv");
    Files.writeString(
        csv,
        "id,score,comment,at,region\n"
            + ("eu1,1,Late delivery.," + recent + ",EU\n")
            + ("us1,0,Late delivery.," + recent + ",US\n"));
    String data = dir.resolve("data").toString();
    Cli imported =
        Cli.run(
            "import",
            csv.toString(),
            "--data",
            data,
            "--time-column",
            "at",
            "--segment-columns",
            "region",
            "--no-progress");
    assertEquals(0, imported.exitCode(), imported.err());
    String warning =
        "warning: segment.regoin: no response has the segment 'regoin', so this filter matches"
            + " nothing; the segments are: region\n";
    Cli search = Cli.run("search", "--data", data, "--segment", "regoin=EU");
    assertEquals(warning, search.err(), "what the read commands say");

    for (String format : java.util.List.of("table", "json", "csv")) {
      Cli listed =
          Cli.run("followups", "--data", data, "--segment", "regoin=EU", "--format", format);
      assertEquals(0, listed.exitCode(), listed.err());
      assertEquals(warning, listed.err(), format);
    }
    Cli json = Cli.run("followups", "--data", data, "--segment", "regoin=EU", "--format", "json");
    assertEquals(
        "segment.regoin", JSON.readTree(json.out()).path("warnings").get(0).path("field").asText());
    assertEquals(
        "", Cli.run("followups", "--data", data, "--segment", "region=EU").err(), "a known key");
    Cli bulk =
        Cli.run(
            "followups",
            "--data",
            data,
            "--update-all",
            "--segment",
            "regoin=EU",
            "--set-status",
            "no_action");
    assertEquals(0, bulk.exitCode(), bulk.err());
    assertEquals("0 follow-ups matched, 0 changed\n", bulk.out());
    assertEquals(warning, bulk.err());
    // One follow-up is one, not "1 follow-ups matched".
    Cli one =
        Cli.run(
            "followups",
            "--data",
            data,
            "--update-all",
            "--segment",
            "region=EU",
            "--set-status",
            "contacted");
    assertEquals("1 follow-up matched, 1 changed\n", one.out(), one.err());

    try (TestServer server = TestServer.start(dir.resolve("served"))) {
      Cli posted =
          Cli.run(
              "import",
              csv.toString(),
              "--server",
              server.baseUrl(),
              "--time-column",
              "at",
              "--segment-columns",
              "region",
              "--no-progress");
      assertEquals(0, posted.exitCode(), posted.err());
      for (String format : java.util.List.of("table", "json", "csv")) {
        Cli remote =
            Cli.run(
                "followups",
                "--server",
                server.baseUrl(),
                "--segment",
                "regoin=EU",
                "--format",
                format);
        assertEquals(0, remote.exitCode(), remote.err());
        assertEquals(warning, remote.err(), format + " on a server");
      }
      Cli remoteBulk =
          Cli.run(
              "followups",
              "--server",
              server.baseUrl(),
              "--update-all",
              "--segment",
              "regoin=EU",
              "--set-status",
              "no_action");
      assertEquals(0, remoteBulk.exitCode(), remoteBulk.err());
      assertEquals(warning, remoteBulk.err(), "a bulk change on a server");
    }
  }
}
