package dev.earful.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --server} and {@code --api-key} for the reading commands, as a picocli mixin, and the
 * requests they make through the CLI's one {@link ServerClient}: the API's query parameters in, the
 * body of a 200 out, a problem answer turned into a one-line error with its field errors.
 */
final class ServerOptions {

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "Ask the running server at this URL instead of reading the data folder.")
  String server;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:EARFUL_API_KEY}",
      description = "The API key for --server (env EARFUL_API_KEY).")
  String apiKey;

  /** True when the command should ask a server rather than open the data folder. */
  boolean given() {
    return server != null;
  }

  /** GETs {@code path} (e.g. "/api/v1/search") with {@code params}; returns the 200 body. */
  String get(String path, Map<String, List<String>> params, String accept, Duration timeout) {
    return new String(getBytes(path, params, accept, timeout), StandardCharsets.UTF_8);
  }

  /** As {@link #get}, for a binary answer (a PDF). */
  byte[] getBytes(String path, Map<String, List<String>> params, String accept, Duration timeout) {
    try (ServerClient client = client()) {
      return client.get(path, params, accept, timeout);
    }
  }

  /** POSTs an empty JSON object to {@code path} (e.g. "/api/v1/themes/discover"). */
  String post(String path, Duration timeout) {
    try (ServerClient client = client()) {
      return new String(
          client.send("POST", path, "application/json", "{}", timeout, ""), StandardCharsets.UTF_8);
    }
  }

  /** PATCHes {@code path} with a JSON body; returns the 200 body. */
  String patch(String path, String json) {
    try (ServerClient client = client()) {
      return new String(
          client.send("PATCH", path, "application/json", json, Duration.ofMinutes(1), ""),
          StandardCharsets.UTF_8);
    }
  }

  /** POSTs a JSON body to {@code path}; returns the 2xx body (a 201's created resource). */
  String postJson(String path, String json) {
    try (ServerClient client = client()) {
      return new String(
          client.send("POST", path, "application/json", json, Duration.ofMinutes(1), ""),
          StandardCharsets.UTF_8);
    }
  }

  /** DELETEs {@code path}; a 2xx (204) is success. */
  void delete(String path) {
    try (ServerClient client = client()) {
      client.send("DELETE", path, null, null, Duration.ofMinutes(1), "");
    }
  }

  private ServerClient client() {
    return ServerClient.open(server, apiKey, "--server", Duration.ofSeconds(10));
  }
}
