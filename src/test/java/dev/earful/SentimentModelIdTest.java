package dev.earful;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.sentiment.SentimentScorer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The id each written response records of the sentiment model that scored it: the same for a copy
 * of the same model file, another for a retrained one, so a restart after {@code train-sentiment
 * --data} re-scores what the older model scored and a copy does not.
 */
class SentimentModelIdTest {

  @TempDir Path dir;

  @Test
  void aCopyOfTheModelIsTheSameModelAndAnotherFileIsAnother() throws Exception {
    String builtIn = EarfulApp.sentimentModelId("classpath:" + SentimentScorer.DEFAULT_RESOURCE);
    assertTrue(builtIn.matches("[0-9a-f]{16}"), builtIn);
    Path copy = dir.resolve("sentiment.bin");
    try (InputStream in =
        SentimentScorer.class.getResourceAsStream(SentimentScorer.DEFAULT_RESOURCE)) {
      Files.write(copy, in.readAllBytes());
    }
    assertEquals(builtIn, EarfulApp.sentimentModelId(copy.toString()));
    byte[] bytes = Files.readAllBytes(copy);
    bytes[bytes.length / 2] ^= 1;
    Path retrained = dir.resolve("retrained.bin");
    Files.write(retrained, bytes);
    assertNotEquals(builtIn, EarfulApp.sentimentModelId(retrained.toString()));
    assertNull(EarfulApp.sentimentModelId(dir.resolve("missing.bin").toString()));
  }
}
