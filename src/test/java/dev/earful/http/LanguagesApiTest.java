package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.TestData;
import dev.earful.domain.Analysis;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.themes.AnalysisSource;
import dev.earful.themes.DiscoveredTheme;
import dev.earful.themes.ThemeDiscoverer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small French / Spanish / German / English mix (written for this test, {@code
 * data/multilingual-feedback.csv}) through a real server: languages are detected and counted in the
 * import answer, the search facets and the discovery state; comments not in English get neutral
 * sentiment and no themes, and no function word of another language becomes a theme.
 */
class LanguagesApiTest {

  /** What the import and the facets count: 4 short texts too short to tell count as English. */
  private static final String LANGUAGES = "{\"deu\":8,\"eng\":23,\"fra\":10,\"spa\":7}";

  /** Function words of the three other languages that became themes before languages counted. */
  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          "pas", "la", "le", "les", "est", "et", "de", "en", "un", "une", "el", "los", "es", "muy",
          "que", "die", "der", "das", "und", "ist", "nicht", "sehr", "zu");

  @TempDir Path data;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(data);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String ndjson() {
    return TestData.multilingualNdjson();
  }

  private static JsonNode json(String s) {
    try {
      return TestServer.JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void countsLanguagesAndKeepsOtherLanguagesOutOfThemesAndSentiment() {
    JsonNode imported = TestServer.json(server.postNdjson(ndjson()));
    assertEquals(48, imported.path("indexed").asInt(), imported.toString());
    assertEquals(json(LANGUAGES), imported.path("languages"));

    JsonNode facets = TestServer.json(server.get("/api/v1/search?limit=1")).path("facets");
    assertEquals(json(LANGUAGES), facets.path("language"));

    JsonNode french = TestServer.json(server.get("/api/v1/responses/fr1")).path("sentiment");
    assertEquals("neutral", french.path("label").asText(), french.toString());
    assertEquals(0.0, french.path("score").asDouble());
    JsonNode english = TestServer.json(server.get("/api/v1/responses/en1")).path("sentiment");
    assertEquals("negative", english.path("label").asText(), english.toString());
    JsonNode shortFrench = TestServer.json(server.get("/api/v1/responses/fr10"));
    assertEquals("Trop cher", shortFrench.path("comment").asText());

    HttpResponseView discovered =
        new HttpResponseView(
            TestServer.json(server.post("/api/v1/themes/discover", "application/json", "{}")));
    assertEquals(23, discovered.json.path("documents").asInt(), discovered.json.toString());
    assertEquals(json("{\"deu\":8,\"fra\":10,\"spa\":7}"), discovered.json.path("otherLanguages"));

    JsonNode themes = TestServer.json(server.get("/api/v1/themes?limit=100"));
    assertEquals(
        json("{\"deu\":8,\"fra\":10,\"spa\":7}"), themes.path("discovery").path("otherLanguages"));
    Set<String> names = new TreeSet<>();
    List<String> phrases = new ArrayList<>();
    for (JsonNode t : TestServer.json(server.get("/api/v1/themes?limit=100")).path("themes")) {
      names.add(t.path("name").asText());
      JsonNode detail = TestServer.json(server.get("/api/v1/themes/" + t.path("id").asText()));
      detail.path("phrases").forEach(p -> phrases.add(p.asText()));
    }
    assertTrue(!names.isEmpty(), "discovery found themes in the English comments");
    for (String p : phrases) {
      for (String word : p.split(" ")) {
        assertTrue(!FUNCTION_WORDS.contains(word), "function word theme phrase: " + p);
      }
    }
    assertEquals(Set.of("app", "delivery", "staff"), names);
  }

  /**
   * A response with no comment has no language: the facet counts it as "none", so the facet adds up
   * to the hits as category and sentiment do (it left them out: 48 of 51 hits).
   */
  @Test
  void theLanguageFacetCountsResponsesWithoutACommentSoItAddsUpToTheHits() {
    String blank =
        "{\"id\":\"b1\",\"score\":9}\n"
            + "{\"id\":\"b2\",\"score\":3,\"comment\":\"\"}\n"
            + "{\"id\":\"b3\",\"score\":5,\"comment\":\"   \"}\n";
    JsonNode imported = TestServer.json(server.postNdjson(ndjson() + blank));
    assertEquals(51, imported.path("indexed").asInt(), imported.toString());
    JsonNode all = TestServer.json(server.get("/api/v1/search?limit=1"));
    assertEquals(51, all.path("total").asInt());
    assertEquals(
        json("{\"eng\":23,\"fra\":10,\"deu\":8,\"spa\":7,\"none\":3}"),
        all.path("facets").path("language"));
    JsonNode detractors = TestServer.json(server.get("/api/v1/search?limit=1&category=detractor"));
    long sum = 0;
    for (JsonNode n : detractors.path("facets").path("language")) {
      sum += n.asLong();
    }
    assertEquals(detractors.path("total").asLong(), sum, detractors.path("facets").toString());
    assertEquals(2, detractors.path("facets").path("language").path("none").asInt());
  }

  /**
   * Every answer that carries a comment's sentiment names its language, so a French comment's
   * neutral 0 reads as "not analysed", not as a neutral comment (main sent no language anywhere); a
   * response read back with it can be posted again.
   */
  @Test
  void answersNameTheCommentsLanguageBesideItsSentiment() {
    server.postNdjson(ndjson() + "{\"id\":\"b1\",\"score\":9}\n");
    JsonNode french = TestServer.json(server.get("/api/v1/responses/fr1"));
    assertEquals("fra", french.path("language").asText(), french.toString());
    assertEquals(
        "eng", TestServer.json(server.get("/api/v1/responses/en1")).path("language").asText());
    assertTrue(TestServer.json(server.get("/api/v1/responses/b1")).path("language").isNull());

    JsonNode hits = TestServer.json(server.get("/api/v1/search?q=livraison")).path("hits");
    assertTrue(hits.size() > 0, hits.toString());
    for (JsonNode hit : hits) {
      assertEquals("fra", hit.path("language").asText(), hit.toString());
    }

    JsonNode analyzed =
        TestServer.json(
            server.post(
                "/api/v1/analyze",
                "application/json",
                "[{\"text\":\"Die Lieferung hat zwei Wochen gedauert, viel zu lange.\"},"
                    + "{\"text\":\"The delivery took two weeks, far too long.\"}]"));
    assertEquals("deu", analyzed.path(0).path("language").asText(), analyzed.toString());
    assertEquals("eng", analyzed.path(1).path("language").asText(), analyzed.toString());

    JsonNode again =
        TestServer.json(server.post("/api/v1/responses", "application/json", "[" + french + "]"));
    assertEquals(1, again.path("updated").asInt(), again.toString());
    assertEquals(0, again.path("rejected").size(), again.toString());
  }

  /**
   * A short Latin-script text too thin to tell takes the main language of the batch's Latin-script
   * comments, not of comments in another script: with two Japanese comments in the batch, "Très
   * bien, merci" was labelled Japanese (main: {"jpn":3,"fra":1}).
   */
  @Test
  void aShortLatinTextDoesNotTakeTheLanguageOfCommentsInAnotherScript() {
    JsonNode imported =
        TestServer.json(
            server.postNdjson(
                "{\"id\":\"j1\",\"score\":3,\"comment\":\"\u914d\u9001\u304c\u9045\u3059\u304e\u308b\u3002\"}\n"
                    + "{\"id\":\"j2\",\"score\":4,\"comment\":\"\u8377\u7269\u306f\u58ca\u308c\u3066\u3044\u307e\u3057\u305f\u3002\"}\n"
                    + "{\"id\":\"f1\",\"score\":2,\"comment\":\"La livraison est arriv\u00e9e avec deux"
                    + " semaines de retard et personne ne r\u00e9pond.\"}\n"
                    + "{\"id\":\"f2\",\"score\":9,\"comment\":\"Tr\u00e8s bien, merci\"}\n"));
    assertEquals(json("{\"fra\":2,\"jpn\":2}"), imported.path("languages"), imported.toString());
    assertEquals(
        "fra", TestServer.json(server.get("/api/v1/responses/f2")).path("language").asText());
  }

  /** Prometheus counts the stored comments by language (main: no such series). */
  @Test
  void prometheusCountsTheStoredCommentsByLanguage() {
    server.postNdjson(ndjson());
    String scraped = server.get("/metrics").body();
    for (String series :
        List.of(
            "earful_index_comments{language=\"eng\"} 23.0",
            "earful_index_comments{language=\"fra\"} 10.0",
            "earful_index_comments{language=\"deu\"} 8.0",
            "earful_index_comments{language=\"spa\"} 7.0")) {
      assertTrue(scraped.contains("\n" + series + "\n"), series + " in\n" + scraped);
    }
    // Counted again after a write, not kept from the scrape before (the counts are kept by the
    // index state between scrapes, review R12).
    server.postNdjson(
        "{\"id\":\"fr99\",\"score\":3,\"comment\":\"Le colis est arriv\u00e9 ab\u00eem\u00e9 et"
            + " personne ne m'a r\u00e9pondu.\"}\n");
    String again = server.get("/metrics").body();
    assertTrue(again.contains("\nearful_index_comments{language=\"fra\"} 11.0\n"), again);
  }

  private record HttpResponseView(JsonNode json) {}

  /**
   * The control: the same comments all read as English give function-word "themes", so the test
   * above would fail without the language check in discovery.
   */
  @Test
  void theSameCommentsReadAsEnglishGiveFunctionWordThemes() {
    TextAnalyzer analyzer = new TextAnalyzer();
    List<Analysis> allEnglish = new ArrayList<>();
    for (String line : ndjson().split("\n")) {
      allEnglish.add(analyzer.analyze(json(line).path("comment").asText(), Analysis.ENGLISH));
    }
    ThemeDiscoverer.Result result = new ThemeDiscoverer().discover(AnalysisSource.of(allEnglish));
    Set<String> functionWordThemes = new TreeSet<>();
    for (DiscoveredTheme t : result.themes()) {
      for (DiscoveredTheme.Phrase p : t.phrases()) {
        for (String word : p.lemmas()) {
          if (FUNCTION_WORDS.contains(word)) {
            functionWordThemes.add(t.name());
          }
        }
      }
    }
    assertEquals(Set.of("est"), functionWordThemes);
  }
}
