package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.TestData;
import dev.earful.http.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A survey in French, and one with French, German and Spanish beside English (the comments of
 * {@code data/multilingual-feedback.csv}), imported with {@code earful import} into a folder and
 * then read by {@code earful themes} and by a server on the folder: every place that shows themes
 * says which comments no theme can hold, and why, whether or not a discovery ran in the process
 * that reads. On main the French folder's ranking said "No themes yet: discovery has not found any
 * in the stored comments ... Run it now with --discover", {@code otherLanguages} was {}, and its
 * review said "No theme adds detractors".
 */
class OtherLanguagesNotesTest {

  private static final String NONE_IN_ENGLISH =
      "None of the 12 comments stored is in English (French 12): Earful finds themes and"
          + " sentiment in English only, so there are no themes to rank. The comments are"
          + " searchable and their scores counted.";

  private static final String OTHERS =
      "25 comments are not in English (French 10, German 8, Spanish 7): Earful finds themes and"
          + " sentiment in English only, so they are searchable but in no theme, and their"
          + " sentiment is not read.";

  @TempDir Path dir;

  /** The lines of the test survey whose id starts with {@code prefix}, as a CSV file. */
  private Path survey(String name, String prefix) throws Exception {
    List<String> lines =
        Files.readAllLines(
            TestData.resource("/data/multilingual-feedback.csv"), StandardCharsets.UTF_8);
    StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith(prefix)) {
        csv.append(line).append('\n');
      }
    }
    Path p = dir.resolve(name);
    Files.writeString(p, csv.toString(), StandardCharsets.UTF_8);
    return p;
  }

  private static Cli importInto(Path file, Path data) {
    Cli r =
        Cli.run(
            "import",
            file.toString(),
            "--data",
            data.toString(),
            "--no-progress",
            "--no-followups");
    assertEquals(0, r.exitCode(), r.err());
    return r;
  }

  @Test
  void aFrenchSurveySaysItHasNoEnglishCommentWhereverThemesAreShown() throws Exception {
    Path data = dir.resolve("fr");
    Cli imported = importInto(survey("fr.csv", "fr"), data);
    assertTrue(imported.out().contains("  languages fra 12:"), imported.out());

    Cli themes = Cli.run("themes", "--data", data.toString());
    assertEquals(0, themes.exitCode(), themes.err());
    assertTrue(themes.out().contains(NONE_IN_ENGLISH + "\n"), themes.out());
    assertFalse(themes.out().contains("--discover"), themes.out());

    try (TestServer server = TestServer.start(data)) {
      JsonNode discovery = TestServer.json(server.get("/api/v1/themes")).path("discovery");
      assertEquals("{\"fra\":12}", discovery.path("otherLanguages").toString());
      assertEquals(0, discovery.path("englishComments").asInt(-1), discovery.toString());
      assertEquals(NONE_IN_ENGLISH, discovery.path("emptyListNote").asText());

      String inPeriod = NONE_IN_ENGLISH.replace("comments stored", "comments in this period");
      JsonNode review = TestServer.json(server.get("/api/v1/reports/review?format=json"));
      assertEquals(inPeriod, review.path("painPointsNote").asText(), review.toString());
      assertTrue(review.path("otherLanguagesNote").isNull(), review.toString());
      String html = server.get("/api/v1/reports/review?format=html").body();
      assertTrue(html.contains(inPeriod), html);
      String pdf = server.pdfText("/api/v1/reports/review?format=pdf");
      assertTrue(pdf.contains(inPeriod), pdf);
    }
  }

  @Test
  void aMixedSurveySaysWhichCommentsNoThemeHolds() throws Exception {
    Path data = dir.resolve("mixed");
    importInto(survey("mixed.csv", ""), data);

    Cli themes = Cli.run("themes", "--data", data.toString());
    assertEquals(0, themes.exitCode(), themes.err());
    assertTrue(themes.out().contains("\n" + OTHERS + "\n"), themes.out());

    try (TestServer server = TestServer.start(data)) {
      JsonNode discovery = TestServer.json(server.get("/api/v1/themes")).path("discovery");
      assertEquals(
          "{\"deu\":8,\"fra\":10,\"spa\":7}",
          discovery.path("otherLanguages").toString(),
          discovery.toString());
      assertEquals(23, discovery.path("englishComments").asInt());
      assertEquals(OTHERS, discovery.path("otherLanguagesNote").asText());
      // Over the filter's responses: the German detractors alone have no English comment.
      JsonNode german =
          TestServer.json(server.get("/api/v1/themes?q=nicht&category=detractor"))
              .path("discovery");
      assertTrue(
          german.path("otherLanguagesNote").asText().contains(" not in English (German "),
          german.toString());

      JsonNode review = TestServer.json(server.get("/api/v1/reports/review?format=json"));
      assertEquals(OTHERS, review.path("otherLanguagesNote").asText(), review.toString());
      assertTrue(server.get("/api/v1/reports/review?format=html").body().contains(OTHERS));
      assertTrue(server.pdfText("/api/v1/reports/review?format=pdf").contains(OTHERS));
    }
  }

  /** Main printed "sentiment: neutral (0.00)" and a sentence line for a French text. */
  @Test
  void analyzeSaysATextInAnotherLanguageIsNotAnalysed() {
    Cli r =
        Cli.run(
            "analyze",
            "Le colis est arriv\u00e9 ab\u00eem\u00e9 et personne ne m'a r\u00e9pondu.",
            "--data",
            dir.resolve("none").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "Le colis est arriv\u00e9 ab\u00eem\u00e9 et personne ne m'a r\u00e9pondu.\n"
            + "  not analysed: the text reads as French, and Earful finds themes and sentiment in"
            + " English only\n\n",
        r.out());
  }
}
