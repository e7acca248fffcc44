package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The ranked table's first line: the filtered responses, their detractors and the score. */
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
        "23486 responses (csat), 2407 detractors (10.3%), score 77.527; themes below 30 mentions"
            + " are listed, not ranked",
        firstLine(ranking));
  }
}
