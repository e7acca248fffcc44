package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserTest {

  @Test
  void failsWithTheInstallCommandWhenChromiumIsMissing(@TempDir Path dir) {
    Path missing = dir.resolve("chromium");
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> Browser.start(missing, Browser.CHROMEDRIVER, dir.resolve("shots"), 800, 600));
    assertEquals(
        missing
            + " is missing: the browser tests need Debian's Chromium and its driver. Install them"
            + " with: apt-get update && apt-get install -y chromium chromium-driver (.ci/run does"
            + " this), or point -Dearful.chromium and -Dearful.chromedriver at other binaries.",
        e.getMessage());
  }
}
