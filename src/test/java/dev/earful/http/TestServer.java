package dev.earful.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** A real Earful (index in a folder, NLP, Javalin on port 0) and an HTTP client for tests. */
public final class TestServer implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();

  private final EarfulApp app;
  private final HttpClient client = HttpClient.newHttpClient();

  private TestServer(EarfulApp app) {
    this.app = app;
  }

  /** Starts on port 0 with the data in {@code dataDir} and the given extra settings (env names). */
  public static TestServer start(Path dataDir, Map<String, String> settings) {
    return start(dataDir, settings, java.time.Clock.systemUTC());
  }

  /** As {@link #start(Path, Map)}, with the clock the app reads (report schedules, follow-ups). */
  public static TestServer start(
      Path dataDir, Map<String, String> settings, java.time.Clock clock) {
    Map<String, String> flags = new HashMap<>(settings);
    flags.put("EARFUL_PORT", "0");
    flags.put("EARFUL_DATA", dataDir.toString());
    flags.putIfAbsent("EARFUL_ANALYSIS_THREADS", "2");
    // Discovery after imports is the themes package's to test; here it would only cost time.
    flags.putIfAbsent("EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "0");
    AppConfig config = AppConfig.fromValues(Map.of(), flags).validate();
    return new TestServer(EarfulApp.open(config, clock).startHttp());
  }

  /** A server an app already listens with (one opened another way, e.g. deferring its upgrade). */
  public static TestServer of(EarfulApp started) {
    return new TestServer(started);
  }

  public static TestServer start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  public EarfulApp app() {
    return app;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path));
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  /**
   * The text of the PDF that {@code path} answers, as PDFBox reads it back, runs of whitespace
   * (line wraps) as one space; fails unless the answer is 200.
   */
  public String pdfText(String path) {
    HttpResponse<byte[]> pdf;
    try {
      pdf = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (pdf.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + pdf.statusCode());
    }
    try (PDDocument d = Loader.loadPDF(pdf.body())) {
      return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE().build());
  }

  public HttpResponse<String> post(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public HttpResponse<String> put(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Adds the alert rule "every detractor" (a new-response rule on detractors), asserting 201. */
  public void addEveryDetractorAlertRule() {
    HttpResponse<String> rule =
        post(
            "/api/v1/alert-rules",
            "application/json",
            "{\"name\":\"every detractor\",\"type\":\"new_response\","
                + "\"when\":{\"category\":\"detractor\"}}");
    if (rule.statusCode() != 201) {
      throw new AssertionError(
          "expected 201 for the alert rule, got " + rule.statusCode() + ": " + rule.body());
    }
  }

  public HttpResponse<String> postNdjson(String body) {
    return post("/api/v1/responses", "application/x-ndjson", body);
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  @Override
  public void close() {
    app.close();
  }
}
