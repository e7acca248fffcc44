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

/**
 * train-sentiment --dev and --report keep to the default split, so no figure they print trains or
 * scores on held-out rows.
 */
class TrainSentimentDevTest {

  @Test
  void devWithAnotherSeedIsRefusedBeforeReadingAnyData(@TempDir Path empty) {
    String message =
        refused(
            "train-sentiment", "--dev", "MAXENT", "--seed", "7", "--shared-data", empty.toString());
    assertTrue(message.contains("--seed 7 would split every source again"), message);
  }

  @Test
  void reportWithAnotherSeedIsRefusedBeforeReadingAnyData(@TempDir Path empty) {
    // --report trains without each labelled-sentence file on the others' training parts: another
    // split puts rows of the default split's held-out parts there.
    String message =
        refused(
            "train-sentiment",
            "--report",
            "--fast-only",
            "--seed",
            "7",
            "--shared-data",
            empty.toString(),
            "--out",
            empty.resolve("m.bin").toString());
    assertTrue(
        message.contains("--report trains on the training parts of the default split"), message);
    assertTrue(message.contains("--sample-seed"), message);
  }

  /** Runs earful-dev with {@code args}, expects exit code 2 and returns what it printed. */
  private static String refused(String... args) {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Earful.commandLine(new DevCommand()).execute(args);
    } finally {
      System.setErr(before);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, message);
    return message;
  }
}
