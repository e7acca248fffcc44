package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The ranked table: its first line (the filtered responses, their detractors and the score) and
 * where each theme's row stands.
 */
class ThemesCommandTest {

  private static String firstLine(String ranking) throws Exception {
    StringWriter out = new StringWriter();
    ThemesCommand.printTable(new PrintWriter(out), new ObjectMapper().readTree(ranking));
    return out.toString().lines().findFirst().orElseThrow();
  }

  @Test
  void aFilterNoResponseMatchesPrintsNoNullScoreNorAZeroRate() throws Exception {
    // What the API answers for --segment department_name=dresses when the value is "Dresses".
    String ranking =
        "{\"metric\":\"nps\",\"count\":0,\"detractors\":0,\"detractorRate\":null,\"score\":null,"
            + "\"minMentions\":30,\"themes\":[],\"nextCursor\":null}";
    assertEquals(
        "0 responses (nps), 0 detractors (-), score -; themes below 30 mentions are listed, not"
            + " ranked",
        firstLine(ranking));
  }

  @Test
  void theFiguresOfMatchingResponsesArePrinted() throws Exception {
    String ranking =
        "{\"metric\":\"csat\",\"count\":23486,\"detractors\":2407,\"detractorRate\":0.1025,"
            + "\"score\":77.527,\"minMentions\":30,\"themes\":[],\"nextCursor\":null}";
    assertEquals(
        "23,486 responses (csat), 2,407 detractors (10.3%), score 77.527; themes below 30"
            + " mentions are listed, not ranked",
        firstLine(ranking));
  }

  private static String theme(String id, String name, int rank, String parentId) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"rank\":"
        + rank
        + ",\"mentions\":100,\"share\":0.1,\"detractorRate\":0.2,\"detractorRateWithout\":0.1,"
        + "\"difference\":{\"value\":null},\"qValue\":null,\"csatImpact\":null,"
        + "\"attributableDetractors\":null,\"parentId\":"
        + (parentId == null ? "null" : "\"" + parentId + "\"")
        + "}";
  }

  @Test
  void aSubThemeWhoseThemeIsNotListedSaysSoInsteadOfSittingBeneathTheRowAbove() throws Exception {
    // The trial's page of 50: "large" (5th) under "size" (75th, not on the page) was printed as
    // "  - large" right after "disappointing", as if it were one of its sub-themes.
    String ranking =
        "{\"metric\":\"csat\",\"count\":1000,\"detractors\":100,\"detractorRate\":0.1,"
            + "\"score\":77.5,\"minMentions\":30,\"themes\":["
            + String.join(
                ",",
                theme("t1", "disappointing", 4, null),
                theme("t3", "large", 5, "t9"),
                theme("t2", "surprised", 51, "t1"))
            + "],\"nextCursor\":null}";
    StringWriter out = new StringWriter();
    ThemesCommand.printTable(new PrintWriter(out), new ObjectMapper().readTree(ranking));
    java.util.List<String> names =
        out.toString().lines().skip(2).map(l -> l.substring(6, 34).strip()).toList();
    assertEquals(java.util.List.of("disappointing", "- surprised", "large (sub-theme)"), names);
  }
}
