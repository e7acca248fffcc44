package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.http.TestServer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files through the real command line into a real data folder, read back through a real
 * server: each damaged row is reported with its line and why, every other row goes in, and the exit
 * code is {@link ImportCommand#PARTIAL} (3): imported, but part of the file was unreadable.
 */
class BadFileImportTest {

  @TempDir Path dir;

  private Cli importCsv(Path csv, Path data, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "import",
                csv.toString(),
                "--data",
                data.toString(),
                "--no-progress",
                "--discovery-debounce-seconds",
                "0"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static int stored(Path data) {
    try (TestServer server = TestServer.start(data)) {
      return TestServer.json(server.get("/api/v1/metrics")).path("count").asInt();
    }
  }

  @Test
  void aBrokenQuoteCostsItsRowAndTheHundredRowsAfterItGoIn() throws Exception {
    StringBuilder csv = new StringBuilder("id,score,comment\nr0,9,Great service.\n");
    // no row of three columns with its quote as text either (a comma in the open quote)
    csv.append("r1,2,\"The app crashes, every time I open it\n");
    for (int i = 2; i <= 101; i++) {
      csv.append("r").append(i).append(',').append(i % 11).append(",Row ").append(i).append('\n');
    }
    Path file = dir.resolve("broken-quote.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    Path data = dir.resolve("data");
    Cli r = importCsv(file, data);
    assertEquals(ImportCommand.PARTIAL, r.exitCode(), r.out() + r.err());
    String[] lines = r.out().split("\n");
    assertTrue(lines[0].startsWith("broken-quote.csv: 102 records read in "), r.out());
    assertEquals("  imported  101 (new 101, updated 0)", lines[1]);
    assertEquals("  rejected  1", lines[2]);
    assertEquals(
        "  follow-ups 64 opened by the follow-up rules (earful followups lists them)", lines[3]);
    assertEquals("First 1 rejected:", lines[4]);
    assertEquals(
        "  line 3: record: a quote opened on this line is not closed before the end of the file;"
            + " the row is skipped and reading goes on with the next line",
        lines[5]);
    assertEquals(
        "warning: 1 row of the file could not be read (listed with their lines above); every other"
            + " row was imported or rejected on its own",
        r.err().strip());
    assertEquals(101, stored(data));
  }

  /**
   * A line past --max-line-bytes (written to disk as a stream, never held by the test either) is
   * skipped without reading it into memory; a 1 GiB line is checked the same way, generated as it
   * is read, in CsvResponseReaderTest.
   */
  @Test
  void aLinePastTheBoundIsReportedAndTheRowsAroundItGoIn() throws Exception {
    Path file = dir.resolve("long-line.csv");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write("id,score,comment\nr1,9,before\nr2,3,".getBytes(StandardCharsets.US_ASCII));
      byte[] block = "late delivery ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 300; i++) {
        out.write(block); // 14,000 bytes each: 4,200,000 in all
      }
      out.write("\nr3,10,after\n".getBytes(StandardCharsets.US_ASCII));
    }
    Path data = dir.resolve("data");
    Cli r = importCsv(file, data, "--max-line-bytes", "1048576");
    assertEquals(ImportCommand.PARTIAL, r.exitCode(), r.out() + r.err());
    String[] lines = r.out().split("\n");
    assertEquals("  imported  2 (new 2, updated 0)", lines[1]);
    assertEquals(
        "  line 3: record: the line is longer than 1048576 bytes (4200005); it is skipped"
            + " (--max-line-bytes raises the bound)",
        lines[4]);
    try (TestServer server = TestServer.start(data)) {
      assertEquals(404, server.get("/api/v1/responses/r2").statusCode());
      JsonNode after = TestServer.json(server.get("/api/v1/responses/r3"));
      assertEquals("after", after.path("comment").asText());
    }
  }

  @Test
  void aRowInLatin1InsideAUtf8FileIsReportedWithTheLineAndColumnOfItsFirstBadByte()
      throws Exception {
    Path file = dir.resolve("mixed.csv");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("id,score,comment\nr1,9,Caf\u00e9 was lovely.\n".getBytes(StandardCharsets.UTF_8));
      out.write("r2,4,The cr\u00e8me was sour.\n".getBytes(Charset.forName("ISO-8859-1")));
      out.write("r3,8,Na\u00efve but fine.\n".getBytes(StandardCharsets.UTF_8));
    }
    Path data = dir.resolve("data");
    Cli r = importCsv(file, data);
    assertEquals(ImportCommand.PARTIAL, r.exitCode(), r.out() + r.err());
    String[] lines = r.out().split("\n");
    assertEquals("  imported  2 (new 2, updated 0)", lines[1]);
    assertEquals(
        "  line 3: record: byte 0xE8 at column 12 is not valid UTF-8 text (a file in another"
            + " encoding, or one that mixes two: pass --charset, e.g. windows-1252 for an Excel"
            + " export)",
        lines[4]);
    try (TestServer server = TestServer.start(data)) {
      assertEquals(
          "Caf\u00e9 was lovely.",
          TestServer.json(server.get("/api/v1/responses/r1")).path("comment").asText());
      assertEquals(
          "Na\u00efve but fine.",
          TestServer.json(server.get("/api/v1/responses/r3")).path("comment").asText());
    }
  }

  /** Writes a file whose {@code middle} record holds a 4.2 MB comment, streamed to disk. */
  private Path withLongRecord(String name, String head, String tail) throws Exception {
    Path file = dir.resolve(name);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      byte[] block = "late delivery ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 300; i++) {
        out.write(block); // 14,000 bytes each: 4,200,000 in all
      }
      out.write(tail.getBytes(StandardCharsets.US_ASCII));
    }
    return file;
  }

  /**
   * NDJSON and JSON arrays are read with the same bound as CSV lines: a record past
   * --max-line-bytes is reported with its line and skipped without being held, the records around
   * it go in, exit 3. (Before, NDJSON was read with BufferedReader.readLine and a JSON array parsed
   * whole: a 1 GB record was an OutOfMemoryError; the 1 GiB cases are in JsonResponseReaderTest.)
   */
  @Test
  void aJsonRecordPastTheBoundIsReportedAndTheRecordsAroundItGoIn() throws Exception {
    Path nd =
        withLongRecord(
            "long-line.ndjson",
            "{\"id\":\"r1\",\"score\":9,\"comment\":\"before\"}\n{\"id\":\"r2\",\"score\":3,"
                + "\"comment\":\"",
            "\"}\n{\"id\":\"r3\",\"score\":10,\"comment\":\"after\"}\n");
    Path json =
        withLongRecord(
            "long-element.json",
            "[\n{\"id\":\"j1\",\"score\":9,\"comment\":\"before\"},\n{\"id\":\"j2\",\"score\":3,"
                + "\"comment\":\"",
            "\"},\n{\"id\":\"j3\",\"score\":10,\"comment\":\"after\"}\n]\n");
    Path data = dir.resolve("data");
    Cli r = importCsv(nd, data, "--max-line-bytes", "1048576");
    assertEquals(ImportCommand.PARTIAL, r.exitCode(), r.out() + r.err());
    String[] lines = r.out().split("\n");
    assertEquals("  imported  2 (new 2, updated 0)", lines[1]);
    assertEquals(
        "  line 2: record: the line is longer than 1048576 bytes (4200034); it is skipped",
        lines[4]);
    Cli j = importCsv(json, data, "--max-line-bytes", "1048576");
    assertEquals(ImportCommand.PARTIAL, j.exitCode(), j.out() + j.err());
    lines = j.out().split("\n");
    assertEquals("  imported  2 (new 2, updated 0)", lines[1]);
    assertEquals(
        "  line 3: record: the record is longer than 1048576 bytes (4200034); it is skipped",
        lines[4]);
    try (TestServer server = TestServer.start(data)) {
      for (String absent : List.of("r2", "j2")) {
        assertEquals(404, server.get("/api/v1/responses/" + absent).statusCode());
      }
      for (String id : List.of("r1", "j1")) {
        assertEquals(
            "before",
            TestServer.json(server.get("/api/v1/responses/" + id)).path("comment").asText());
      }
      for (String id : List.of("r3", "j3")) {
        assertEquals(
            "after",
            TestServer.json(server.get("/api/v1/responses/" + id)).path("comment").asText());
      }
    }
  }

  @Test
  void aJsonArrayCutShortKeepsTheRecordsBeforeTheCutAndExits3() throws Exception {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 1; i <= 20; i++) {
      json.append("{\"id\":\"c").append(i).append("\",\"score\":").append(i % 11).append("},\n");
    }
    json.append("{\"id\":\"c21\",\"sco");
    Path file = dir.resolve("cut.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    Path data = dir.resolve("data");
    Cli r = importCsv(file, data);
    assertEquals(ImportCommand.PARTIAL, r.exitCode(), r.out() + r.err());
    assertEquals("  imported  20 (new 20, updated 0)", r.out().split("\n")[1]);
    assertEquals(
        "error: the rest of the file could not be read: line 22: a string opened on this line is"
            + " not closed by the end of the input",
        r.err().strip());
    assertEquals(20, stored(data));
  }

  /**
   * Real exports with a quote missing inside one record, through the real command line: a
   * pretty-printed array (Jackson's printer, as a script's export writes it) and an array on one
   * line (JSON.stringify's default). The damaged record is reported with its line and the place of
   * the damage, all 99 others go in, and the exit code is 3; the same file sent through a running
   * server with --server arrives the same way. Before, the string ran to the end of the file and
   * the records after the damage were lost.
   */
  @Test
  void aQuoteMissingInAJsonRecordCostsThatRecordAndTheRecordsAfterItGoIn() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    var records = mapper.createArrayNode();
    for (int i = 1; i <= 100; i++) {
      records
          .addObject()
          .put("id", "q" + i)
          .put("score", i % 11)
          .put("comment", "Comment " + i + ", about the delivery.")
          .put("submittedAt", "2024-03-01T10:00:00Z")
          .putObject("segments")
          .put("region", i % 2 == 0 ? "EU" : "US");
    }
    // the closing quote of record q40's comment is lost
    String damage = "Comment 40, about the delivery.\"";
    String pretty = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(records);
    Path prettyFile = dir.resolve("pretty.json");
    Files.writeString(prettyFile, pretty.replace(damage, "Comment 40, about the delivery."));
    String oneLine = mapper.writeValueAsString(records);
    Path oneLineFile = dir.resolve("one-line.json");
    Files.writeString(oneLineFile, oneLine.replace(damage, "Comment 40, about the delivery."));

    Path data = dir.resolve("data");
    Cli r = importCsv(prettyFile, data);
    assertEquals(ImportCommand.PARTIAL, r.exitCode(), r.out() + r.err());
    String[] lines = r.out().split("\n");
    assertEquals("  imported  99 (new 99, updated 0)", lines[1]);
    assertEquals("  rejected  1", lines[2]);
    // record q40 starts on line 313 (8 lines each) and breaks on 316
    assertEquals(
        "  line 313: record: not a JSON object: line 316: a string opened at column 15 is not"
            + " closed on its line (a quote missing?)",
        lines[5]);
    assertEquals(99, stored(data));

    Path data2 = dir.resolve("data2");
    Cli one = importCsv(oneLineFile, data2);
    assertEquals(ImportCommand.PARTIAL, one.exitCode(), one.out() + one.err());
    lines = one.out().split("\n");
    assertEquals("  imported  99 (new 99, updated 0)", lines[1]);
    // the comment's string ends at the next field's opening quote, so its name is out of place
    assertEquals(
        "  line 1: record: not a JSON object: unexpected 's' at column 5162 where ',' or '}'"
            + " should be",
        lines[5]);
    assertEquals(99, stored(data2));

    Path served = dir.resolve("served");
    try (TestServer server = TestServer.start(served)) {
      Cli sent =
          Cli.run("import", prettyFile.toString(), "--server", server.baseUrl(), "--no-progress");
      assertEquals(ImportCommand.PARTIAL, sent.exitCode(), sent.out() + sent.err());
      assertEquals(
          "  line 313: record: not a JSON object: line 316: a string opened at column 15 is not"
              + " closed on its line (a quote missing?)",
          sent.out().split("\n")[5]);
      assertEquals(99, TestServer.json(server.get("/api/v1/metrics")).path("count").asInt());
      assertEquals(404, server.get("/api/v1/responses/q40").statusCode());
      for (String id : List.of("q39", "q41", "q100")) {
        JsonNode got = TestServer.json(server.get("/api/v1/responses/" + id));
        assertEquals(
            "Comment " + id.substring(1) + ", about the delivery.", got.path("comment").asText());
      }
      // a body sent straight to the API is refused whole (README: 400 for JSON that does not
      // parse), naming the line and column of the damage rather than the end of the body
      var body = server.post("/api/v1/responses", "application/json", Files.readString(prettyFile));
      assertEquals(400, body.statusCode(), body.body());
      assertTrue(
          TestServer.json(body)
              .path("detail")
              .asText()
              .contains("a string opened at column 15 is not closed on its line"),
          body.body());
      assertEquals(99, TestServer.json(server.get("/api/v1/metrics")).path("count").asInt());
    }
  }
}
