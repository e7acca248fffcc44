package dev.earful.devtools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.store.StoredFormat;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A bench data folder is reused when the server opens it without re-analysing: the same generator
 * settings, in a stored format from {@link StoredFormat#ANALYSIS_CURRENT_SINCE} on.
 */
class ThemedDataFolderTest {

  private static Properties built(String format, String seed) {
    Properties p = ThemedDataFolder.settings(1_000_000, 60, Long.parseLong(seed));
    p.setProperty("format", format);
    return p;
  }

  @Test
  void aFolderOfAFormatOpenedWithoutReanalysisIsReusedAndAnOlderOneIsNot() {
    Properties wanted = ThemedDataFolder.settings(1_000_000, 60, 42);
    String current = Integer.toString(StoredFormat.CURRENT);
    String sinceAnalysis = Integer.toString(StoredFormat.ANALYSIS_CURRENT_SINCE);
    String older = Integer.toString(StoredFormat.ANALYSIS_CURRENT_SINCE - 1);
    assertTrue(ThemedDataFolder.sameData(built(current, "42"), wanted));
    assertTrue(ThemedDataFolder.sameData(built(sinceAnalysis, "42"), wanted));
    assertFalse(ThemedDataFolder.sameData(built(older, "42"), wanted));
    assertFalse(ThemedDataFolder.sameData(built(current, "7"), wanted), "another seed");
    assertFalse(ThemedDataFolder.sameData(built("x", "42"), wanted));
  }
}
