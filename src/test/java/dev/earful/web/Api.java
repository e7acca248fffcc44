package dev.earful.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the service, to check what the page shows against what the API says. */
final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String key;

  Api(String base, String key) {
    this.base = base;
    this.key = key;
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/api/v1" + pathAndQuery))
            .timeout(Duration.ofMinutes(5));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    return JSON.readTree(text(pathAndQuery));
  }

  String text(String pathAndQuery) throws IOException, InterruptedException {
    return text(pathAndQuery, "application/json");
  }

  /** The CSV form of a document, asked for as the page does: {@code Accept: text/csv}. */
  String csv(String pathAndQuery) throws IOException, InterruptedException {
    return text(pathAndQuery, "text/csv");
  }

  private String text(String pathAndQuery, String accept) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            request(pathAndQuery).header("Accept", accept).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError(
          "GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  JsonNode post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send("POST", path, contentType, body);
  }

  JsonNode patch(String path, String json) throws IOException, InterruptedException {
    return send("PATCH", path, "application/json", json);
  }

  JsonNode delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, "application/json", "");
  }

  private JsonNode send(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            request(path)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError(
          method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
  }
}
