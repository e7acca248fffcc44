package dev.earful.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its own chromedriver, with the browser console collected
 * so a test can fail on any error the page logs. Selenium Manager is never asked to find or fetch a
 * driver: the driver's path is given to the service, so nothing is downloaded.
 */
final class Browser implements AutoCloseable {

  // Selenium looks for a DevTools binding matching the browser's version and warns when it has
  // none; these tests use WebDriver only, so the warning is noise. Held here so it is not
  // collected.
  private static final java.util.logging.Logger DEVTOOLS_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

  static {
    DEVTOOLS_LOG.setLevel(Level.SEVERE);
  }

  static final Path CHROMIUM = Path.of(System.getProperty("earful.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("earful.chromedriver", "/usr/bin/chromedriver"));

  final ChromeDriver driver;
  final Path downloads;
  private final Path profile;
  private final Path screenshots;
  private final List<String> console = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile, Path downloads, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.downloads = downloads;
    this.screenshots = screenshots;
  }

  /**
   * Starts the default browser; fails with the install command when Chromium is missing. Test
   * classes carry {@link ChromiumCondition}, which skips them first outside CI.
   */
  static Browser start(Path screenshots, int width, int height) throws IOException {
    return start(CHROMIUM, CHROMEDRIVER, screenshots, width, height);
  }

  /** Whether the browser tests must run: under CI, or when asked for with a system property. */
  static boolean required(String ciVariable) {
    return "true".equalsIgnoreCase(ciVariable)
        || "required".equals(System.getProperty("earful.browserTests"));
  }

  /** Why these binaries cannot run the tests, or empty when both are there. */
  static Optional<String> missing(Path chromium, Path chromedriver) {
    for (Path binary : List.of(chromium, chromedriver)) {
      if (!Files.isExecutable(binary)) {
        return Optional.of(
            binary
                + " is missing: the browser tests need Debian's Chromium and its driver."
                + " Install them with: apt-get update && apt-get install -y chromium"
                + " chromium-driver (.ci/run does this), or point -Dearful.chromium and"
                + " -Dearful.chromedriver at other binaries.");
      }
    }
    return Optional.empty();
  }

  static Browser start(Path chromium, Path chromedriver, Path screenshots, int width, int height)
      throws IOException {
    Optional<String> missing = missing(chromium, chromedriver);
    if (missing.isPresent()) {
      throw new AssertionError(missing.get());
    }
    System.setProperty("webdriver.chrome.driver", chromedriver.toString());
    Path profile = Files.createTempDirectory("earful-chromium-profile");
    Path downloads = Files.createTempDirectory("earful-downloads");
    Files.createDirectories(screenshots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--lang=en-US",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toString(),
            "download.prompt_for_download", false,
            "safebrowsing.enabled", false));
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
    return new Browser(driver, profile, downloads, screenshots);
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
  }

  /**
   * How many times the page has finished showing what it asked the server for: app.js counts them
   * in the body's {@code data-settled}.
   */
  long settled() {
    return ((Number) driver.executeScript("return Number(document.body.dataset.settled || 0)"))
        .longValue();
  }

  /** Whether a request of the page is still in flight (the body's {@code aria-busy}). */
  boolean busy() {
    return (Boolean) driver.executeScript("return document.body.hasAttribute('aria-busy')");
  }

  /** Waits until the page has shown its first answers and nothing is in flight. */
  void awaitSettled() {
    waiting().until(d -> settled() > 0 && !busy());
  }

  /** Runs an action and waits until every request it started has been answered and shown. */
  void settleAfter(Runnable action) {
    long before = settled();
    action.run();
    waiting().until(d -> settled() > before && !busy());
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves a PNG of the top {@code height} pixels of the page, keeping the window's width. */
  Path screenshot(String name, int height) {
    Dimension size = driver.manage().window().getSize();
    driver.manage().window().setSize(new Dimension(size.getWidth(), height));
    try {
      return screenshot(name);
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  /** Saves a PNG of the top of the page under the screenshots folder. */
  Path screenshot(String name) {
    driver.executeScript("window.scrollTo(0, 0)");
    try {
      Path file = screenshots.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Console entries of level WARNING and above since the last call, kept for later checks. */
  List<String> drainConsole() {
    List<String> fresh = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        fresh.add(entry.getLevel() + " " + entry.getMessage());
      }
    }
    console.addAll(fresh);
    return fresh;
  }

  /** Forgets the console entries seen so far (each test checks only its own). */
  void resetConsole() {
    drainConsole();
    console.clear();
  }

  /** Every console error seen since the last reset, except those the caller expects. */
  List<String> consoleErrors(Predicate<String> expected) {
    drainConsole();
    return console.stream().filter(expected.negate()).toList();
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
      deleteTree(downloads);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
