package dev.earful;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data under ../shared/data; a test needing it fails loudly when it is missing. */
public final class SharedData {
  private SharedData() {}

  public static Path file(String name) {
    String dir = System.getProperty("earful.sharedData");
    if (dir == null) {
      throw new IllegalStateException(
          "system property earful.sharedData is not set (run through Maven)");
    }
    Path p = Path.of(dir, name);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("shared data file missing: " + p.toAbsolutePath());
    }
    return p;
  }
}
