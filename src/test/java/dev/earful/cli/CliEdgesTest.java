package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.ChildJvm;
import dev.earful.http.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rough edges a new user hit with the command line: which server holds a folder, folders that
 * appear out of nowhere, raw errors, the query shape, segments that match nothing, an empty theme
 * list right after an import. Real command line, real index, real server on port 0.
 */
class CliEdgesTest {

  @TempDir Path dir;

  private static final String FEEDBACK =
      "id,score,comment,when,region\n"
          + "a,2,The delivery was late and the box was damaged.,2024-03-01,EU\n"
          + "b,3,Rude staff at the desk.,2024-03-02,EU\n"
          + "c,9,Lovely staff and quick delivery.,2024-03-03,US\n"
          + "d,10,Great prices.,2024-03-04,US\n"
          + "e,7,Fine.,2024-03-05,EU\n";

  private Path imported() throws Exception {
    Path csv = dir.resolve("feedback.csv");
    Files.writeString(csv, FEEDBACK, StandardCharsets.UTF_8);
    Path data = dir.resolve("data");
    Cli r =
        Cli.run(
            "import",
            csv.toString(),
            "--data",
            data.toString(),
            "--time-column",
            "when",
            "--segment-columns",
            "region",
            "--discovery-debounce-seconds",
            "0",
            "--no-progress");
    assertEquals(0, r.exitCode(), r.err());
    return data;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aLockedFolderNamesTheRealAddressOfTheServerHoldingIt() throws Exception {
    Path data = imported();
    String pid = Long.toString(ProcessHandle.current().pid());
    try (TestServer server = TestServer.start(data)) {
      String url = server.baseUrl();
      JsonNode file = TestServer.JSON.readTree(data.resolve("server.json").toFile());
      assertEquals(url, file.path("url").asText());
      for (String command : new String[] {"search", "themes", "metrics"}) {
        Cli r = Cli.run(command, "--data", data.toString());
        assertEquals(1, r.exitCode(), command);
        String via = command.equals("search") ? "search through it" : "ask it";
        assertEquals(
            "earful: the data folder "
                + data
                + " is in use by the Earful server at "
                + url
                + " (pid "
                + pid
                + "); stop it, or "
                + via
                + " with --server "
                + url
                + "\n",
            r.err(),
            command);
      }
    }
    assertFalse(Files.exists(data.resolve("server.json")), "a clean stop removes the address");
  }

  /**
   * A data folder the operating system refuses to write (a read-only mount; a Docker bind mount
   * owned by another user than the image's) printed a Java stack trace for serve, import and search
   * alike (session 27's trial: "IndexStoreException: cannot open the index ... Caused by: ...
   * write.lock: Read-only file system"). Here the lock file cannot be created because a folder
   * stands at its name: a refusal of the real file system that holds as root too.
   */
  @Test
  void aDataFolderTheSystemRefusesIsOneLineNamingTheFileAndWhy() throws Exception {
    Path data = dir.resolve("refused");
    Files.createDirectories(data.resolve("index").resolve("write.lock"));
    for (String command : new String[] {"search", "metrics"}) {
      Cli r = Cli.run(command, "--data", data.toString());
      assertEquals(1, r.exitCode(), command + ": " + r.err());
      String index = data.resolve("index").toString();
      assertTrue(
          r.err()
              .startsWith(
                  "earful: cannot open the index in " + index + ": " + index + "/write.lock: "),
          r.err());
      assertTrue(r.err().contains("; Earful writes to its data folder even to read it"), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
  }

  @Test
  void readingCommandsNeverCreateADataFolder() {
    Path missing = dir.resolve("no-such-data");
    // followups, targets and report-schedules created the folder and listed nothing (session 25)
    for (String command :
        new String[] {"search", "themes", "metrics", "followups", "targets", "report-schedules"}) {
      Cli r = Cli.run(command, "--data", missing.toString());
      assertEquals(1, r.exitCode(), command);
      assertEquals(
          "earful: no Earful data in "
              + missing
              + " (no such folder): import responses first with 'earful import FILE', name the"
              + " folder with --data, or ask a running server with --server URL\n",
          r.err(),
          command);
      assertFalse(Files.exists(missing), command + " created " + missing);
    }
    Cli analyze = Cli.run("analyze", "The delivery was late.", "--data", missing.toString());
    assertEquals(0, analyze.exitCode(), analyze.err());
    assertFalse(Files.exists(missing), "analyze created " + missing);
  }

  /**
   * {@code earful report -o} into a folder that does not exist is refused with the path and why,
   * and nothing is created: it made the missing folders without a word, so a typo left a stray
   * folder (session 25's trial: /nonexistent-dir at the root). A folder that exists is written to
   * as before.
   */
  @Test
  void reportRefusesAnOutputFolderThatDoesNotExist() throws Exception {
    Path csv = dir.resolve("few.csv");
    Files.writeString(csv, "id,score,comment\nr1,3,Late delivery.\nr2,9,Great staff.\n");
    String data = dir.resolve("data").toString();
    assertEquals(0, Cli.run("import", csv.toString(), "--data", data, "--no-progress").exitCode());
    Path typo = dir.resolve("reprots");
    Cli refused = Cli.run("report", "--data", data, "-o", typo.resolve("q2.pdf").toString());
    assertEquals(1, refused.exitCode(), refused.err());
    assertEquals(
        "earful: cannot write "
            + typo.resolve("q2.pdf")
            + ": no such folder "
            + typo
            + " (create it first, or check the path)\n",
        refused.err());
    assertFalse(Files.exists(typo), "report created " + typo);
    Cli written = Cli.run("report", "--data", data, "-o", dir.resolve("q2.html").toString());
    assertEquals(0, written.exitCode(), written.err());
    assertTrue(Files.size(dir.resolve("q2.html")) > 0);
  }

  /**
   * {@code earful analyze --file} of a file that does not exist, or of one in Latin-1, printed
   * Java's stack trace (NoSuchFileException, MalformedInputException); it says what is wrong, as
   * {@code earful import} does.
   */
  @Test
  void analyzeSaysWhyItCannotReadItsFile() throws Exception {
    Path missing = dir.resolve("no-such-texts.txt");
    Cli none = Cli.run("analyze", "--file", missing.toString());
    assertEquals(1, none.exitCode(), none.err());
    assertEquals("earful: cannot read " + missing + ": no such readable file\n", none.err());
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, "Tr\u00e8s lent.\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Cli other = Cli.run("analyze", "--file", latin1.toString());
    assertEquals(1, other.exitCode(), other.err());
    assertEquals(
        "earful: cannot read "
            + latin1
            + ": it is not UTF-8 text (save it as UTF-8 and try again)\n",
        other.err());
  }

  /**
   * earful analyze prints what a person reads, so under the default (refine) it scores with the
   * cascade, as POST /analyze does, and its JSON says so as the API's answer does.
   */
  @Test
  void analyzeSaysWhichStageScoredEachText() throws Exception {
    Cli analyze =
        Cli.run(
            "analyze",
            "Runs small, sadly.",
            "--data",
            dir.resolve("none").toString(),
            "--format",
            "json");
    assertEquals(0, analyze.exitCode(), analyze.err());
    JsonNode out = TestServer.JSON.readTree(analyze.out());
    assertEquals("cascade", out.get("sentimentStage").asText(), analyze.out());
  }

  /**
   * The import a user runs (the jar's main, in its own process, with discovery on as by default)
   * ends with one line saying what discovery found; it printed a raw log line instead ("2026-12-03T
   * 16:24:28.867+0000 INFO dev.earful.themes.DiscoveryScheduler - discovery over 23 comments:
   * ...").
   */
  @Test
  void anImportSaysWhatDiscoveryFoundInOneLineAndPrintsNoLogLines() throws Exception {
    Path csv =
        Path.of("src", "test", "resources", "data", "multilingual-feedback.csv").toAbsolutePath();
    Path data = dir.resolve("data");
    Ran child =
        earful(
            "import",
            csv.toString(),
            "--data",
            data.toString(),
            "--analysis-threads",
            "1",
            "--no-progress");
    String err = child.err();
    assertEquals(0, child.exitCode(), err);
    java.util.List<String> lines = err.lines().toList();
    assertTrue(
        lines.stream().noneMatch(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.* (INFO|DEBUG) .*")), err);
    java.util.List<String> found =
        lines.stream().filter(l -> l.startsWith("Looking for themes")).toList();
    assertEquals(1, found.size(), err);
    assertTrue(
        found
            .get(0)
            .matches(
                "Looking for themes in the stored comments \\(--discovery-debounce-seconds 0 skips"
                    + " this\\)\\.\\.\\. \\d+ themes? and \\d+ sub-themes? in 23 English comments;"
                    + " earful themes ranks them"),
        found.get(0));
  }

  /**
   * earful analyze (the jar's main, in its own process) prints its result and nothing else: it
   * printed a library's log line first ("WARN ai.djl.huggingface.tokenizers... maxLength is not
   * explicitly specified", session 25's trial), where commands print warnings and errors only.
   */
  @Test
  void analyzePrintsNoLibraryLogLine() throws Exception {
    Ran child =
        earful(
            "analyze",
            "The delivery was late and support never answered.",
            "--data",
            dir.resolve("none").toString());
    assertEquals(0, child.exitCode(), child.err());
    assertEquals("", child.err());
    assertTrue(child.out().contains("negative"), child.out());
  }

  /** What a command run by the jar's main in its own process printed, and its exit code. */
  private record Ran(int exitCode, String out, String err) {}

  /** Runs {@code earful ARGS} in a child JVM with no EARFUL_ settings, at most 180 s. */
  private Ran earful(String... args) throws Exception {
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(ChildJvm.command("512m", "dev.earful.Earful", args));
    pb.environment().keySet().removeIf(k -> k.startsWith("EARFUL_"));
    pb.redirectOutput(stdout.toFile());
    pb.redirectError(stderr.toFile());
    Process child = pb.start();
    assertTrue(child.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), args[0] + " ended");
    return new Ran(child.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  /**
   * An imported history raises no new-response alert (older than the rule's maxAgeDays), and the
   * import says so, as it does for follow-ups: it said nothing, and a user with a rule on
   * detractors saw none raised for an import full of them.
   */
  @Test
  void anImportSaysHowManyResponsesANewResponseRuleSkippedAsTooOld() throws Exception {
    Path data = dir.resolve("data");
    Path seed = dir.resolve("seed.csv");
    Files.writeString(seed, "id,score,comment\ns,9,Fine.\n", StandardCharsets.UTF_8);
    Cli seeded =
        Cli.run(
            "import",
            seed.toString(),
            "--data",
            data.toString(),
            "--discovery-debounce-seconds",
            "0",
            "--no-progress");
    assertEquals(0, seeded.exitCode(), seeded.err());
    Cli added =
        Cli.run(
            "alerts",
            "--add",
            "--name",
            "Detractors",
            "--type",
            "new_response",
            "--when",
            "category=detractor",
            "--data",
            data.toString());
    assertEquals(0, added.exitCode(), added.err());
    Path csv = dir.resolve("feedback.csv");
    Files.writeString(csv, FEEDBACK, StandardCharsets.UTF_8);
    Cli r =
        Cli.run(
            "import",
            csv.toString(),
            "--data",
            data.toString(),
            "--time-column",
            "when",
            "--discovery-debounce-seconds",
            "0",
            "--no-progress");
    assertEquals(0, r.exitCode(), r.err());
    // A second rule with a longer filter: the listing keeps its webhook column in line.
    Cli second =
        Cli.run(
            "alerts",
            "--add",
            "--name",
            "EU detractors",
            "--type",
            "new_response",
            "--when",
            "segment.region=EU",
            "--when",
            "category=detractor",
            "--data",
            data.toString());
    assertEquals(0, second.exitCode(), second.err());
    String listed = Cli.run("alerts", "--data", data.toString()).out();
    java.util.List<String> rows = listed.lines().filter(l -> l.startsWith("ar-")).toList();
    int column =
        listed
            .lines()
            .filter(l -> l.startsWith("id "))
            .findFirst()
            .orElseThrow()
            .indexOf("webhook");
    assertEquals(2, rows.size(), listed);
    for (String row : rows) {
      assertEquals(column, row.indexOf("none (alerts listed only)"), listed);
    }
    assertTrue(
        r.out()
            .contains(
                "  alerts    0 raised; 2 responses skipped by new-response rules as submitted more"
                    + " than their rule's maxAgeDays before this import (see GET"
                    + " /api/v1/alert-rules)\n"),
        r.out() + r.err());
  }

  @Test
  void aServeThatCannotStartSaysSoInOneLineAndLeavesNoFolder() throws Exception {
    Path data = dir.resolve("fresh");
    PrintStream stderr = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
      Cli r =
          Cli.run(
              "serve", "--port", Integer.toString(taken.getLocalPort()), "--data", data.toString());
      assertEquals(1, r.exitCode(), r.err());
      assertEquals(
          "earful: cannot listen on 127.0.0.1:"
              + taken.getLocalPort()
              + ": address already in use; is another server running there? Choose another"
              + " --port, or 0 for any free one\n",
          r.err());
    } finally {
      System.setErr(stderr);
    }
    assertEquals("", logged.toString(StandardCharsets.UTF_8), "nothing logged before the message");
    assertFalse(Files.exists(data), "a failed start leaves no folder behind");
  }

  @Test
  void anUnreachableServerIsDescribedInWords() throws Exception {
    int port = closedPort();
    String url = "http://127.0.0.1:" + port;
    String expected =
        "earful: cannot reach "
            + url
            + ": nothing is listening there (connection refused); is 'earful serve' running, and"
            + " on this port?\n";
    for (String command : new String[] {"search", "themes", "metrics"}) {
      Cli r = Cli.run(command, "--server", url);
      assertEquals(1, r.exitCode(), command);
      assertEquals(expected, r.err(), command);
    }
    Path nd = dir.resolve("one.ndjson");
    Files.writeString(nd, "{\"id\":\"x\",\"score\":9}\n");
    Cli imp = Cli.run("import", nd.toString(), "--server", url, "--no-progress");
    assertEquals(1, imp.exitCode());
    assertEquals(expected, imp.err());
    Cli health = Cli.run("health", "--url", url);
    assertEquals(expected, health.err());
  }

  /** Every count of the metrics line has thousands separators, not only the total. */
  @Test
  void metricsWritesEveryCountWithThousandsSeparators() throws Exception {
    java.io.StringWriter text = new java.io.StringWriter();
    java.io.PrintWriter out = new java.io.PrintWriter(text);
    MetricsCommand.printTable(
        out,
        TestServer.JSON.readTree(
            "{\"metrics\":[{\"metric\":\"nps\",\"count\":3495,\"promoters\":1154,"
                + "\"passives\":1201,\"detractors\":1140,\"nps\":0.4,\"npsCi95\":[-2.29,3.09]},"
                + "{\"metric\":\"csat\",\"count\":2500,\"satisfied\":2000,\"neutral\":300,"
                + "\"dissatisfied\":200,\"csat\":80,\"csatCi95\":[78.4,81.6],\"mean\":4.1}]}"));
    out.flush();
    assertEquals(
        "nps: 3,495 responses; promoters 1,154, passives 1,201, detractors 1,140; NPS 0.40 [95% CI"
            + " -2.29, 3.09]\n"
            + "csat: 2,500 responses; satisfied 2,000, neutral 300, dissatisfied 200; CSAT 80.00%"
            + " satisfied [95% CI 78.40, 81.60]; mean 4.10\n",
        text.toString());
  }

  @Test
  void metricsIsACommandAndEveryReadingCommandTakesTheQueryTheSameWay() throws Exception {
    Path data = imported();
    Cli all = Cli.run("metrics", "--data", data.toString());
    assertEquals(0, all.exitCode(), all.err());
    assertEquals(
        "nps: 5 responses; promoters 2, passives 1, detractors 2; NPS 0.00 [95% CI -57.46,"
            + " 57.46]\n",
        all.out());
    JsonNode eu =
        TestServer.JSON.readTree(
            Cli.run(
                    "metrics",
                    "--data",
                    data.toString(),
                    "--segment",
                    "region=EU",
                    "--format",
                    "json")
                .out());
    assertEquals(3, eu.path("count").asInt());
    assertEquals(2, eu.path("detractors").asInt());

    // The query as words after the command, for all three; --q still works.
    Cli words = Cli.run("metrics", "staff", "--data", data.toString(), "--format", "json");
    Cli option = Cli.run("metrics", "--q", "staff", "--data", data.toString(), "--format", "json");
    assertEquals(2, TestServer.JSON.readTree(words.out()).path("count").asInt(), words.err());
    assertEquals(words.out(), option.out());
    Cli themesWords = Cli.run("themes", "delivery", "--data", data.toString(), "--format", "json");
    assertEquals(0, themesWords.exitCode(), themesWords.err());
    assertEquals(2, TestServer.JSON.readTree(themesWords.out()).path("count").asInt());

    // A word starting with a dash excludes it, with no quoting needed; --q=-word works too.
    Cli exclude =
        Cli.run("search", "staff", "-rude", "--data", data.toString(), "--format", "json");
    assertEquals(0, exclude.exitCode(), exclude.err());
    JsonNode hits = TestServer.JSON.readTree(exclude.out()).path("hits");
    assertEquals(1, hits.size());
    assertEquals("c", hits.get(0).path("id").asText());
    Cli onlyExclusion =
        Cli.run("metrics", "--q=-staff", "--data", data.toString(), "--format", "json");
    assertEquals(3, TestServer.JSON.readTree(onlyExclusion.out()).path("count").asInt());

    Cli typo = Cli.run("search", "staff", "--catgory", "detractor", "--data", data.toString());
    assertEquals(2, typo.exitCode());
    assertEquals(
        "earful: unknown option '--catgory' (see --help); a query word that starts with -- goes"
            + " after --, as in: earful search -- --catgory\n",
        typo.err());
    Cli twice = Cli.run("search", "staff", "--q", "rude", "--data", data.toString());
    assertEquals(2, twice.exitCode());
    assertEquals(
        "earful: give the query once: as words (staff) or as --q, not both\n", twice.err());

    Cli help = Cli.run("search", "--help");
    assertTrue(
        help.out().replaceAll("\\s+", " ").contains("put query words that start with -- after --"),
        help.out());
  }

  @Test
  void aSegmentThatNoResponseHasIsAWarningNamingTheKnownKeysAndValues() throws Exception {
    Path data = imported();
    Cli wrongCase =
        Cli.run("search", "--segment", "region=eu", "--data", data.toString(), "--format", "json");
    assertEquals(0, wrongCase.exitCode(), wrongCase.err());
    assertEquals(
        "warning: segment.region: no response has 'eu'; values match exactly, did you mean 'EU'?"
            + " (values: EU, US)\n",
        wrongCase.err());
    Cli unknownKey = Cli.run("metrics", "--segment", "country=EU", "--data", data.toString());
    assertEquals(0, unknownKey.exitCode(), unknownKey.err());
    assertEquals(
        "warning: segment.country: no response has the segment 'country', so this filter matches"
            + " nothing; the segments are: region\n",
        unknownKey.err());
    Cli fine = Cli.run("themes", "--segment", "region=EU", "--data", data.toString());
    assertEquals("", fine.err());

    try (TestServer server = TestServer.start(data)) {
      for (String route : new String[] {"/api/v1/search", "/api/v1/metrics", "/api/v1/themes"}) {
        JsonNode answer =
            TestServer.json(server.get(route + "?segment.region=Eu&segment.plan=pro"));
        assertEquals(
            "[{\"field\":\"segment.plan\",\"message\":\"no response has the segment 'plan', so"
                + " this filter matches nothing; the segments are: region\"},"
                + "{\"field\":\"segment.region\",\"message\":\"no response has 'Eu'; values match"
                + " exactly, did you mean 'EU'? (values: EU, US)\"}]",
            answer.path("warnings").toString(),
            route);
      }
      assertTrue(
          TestServer.json(server.get("/api/v1/search?segment.region=EU"))
              .path("warnings")
              .isMissingNode());
      Cli remote = Cli.run("themes", "--segment", "region=us", "--server", server.baseUrl());
      assertEquals(
          "warning: segment.region: no response has 'us'; values match exactly, did you mean"
              + " 'US'? (values: EU, US)\n",
          remote.err());
      // CSV has no room for warnings; they still reach stderr, from the server and locally.
      Cli remoteCsv =
          Cli.run(
              "themes", "--segment", "region=us", "--format", "csv", "--server", server.baseUrl());
      assertEquals(0, remoteCsv.exitCode(), remoteCsv.err());
      assertEquals(remote.err(), remoteCsv.err());
      assertTrue(remoteCsv.out().startsWith("rank,id,name,"), remoteCsv.out());
    }
    Cli localCsv =
        Cli.run("themes", "--segment", "region=us", "--format", "csv", "--data", data.toString());
    assertEquals(
        "warning: segment.region: no response has 'us'; values match exactly, did you mean"
            + " 'US'? (values: EU, US)\n",
        localCsv.err());
  }

  @Test
  void themesRightAfterAnImportSaysDiscoveryIsPendingAndDiscoverRunsIt() throws Exception {
    StringBuilder csv = new StringBuilder("id,score,comment\n");
    String[] comments = {
      "The delivery was late again.",
      "Late delivery, the parcel came a week after the date.",
      "My delivery was late and nobody called.",
      "Delivery was late twice this month.",
      "The staff were rude at the counter.",
      "Rude staff, I will not come back.",
      "Staff were rude and slow.",
      "Very rude staff today."
    };
    for (int i = 0; i < comments.length; i++) {
      csv.append("r")
          .append(i)
          .append(',')
          .append(i % 3)
          .append(",\"")
          .append(comments[i])
          .append("\"\n");
    }
    Path file = dir.resolve("late.csv");
    Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    try (TestServer server =
        TestServer.start(
            dir.resolve("served"), Map.of("EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "600"))) {
      Cli imp = Cli.run("import", file.toString(), "--server", server.baseUrl(), "--no-progress");
      assertEquals(0, imp.exitCode(), imp.err());

      Cli waiting = Cli.run("themes", "--server", server.baseUrl());
      assertEquals(0, waiting.exitCode(), waiting.err());
      String last = waiting.out().lines().reduce((a, b) -> b).orElse("");
      assertTrue(
          last.matches(
              "No themes yet: theme discovery is pending and runs in about \\d+ min \\(after"
                  + " the last import\\)\\. Run it now with --discover\\."),
          waiting.out());
      JsonNode pending = TestServer.json(server.get("/api/v1/themes")).path("discovery");
      assertTrue(pending.path("pending").asBoolean(), pending.toString());
      assertEquals(0, pending.path("themes").asInt());

      Cli now = Cli.run("themes", "--discover", "--server", server.baseUrl(), "--format", "json");
      assertEquals(0, now.exitCode(), now.err());
      JsonNode doc = TestServer.JSON.readTree(now.out());
      assertFalse(doc.path("discovery").path("pending").asBoolean(), doc.toString());
      assertFalse(doc.path("discovery").path("lastRunAt").isNull(), doc.toString());
      assertTrue(doc.path("themes").size() > 0, doc.toString());
    }
  }

  /**
   * While a discovery runs, the discovery state says so (running, GET /themes's discovery) and
   * earful themes reads "not yet, it is running", not "discovery has not found any ... run it now
   * with --discover": 48 s over the 23,486 women's clothing reviews in which the empty list asked
   * for a second run. A real scheduler and discoverer over real analyses, the run held inside its
   * reading of the comments by a latch the test releases (no race with the run's length); and a
   * real server answers the field.
   */
  @Test
  void saysDiscoveryIsRunningWhileItRuns(@TempDir Path dir) throws Exception {
    var analyzer = new dev.earful.nlp.TextAnalyzer();
    List<dev.earful.domain.Analysis> comments =
        dev.earful.fixtures.PlantedComments.generate(11, 60).stream()
            .map(c -> analyzer.analyze(c.text()))
            .toList();
    var entered = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    dev.earful.themes.AnalysisSource held =
        sink -> {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          comments.forEach(sink);
        };
    var taxonomy = dev.earful.themes.Taxonomy.inMemory(analyzer::lemmasOf);
    try (var scheduler =
        new dev.earful.themes.DiscoveryScheduler(
            new dev.earful.themes.ThemeDiscoverer(),
            held,
            taxonomy,
            java.time.Duration.ofHours(1))) {
      var run = java.util.concurrent.CompletableFuture.supplyAsync(scheduler::runNow);
      assertTrue(entered.await(2, java.util.concurrent.TimeUnit.MINUTES), "the run started");
      JsonNode whileRunning = answer(scheduler, taxonomy, comments.size());
      assertTrue(
          whileRunning.path("discovery").path("running").asBoolean(), whileRunning.toString());
      assertFalse(
          whileRunning.path("discovery").path("pending").asBoolean(), whileRunning.toString());
      assertEquals(
          "No themes yet: theme discovery is running over the stored comments. Run earful themes"
              + " again when it ends.",
          ThemesCommand.whyNoThemes(whileRunning));
      release.countDown();
      run.get(2, java.util.concurrent.TimeUnit.MINUTES);
      JsonNode after = answer(scheduler, taxonomy, comments.size());
      assertFalse(after.path("discovery").path("running").asBoolean(true), after.toString());
      assertTrue(after.path("discovery").path("themes").asInt() > 0, after.toString());
    }
    // A new data folder: the step missing is an import, not a discovery (review R14: the note
    // said discovery had found nothing "in the stored comments" where none were stored).
    try (TestServer server = TestServer.start(dir.resolve("served"))) {
      JsonNode state = TestServer.json(server.get("/api/v1/themes")).path("discovery");
      assertTrue(state.path("running").isBoolean(), state.toString());
      assertEquals(0, state.path("responses").asInt(-1), state.toString());
      String importFirst =
          "No responses yet: import some (earful import, or POST /api/v1/responses); themes are"
              + " discovered after each import.";
      assertEquals(importFirst, state.path("emptyListNote").asText());
      Cli empty = Cli.run("themes", "--server", server.baseUrl());
      assertEquals(0, empty.exitCode(), empty.err());
      assertEquals(importFirst, empty.out().lines().reduce((a, b) -> b).orElse(""), empty.out());
    }
  }

  /** An empty GET /themes answer with the discovery state of {@code scheduler}, as served. */
  private static JsonNode answer(
      dev.earful.themes.DiscoveryScheduler scheduler,
      dev.earful.themes.Taxonomy taxonomy,
      int responses) {
    var doc = TestServer.JSON.createObjectNode();
    doc.putArray("themes");
    doc.set(
        "discovery",
        TestServer.JSON.valueToTree(
            dev.earful.http.ImpactController.discoveryState(
                scheduler,
                taxonomy,
                responses,
                dev.earful.domain.CommentLanguages.NONE,
                dev.earful.domain.CommentLanguages.NONE)));
    return doc;
  }
}
