package dev.earful.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.Earful;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-sentiment --dev keeps to the default split, so dev figures never read held-out rows. */
class TrainSentimentDevTest {

  @Test
  void devWithAnotherSeedIsRefusedBeforeReadingAnyData(@TempDir Path empty) {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code =
          Earful.commandLine(new DevCommand())
              .execute(
                  "train-sentiment",
                  "--dev",
                  "MAXENT",
                  "--seed",
                  "7",
                  "--shared-data",
                  empty.toString());
    } finally {
      System.setErr(before);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, message);
    assertTrue(message.contains("--seed 7 would split every source again"), message);
  }
}
