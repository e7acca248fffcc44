package dev.earful;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.config.AppConfig;
import dev.earful.http.TestServer;
import dev.earful.ingest.ColumnMapping;
import dev.earful.ingest.CsvResponseReader;
import dev.earful.store.StoredFormat;
import dev.earful.store.StoredFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder written by the release before stored formats had a version (commit fac8995, see
 * src/test/resources/upgrade/fac8995/README.md) opens in this one: upgraded in place, no response,
 * no people's edit to the taxonomy lost; a folder of a newer format is refused untouched.
 */
class StoredFormatUpgradeTest {

  @TempDir Path tmp;

  private static Path fixture() {
    return fixture("fac8995");
  }

  /** A fixture folder under upgrade/, each with a README saying how it was made. */
  private static Path fixture(String commit) {
    try {
      return Path.of(StoredFormatUpgradeTest.class.getResource("/upgrade/" + commit).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of the CSV the fixture was imported from: id, score, comment, region, plan. */
  private static List<String[]> surveyRows() throws IOException {
    List<String[]> rows = new ArrayList<>();
    ColumnMapping mapping =
        new ColumnMapping(null, null, List.of(), null, List.of("region", "plan"), null, null, 0);
    try (var in = Files.newInputStream(fixture().resolve("survey.csv"))) {
      new CsvResponseReader(in, StandardCharsets.UTF_8, "survey.csv", mapping)
          .forEach(
              (line, raw) ->
                  rows.add(
                      new String[] {
                        raw.id(),
                        raw.score(),
                        raw.comment(),
                        raw.segments().get("region"),
                        raw.segments().get("plan")
                      }));
    }
    return rows;
  }

  @Test
  void aFolderWrittenBeforeFormatsHadAVersionIsUpgradedWithEveryResponseAndEdit()
      throws IOException {
    Path data = tmp.resolve("data");
    copyTree(fixture().resolve("data"), data);
    assertEquals(StoredFormat.UNVERSIONED, StoredFormat.of(data));

    List<String[]> rows = surveyRows();
    assertEquals(48, rows.size());
    try (TestServer server = TestServer.start(data)) {
      assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
      assertEquals(StoredFormat.CURRENT, server.app().index().storedFormat());
      assertEquals(47, server.app().index().count());

      int mentionDelivery = 0;
      for (String[] row : rows) {
        var got = server.get("/api/v1/responses/" + row[0]);
        if (row[0].equals("U-048")) {
          assertEquals(404, got.statusCode(), "U-048 was deleted before the upgrade");
          continue;
        }
        assertEquals(200, got.statusCode(), row[0]);
        JsonNode r = TestServer.json(got);
        assertEquals(row[1], r.path("score").asText(), row[0]);
        assertEquals(row[2], r.path("comment").asText(), row[0]);
        assertEquals(row[3], r.path("segments").path("region").asText(), row[0]);
        assertEquals(row[4], r.path("segments").path("plan").asText(), row[0]);
        assertTrue(r.path("sentences").size() >= 1, row[0] + " has its analysis");
        assertTrue(r.path("sentiment").path("label").isTextual(), row[0]);
        if (row[2].toLowerCase(Locale.ROOT).contains("delivery")) {
          mentionDelivery++;
        }
      }
      // Theme t1 ("delivery", discovered by the old release) still matches every comment that says
      // delivery, counted here from the CSV itself (the fac8995 server ranked it with 22 mentions
      // of 48, before U-048, which says "delivery", was deleted).
      JsonNode search = TestServer.json(server.get("/api/v1/search?theme=t1&limit=1"));
      assertEquals(mentionDelivery, search.path("total").asInt());
      assertEquals(21, mentionDelivery);

      // People's edits made with the old release.
      JsonNode renamed = TestServer.json(server.get("/api/v1/themes/t6"));
      assertEquals("customer care", renamed.path("name").asText());
      assertEquals("edited", renamed.path("origin").asText());
      JsonNode merged = TestServer.json(server.get("/api/v1/themes/t7"));
      assertEquals("t4", merged.path("id").asText());
      assertEquals(List.of("app", "phone"), strings(merged.path("phrases")));
      JsonNode created = TestServer.json(server.get("/api/v1/themes/t18"));
      assertEquals("damaged box", created.path("name").asText());
      assertEquals(List.of("damaged box", "box was damaged"), strings(created.path("phrases")));
      JsonNode discovered = TestServer.json(server.get("/api/v1/themes/t1"));
      assertEquals("discovered", discovered.path("origin").asText());
    }

    // Opened again: already current, nothing to do, same answers.
    byte[] formatFile = Files.readAllBytes(data.resolve(StoredFormat.FILE_NAME));
    try (TestServer server = TestServer.start(data)) {
      assertEquals(47, server.app().index().count());
      assertEquals(
          "customer care", TestServer.json(server.get("/api/v1/themes/t6")).path("name").asText());
    }
    assertArrayEquals(formatFile, Files.readAllBytes(data.resolve(StoredFormat.FILE_NAME)));
  }

  private static AppConfig config(Path data) {
    return AppConfig.fromValues(
            Map.of(),
            Map.of(
                "EARFUL_DATA",
                data.toString(),
                "EARFUL_PORT",
                "0",
                "EARFUL_ANALYSIS_THREADS",
                "2",
                "EARFUL_DISCOVERY_DEBOUNCE_SECONDS",
                "0"))
        .validate();
  }

  /** The lines an upgrade of the fixture's 47 responses says, the last one without its time. */
  private static List<String> expectedUpgradeLines(Path data) {
    return List.of(
        "upgrading the data folder "
            + data
            + " from stored format 1 to "
            + StoredFormat.CURRENT
            + ": re-analysing 47 responses",
        "upgrade: 10 of 47 responses (21%)",
        "upgrade: 20 of 47 responses (42%)",
        "upgrade: 30 of 47 responses (63%)",
        "upgrade: 40 of 47 responses (85%)",
        "upgrade: 47 of 47 responses (100%)",
        "upgrade done: 47 responses re-analysed in (ms); the folder is in stored format "
            + StoredFormat.CURRENT);
  }

  private static String withoutTime(String line) {
    return line.replaceFirst(" in \\d+ ms;", " in (ms);");
  }

  /**
   * A server on an old folder listens before the upgrade: health answers 503 with how far the
   * upgrade has come (asked from inside the upgrade, at its first progress step), every other API
   * route answers 503 "upgrading" until it is done; then health is ready and the data answers.
   */
  @Test
  void healthSaysHowFarAnUpgradeHasComeWhileTheApiWaitsForIt() throws Exception {
    Path data = tmp.resolve("data");
    copyTree(fixture().resolve("data"), data);
    try (TestServer server =
        TestServer.of(EarfulApp.openDeferringUpgrade(config(data)).startHttp())) {
      assertTrue(server.app().upgradePending());
      var before = server.get("/api/v1/health");
      assertEquals(503, before.statusCode());
      JsonNode health = TestServer.json(before);
      assertEquals(false, health.path("ready").asBoolean());
      assertEquals(
          "{\"from\":1,\"to\":" + StoredFormat.CURRENT + ",\"done\":0,\"total\":47}",
          health.path("upgrade").toString());
      assertEquals(
          "[\"upgrade: the data folder is being upgraded from stored format 1 to "
              + StoredFormat.CURRENT
              + ", 0 of 47 responses re-analysed\"]",
          health.path("notReady").toString());
      var search = server.get("/api/v1/search?q=delivery");
      assertEquals(503, search.statusCode());
      assertEquals("5", search.headers().firstValue("Retry-After").orElse(null));
      assertTrue(
          search
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/problem+json"));
      assertEquals(
          "the data folder is being upgraded to this release's stored format (0 of 47 responses"
              + " re-analysed); GET /api/v1/health says how far it has come",
          TestServer.json(search).path("detail").asText());
      assertEquals(503, server.postNdjson("{\"id\":\"late\",\"score\":3}\n").statusCode());
      assertEquals(200, server.get("/api/v1/openapi.json").statusCode());

      List<String> said = new ArrayList<>();
      List<JsonNode> during = new ArrayList<>();
      server
          .app()
          .upgrade(
              line -> {
                said.add(withoutTime(line));
                if (line.startsWith("upgrade: ") && during.isEmpty()) {
                  during.add(TestServer.json(server.get("/api/v1/health")));
                }
              });
      assertEquals(expectedUpgradeLines(data), said);
      assertEquals(
          "{\"from\":1,\"to\":" + StoredFormat.CURRENT + ",\"done\":10,\"total\":47}",
          during.get(0).path("upgrade").toString());
      assertEquals(false, during.get(0).path("ready").asBoolean());

      var after = server.get("/api/v1/health");
      assertEquals(200, after.statusCode());
      JsonNode ready = TestServer.json(after);
      assertTrue(ready.path("upgrade").isMissingNode(), ready.toString());
      assertEquals("[]", ready.path("notReady").toString());
      assertEquals(47, ready.path("index").path("responses").asInt());
      assertFalse(server.app().upgradePending());
      assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
      assertEquals(200, server.get("/api/v1/responses/U-001").statusCode());
      assertEquals(200, server.postNdjson("{\"id\":\"late\",\"score\":3}\n").statusCode());
    }
  }

  /**
   * Ctrl-C while a server upgrades: the stop does not wait for the re-analysis (which holds the
   * app's lock to its end); the port closes and the address file goes at once, while the upgrade is
   * still held inside its first step.
   */
  @Test
  void aStopDuringTheUpgradeDoesNotWaitForIt() throws Exception {
    Path data = tmp.resolve("data");
    copyTree(fixture().resolve("data"), data);
    EarfulApp app = EarfulApp.openDeferringUpgrade(config(data)).startHttp();
    try {
      int port = app.port();
      assertTrue(Files.exists(data.resolve(ServerAddressFile.NAME)));
      java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      Thread upgrading =
          new Thread(
              () ->
                  app.upgrade(
                      line -> {
                        if (line.startsWith("upgrade: ")) {
                          inside.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }
                      }));
      upgrading.start();
      assertTrue(inside.await(2, java.util.concurrent.TimeUnit.MINUTES));

      boolean stopped =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              java.time.Duration.ofSeconds(30), app::stopServingIfUpgrading);
      assertTrue(stopped);
      assertTrue(app.upgradePending());
      assertFalse(Files.exists(data.resolve(ServerAddressFile.NAME)));
      assertThrows(
          java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1", port).close());

      release.countDown();
      upgrading.join();
      assertFalse(app.stopServingIfUpgrading()); // no upgrade left: close() is the way
    } finally {
      app.close();
    }
  }

  /** A command on an old folder prints the upgrade's progress on stderr before it answers. */
  @Test
  void aCommandPrintsTheUpgradesProgress() {
    Path data = tmp.resolve("data");
    copyTree(fixture().resolve("data"), data);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = Earful.commandLine();
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    int code = cl.execute("metrics", "--data", data.toString());
    assertEquals(0, code, err.toString());
    assertEquals(
        expectedUpgradeLines(data),
        err.toString().lines().map(StoredFormatUpgradeTest::withoutTime).toList());
    assertTrue(out.toString().startsWith("nps: 47 responses;"), out.toString());
    assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
    // opened again: nothing to upgrade, nothing printed
    java.io.StringWriter again = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(again, true));
    assertEquals(0, cl.execute("metrics", "--data", data.toString()));
    assertEquals("", again.toString());
  }

  /**
   * Follow-ups (and their people's work: status, assignee, notes) live beside the index: an upgrade
   * re-analyses the responses without losing them and without raising new ones for the rewritten
   * responses. The folder is written by this release and then marked one format older, so the
   * upgrade runs over a folder that has follow-ups (the fac8995 fixture predates them).
   */
  @Test
  void anUpgradeKeepsEveryFollowupWithItsPeoplesWork() {
    Path data = tmp.resolve("followups");
    String id;
    JsonNode before;
    String list;
    try (TestServer server = TestServer.start(data)) {
      var posted =
          server.postNdjson(
              "{\"id\":\"d1\",\"score\":2,\"comment\":\"The delivery was late and nobody"
                  + " answered.\",\"customer\":\"ann@acme.example\"}\n"
                  + "{\"id\":\"p1\",\"score\":10,\"comment\":\"Lovely staff.\"}\n");
      assertEquals(200, posted.statusCode(), posted.body());
      JsonNode page = TestServer.json(server.get("/api/v1/followups"));
      assertEquals(1, page.path("followups").size(), page.toString());
      id = page.path("followups").get(0).path("id").asText();
      var patched =
          server.send(
              server
                  .request("/api/v1/followups/" + id)
                  .header("Content-Type", "application/json")
                  .method(
                      "PATCH",
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          "{\"status\":\"contacted\",\"assignee\":\"sam\",\"note\":\"Called, will"
                              + " call back.\",\"by\":\"lee\"}"))
                  .build());
      assertEquals(200, patched.statusCode(), patched.body());
      before = TestServer.json(server.get("/api/v1/followups/" + id));
      list = ids(TestServer.json(server.get("/api/v1/followups")));
    }
    StoredFormat.write(data, StoredFormat.CURRENT - 1, "test");
    try (TestServer server = TestServer.start(data)) {
      assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
      assertEquals(2, server.app().index().count());
      assertEquals(before, TestServer.json(server.get("/api/v1/followups/" + id)));
      assertEquals("contacted", before.path("status").asText());
      assertEquals("sam", before.path("assignee").asText());
      assertEquals(list, ids(TestServer.json(server.get("/api/v1/followups"))));
    }
  }

  private static String ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("followups")
        .forEach(f -> out.add(f.path("id").asText() + "/" + f.path("responseId").asText()));
    return String.join(",", out);
  }

  /**
   * An upgrade stores the ids of an older folder's {@code followups-withheld.jsonl} with their
   * responses (review R12 of session 22: the file and its set grew with every import without
   * follow-ups) and removes the file; a response stored with the flag keeps it through the
   * re-analysis.
   */
  @Test
  void anUpgradeMovesTheWithheldFileIntoTheIndex() throws IOException {
    Path data = tmp.resolve("data");
    copyTree(fixture().resolve("data"), data);
    String first = surveyRows().get(0)[0];
    String second = surveyRows().get(1)[0];
    Files.writeString(
        data.resolve(dev.earful.followup.FollowupQueue.WITHHELD_JOURNAL),
        "{\"id\":\"" + first + "\",\"withheld\":true}\n");
    try (TestServer server = TestServer.start(data)) {
      assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
      assertFalse(Files.exists(data.resolve(dev.earful.followup.FollowupQueue.WITHHELD_JOURNAL)));
      assertEquals(
          java.util.Set.of(first), server.app().index().withheldIds(List.of(first, second)));
    }
    StoredFormat.write(data, StoredFormat.CURRENT - 1, "test");
    try (TestServer server = TestServer.start(data)) {
      assertEquals(
          java.util.Set.of(first),
          server.app().index().withheldIds(List.of(first, second)),
          "kept through a second upgrade's re-analysis");
    }
  }

  @Test
  void aFolderOfANewerFormatIsRefusedWithoutTouchingIt() throws IOException {
    Path data = tmp.resolve("newer");
    copyTree(fixture().resolve("data"), data);
    Files.writeString(
        data.resolve(StoredFormat.FILE_NAME),
        "{\"format\": " + (StoredFormat.CURRENT + 1) + ", \"writtenBy\": \"Earful 9.9.9\"}");
    byte[] taxonomy = Files.readAllBytes(data.resolve("taxonomy.json"));
    List<String> indexFiles = list(data.resolve("index"));

    AppConfig config =
        AppConfig.fromValues(
                Map.of(),
                Map.of(
                    "EARFUL_DATA",
                    data.toString(),
                    "EARFUL_PORT",
                    "0",
                    "EARFUL_DISCOVERY_DEBOUNCE_SECONDS",
                    "0"))
            .validate();
    StoredFormatException e =
        assertThrows(StoredFormatException.class, () -> EarfulApp.open(config).close());
    assertEquals(
        "the data folder "
            + data
            + " is in stored format "
            + (StoredFormat.CURRENT + 1)
            + ", written by a newer Earful; this release reads formats up to "
            + StoredFormat.CURRENT
            + " and does not downgrade: run the newer release, or restore a backup of the folder"
            + " made with this one",
        e.getMessage());
    assertArrayEquals(taxonomy, Files.readAllBytes(data.resolve("taxonomy.json")));
    assertEquals(indexFiles, list(data.resolve("index")));
    assertFalse(Files.exists(data.resolve("index/write.lock")), "the index was never opened");
  }

  @Test
  void aNewFolderStartsInTheCurrentFormat() {
    Path data = tmp.resolve("fresh");
    assertEquals(StoredFormat.EMPTY, StoredFormat.of(data));
    try (TestServer server = TestServer.start(data)) {
      assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
      assertEquals(StoredFormat.CURRENT, server.app().index().storedFormat());
    }
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------ format 2 (commit 1e51a1f)

  private static final String FORMAT_2 = "1e51a1f";

  /**
   * What the format-2 fixture's release answered for the follow-ups before it stopped
   * (followups-before.json), without "overdue", which depends on today's date, and in id order: the
   * queue's order is the running release's (9212dbc puts the most recent response first at one due
   * time), not something the folder stores, so the comparison is of what each follow-up holds.
   */
  private static JsonNode followupsWithoutOverdue(JsonNode page) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = page.deepCopy();
    copy.remove("overdue");
    var followups = copy.withArray("followups");
    List<JsonNode> byId = new ArrayList<>();
    followups.forEach(
        f -> {
          ((com.fasterxml.jackson.databind.node.ObjectNode) f).remove("overdue");
          byId.add(f);
        });
    byId.sort(java.util.Comparator.comparing(f -> f.path("id").asText()));
    followups.removeAll();
    followups.addAll(byId);
    return copy;
  }

  /**
   * A data folder written by the last release of stored format 2 (commit 1e51a1f, see
   * src/test/resources/upgrade/1e51a1f/README.md): customers, discovered themes with people's edits
   * (a rename, a merge, a created theme), follow-ups with people's work and a deletion. It is
   * upgraded to the current format, which detects each comment's language, and keeps every response
   * with its customer, every edit and every follow-up as that release left them.
   */
  @Test
  void aFolderWrittenByTheLastFormat2ReleaseIsUpgradedWithEveryResponseEditAndFollowup()
      throws IOException {
    Path data = tmp.resolve("data");
    copyTree(fixture(FORMAT_2).resolve("data"), data);
    assertEquals(2, StoredFormat.of(data));
    List<dev.earful.ingest.RawResponse> rows = new ArrayList<>();
    try (var in = Files.newInputStream(fixture(FORMAT_2).resolve("survey.csv"))) {
      new CsvResponseReader(
              in,
              StandardCharsets.UTF_8,
              "survey.csv",
              new ColumnMapping(
                  null, null, List.of(), null, List.of("region", "plan"), null, null, 0))
          .forEach((line, raw) -> rows.add(raw));
    }
    assertEquals(48, rows.size());
    JsonNode followupsBefore =
        TestServer.JSON.readTree(fixture(FORMAT_2).resolve("followups-before.json").toFile());
    try (TestServer server = TestServer.start(data)) {
      assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
      assertEquals(StoredFormat.CURRENT, server.app().index().storedFormat());
      assertEquals(47, server.app().index().count());
      int withCustomer = 0;
      for (dev.earful.ingest.RawResponse row : rows) {
        var got = server.get("/api/v1/responses/" + row.id());
        if (row.id().equals("U-048")) {
          assertEquals(404, got.statusCode(), "U-048 was deleted before the upgrade");
          continue;
        }
        JsonNode r = TestServer.json(got);
        assertEquals(row.score(), r.path("score").asText(), row.id());
        assertEquals(row.comment(), r.path("comment").asText(), row.id());
        assertEquals(row.segments().get("region"), r.path("segments").path("region").asText());
        assertEquals(row.segments().get("plan"), r.path("segments").path("plan").asText());
        assertEquals(row.customer(), r.path("customer").textValue(), row.id());
        assertTrue(r.path("sentences").size() >= 1, row.id() + " has its analysis");
        if (row.customer() != null) {
          withCustomer++;
        }
      }
      assertEquals(32, withCustomer);
      // the language is what format 3 added: every comment is now English in the facet
      JsonNode facets = TestServer.json(server.get("/api/v1/search?limit=1")).path("facets");
      assertEquals(47, facets.path("language").path("eng").asInt(), facets.toString());
      // the people's edits made with the old release
      JsonNode renamed = TestServer.json(server.get("/api/v1/themes/t1"));
      assertEquals("customer care", renamed.path("name").asText());
      assertEquals("edited", renamed.path("origin").asText());
      JsonNode merged = TestServer.json(server.get("/api/v1/themes/t11"));
      assertEquals("t9", merged.path("id").asText());
      assertEquals(
          List.of(
              "crashes",
              "never crashes",
              "cart",
              "keeps crashing",
              "app",
              "slow",
              "checkout",
              "quick",
              "reports"),
          strings(merged.path("phrases")));
      JsonNode created = TestServer.json(server.get("/api/v1/themes/t13"));
      assertEquals("damaged box", created.path("name").asText());
      assertEquals(List.of("damaged box", "box was damaged"), strings(created.path("phrases")));
      assertEquals(
          "discovered", TestServer.json(server.get("/api/v1/themes/t5")).path("origin").asText());
      // every follow-up as the old release answered it, the one people worked on included
      JsonNode followups = TestServer.json(server.get("/api/v1/followups?limit=200"));
      assertEquals(followupsWithoutOverdue(followupsBefore), followupsWithoutOverdue(followups));
      JsonNode worked = TestServer.json(server.get("/api/v1/followups/fu-02ab141f624a"));
      assertEquals("contacted", worked.path("status").asText());
      assertEquals("dana", worked.path("assignee").asText());
      assertEquals(
          "Called back, refund confirmed.", worked.path("notes").get(0).path("text").asText());
    }
  }

  // ------------------------------------------------------------ format 3 (commit 4e9e687)

  private static final String FORMAT_3 = "4e9e687";

  /**
   * A response as the API answers it, without what is computed when it is read rather than stored:
   * a theme mention's sentiment and the theme list (they follow the taxonomy and the matching
   * code). Every stored field stays: score, comment, segments, customer, the whole analysis.
   */
  /**
   * A response's theme tags as the taxonomy's phrases match its stored lemmas: each theme's id and
   * spans, in the order given, without the mention's sentiment (computed when read, by rules that
   * may change between releases). People's edits show here: "damaged box" (t18) on U-019 and U-023,
   * the renamed t1, the merged t12.
   */
  private static List<String> themeTags(JsonNode response) {
    List<String> tags = new ArrayList<>();
    response.path("themes").forEach(t -> tags.add(t.path("id").asText() + " " + t.path("spans")));
    return tags;
  }

  /**
   * The response without its theme mentions, without the stage that scored its sentiment (read
   * since session 21; the fixture's answers predate it), which a response stored before the stage
   * was recorded must read as fast: it is refined later, like any fast import; and without its
   * comment's language (sent since session 27, review R13), which the fixture's comments, all
   * English (its language facet: eng 47), must read as eng from their stored analyses.
   */
  private static JsonNode storedPart(JsonNode response) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = response.deepCopy();
    copy.remove("themes");
    JsonNode stage = copy.remove("sentimentStage");
    if (stage != null) {
      assertEquals("fast", stage.asText(), response.path("id").asText());
    }
    JsonNode language = copy.remove("language");
    if (language != null) {
      assertEquals("eng", language.asText(), response.path("id").asText());
    }
    return copy;
  }

