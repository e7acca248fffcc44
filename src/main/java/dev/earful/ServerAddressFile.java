package dev.earful;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.http.Json;
import dev.earful.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <data>/server.json}: the address a running server really listens on, written once it is
 * bound and removed when it stops cleanly, so a command that finds the folder locked can name the
 * server to use ({@code --server http://127.0.0.1:7072}) instead of guessing the default port. A
 * server killed without a clean stop leaves the file behind, but it also releases the folder's
 * lock, and the file is only read when the lock is held, so a stale address is never shown.
 */
public final class ServerAddressFile {

  public static final String NAME = "server.json";

  /** The address of a running server: its base URL and process id. */
  public record Address(String url, long pid) {}

  private ServerAddressFile() {}

  static void write(Path dataDir, String url) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("url", url);
    doc.put("pid", ProcessHandle.current().pid());
    AtomicFiles.write(
        dataDir.resolve(NAME),
        (Json.newMapper().writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static void remove(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve(NAME));
    } catch (IOException e) {
      // a leftover file is harmless: it is read only while the folder is locked
    }
  }

  /** The address left by the server holding {@code dataDir}, when it left one. */
  public static Optional<Address> read(Path dataDir) {
    Path file = dataDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode doc = new ObjectMapper().readTree(file.toFile());
      String url = doc.path("url").asText("");
      return url.isEmpty()
          ? Optional.empty()
          : Optional.of(new Address(url, doc.path("pid").asLong(-1)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
