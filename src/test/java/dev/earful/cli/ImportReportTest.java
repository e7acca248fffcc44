package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.http.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the import report says about a file's dates, repeated ids and files that are not text, each
 * through the real command line into a real data folder, read back through a real server.
 */
class ImportReportTest {

  /** The report's line for one detractor older than the default follow-up rule's 30 days. */
  private static final String FOLLOWUPS_SKIPPED_1 =
      "  follow-ups 0 opened; 1 skipped as submitted more than their rule's maxAgeDays before this"
          + " import (see GET /api/v1/followup-rules)";

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private Cli importCsv(Path csv, Path data, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("import", csv.toString(), "--data", data.toString(), "--no-progress"));
    args.addAll(List.of("--time-column", "when", "--discovery-debounce-seconds", "0"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static String[] lines(Cli r) {
    return r.out().split("\n");
  }

  private static String submittedAt(TestServer server, String id) {
    JsonNode r = TestServer.json(server.get("/api/v1/responses/" + id));
    return r.path("submittedAt").asText();
  }

  @Test
  void aDayOverTwelveAnywhereInTheColumnReadsTheWholeColumnDayFirst() throws Exception {
    // The ambiguous rows come first: they must not be read month first before row 4 settles it.
    Path csv =
        write(
            "uk.csv",
            "id,score,comment,when\n"
                + "a,9,fine,03/04/2018 10:00\n"
                + "b,3,slow,05/02/2018 19:39\n"
                + "c,7,ok,21/02/2018 19:39\n");
    Path data = dir.resolve("data");
    Cli r = importCsv(csv, data);
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = lines(r);
    assertEquals("  imported  3 (new 3, updated 0)", lines[1]);
    assertEquals("  rejected  0", lines[2]);
    assertEquals(
        "  dates     read day first: 21/02/2018 19:39 (line 4) can only be day/month", lines[3]);
    // b is a detractor of 2018: older than the default follow-up rule's 30 days
    assertEquals(FOLLOWUPS_SKIPPED_1, lines[4]);
    assertEquals(5, lines.length, r.out());
    try (TestServer server = TestServer.start(data)) {
      assertEquals("2018-04-03T10:00:00Z", submittedAt(server, "a"));
      assertEquals("2018-02-05T19:39:00Z", submittedAt(server, "b"));
      assertEquals("2018-02-21T19:39:00Z", submittedAt(server, "c"));
    }
  }

  @Test
  void anAmbiguousColumnIsReadMonthFirstSaysSoAndTheFlagsOverrideIt() throws Exception {
    Path csv =
        write(
            "us.csv",
            "id,score,comment,when\n" + "a,9,fine,03/04/2018 10:00\n" + "b,3,slow,05/02/2018\n");
    Path data = dir.resolve("data");
    Cli guessed = importCsv(csv, data);
    assertEquals(0, guessed.exitCode(), guessed.err());
    assertEquals(
        "  dates     read month first: all 2 dates fit either order (e.g. 03/04/2018 10:00, line"
            + " 2); month first is the default, --day-first reads them day first",
        lines(guessed)[3]);
    try (TestServer server = TestServer.start(data)) {
      assertEquals("2018-03-04T10:00:00Z", submittedAt(server, "a"));
    }

    Cli dayFirst = importCsv(csv, data, "--day-first");
    assertEquals(0, dayFirst.exitCode(), dayFirst.err());
    assertEquals("  dates     read day first (--day-first)", lines(dayFirst)[3]);
    try (TestServer server = TestServer.start(data)) {
      assertEquals("2018-04-03T10:00:00Z", submittedAt(server, "a"));
      assertEquals("2018-02-05T00:00:00Z", submittedAt(server, "b"));
    }

    // A month-first flag wins over a column that reads day first: the day-only row is rejected.
    Path uk =
        write("uk.csv", "id,score,comment,when\n" + "c,7,ok,21/02/2018\n" + "d,7,ok,03/04/2018\n");
    Cli monthFirst = importCsv(uk, data, "--month-first");
    assertEquals(0, monthFirst.exitCode(), monthFirst.err());
    assertEquals("  dates     read month first (--month-first)", lines(monthFirst)[3]);
    assertEquals(
        "  line 2 (id c): submittedAt: cannot read '21/02/2018' as month/day/year, the date order"
            + " of this import",
        lines(monthFirst)[5]);

    Cli both = importCsv(csv, data, "--day-first", "--month-first");
    assertEquals(2, both.exitCode());
    assertEquals(
        "earful: --day-first and --month-first contradict each other: pick one\n", both.err());
  }

  @Test
  void aColumnThatPointsBothWaysKeepsTheLargerGroupsOrderAndRejectsTheOthers() throws Exception {
    Path csv =
        write(
            "mixed.csv",
            "id,score,comment,when\n"
                + "a,9,fine,21/02/2018\n"
                + "b,3,slow,22/02/2018\n"
                + "c,7,ok,02/23/2018\n"
                + "d,7,ok,01/02/2018\n");
    Path data = dir.resolve("data");
    Cli r = importCsv(csv, data);
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = lines(r);
    assertEquals("  imported  3 (new 3, updated 0)", lines[1]);
    assertEquals("  rejected  1", lines[2]);
    assertEquals(
        "  dates     read day first: 2 dates can only be day/month (e.g. 21/02/2018, line 2) and 1"
            + " only month/day (e.g. 02/23/2018, line 4); one order holds for the whole column, so"
            + " the 1 that do not fit it are rejected",
        lines[3]);
    assertEquals(FOLLOWUPS_SKIPPED_1, lines[4]);
    assertEquals(
        "  line 4 (id c): submittedAt: cannot read '02/23/2018' as day/month/year, the date order"
            + " of this import",
        lines[6]);
    try (TestServer server = TestServer.start(data)) {
      assertEquals("2018-02-01T00:00:00Z", submittedAt(server, "d"));
    }
  }

  @Test
  void idsRepeatedInsideOneFileAreCountedAndNamedWithTheRowThatWon() throws Exception {
    Path csv =
        write(
            "dups.csv",
            "id,score,comment,when\n"
                + "r1,9,first,2024-03-01\n"
                + "r2,3,only,2024-03-01\n"
                + "r1,4,second,2024-03-02\n"
                + "r3,x,bad score,2024-03-02\n"
                + "r1,5,third,2024-03-03\n"
                + "r3,2,good now,2024-03-03\n"
                + "r4,8,also twice,2024-03-04\n"
                + "r4,8,also twice,2024-03-04\n");
    Path data = dir.resolve("data");
    Cli r = importCsv(csv, data, "--batch-size", "2");
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = lines(r);
    assertEquals("  imported  7 (new 4, updated 3)", lines[1]);
    assertEquals("  rejected  1", lines[2]);
    assertEquals(
        "  repeated  2 ids on more than one row: the last row of each is kept (3 earlier rows"
            + " replaced)",
        lines[3]);
    assertEquals("    id r1: lines 2, 4, 6; line 6 kept", lines[4]);
    assertEquals("    id r4: lines 8, 9; line 9 kept", lines[5]);
    // rows, as the imported line counts them: r1 twice (rows 4 and 6, in two batches), r2, r3
    assertEquals(
        "  follow-ups 0 opened; 4 skipped as submitted more than their rule's maxAgeDays before"
            + " this import (see GET /api/v1/followup-rules)",
        lines[6]);
    assertEquals("First 1 rejected:", lines[7]);
    try (TestServer server = TestServer.start(data)) {
      JsonNode r1 = TestServer.json(server.get("/api/v1/responses/r1"));
      assertEquals("third", r1.path("comment").asText());
      assertEquals(5, r1.path("score").asInt());
    }
  }

  @Test
  void aBinaryFileIsCalledNotTextEvenWithACharsetAndNoFolderIsCreated() throws Exception {
    Path xlsx = dir.resolve("survey.csv");
    byte[] zip = new byte[600];
    zip[0] = 'P';
    zip[1] = 'K';
    zip[2] = 3;
    zip[3] = 4;
    Files.write(xlsx, zip);
    Path data = dir.resolve("data");
    Cli r = importCsv(xlsx, data);
    assertEquals(1, r.exitCode());
    assertEquals(
        "earful: cannot import "
            + xlsx
            + ": the file is a ZIP archive (an Excel .xlsx workbook is one), not text: save or"
            + " export it as CSV first\n",
        r.err());

    Path blob = dir.resolve("blob.csv");
    byte[] bytes = "id,score\nx,1\n".getBytes(StandardCharsets.US_ASCII);
    byte[] withNul = java.util.Arrays.copyOf(bytes, bytes.length + 40);
    withNul[20] = 0;
    withNul[21] = (byte) 0x9c;
    Files.write(blob, withNul);
    String expected =
        "earful: cannot import "
            + blob
            + ": the file is not text (byte 13 is a NUL, which no CSV or JSON holds): export the"
            + " survey as CSV or NDJSON\n";
    Cli plain = importCsv(blob, data);
    assertEquals(1, plain.exitCode());
    assertEquals(expected, plain.err());
    Cli latin = importCsv(blob, data, "--charset", "windows-1252");
    assertEquals(1, latin.exitCode());
    assertEquals(expected, latin.err());
    assertFalse(Files.exists(data), "a file that cannot be imported leaves no data folder");
  }

  @Test
  void aUtf16ExportWithAByteOrderMarkImportsAndANamedCharsetKeepsItsOwnMessage() throws Exception {
    Path csv = dir.resolve("unicode.csv");
    Files.write(
        csv,
        ("\uFEFFid,score,comment,when\nu1,9,Très bien,2024-03-01\n")
            .getBytes(StandardCharsets.UTF_16LE));
    Path data = dir.resolve("data");
    Cli r = importCsv(csv, data);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("  imported  1 (new 1, updated 0)", lines(r)[1]);
    // one record is a record, not "1 records"
    assertTrue(lines(r)[0].matches(".*: 1 record read in [0-9.]+ s"), lines(r)[0]);
    try (TestServer server = TestServer.start(data)) {
      assertEquals(
          "Très bien",
          TestServer.json(server.get("/api/v1/responses/u1")).path("comment").asText());
    }

    Path latin = dir.resolve("latin.csv");
    Files.write(latin, "id,score,comment\nl1,9,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Cli utf8 = Cli.run("import", latin.toString(), "--data", data.toString(), "--no-progress");
    // each row not in the charset is reported with its line and the first bad byte (a file may
    // mix encodings); here that is every row, so nothing is imported
    assertEquals(1, utf8.exitCode());
    assertTrue(
        utf8.out()
            .contains(
                "  line 2: record: byte 0xE9 at column 9 is not valid UTF-8 text (a file in another"
                    + " encoding, or one that mixes two: pass --charset, e.g. windows-1252 for an"
                    + " Excel export)\n"),
        utf8.out());
    assertEquals("error: nothing was imported: every record was rejected\n", utf8.err());
  }

  @Test
  void countsTheLanguagesOfTheCommentsAndSaysWhichGetNoThemes() {
    Path data = dir.resolve("data");
    Cli r =
        Cli.run(
            "import",
            dev.earful.TestData.resource("/data/multilingual-feedback.csv").toString(),
            "--data",
            data.toString(),
            "--no-progress",
            "--discovery-debounce-seconds",
            "0");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "  languages eng 23, fra 10, deu 8, spa 7: 25 comments not in English are searchable but"
            + " get no themes and no sentiment (Earful analyses English only)",
        lines(r)[3],
        r.out());
  }
}
