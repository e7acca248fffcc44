package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.TestData;
import dev.earful.http.TestServer;
import dev.earful.sentiment.CustomerTraining;
import dev.earful.sentiment.SentimentScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earful train-sentiment --data DIR} on a real data folder: the committed women's reviews
 * imported through {@code earful import}, then the customer's model trained from the stored scores,
 * and the figures read back from {@code GET /api/v1/sentiment/model}.
 */
class TrainSentimentCommandTest {

  @TempDir Path data;

  private void importReviews() {
    Cli result = Cli.run(TestData.womensReviewsImport(data));
    assertEquals(0, result.exitCode(), result.err());
  }

  @Test
  void trainsOnTheStoredScoresAndTheModelRouteShowsHowBothModelsScored() throws Exception {
    importReviews();
    Cli result = Cli.run("train-sentiment", "--data", data.toString());
    assertEquals(0, result.exitCode(), result.err());
    String out = result.out();
    assertTrue(
        out.startsWith("481 responses with a comment: 385 train / 96 held out (seed 20261122)\n"),
        out);
    assertTrue(out.contains("current model (classpath:/models/sentiment-en.bin)"), out);
    boolean kept = out.contains("the new model is better");
    assertTrue(kept || out.contains("the new model is not better"), out);
    assertEquals(kept, Files.isRegularFile(SentimentScorer.overrideIn(data)));
    assertTrue(Files.isRegularFile(CustomerTraining.recordIn(data)));

    try (TestServer server = TestServer.start(data)) {
      JsonNode body = TestServer.json(server.get("/api/v1/sentiment/model"));
      assertEquals(kept, body.get("own").asBoolean());
      JsonNode last = body.get("lastTraining");
      assertEquals(481, last.get("responses").asInt());
      assertEquals(kept ? "new" : "current", last.get("kept").asText());
      assertEquals("classpath:/models/sentiment-en.bin", last.get("currentSource").asText());
      assertTrue(last.get("current").asText().startsWith("n=96 accuracy "), body.toString());
      assertTrue(last.get("new").asText().startsWith("n=96 accuracy "), body.toString());
      if (kept) {
        assertTrue(body.get("scores").has("responses held-out"), body.toString());
      }
    }
  }

  @Test
  void aFolderWithoutTrainingHasNoLastTraining() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      JsonNode body = TestServer.json(server.get("/api/v1/sentiment/model"));
      assertTrue(body.get("lastTraining").isNull(), body.toString());
      assertEquals(false, body.get("own").asBoolean());
    }
  }

  @Test
  void refusesAFolderWithNoDataAndOneARunningServerHolds() throws Exception {
    Path missing = data.resolve("nothing-here");
    Cli none = Cli.run("train-sentiment", "--data", missing.toString());
    assertEquals(1, none.exitCode());
    assertEquals(
        "earful: no Earful data in "
            + missing
            + " (no such folder): import responses first with 'earful import FILE', or name the"
            + " folder with --data\n",
        none.err());
    try (TestServer server = TestServer.start(data)) {
      Cli busy = Cli.run("train-sentiment", "--data", data.toString());
      assertEquals(1, busy.exitCode());
      assertTrue(
          busy.err().startsWith("earful: the data folder " + data + " is in use by "), busy.err());
      assertTrue(busy.err().contains("; stop it first: training reads every stored"), busy.err());
    }
  }
}
