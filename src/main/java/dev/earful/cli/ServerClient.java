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

/**
 * The CLI's one way of talking to a running server ({@code --server} of the reading commands and of
 * {@code import}, {@code --url} of {@code health}): it checks the address once, sends the API key,
 * says in words why a server cannot be reached ({@link Unreachable}) and turns a problem answer
 * into one line with its field errors, named as the options the user typed.
 */
final class ServerClient implements AutoCloseable {

  /** A status and body the caller reads itself (health answers 503 with a body worth printing). */
  record Answer(int status, byte[] body, HttpResponse<byte[]> response) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String base;
  private final String apiKey;
  private final HttpClient client;

  private ServerClient(String base, String apiKey, Duration connectTimeout) {
    this.base = base;
    this.apiKey = apiKey;
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }

  /**
   * @param url the server's address as the user gave it (a trailing slash is dropped)
   * @param option the option that gave it, named in the error when it is not an http(s) URL
   * @throws CliException (exit code 2) when {@code url} is not an http(s) URL
   */
  static ServerClient open(String url, String apiKey, String option, Duration connectTimeout) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    try {
      URI uri = URI.create(base);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(
          option + " must be an http(s) URL such as http://127.0.0.1:7070, got " + url, 2);
    }
    return new ServerClient(base, apiKey, connectTimeout);
  }

  String base() {
    return base;
  }

  /** GETs {@code path} with {@code params}; the body of a 200, else the problem as an error. */
  byte[] get(String path, Map<String, List<String>> params, String accept, Duration timeout) {
    return ok(send("GET", path + query(params), accept, null, null, timeout), "");
  }

  /**
   * Sends {@code body} of {@code contentType} with {@code method} (POST, PATCH, DELETE with a null
   * body); the body of a 2xx, else the problem as an error with {@code hint} for a 413.
   */
  byte[] send(
      String method,
      String path,
      String contentType,
      String body,
      Duration timeout,
      String tooLargeHint) {
    return ok(send(method, path, "application/json", contentType, body, timeout), tooLargeHint);
  }

  /** Any answer, for the caller to read; only an unreachable server is an error. */
  Answer exchange(String path, String accept, Duration timeout) {
    return send("GET", path, accept, null, null, timeout);
  }

  private Answer send(
      String method,
      String pathAndQuery,
      String accept,
      String contentType,
      String body,
      Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(timeout)
            .header("Accept", accept);
    if (body != null) {
      request
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey.strip());
    }
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new CliException(Unreachable.describe(base, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  private byte[] ok(Answer answer, String tooLargeHint) {
    if (answer.status() / 100 == 2) { // 200, and 201 / 204 of a create or delete
      return answer.body();
    }
    throw problem(answer, tooLargeHint);
  }

  /**
   * "the server answered 400: detail; --min-score: must be a whole number" with a hint of what to
   * do for the statuses a user can act on. Exit code 2 for a bad request, 1 otherwise.
   */
  private CliException problem(Answer answer, String tooLargeHint) {
    JsonNode body;
    try {
      body = Json.newMapper().readTree(answer.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      return new CliException(
          "the server at "
              + base
              + " answered "
              + answer.status()
              + " with something other than a"
              + " problem document");
    }
    StringBuilder message =
        new StringBuilder(
            "the server answered " + answer.status() + ": " + body.path("detail").asText(""));
    for (JsonNode e : body.path("errors")) {
      message
          .append("; ")
          .append(CliErrors.option(e.path("field").asText()))
          .append(": ")
          .append(e.path("message").asText());
    }
    message.append(
        switch (answer.status()) {
          case 401 -> " (pass an API key with --api-key or EARFUL_API_KEY)";
          case 403 -> " (this key may not do that; writing needs a write key)";
          case 413 -> tooLargeHint;
          case 429 ->
              " (the server is busy; try again"
                  + answer
                      .response()
                      .headers()
                      .firstValue("Retry-After")
                      .map(s -> " in " + s + " s")
                      .orElse(" later")
                  + ")";
          default -> "";
        });
    return new CliException(message.toString(), answer.status() == 400 ? 2 : 1);
  }

  /** {@code params} as a query string, "?a=1&b=2", or "" when there are none. */
  static String query(Map<String, List<String>> params) {
    StringBuilder query = new StringBuilder();
    params.forEach(
        (k, values) -> {
          for (String v : values) {
            query.append(query.isEmpty() ? "?" : "&");
            query.append(URLEncoder.encode(k, StandardCharsets.UTF_8));
            query.append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return query.toString();
  }

  @Override
  public void close() {
    client.close();
  }
}