  /**
   * A data folder written by the release of stored format 3 at the start of session 9 (commit
   * 4e9e687, see src/test/resources/upgrade/4e9e687/README.md) opens without an upgrade and answers
   * as that release did: every response with its stored analysis (sentences, clauses, sentiment)
   * field for field, every facet of the whole index (the language and sentiment facets come from
   * stored doc values), the people's taxonomy edits and every follow-up.
   */
  @Test
  void aFolderWrittenByTheFormat3ReleaseOpensWithItsStoredAnalysisUntouched() throws IOException {
    Path data = tmp.resolve("data");
    copyTree(fixture(FORMAT_3).resolve("data"), data);
    assertEquals(3, StoredFormat.of(data));
    JsonNode responsesBefore =
        TestServer.JSON.readTree(fixture(FORMAT_3).resolve("responses-before.json").toFile());
    JsonNode facetsBefore =
        TestServer.JSON.readTree(fixture(FORMAT_3).resolve("facets-before.json").toFile());
    JsonNode followupsBefore =
        TestServer.JSON.readTree(fixture(FORMAT_3).resolve("followups-before.json").toFile());
    assertEquals(47, responsesBefore.size());
    try (TestServer server = TestServer.start(data)) {
      assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
      assertEquals(47, server.app().index().count());
      for (var entry : (Iterable<Map.Entry<String, JsonNode>>) responsesBefore::fields) {
        JsonNode now = TestServer.json(server.get("/api/v1/responses/" + entry.getKey()));
        assertEquals(storedPart(entry.getValue()), storedPart(now), entry.getKey());
        assertEquals(
            themeTags(entry.getValue()), themeTags(now), entry.getKey() + ": its theme tags");
      }
      assertEquals(404, server.get("/api/v1/responses/U-048").statusCode());
      JsonNode page = TestServer.json(server.get("/api/v1/search?limit=1"));
      assertEquals(facetsBefore.path("total"), page.path("total"));
      for (String facet :
          List.of(
              "category", "language", "sentiment", "segment.plan", "segment.region", "themes")) {
        assertEquals(
            facetsBefore.path("facets").path(facet), page.path("facets").path(facet), facet);
      }
      JsonNode renamed = TestServer.json(server.get("/api/v1/themes/t1"));
      assertEquals("customer care", renamed.path("name").asText());
      assertEquals("edited", renamed.path("origin").asText());
      JsonNode merged = TestServer.json(server.get("/api/v1/themes/t15"));
      assertEquals("t12", merged.path("id").asText(), "t15 was merged into t12");
      assertTrue(strings(merged.path("phrases")).contains("quick"));
      JsonNode created = TestServer.json(server.get("/api/v1/themes/t18"));
      assertEquals(List.of("damaged box", "box was damaged"), strings(created.path("phrases")));
      JsonNode followups = TestServer.json(server.get("/api/v1/followups?limit=200"));
      assertEquals(followupsWithoutOverdue(followupsBefore), followupsWithoutOverdue(followups));
    }
    assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
  }

