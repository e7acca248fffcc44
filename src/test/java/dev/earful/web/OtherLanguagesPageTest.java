package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Comments in other languages in the page, in headless Chromium against the real service (the
 * French, German and Spanish comments of {@code data/multilingual-feedback.csv}): a French
 * detractor's hit and its response say "French, not analysed" where main showed a "neutral 0.00"
 * badge, and the response says why it has no theme where main said "No theme mentioned.".
 */
@ExtendWith(ChromiumCondition.class)
class OtherLanguagesPageTest {

  @TempDir Path data;

  @Test
  void aCommentInAnotherLanguageSaysItIsNotAnalysedInsteadOfNeutral() throws Exception {
    try (LiveServer server = LiveServer.start(data, null, 600);
        Browser browser = Browser.start(Path.of("target", "screenshots"), 1366, 900)) {
      new Api(server.baseUrl(), null)
          .post(
              "/responses",
              "application/x-ndjson",
              TestData.multilingualNdjson()
                  + "{\"id\":\"ja1\",\"score\":2,\"comment\":\"\u914d\u9001\u304c\u9045\u3059\u304e\u308b\u3002"
                  + "\u8377\u7269\u306f\u58ca\u308c\u3066\u3044\u307e\u3057\u305f\u3002\"}\n");

      browser.driver.get(server.baseUrl() + "/?q=livraison%20OR%20delivery&category=detractor");
      browser.awaitSettled();
      WebElement hit = browser.driver.findElement(By.cssSelector("#hits > li.hit[data-id='fr1']"));
      assertEquals("French, not analysed", hit.findElement(By.cssSelector(".sentiment")).getText());
      WebElement english =
          browser.driver.findElement(By.cssSelector("#hits > li.hit[data-id='en1']"));
      assertTrue(
          english.findElement(By.cssSelector(".sentiment")).getText().startsWith("negative"),
          english.getText());

      browser.settleAfter(() -> hit.findElement(By.cssSelector(".open-response")).click());
      WebElement body = browser.driver.findElement(By.cssSelector("#response-body"));
      assertEquals(
          "French, not analysed",
          body.findElement(By.cssSelector(".hit-meta .sentiment")).getText());
      assertEquals(
          "No themes and no sentiment: this comment reads as French, and Earful finds themes and"
              + " sentiment in English only.",
          body.findElement(By.cssSelector("#no-themes")).getText());
      assertTrue(body.findElements(By.cssSelector(".sentences li")).isEmpty(), body.getText());
      browser.screenshot("other-language-response");

      // A language outside the page's own table is named as the API names it (review R5: "jpn").
      browser.driver.get(server.baseUrl() + "/?response=ja1");
      browser.awaitSettled();
      assertEquals(
          "Japanese, not analysed",
          browser
              .driver
              .findElement(By.cssSelector("#response-body .hit-meta .sentiment"))
              .getText());

      // The pain points' notice counts the filtered comments as GET /themes does (review R2: it
      // counted the whole store, French 10, German 8, Spanish 7, under this filter).
      browser.driver.get(server.baseUrl() + "/?view=themes&q=nicht&category=detractor");
      browser.awaitSettled();
      String notice = browser.driver.findElement(By.id("other-languages")).getText();
      assertTrue(
          notice.matches("\\d+ comments? (is|are) not in English \\(German \\d+\\): .*"), notice);
    }
  }
}
