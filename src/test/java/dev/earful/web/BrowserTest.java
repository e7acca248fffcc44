package dev.earful.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void browserTestsAreRequiredUnderCiOnly() {
    assertTrue(Browser.required("true"));
    assertTrue(Browser.required("TRUE"));
    // surefire passes no earful.browserTests property by default, so only CI decides here
    assertFalse(Browser.required(null));
    assertFalse(Browser.required("false"));
  }

  @Test
  void namesTheFirstMissingBinary(@TempDir Path dir) {
    Path chromium = dir.resolve("no-chromium");
    assertTrue(
        Browser.missing(chromium, dir.resolve("no-driver"))
            .orElseThrow()
            .startsWith(chromium + " is missing"));
  }
}
