package dev.earful.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.Earful;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** evaluate-sentiment on small labelled files: counts, skipped rows and clear errors. */
class EvaluateSentimentCommandTest {

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Earful.commandLine(new DevCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void evaluatesACsvWithStarRatingsAndReportsSkippedRows(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("survey.csv");
    Files.writeString(
        csv,
        """
        id,comment,stars
        1,"Lovely staff, great service!",5
        2,The parcel never arrived and nobody answered my emails.,1
        3,I ordered a medium.,3
        4,,2
        5,Terrible wait times.,seven
        """,
        StandardCharsets.UTF_8);
    Run r =
        run(
            "evaluate-sentiment",
            csv.toString(),
            "--text-column",
            "comment",
            "--label-column",
            "stars");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .contains(
                "5 rows, 3 evaluated, 1 skipped for empty text, 1 for a label outside the mapping ('seven' x1)"),
        r.out());
    assertTrue(r.out().contains("labels: stars (1-2 negative, 3 neutral, 4-5 positive)"), r.out());
  }

  @Test
  void mapsStarsWhenEveryLabelIsAStar(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("survey.csv");
    Files.writeString(
        csv,
        "comment,stars\n\"Lovely staff, great service!\",5\nThe parcel never arrived.,1\nI ordered a medium.,3\n",
        StandardCharsets.UTF_8);
    Run r =
        run(
            "evaluate-sentiment",
            csv.toString(),
            "--text-column",
            "comment",
            "--label-column",
            "stars");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("labels: stars (1-2 negative, 3 neutral, 4-5 positive)"), r.out());
    assertTrue(r.out().contains("model     n=3  accuracy 100.0%  macro-F1 100.0"), r.out());
    assertTrue(r.out().contains("baseline  n=3"), r.out());
  }

  @Test
  void readsTabSeparatedLabelledSentences(@TempDir Path dir) throws Exception {
    Path tsv = dir.resolve("labelled.txt");
    Files.writeString(
        tsv,
        "Great phone, works perfectly.\t1\nBattery died after a day.\t0\n",
        StandardCharsets.UTF_8);
    Run r = run("evaluate-sentiment", tsv.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("labels: 0/1 (0 negative, 1 positive)"), r.out());
    assertTrue(r.out().contains("judged by the sign of their score"), r.out());
  }

  @Test
  void namesTheMissingColumn(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("survey.csv");
    Files.writeString(csv, "comment,stars\nfine,5\n", StandardCharsets.UTF_8);
    Run r =
        run(
            "evaluate-sentiment",
            csv.toString(),
            "--text-column",
            "text",
            "--label-column",
            "stars");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no column 'text'"), r.err());
    assertTrue(r.err().contains("[comment, stars]"), r.err());
  }

  @Test
  void scoresOnlyTheAskedSplitOfTheAspectSet() {
    // The split is what this test is about: the fast model alone keeps it to a few seconds (with
    // the default --stage cascade it took 30 s of CI on the aspect set's dev split).
    Run r = run("evaluate-sentiment", "--aspects", "--split", "dev", "--stage", "fast");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("dev   aspect (its clause)   n="), r.out());
    assertTrue(!r.out().contains("test "), r.out());
    Run wrong = run("evaluate-sentiment", "--aspects", "--split", "train");
    assertEquals(2, wrong.code());
    assertTrue(wrong.err().contains("--split goes with --aspects and is dev or test"), wrong.err());
  }
}
