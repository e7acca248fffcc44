package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Comments and theme names cannot send escape sequences to the terminal through the tables. */
class TerminalTextTest {

  @Test
  void controlAndBidiCharactersBecomeReplacementCharacters() {
    assertEquals("a\uFFFD[2Jb\uFFFDc\uFFFDd", TerminalText.safe("a\u001B[2Jb\u009Bc\u202Ed"));
    assertEquals("plain text, é ü 日本", TerminalText.safe("plain text, é ü 日本"));
  }

  @Test
  void theSearchTableCarriesNoEscapeSequence() throws Exception {
    String result =
        "{\"total\":1,\"hits\":[{\"id\":\"x\\u001b]0;pwned\\u0007\",\"metric\":\"nps\",\"score\":3,"
            + "\"category\":\"detractor\",\"sentiment\":{\"label\":\"negative\"},"
            + "\"submittedAt\":\"2024-03-01T00:00:00Z\",\"comment\":\"hi\","
            + "\"highlights\":[\"Bad \\u001b[31mred\\u001b[0m <mark>delivery</mark>\"]}],"
            + "\"facets\":{},\"nextCursor\":null}";
    StringWriter out = new StringWriter();
    SearchCommand.printTable(new PrintWriter(out), new ObjectMapper().readTree(result));
    String table = out.toString();
    assertEquals(-1, table.indexOf('\u001B'), table);
    assertEquals(-1, table.indexOf('\u0007'), table);
    assertEquals(
        "x\uFFFD]0;pwned\uFFFD  nps 3  detractor  negative   2024-03-01  Bad \uFFFD[31mred\uFFFD[0m"
            + " [delivery]",
        table.lines().toList().get(1));
  }

  /** The item 6 names theme names too: the ranked table prints them as text. */
  @Test
  void theThemesTableCarriesNoEscapeSequence() throws Exception {
    String ranking =
        "{\"metric\":\"nps\",\"count\":10,\"detractors\":4,\"detractorRate\":0.4,\"score\":-10,"
            + "\"minMentions\":3,\"themes\":[{\"id\":\"t1\",\"name\":\"\\u001b[2Jrefunds\\u009b\","
            + "\"parentId\":null,\"rank\":1,\"mentions\":4,\"share\":0.4,\"detractorRate\":0.5,"
            + "\"detractorRateWithout\":0.33,\"difference\":{\"value\":null},"
            + "\"attributableDetractors\":{\"value\":null}}],\"nextCursor\":null}";
    StringWriter out = new StringWriter();
    ThemesCommand.printTable(new PrintWriter(out), new ObjectMapper().readTree(ranking));
    String table = out.toString();
    assertEquals(-1, table.indexOf('\u001B'), table);
    assertEquals(-1, table.indexOf('\u009B'), table);
    assertEquals(true, table.lines().toList().get(2).contains("\uFFFD[2Jrefunds\uFFFD"), table);
  }
}
