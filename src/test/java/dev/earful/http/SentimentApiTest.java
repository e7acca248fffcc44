package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.sentiment.SentimentFeatures;
import dev.earful.sentiment.SentimentScorer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sentiment model route and the words that carried a label in /analyze, on a real server. */
class SentimentApiTest {

  @Test
  void theModelRouteNamesTheBuiltInModelItsStageAndItsHeldOutScores(@TempDir Path dir)
      throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      HttpResponse<String> r = server.get("/api/v1/sentiment/model");
      assertEquals(200, r.statusCode(), r.body());
      JsonNode body = TestServer.JSON.readTree(r.body());
      assertEquals("classpath:/models/sentiment-en.bin", body.get("source").asText());
      assertEquals(false, body.get("own").asBoolean());
      assertEquals("Maxent", body.get("fast").asText());
      assertEquals(0.98, body.get("stage").get("threshold").asDouble());
      assertTrue(
          body.get("stage").get("encoder").asText().startsWith("bge-small-en-v1.5 (quantized)"),
          r.body());
      assertEquals(true, body.get("stage").get("leanOnly").asBoolean(), r.body());
      assertEquals(true, body.get("stage").get("readsNegations").asBoolean(), r.body());
      // The default (refine) gives stored comments the stage's labels, after import: used, but
      // not on import.
      assertEquals(true, body.get("stage").get("used").asBoolean(), r.body());
      assertEquals(false, body.get("stage").get("onImport").asBoolean(), r.body());
      JsonNode scores = body.get("scores");
      assertTrue(scores.has("hand-labelled held-out"), r.body());
      assertTrue(scores.has("imdb_labelled.txt (left out)"), r.body());
      assertTrue(
          scores.get("hand-labelled held-out").asText().startsWith("n=93 accuracy "), r.body());
    }
  }

  @Test
  void aFoldersOwnModelTrainedOnAnOlderFeatureSetSaysSo(@TempDir Path dir) throws Exception {
    // The previous built-in file was written before model files recorded their feature set, as a
    // folder's own model from an older release was.
    Path own = SentimentScorer.overrideIn(dir);
    Files.createDirectories(own.getParent());
    dev.earful.sentiment.OlderModels.previousRelease().write(own);
    try (TestServer server = TestServer.start(dir)) {
      HttpResponse<String> r = server.get("/api/v1/sentiment/model");
      assertEquals(200, r.statusCode(), r.body());
      JsonNode body = TestServer.JSON.readTree(r.body());
      assertEquals(true, body.get("own").asBoolean(), r.body());
      JsonNode features = body.get("featureSet");
      assertTrue(features.get("model").isNull(), r.body());
      assertEquals(SentimentFeatures.VERSION, features.get("code").asInt());
      assertEquals(false, features.get("current").asBoolean());
      assertEquals(
          "trained on an older feature set (the file records none; versions are recorded since"
              + " feature set 1), but this version of Earful reads feature set "
              + SentimentFeatures.VERSION
              + ": its scores may be off until it is trained again",
          features.get("warning").asText());
    }
  }

  @Test
  void analyzeNamesTheWordsThatCarriedEachSentence(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      HttpResponse<String> r =
          server.post(
              "/api/v1/analyze",
              "application/json",
              "{\"text\": \"The staff were rude. I ordered a medium.\"}");
      assertEquals(200, r.statusCode(), r.body());
      JsonNode sentences = TestServer.JSON.readTree(r.body()).get("sentences");
      assertEquals("negative", sentences.get(0).get("sentiment").get("label").asText());
      List<String> words = new ArrayList<>();
      for (JsonNode c : sentences.get(0).get("carriers")) {
        words.add(c.get("words").asText());
        assertTrue(c.get("weight").asDouble() > 0, r.body());
      }
      assertTrue(words.contains("rude"), words.toString());
      assertTrue(sentences.get(0).get("carriers").size() <= 3, r.body());
    }
  }

  /**
   * The carriers are the fast model's words; a sentence whose clause the embedding stage read says
   * so ({@code readBy}), exactly where the stage refined a clause of that sentence scored alone.
   */
  @Test
  void analyzeSaysWhichSentencesTheSentenceEncoderRead(@TempDir Path dir) throws Exception {
    String text = "The staff were rude. It runs small, sadly. I ordered a medium. Love it!";
    List<String> expected = new ArrayList<>();
    dev.earful.nlp.TextAnalyzer analyzer = new dev.earful.nlp.TextAnalyzer();
    for (dev.earful.domain.Sentence s : analyzer.analyze(text).sentences()) {
      SentimentScorer alone = SentimentScorer.loadDefault(true);
      alone.score(analyzer.analyze(text.substring(s.start(), s.end())));
      expected.add(alone.clausesRefined() > 0 ? "bge-small-en-v1.5" : null);
    }
    assertTrue(
        expected.contains(null) && expected.contains("bge-small-en-v1.5"), expected.toString());
    try (TestServer server = TestServer.start(dir)) {
      JsonNode sentences =
          TestServer.json(
                  server.post(
                      "/api/v1/analyze",
                      "application/json",
                      TestServer.JSON.createObjectNode().put("text", text).toString()))
              .get("sentences");
      List<String> readBy = new ArrayList<>();
      sentences.forEach(
          x -> readBy.add(x.get("readBy").isNull() ? null : x.get("readBy").asText()));
      assertEquals(expected, readBy);
    }
  }
}
