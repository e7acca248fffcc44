package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.earful.TestData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvResponseReaderTest {

  record Read(long line, RawResponse raw) {}

  private static List<Read> read(String csv, ColumnMapping mapping) {
    return read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), mapping);
  }

  private static List<Read> read(InputStream in, ColumnMapping mapping) {
    List<Read> out = new ArrayList<>();
    new CsvResponseReader(in, StandardCharsets.UTF_8, "file.csv", mapping)
        .forEach((line, raw) -> out.add(new Read(line, raw)));
    return out;
  }

  private static ColumnMapping map(
      String id, String score, List<String> text, List<String> segments) {
    return new ColumnMapping(id, score, text, null, segments, null, null, 0);
  }

  @Test
  void readsQuotedFieldsWithNewlinesAndReportsTheLineEachRecordStartsOn() {
    String csv =
        "id,score,comment\r\n"
            + "a,9,plain\r\n"
            + "\r\n"
            + "b,3,\"two\nlines, and \"\"quotes\"\"\"\r\n"
            + "c,7,last";
    List<Read> records = read(csv, ColumnMapping.defaults());
    assertEquals(List.of(2L, 4L, 6L), records.stream().map(Read::line).toList());
    assertEquals("two\nlines, and \"quotes\"", records.get(1).raw().comment());
    assertEquals(List.of("a", "b", "c"), records.stream().map(r -> r.raw().id()).toList());
  }

  @Test
  void aScoreHeaderThatIsANumberWarnsThatTheFileMayHaveNoHeaderRow() {
    // The UCI sentence files have no header: "text<TAB>label", so their first row became the
    // header and was lost without a word.
    String tsv = "So there is no way to plug it in here.\t0\nGood case, Excellent value.\t1\n";
    CsvResponseReader reader =
        new CsvResponseReader(
            new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8,
            "amazon.txt",
            map(null, "#1", List.of("#0"), List.of()));
    assertEquals(
        List.of(
            "the header row's score column is '0', a number: if the file has no header row, its"
                + " first row was taken as the header and is not imported; import it with"
                + " --no-header",
            "no id column: each record's id is 'amazon.txt:<row>' (row = 1-based data row), so"
                + " importing this file again updates it"),
        reader.warnings());
    // A named score column says nothing.
    CsvResponseReader named =
        new CsvResponseReader(
            new ByteArrayInputStream("id,score,comment\na,0,x\n".getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8,
            "f.csv",
            ColumnMapping.defaults());
    assertEquals(List.of(), named.warnings());
  }

  /**
   * The delimiter is the one that splits the first records alike, not the most frequent in the
   * first line (session 21's trial): the UCI imdb file's first sentence, "A very, very, very
   * slow-moving, aimless movie about a distressed, drifting young man.<TAB>0", has four commas and
   * one tab, so every one of its 1,000 rows was read as comma-separated and rejected ("score: must
   * be a whole number, got 'very'"). A header with fewer fields than the rows, and a file of one
   * column, read as before.
   */
  @Test
  void takesTheDelimiterThatSplitsTheFirstRecordsAlike() {
    String imdb =
        "A very, very, very slow-moving, aimless movie about a distressed, drifting young man.  \t0\n"
            + "Not sure who was more lost - the flat characters or the audience.  \t0\n"
            + "Attempting artiness with black & white and clever camera angles.  \t0\n"
            + "Very little music or anything to speak of.  \t0\n"
            + "The best scene in the movie was when Gerardo is trying to find a song.  \t1\n";
    ColumnMapping noHeader =
        new ColumnMapping(
            null, "#1", List.of("#0"), null, List.of(), null, null, 0, null, null, true);
    for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16)) {
      List<Read> out = new ArrayList<>();
      new CsvResponseReader(new ByteArrayInputStream(imdb.getBytes(cs)), cs, "imdb.txt", noHeader)
          .forEach((line, raw) -> out.add(new Read(line, raw)));
      assertEquals(
          List.of("0", "0", "0", "0", "1"),
          out.stream().map(r -> r.raw().score()).toList(),
          cs.name());
      assertEquals(
          "A very, very, very slow-moving, aimless movie about a distressed, drifting young man.",
          out.get(0).raw().comment().strip(),
          cs.name());
    }
    // A header with fewer fields than the rows that follow (a trailing empty column in each row):
    // still the header's delimiter, with the rows' commas inside their comments.
    List<Read> semicolons =
        read(
            "id;score;comment\na;9;good, really;\nb;3;slow, late, rude;\nc;7;fine;\n",
            ColumnMapping.defaults());
    assertEquals(
        List.of("good, really", "slow, late, rude", "fine"),
        semicolons.stream().map(r -> r.raw().comment()).toList());
    List<Read> commas = read("id,score,comment\na,9,good,\nb,3,late,\n", ColumnMapping.defaults());
    assertEquals(List.of("good", "late"), commas.stream().map(r -> r.raw().comment()).toList());
    // One column, no delimiter in its header: a comma, as before, whatever its text holds.
    assertEquals(',', CsvResponseReader.detectDelimiter("comment\nGreat; fast.\nSlow\n", true));
    assertEquals(
        ',', CsvResponseReader.detectDelimiter("comment\nGreat; fast.\nOk; thanks\n", true));
  }

  /**
   * Without a header row (the UCI sentence files) every row is data: the first row is record 1 on
   * line 1, ids are FILE:ROW from it, columns are named by position, in UTF-8 and in UTF-16 (read
   * by commons-csv alone), and no warning says the first row was lost.
   */
  @Test
  void aFileWithoutAHeaderRowIsReadFromItsFirstRowWithColumnsByPosition() {
    String tsv = "So there is no way to plug it in here.\t0\n\nGood case, Excellent value.\t1\n";
    ColumnMapping noHeader =
        new ColumnMapping(
            null, "#1", List.of("#0"), null, List.of("#1"), null, null, 0, null, null, true);
    for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16)) {
      List<Read> out = new ArrayList<>();
      CsvResponseReader reader =
          new CsvResponseReader(
              new ByteArrayInputStream(tsv.getBytes(cs)), cs, "amazon.txt", noHeader);
      reader.forEach((line, raw) -> out.add(new Read(line, raw)));
      assertEquals(List.of(1L, 3L), out.stream().map(Read::line).toList(), cs.name());
      assertEquals(
          List.of("amazon.txt:1", "amazon.txt:2"), out.stream().map(r -> r.raw().id()).toList());
      assertEquals("So there is no way to plug it in here.", out.get(0).raw().comment());
      assertEquals("0", out.get(0).raw().score());
      assertEquals(Map.of("column_1", "1"), out.get(1).raw().segments());
      assertEquals(
          List.of(
              "no id column: each record's id is 'amazon.txt:<row>' (row = 1-based data row), so"
                  + " importing this file again updates it"),
          reader.warnings());
    }
    // A column by name cannot be found in a file without names; the message says how to name one.
    InputFormatException e =
        assertThrows(
            InputFormatException.class,
            () ->
                read(
                    tsv,
                    new ColumnMapping(
                        null,
                        "score",
                        List.of("#0"),
                        null,
                        List.of(),
                        null,
                        null,
                        0,
                        null,
                        null,
                        true)));
    assertEquals(
        "--score-column 'score': no such column (columns: #0 to #1 by position, as the file has no"
            + " header row (--no-header))",
        e.getMessage().replaceFirst("^line 1: ", ""));
  }

  @Test
  void skipsAByteOrderMarkAndDetectsSemicolonsAndTabs() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "id;score;comment\nx;5;\"a, b; c\"\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    List<Read> semi = read(new ByteArrayInputStream(all), ColumnMapping.defaults());
    assertEquals("x", semi.get(0).raw().id());
    assertEquals("a, b; c", semi.get(0).raw().comment());

    List<Read> tabs = read("id\tscore\tcomment\ny\t6\thi, there\n", ColumnMapping.defaults());
    assertEquals("hi, there", tabs.get(0).raw().comment());
    assertEquals("6", tabs.get(0).raw().score());
  }

  @Test
  void honoursAnExplicitDelimiter() {
    ColumnMapping semicolon =
        new ColumnMapping(null, null, List.of(), null, List.of(), null, ';', 0);
    List<Read> r = read("id;score;comment\nx;5;a,b,c,d\n", semicolon);
    assertEquals("a,b,c,d", r.get(0).raw().comment());
  }

  @Test
  void selectsColumnsByNameIgnoringCaseOrByIndexIncludingAnUnnamedOne() {
    String csv =
        ",Title,Review Text,Rating,Department Name\n17,Nice,\"Fits well.\",5,Tops\n18,,Too small,2,\n";
    ColumnMapping m =
        map(
            "#0",
            "rating",
            List.of("Title", "Review Text"),
            List.of("Department Name", "#1=title"));
    List<Read> r = read(csv, m);
    assertEquals("17", r.get(0).raw().id());
    assertEquals("5", r.get(0).raw().score());
    assertEquals("Nice.\nFits well.", r.get(0).raw().comment());
    assertEquals(Map.of("department_name", "Tops", "title", "Nice"), r.get(0).raw().segments());
    assertEquals("Too small", r.get(1).raw().comment());
    assertEquals(Map.of(), r.get(1).raw().segments());
  }

  @Test
  void joinsTextPartsWithoutDoublingPunctuation() {
    String csv = "id,score,a,b\n1,3,Great!,Loved it\n";
    assertEquals(
        "Great!\nLoved it",
        read(csv, map(null, null, List.of("a", "b"), List.of())).get(0).raw().comment());
  }

  @Test
  void derivesIdsFromTheFileNameAndDataRowWhenThereIsNoIdColumn() {
    String csv = "score\n1\n\n2\n";
    List<Read> r = read(csv, ColumnMapping.defaults());
    assertEquals(List.of("file.csv:1", "file.csv:2"), r.stream().map(x -> x.raw().id()).toList());
    assertEquals(List.of(2L, 4L), r.stream().map(Read::line).toList());
  }

  @Test
  void skipsExtraHeaderRowsOfSurveyExports() {
    String qualtrics =
        "ResponseId,Q1_NPS_GROUP,Q1,Q2\n"
            + "Response ID,NPS group,How likely...?,Why?\n"
            + "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_NPS_GROUP\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\"}\"\n"
            + "R_1,Promoter,10,Great\n";
    ColumnMapping m =
        new ColumnMapping("ResponseId", "Q1", List.of("Q2"), null, List.of(), null, null, 2);
    List<Read> r = read(qualtrics, m);
    assertEquals(1, r.size());
    assertEquals(4L, r.get(0).line());
    assertEquals("R_1", r.get(0).raw().id());
  }

  @Test
  void namesTheColumnsWhenAMappedColumnIsMissing() {
    InputFormatException e =
        assertThrows(
            InputFormatException.class, () -> read(",Rating\n1,2\n", ColumnMapping.defaults()));
    assertEquals(
        "no 'score' column: name the column with --score-column (columns: #0 (no name), #1 Rating)",
        e.getMessage());
    InputFormatException e2 =
        assertThrows(
            InputFormatException.class,
            () -> read("a,b\n1,2\n", map(null, "#5", List.of(), List.of())));
    assertEquals("--score-column #5: the file has 2 columns (#0 to #1)", e2.getMessage());
  }

  /**
   * A survey export repeats a header ("Response" under each question): {@code --score-column
   * Response} read the first one without a word, and the second question's answers were never read.
   * A name two columns share is refused, naming their positions; an exact name still wins over one
   * that differs in case, and a position reads either.
   */
  @Test
  void aNameTwoColumnsShareIsRefusedNamingTheirPositions() {
    String csv = "id,Response,Response,comment\nd1,9,2,fine\n";
    InputFormatException e =
        assertThrows(
            InputFormatException.class,
            () -> read(csv, map("id", "Response", List.of("comment"), List.of())));
    assertEquals(
        "--score-column 'Response': 2 columns of the header are named so (#1, #2): name the one to"
            + " read by its position, e.g. --score-column '#1'",
        e.getMessage());
    assertEquals(
        "2", read(csv, map("id", "#2", List.of("comment"), List.of())).get(0).raw().score());
    // the default name, looked up ignoring case
    InputFormatException byDefault =
        assertThrows(
            InputFormatException.class,
            () -> read("id,Score,SCORE\nd1,9,2\n", ColumnMapping.defaults()));
    assertEquals(
        "--score-column 'score': 2 columns of the header are named so (#1, #2): name the one to"
            + " read by its position, e.g. --score-column '#1'",
        byDefault.getMessage());
    assertEquals(
        "2", read("id,Score,score\nd1,9,2\n", ColumnMapping.defaults()).get(0).raw().score());
  }

  /** The error a reader attached to a row it could not read, or null for a row that was read. */
  private static String unreadable(Read r) {
    return r.raw().readErrors().isEmpty() ? null : r.raw().readErrors().get(0).message();
  }

  @Test
  void aRowWithBrokenQuotingIsReportedOnItsLineAndTheRowsAfterItAreRead() {
    // "b"x,2,3 is no row of two columns with its quotes as text either (see
    // aRowWhoseQuotesMakeNoRowIsReadWithThemAsText)
    List<Read> records = read("id,score\na,1\n\"b\"x,2,3\nc,3\n", ColumnMapping.defaults());
    assertEquals(List.of(2L, 3L, 4L), records.stream().map(Read::line).toList());
    assertEquals("a", records.get(0).raw().id());
    assertEquals(
        "cannot read the row: invalid character between encapsulated token and delimiter (column"
            + " 4)",
        unreadable(records.get(1)));
    assertEquals("record", records.get(1).raw().readErrors().get(0).field());
    assertEquals("c", records.get(2).raw().id());
  }

  /**
   * A comma inside a comment that is not quoted (a hand-made or badly exported file) splits the
   * row: read by position, the comment was cut at the comma and its end stored as the region, and
   * the import said nothing. Such a row is reported on its line; a trailing empty field, or a
   * shorter row, is read as before.
   */
  @Test
  void aRowWiderThanTheHeaderIsReportedNotReadWithItsFieldsShifted() {
    List<Read> records =
        read(
            "id,score,comment,region\n"
                + "w1,3,Great staff, but slow checkout,EU\n"
                + "w2,8,fine,US,\n"
                + "w3,4,short\n",
            map("id", "score", List.of("comment"), List.of("region")));
    assertEquals(List.of(2L, 3L, 4L), records.stream().map(Read::line).toList());
    assertEquals(
        "the row has 5 fields and the header 4: a ',' inside a field that is not quoted moves the"
            + " fields after it, so the row is skipped; quote that field",
        unreadable(records.get(0)));
    assertEquals("record", records.get(0).raw().readErrors().get(0).field());
    assertEquals(null, records.get(0).raw().comment());
    assertEquals("fine", records.get(1).raw().comment());
    assertEquals(Map.of("region", "US"), records.get(1).raw().segments());
    assertEquals("short", records.get(2).raw().comment());
    assertEquals(Map.of(), records.get(2).raw().segments());

    // Without a header row there is no width to hold rows to: the first row may be the short one
    // (review R3 of session 25: every later row was rejected, blaming a comma no field held).
    List<Read> noHeader =
        read(
            "9,Great staff\n3,Slow checkout,EU\n7,Fine,US\n",
            new ColumnMapping(
                null, "#0", List.of("#1"), null, List.of(), null, null, 0, null, null, true));
    assertEquals(
        List.of("Great staff", "Slow checkout", "Fine"),
        noHeader.stream().map(r -> r.raw().comment()).toList());
  }

  /**
   * A file without quoting whose text opens with a quote (six of the UCI imdb sentences: {@code " I
   * love it. <TAB>1}) lost those rows as unclosed quotes. A row whose quotes make no row is read
   * with its quotes as text when that gives a row of the header's width (commons-csv with no quote
   * character), and the lines after it are rows of their own; a quoted field that closes is read as
   * before.
   */
  @Test
  void aRowWhoseQuotesMakeNoRowIsReadWithThemAsText() {
    String imdb =
        "Not sure who was more lost.  \t0\n"
            + "\" The structure of this film is tight.  \t1\n"
            + "\"You'll love it!  \t1\n"
            + "\" But \"Storm Trooper\" is not even bad enough.  \t0\n"
            + "Very little music.  \t0\n"
            + "\" I love it.  \t1\n";
    ColumnMapping noHeader =
        new ColumnMapping(
            null, "#1", List.of("#0"), null, List.of(), null, null, 0, null, null, true);
    List<Read> rows = read(imdb, noHeader);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), rows.stream().map(Read::line).toList());
    assertEquals(
        List.of(
            "Not sure who was more lost.",
            "\" The structure of this film is tight.",
            "\"You'll love it!",
            "\" But \"Storm Trooper\" is not even bad enough.",
            "Very little music.",
            "\" I love it."),
        rows.stream().map(r -> r.raw().comment()).toList());
    assertEquals(
        List.of("0", "1", "1", "0", "0", "1"), rows.stream().map(r -> r.raw().score()).toList());

    // With a header, in a comma file: the quote closed with text after it, and one never closed.
    List<Read> csv =
        read(
            "id,score,comment\na,1,\"fine\" mostly\nb,2,\"never closed\nc,3,\"ok, \"\"quoted\"\"\"\n",
            ColumnMapping.defaults());
    assertEquals(
        List.of("\"fine\" mostly", "\"never closed", "ok, \"quoted\""),
        csv.stream().map(r -> r.raw().comment()).toList());
    assertEquals(List.of(2L, 3L, 4L), csv.stream().map(Read::line).toList());
  }

  /**
   * The reading with quotes as text is for a record of one line that does not use quoting. The
   * first line of a quoted record that spans lines, with an undoubled quote inside it, is no such
   * record: read alone it kept the comment cut at its first line, without a word. A quoted comment
   * that holds the delimiter and an undoubled quote, in a row one column short, lined up with the
   * header once its commas split it: the fields after it shifted. Both are reported, as before
   * 7fcab33.
   */
  @Test
  void aQuotedRecordIsNotReadWithItsQuotesAsTextCutOrShifted() {
    List<Read> multi =
        read(
            "id,score,comment\n"
                + "r1,2,\"Delivery was late.\nThe driver said \"sorry\" and left.\"\n"
                + "r2,5,great\n",
            ColumnMapping.defaults());
    assertEquals(List.of(2L, 3L, 4L), multi.stream().map(Read::line).toList());
    assertEquals(
        "a quote opened on this line does not close where a row ends; the row is skipped and"
            + " reading goes on with the next line",
        unreadable(multi.get(0)));
    assertEquals(
        List.of("The driver said \"sorry\" and left.\"", "r2"),
        multi.stream().skip(1).map(r -> r.raw().id()).toList());
    // the same record whose quote never closes: its first line is not read alone either
    List<Read> unclosed =
        read(
            "id,score,comment\nr1,2,\"Delivery was late.\nThe driver said sorry.\nr2,5,great\n",
            ColumnMapping.defaults());
    assertEquals(
        "a quote opened on this line is not closed before the end of the file; the row is skipped"
            + " and reading goes on with the next line",
        unreadable(unclosed.get(0)));

    List<Read> shifted =
        read(
            "id,score,comment,plan\nr1,2,\"Slow, \"really\" slow\"\nr2,5,great,pro\n",
            map("id", "score", List.of("comment"), List.of("plan")));
    assertEquals(List.of(2L, 3L), shifted.stream().map(Read::line).toList());
    assertEquals(
        "cannot read the row: invalid character between encapsulated token and delimiter (column"
            + " 14)",
        unreadable(shifted.get(0)));
    assertEquals("great", shifted.get(1).raw().comment());

    // A one-line record whose quote does not close, followed by rows, is still read as written.
    List<Read> oneLine =
        read("id,score,comment\nr1,3,\"The app crashes\nr2,5,\"fine\"\n", ColumnMapping.defaults());
    assertEquals(
        List.of("\"The app crashes", "fine"),
        oneLine.stream().map(r -> r.raw().comment()).toList());
  }

  @Test
  void aQuotedFieldKeepsItsLineBreaksAsTheFileHasThem() {
    // Reviews written on Windows carry "\r\n" inside their quotes, in a file whose rows end in
    // "\n" (the women's reviews do); a lone "\r" and a "\n" stay what they were too.
    String csv =
        "id,score,comment\n"
            + "r1,5,\"first line.\r\nsecond line.\"\n"
            + "r2,4,\"one\ntwo\rthree\"\r\n"
            + "r3,3,plain\r\n";
    List<Read> records = read(csv, ColumnMapping.defaults());
    assertEquals(List.of(2L, 4L, 7L), records.stream().map(Read::line).toList());
    assertEquals("first line.\r\nsecond line.", records.get(0).raw().comment());
    assertEquals("one\ntwo\rthree", records.get(1).raw().comment());
    assertEquals("plain", records.get(2).raw().comment());
  }

  @Test
  void aQuoteNeverClosedSwallowsNoRowsAfterIt() {
    String csv =
        "id,score,comment\n"
            + "r1,5,ok\n"
            + "r2,3,\"The app crashes, again\n"
            + "r3,9,\"fine, thanks\"\n"
            + "r4,8,good \"quoted\" word\n"
            + "r5,8,\"two\nlines\"\n";
    List<Read> records = read(csv, ColumnMapping.defaults());
    assertEquals(List.of(2L, 3L, 4L, 5L, 6L), records.stream().map(Read::line).toList());
    assertEquals(
        "a quote opened on this line does not close where a row ends; the row is skipped and"
            + " reading goes on with the next line",
        unreadable(records.get(1)));
    assertEquals("fine, thanks", records.get(2).raw().comment());
    assertEquals("good \"quoted\" word", records.get(3).raw().comment());
    assertEquals("two\nlines", records.get(4).raw().comment());
    assertEquals(
        List.of("r1", "r3", "r4", "r5"),
        records.stream().filter(r -> unreadable(r) == null).map(r -> r.raw().id()).toList());
  }

  @Test
  void aQuoteOpenAtTheEndOfTheFileIsReportedOnTheLineThatOpenedIt() {
    List<Read> records =
        read(
            "id,score,comment\nr1,5,ok\nr2,3,\"never closed, no\nr3,9,fine\n",
            ColumnMapping.defaults());
    assertEquals(List.of(2L, 3L, 4L), records.stream().map(Read::line).toList());
    assertEquals(
        "a quote opened on this line is not closed before the end of the file; the row is skipped"
            + " and reading goes on with the next line",
        unreadable(records.get(1)));
    assertEquals("fine", records.get(2).raw().comment());
  }

  @Test
  void aQuoteThatClosesOnlyInsideALaterRowIsReportedAndThatRowIsRead() {
    String csv = "id,score,comment\nr1,5,\"oops, no\nr2,3,\"fine\"\nr3,4,ok\n";
    List<Read> records = read(csv, ColumnMapping.defaults());
    assertEquals(List.of(2L, 3L, 4L), records.stream().map(Read::line).toList());
    assertEquals(
        "a quote opened on this line does not close where a row ends; the row is skipped and"
            + " reading goes on with the next line",
        unreadable(records.get(0)));
    assertEquals("fine", records.get(1).raw().comment());
    assertEquals("ok", records.get(2).raw().comment());
  }

  @Test
  void aByteNotInTheCharsetCostsItsRowAndNamesItsLineAndColumn() {
    byte[] mixed =
        concat(
            "id,score,comment\n1,5,caf\u00e9 in UTF-8\n".getBytes(StandardCharsets.UTF_8),
            "2,4,caf\u00e9 in Latin-1\n".getBytes(Charset.forName("ISO-8859-1")),
            "3,9,fine\n".getBytes(StandardCharsets.UTF_8));
    List<Read> records = read(new ByteArrayInputStream(mixed), ColumnMapping.defaults());
    assertEquals(List.of(2L, 3L, 4L), records.stream().map(Read::line).toList());
    assertEquals("caf\u00e9 in UTF-8", records.get(0).raw().comment());
    assertEquals(
        "byte 0xE9 at column 8 is not valid UTF-8 text (a file in another encoding, or one that"
            + " mixes two: pass --charset, e.g. windows-1252 for an Excel export)",
        unreadable(records.get(1)));
    assertEquals("fine", records.get(2).raw().comment());
    // read as windows-1252, the Latin-1 row is right (and the UTF-8 one is mojibake, as it must be)
    List<Read> ok = new ArrayList<>();
    new CsvResponseReader(
            new ByteArrayInputStream(mixed),
            Charset.forName("windows-1252"),
            "f",
            ColumnMapping.defaults())
        .forEach((line, raw) -> ok.add(new Read(line, raw)));
    assertEquals("caf\u00e9 in Latin-1", ok.get(1).raw().comment());
  }

  @Test
  void aHeaderInAnotherCharsetStopsTheFileBeforeAnyRow() {
    byte[] latin1 = "id,score,r\u00e9ponse\n1,5,x\n".getBytes(Charset.forName("ISO-8859-1"));
    InputFormatException e =
        assertThrows(
            InputFormatException.class,
            () -> read(new ByteArrayInputStream(latin1), ColumnMapping.defaults()));
    assertEquals(1, e.line());
    assertEquals(true, e.getMessage().contains("--charset"), e.getMessage());
  }

  /**
   * A line of 1 GiB, generated as it is read (nothing on disk, nothing held): it is reported with
   * its line and length, and the rows before and after it are read. Before the bound this was an
   * OutOfMemoryError that imported nothing.
   */
  @Test
  void aOneGigabyteLineIsSkippedWithoutHoldingIt() {
    long huge = 1L << 30;
    InputStream in =
        new GeneratedStream(
            "id,score,comment\nr1,5,before\nr2,3,".getBytes(StandardCharsets.UTF_8),
            huge,
            "\nr3,9,after\n".getBytes(StandardCharsets.UTF_8));
    List<Read> records = read(in, ColumnMapping.defaults());
    assertEquals(List.of(2L, 3L, 4L), records.stream().map(Read::line).toList());
    assertEquals("before", records.get(0).raw().comment());
    assertEquals(
        "the line is longer than 8388608 bytes (1073741829); it is skipped (--max-line-bytes"
            + " raises the bound)",
        unreadable(records.get(1)));
    assertEquals("after", records.get(2).raw().comment());
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void readsEveryRowOfTheWomensClothingReviewsSample() throws Exception {
    Path file = TestData.womensReviews();
    ColumnMapping m =
        map(
            "#0",
            "Rating",
            List.of("Title", "Review Text"),
            List.of("Department Name", "Class Name"));
    List<Read> all;
    try (InputStream in = Files.newInputStream(file)) {
      all = read(in, m);
    }
    assertEquals(TestData.WOMENS_REVIEWS_ROWS, all.size());
    assertEquals("0", all.get(0).raw().id());
    assertEquals(2L, all.get(0).line());
    assertEquals("499", all.get(all.size() - 1).raw().id());
    long distinctIds = all.stream().map(r -> r.raw().id()).distinct().count();
    assertEquals(TestData.WOMENS_REVIEWS_ROWS, distinctIds);
  }

  @Test
  void readsCustomerAndAccountFromNamedColumnsOrTheDefaultNames() {
    String csv = "id,score,Email,Company\na,9,ann@acme.example,Acme\nb,3, ,\n";
    List<Read> named =
        read(
            csv,
            new ColumnMapping(
                null, null, List.of(), null, List.of(), null, null, 0, "Email", "#3"));
    assertEquals("ann@acme.example", named.get(0).raw().customer());
    assertEquals("Acme", named.get(0).raw().account());
    assertEquals(null, named.get(1).raw().customer());
    assertEquals(null, named.get(1).raw().account());
    List<Read> defaults =
        read("id,score,customer,account\na,9,c-1,Globex\n", ColumnMapping.defaults());
    assertEquals("c-1", defaults.get(0).raw().customer());
    assertEquals("Globex", defaults.get(0).raw().account());
    InputFormatException e =
        assertThrows(
            InputFormatException.class,
            () ->
                read(
                    csv,
                    new ColumnMapping(
                        null, null, List.of(), null, List.of(), null, null, 0, "Mail", null)));
    assertEquals(true, e.getMessage().contains("--customer-column"), e.getMessage());
  }
}