  /** Every response of a folder as the API answers it, in id order, with the follow-ups. */
  private static String everything(Path data) {
    StringBuilder out = new StringBuilder();
    try (TestServer server = TestServer.start(data)) {
      JsonNode page = TestServer.json(server.get("/api/v1/search?sort=oldest&limit=200"));
      assertEquals(47, page.path("total").asInt());
      List<String> ids = new ArrayList<>();
      page.path("hits").forEach(h -> ids.add(h.path("id").asText()));
      ids.sort(null);
      for (String id : ids) {
        out.append(server.get("/api/v1/responses/" + id).body()).append('\n');
      }
      out.append(
          followupsWithoutOverdue(TestServer.json(server.get("/api/v1/followups?limit=200"))));
      out.append('\n').append(server.get("/api/v1/themes?limit=100").body());
    }
    return out.toString();
  }

  /**
   * An upgrade stopped midway (here by a failure thrown from inside it after its second step, as a
   * crash or Ctrl-C would stop it) resumes on the next open from its checkpoint: it says so, it
   * re-analyses only the responses after the checkpoint, and the folder it leaves answers exactly
   * as one upgraded without a stop: every response, follow-up and ranking.
   */
  @Test
  void anUpgradeStoppedMidwayResumesFromItsCheckpointAndEndsAsAnUninterruptedOne()
      throws Exception {
    Path straight = tmp.resolve("straight");
    copyTree(fixture(FORMAT_2).resolve("data"), straight);
    try (EarfulApp app = EarfulApp.open(config(straight))) {
      assertEquals(47, app.index().count());
    }
    Path stopped = tmp.resolve("stopped");
    copyTree(fixture(FORMAT_2).resolve("data"), stopped);
    byte[] taxonomy = Files.readAllBytes(stopped.resolve("taxonomy.json"));
    List<String> said = new ArrayList<>();
    try (EarfulApp app = EarfulApp.openDeferringUpgrade(config(stopped))) {
      RuntimeException stop =
          assertThrows(
              RuntimeException.class,
              () ->
                  app.upgrade(
                      line -> {
                        said.add(line);
                        if (line.startsWith("upgrade: 20 of 47")) {
                          throw new IllegalStateException("stopped");
                        }
                      }));
      assertEquals("stopped", stop.getMessage());
      assertTrue(app.upgradePending());
    }
    assertEquals(
        List.of(
            "upgrading the data folder "
                + stopped
                + " from stored format 2 to "
                + StoredFormat.CURRENT
                + ": re-analysing 47 responses",
            "upgrade: 10 of 47 responses (21%)",
            "upgrade: 20 of 47 responses (42%)"),
        said);
    assertEquals(2, StoredFormat.of(stopped)); // not done: the format file is written last
    assertTrue(Files.exists(stopped.resolve(dev.earful.store.UpgradeCheckpoint.FILE_NAME)));
    assertEquals(
        List.of(
            new dev.earful.store.UpgradeCheckpoint.Point(10, "U-010"),
            new dev.earful.store.UpgradeCheckpoint.Point(20, "U-020")),
        dev.earful.store.UpgradeCheckpoint.read(stopped).points());

    said.clear();
    try (EarfulApp app = EarfulApp.openDeferringUpgrade(config(stopped))) {
      app.upgrade(said::add);
    }
    assertEquals(
        List.of(
            "resuming the upgrade of the data folder "
                + stopped
                + " from stored format 2 to "
                + StoredFormat.CURRENT
                + " at its checkpoint: 20 of 47 responses were re-analysed before it stopped",
            "upgrade: 30 of 47 responses (63%)",
            "upgrade: 40 of 47 responses (85%)",
            "upgrade: 47 of 47 responses (100%)",
            "upgrade done: 27 responses re-analysed in (ms); the folder is in stored format "
                + StoredFormat.CURRENT),
        said.stream().map(StoredFormatUpgradeTest::withoutTime).toList());
    assertEquals(StoredFormat.CURRENT, StoredFormat.of(stopped));
    assertFalse(Files.exists(stopped.resolve(dev.earful.store.UpgradeCheckpoint.FILE_NAME)));
    assertArrayEquals(taxonomy, Files.readAllBytes(stopped.resolve("taxonomy.json")));
    assertEquals(everything(straight), everything(stopped));
  }

