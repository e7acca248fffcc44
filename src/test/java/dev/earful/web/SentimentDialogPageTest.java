package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.TestData;
import dev.earful.cli.Cli;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The "Sentiment model" part of a response's dialog, in Chromium, against a real server on a data
 * folder that {@code earful train-sentiment} trained: the line saying which model judged the
 * comment, the "last trained on this data folder" line with how both models scored there, and under
 * each sentence the words that carried its label, as the API gives them.
 */
@ExtendWith(ChromiumCondition.class)
class SentimentDialogPageTest {

  /** Runs the real command line in this process; its exit code must be 0. */
  private static String earful(String... args) {
    Cli r = Cli.run(args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
    return r.out();
  }

  @Test
  void theDialogShowsTheFoldersTrainingAndTheWordsThatCarriedEachSentence(@TempDir Path data)
      throws Exception {
    earful(TestData.womensReviewsImport(data));
    String trained = earful("train-sentiment", "--data", data.toString());
    boolean kept = trained.contains("the new model is better");
    assertTrue(kept || trained.contains("the new model is not better"), trained);

    try (LiveServer server = LiveServer.start(data, null)) {
      Api api = new Api(server.baseUrl(), null);
      JsonNode model = api.get("/sentiment/model");
      JsonNode last = model.path("lastTraining");
      assertEquals(481, last.path("responses").asInt(), model.toString());
      assertEquals(kept ? "new" : "current", last.path("kept").asText());
      // The default, refine, ends with the stage's labels: the imports' fast labels are refined
      // in the background, which has not started here (its quiet period is two minutes), and the
      // line under the sentences says how far it has come.
      boolean stageUsed = model.path("stage").path("used").asBoolean(false);
      assertTrue(stageUsed, model.toString());
      assertEquals(
          "sentiment refined for 0 of " + TestData.WOMENS_REVIEWS_ROWS + " comments",
          model.path("refinement").path("note").asText(),
          model.toString());
      String expectedSummary =
          "Sentiment model: "
              + (kept ? "this data folder's own" : "built-in")
              + " ("
              + model.path("fast").asText()
              + "); this comment has the fast model's labels until it is refined; sentiment"
              + " refined for 0 of "
              + TestData.WOMENS_REVIEWS_ROWS
              + " comments";
      String expectedLastLine =
          "last trained on this data folder (481 responses): kept the "
              + (kept ? "new model" : "current model")
              + "; current "
              + last.path("current").asText()
              + "; new "
              + last.path("new").asText();
      assertTrue(last.path("current").asText().startsWith("n=96 accuracy "), last.toString());

      // A review of several sentences, negative and positive: row 1 of the sample.
      String id = "1";
      String comment = api.get("/responses/" + id).path("comment").asText();
      JsonNode analysis =
          api.post(
              "/analyze",
              "application/json",
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .createObjectNode()
                  .put("text", comment)
                  .toString());
      List<String> expectedCarriers = new ArrayList<>();
      int withCarriers = 0;
      int readByStage = 0;
      for (JsonNode s : analysis.path("sentences")) {
        List<String> words = new ArrayList<>();
        s.path("carriers").forEach(c -> words.add(c.path("words").asText()));
        // a sentence the embedding stage read says so after the fast model's carriers
        String readBy = s.path("readBy").isNull() ? null : s.path("readBy").asText();
        List<String> parts = new ArrayList<>();
        if (!words.isEmpty()) {
          parts.add("carried by: " + String.join(", ", words));
        }
        if (readBy != null) {
          assertEquals("bge-small-en-v1.5", readBy, s.toString());
          parts.add((words.isEmpty() ? "read by " : "also read by ") + readBy);
          readByStage++;
        }
        expectedCarriers.add(String.join("; ", parts));
        java.util.Set<String> lemmas = new java.util.HashSet<>();
        s.path("tokens")
            .forEach(
                t -> {
                  // a contraction's lemma joins its parts: "it's" is "it+be"
                  lemmas.addAll(
                      List.of(t.path("lemma").asText().toLowerCase(Locale.ROOT).split("\\+")));
                  lemmas.add(t.path("text").asText().toLowerCase(Locale.ROOT));
                });
        for (String w : words) {
          // a carrier is words (lemmas) of its own sentence ("not word" inside a negation's scope)
          for (String part : w.replaceFirst("^not ", "").split(" ")) {
            assertTrue(lemmas.contains(part), "'" + part + "' of '" + w + "' in: " + s);
          }
        }
        withCarriers += words.isEmpty() ? 0 : 1;
      }
      assertTrue(withCarriers >= 2, analysis.toString());
      assertTrue(readByStage >= 1, analysis.toString());

      try (Browser browser = Browser.start(WebPageTest.SCREENSHOTS, 1280, 900)) {
        browser.driver.get(
            server.baseUrl() + "/?response=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        browser
            .waiting()
            .until(d -> !d.findElements(By.cssSelector("#response-body .model-line")).isEmpty());
        WebElement line = browser.driver.findElement(By.cssSelector("#response-body .model-line"));
        assertEquals(expectedSummary, line.findElement(By.tagName("summary")).getText());
        line.findElement(By.tagName("summary")).click();
        List<WebElement> items = line.findElements(By.cssSelector("li"));
        assertEquals(expectedLastLine, items.get(0).getText());
        List<String> shown = new ArrayList<>();
        for (WebElement li :
            browser.driver.findElements(By.cssSelector("#response-body .sentences > li"))) {
          List<WebElement> carriers = li.findElements(By.className("carriers"));
          shown.add(carriers.isEmpty() ? "" : carriers.get(0).getText());
        }
        assertEquals(expectedCarriers, shown);
        browser.screenshot("response-sentiment-model");
        assertEquals(List.of(), browser.consoleErrors(m -> false));
      }
    }
  }

  @Test
  void theDialogSaysWhenTheFoldersOwnModelWasTrainedOnAnOlderFeatureSet(@TempDir Path data)
      throws Exception {
    earful(TestData.womensReviewsImport(data));
    // The previous built-in file records no feature set, as a folder's own model from an older
    // release.
    Path own = dev.earful.sentiment.SentimentScorer.overrideIn(data);
    java.nio.file.Files.createDirectories(own.getParent());
    dev.earful.sentiment.OlderModels.previousRelease().write(own);
    try (LiveServer server = LiveServer.start(data, null)) {
      String warning =
          new Api(server.baseUrl(), null)
              .get("/sentiment/model")
              .path("featureSet")
              .path("warning")
              .asText();
      assertTrue(warning.startsWith("trained on an older feature set"), warning);
      try (Browser browser = Browser.start(WebPageTest.SCREENSHOTS, 1280, 900)) {
        browser.driver.get(server.baseUrl() + "/?response=1");
        browser
            .waiting()
            .until(d -> !d.findElements(By.cssSelector("#response-body .model-line")).isEmpty());
        WebElement line = browser.driver.findElement(By.cssSelector("#response-body .model-line"));
        assertTrue(
            line.findElement(By.tagName("summary"))
                .getText()
                .startsWith("Sentiment model: this data folder's own"),
            line.getText());
        line.findElement(By.tagName("summary")).click();
        assertEquals(
            "this model was " + warning + ": train it again with earful train-sentiment --data",
            line.findElements(By.cssSelector("li")).get(0).getText());
        assertEquals(List.of(), browser.consoleErrors(m -> false));
      }
    }
  }
}
