package dev.earful.web;

import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The whole service (EarfulApp) on a free loopback port with its data in the given folder. */
final class LiveServer implements AutoCloseable {

  private final EarfulApp app;

  private LiveServer(EarfulApp app) {
    this.app = app;
  }

  /**
   * Starts the service; with a non-null key, every API call needs it (as a write key). Discovery
   * after imports is off: the tests run it themselves, so it never changes themes mid-test.
   */
  static LiveServer start(Path data, String writeKey) {
    return start(data, writeKey, 0);
  }

  /**
   * As {@link #start(Path, String)}, discovery running {@code discoveryDebounceSeconds} after each
   * import (0: never after an import).
   */
  static LiveServer start(Path data, String writeKey, int discoveryDebounceSeconds) {
    AppConfig config =
        AppConfig.fromValues(
                Map.of(),
                Map.of(
                    "EARFUL_DISCOVERY_DEBOUNCE_SECONDS", String.valueOf(discoveryDebounceSeconds)))
            .withDataDir(data)
            .withPort(0)
            .withApiKeys(
                writeKey == null ? List.of() : List.of(new AppConfig.ApiKey(writeKey, true)))
            .validate();
    EarfulApp app = EarfulApp.open(config);
    try {
      return new LiveServer(app.startHttp());
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  @Override
  public void close() {
    app.close();
  }
}
