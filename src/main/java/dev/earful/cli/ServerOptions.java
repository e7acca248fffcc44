package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --server} and {@code --api-key} for the reading commands, as a picocli mixin, and the one
 * GET they make: the API's query parameters in, the body of a 200 out, a problem answer turned into
 * a one-line error with its field errors.
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
    StringBuilder query = new StringBuilder();
    params.forEach(
        (k, values) -> {
          for (String v : values) {
            query.append(query.isEmpty() ? "?" : "&");
            query.append(URLEncoder.encode(k, StandardCharsets.UTF_8));
            query.append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return send(path + query, accept, timeout, false);
  }

  /** POSTs an empty JSON object to {@code path} (e.g. "/api/v1/themes/discover"). */
  String post(String path, Duration timeout) {
    return new String(send(path, "application/json", timeout, true), StandardCharsets.UTF_8);
  }

  private byte[] send(String pathAndQuery, String accept, Duration timeout, boolean post) {
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(base + pathAndQuery))
              .timeout(timeout)
              .header("Accept", accept);
    } catch (IllegalArgumentException e) {
      throw new CliException("--server must be an http(s) URL such as http://127.0.0.1:7070", 2);
    }
    if (post) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{}"));
    }
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey.strip());
    }
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw problem(response);
      }
      return response.body();
    } catch (IOException e) {
      throw new CliException(Unreachable.describe(base, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  /** PATCHes {@code path} with a JSON body; returns the 200 body. */
  String patch(String path, String json) {
    return withBody("PATCH", path, json);
  }

  /** POSTs a JSON body to {@code path}; returns the 2xx body. */
  String postJson(String path, String json) {
    return withBody("POST", path, json);
  }

  /** DELETEs {@code path}; returns the 2xx body (empty for a 204). */
  String delete(String path) {
    return withBody("DELETE", path, null);
  }

  private String withBody(String method, String path, String json) {
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofMinutes(1))
              .header("Accept", "application/json")
              .method(
                  method,
                  json == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
      if (json != null) {
        request.header("Content-Type", "application/json");
      }
    } catch (IllegalArgumentException e) {
      throw new CliException("--server must be an http(s) URL such as http://127.0.0.1:7070", 2);
    }
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey.strip());
    }
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() < 200 || response.statusCode() > 299) {
        throw problem(response);
      }
      return new String(response.body(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new CliException("cannot reach " + base + ": " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  private static CliException problem(HttpResponse<byte[]> response) throws IOException {
    JsonNode body = Json.newMapper().readTree(response.body());
    StringBuilder message =
        new StringBuilder(
            "the server answered " + response.statusCode() + ": " + body.path("detail").asText());
    for (JsonNode e : body.path("errors")) {
      message
          .append("; ")
          .append(e.path("field").asText())
          .append(": ")
          .append(e.path("message").asText());
    }
    return new CliException(message.toString(), response.statusCode() == 400 ? 2 : 1);
  }
}
