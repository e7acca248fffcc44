package dev.earful.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.http.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review PDF of a team outside Western Europe, read back with PDFBox: its standard font cannot
 * draw Japanese or emoji, and the PDF says so and where to read them; an accent written decomposed
 * (e + U+0301) is drawn composed. On main the office "東京 😀" was "segment.office=?? ?" with no word
 * that text was lost, and "Cafe\u0301" was "Cafe?".
 */
class ReviewPdfScriptsTest {

  @TempDir Path data;

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void saysWhichCharactersItCannotDrawAndComposesAccents() throws Exception {
    String office = "\u6771\u4eac \uD83D\uDE00";
    String team = "Cafe\u0301";
    try (TestServer server = TestServer.start(data)) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        body.append(
            "{\"id\":\"t"
                + i
                + "\",\"score\":"
                + (i < 3 ? 2 : 9)
                + ",\"comment\":\"The delivery was late.\",\"submittedAt\":\"2026-11-0"
                + (i + 1)
                + "T10:00:00Z\",\"segments\":{\"office\":\""
                + office
                + "\",\"team\":\""
                + team
                + "\"}}\n");
      }
      server.postNdjson(body.toString());
      String query =
          "/api/v1/reports/review?segment.office="
              + enc(office)
              + "&segment.team="
              + enc(team)
              + "&format=";
      String text = server.pdfText(query + "pdf");
      assertTrue(text.contains("segment.office=?? ?"), text);
      assertTrue(text.contains("segment.team=Caf\u00e9"), text);
      assertFalse(text.contains("Cafe?"), text);
      assertTrue(
          text.contains(
              "This PDF's standard font cannot draw 3 characters of this report (Han, emoji and"
                  + " symbols): each is shown as \"?\". The HTML and JSON formats of this report"
                  + " show them as written."),
          text);
      String html = server.get(query + "html").body();
      assertTrue(html.contains(office), "the HTML has them");
    }
  }
}
