package dev.earful.cli;

import dev.earful.EarfulApp;
import dev.earful.ServerAddressFile;
import dev.earful.config.AppConfig;
import dev.earful.store.IndexLockedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the commands open a data folder: reading commands never create one (a typo in {@code --data}
 * would otherwise leave an empty folder and print an empty answer), and a folder held by a running
 * server is answered with that server's real address, read from {@link ServerAddressFile}.
 */
final class DataFolder {

  private DataFolder() {}

  /**
   * Opens an existing data folder for a command that only reads it.
   *
   * @param viaServer what to do through a server instead, e.g. "search through it"
   */
  static EarfulApp openForReading(AppConfig config, String viaServer, PrintWriter err) {
    Path dir = config.dataDir();
    if (!Files.isDirectory(dir.resolve("index"))) {
      throw new CliException(
          "no Earful data in "
              + dir
              + (Files.exists(dir) ? "" : " (no such folder)")
              + ": import responses first with 'earful import FILE', name the folder with --data,"
              + " or ask a running server with --server URL");
    }
    return open(config, viaServer, err);
  }

  /**
   * Opens the data folder, creating it when missing (import, serve). A folder of an older stored
   * format is upgraded first, its progress printed on {@code err} (a start line, one line per tenth
   * of the responses, an end line).
   */
  static EarfulApp open(AppConfig config, String viaServer, PrintWriter err) {
    EarfulApp app = openDeferringUpgrade(config, viaServer);
    try {
      app.upgrade(
          line -> {
            err.println(line);
            err.flush();
          });
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  /** Opens the data folder without upgrading it yet: the server listens first (serve). */
  static EarfulApp openDeferringUpgrade(AppConfig config, String viaServer) {
    try {
      return EarfulApp.openDeferringUpgrade(config);
    } catch (IndexLockedException e) {
      throw inUse(config.dataDir(), viaServer);
    }
  }

  /**
   * "the data folder ./data is in use by the Earful server at http://127.0.0.1:7072 (pid 4242);
   * stop it, or search through it with --server http://127.0.0.1:7072".
   */
  static CliException inUse(Path dataDir, String viaServer) {
    Optional<ServerAddressFile.Address> address = ServerAddressFile.read(dataDir);
    if (address.isPresent()) {
      String url = address.get().url();
      return new CliException(
          "the data folder "
              + dataDir
              + " is in use by the Earful server at "
              + url
              + (address.get().pid() > 0 ? " (pid " + address.get().pid() + ")" : "")
              + "; stop it, or "
              + viaServer
              + " with --server "
              + url);
    }
    return new CliException(
        "the data folder "
            + dataDir
            + " is in use by another process (an Earful server, or an import still running); wait"
            + " for it or stop it, or "
            + viaServer
            + " with --server URL");
  }

  /** Removes a folder this run created, with everything this run wrote into it. */
  static void removeCreated(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort: the start failed for a reason the user is about to read
    }
  }
}