  /**
   * A checkpoint the index does not confirm (a file copied from another folder, or one whose index
   * was written to after it) is discarded, with a line saying so, and the upgrade runs from the
   * beginning.
   */
  @Test
  void aCheckpointTheIndexDoesNotConfirmIsDiscardedAndTheUpgradeStartsOver() {
    Path data = tmp.resolve("data");
    copyTree(fixture(FORMAT_2).resolve("data"), data);
    dev.earful.store.UpgradeCheckpoint.write(
        data,
        2,
        StoredFormat.CURRENT,
        null,
        new dev.earful.store.UpgradeCheckpoint.Point(40, "U-040"));
    List<String> said = new ArrayList<>();
    try (EarfulApp app = EarfulApp.openDeferringUpgrade(config(data))) {
      app.upgrade(said::add);
      assertEquals(47, app.index().count());
    }
    assertEquals(
        "the upgrade checkpoint "
            + data.resolve(dev.earful.store.UpgradeCheckpoint.FILE_NAME)
            + " does not belong to this index or this upgrade (from stored format 2 to "
            + StoredFormat.CURRENT
            + "); it is discarded and the upgrade starts from the beginning",
        said.get(0));
    assertTrue(said.get(1).endsWith(": re-analysing 47 responses"), said.get(1));
    assertTrue(said.getLast().startsWith("upgrade done: 47 responses re-analysed"));
    assertEquals(StoredFormat.CURRENT, StoredFormat.of(data));
    assertFalse(Files.exists(data.resolve(dev.earful.store.UpgradeCheckpoint.FILE_NAME)));
  }
}
