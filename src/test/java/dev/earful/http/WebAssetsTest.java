package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebAssetsTest {

  private static Javalin app;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app = Javalin.create(WebAssets::register).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageAtTheRootWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(page.body().contains("<title>Earful</title>"));
    assertEquals(
        WebAssets.CONTENT_SECURITY_POLICY,
        page.headers().firstValue("Content-Security-Policy").orElseThrow());
    assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void answersARepeatedRequestWithNotModifiedFromTheEtag() throws Exception {
    HttpResponse<String> first = get("/js/app.js");
    assertEquals(200, first.statusCode());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = get("/js/app.js", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
  }

  @Test
  void servesEveryScriptAndStylesheetThePageReferencesFromThisServer() throws Exception {
    String page = get("/").body();
    Matcher m = Pattern.compile("(?:src|href)=\"([^\"#?]+)\"").matcher(page);
    List<String> paths = new ArrayList<>();
    while (m.find()) {
      String ref = m.group(1);
      if (ref.startsWith("http:") || ref.startsWith("https:") || ref.startsWith("//")) {
        throw new AssertionError("the page refers to another origin: " + ref);
      }
      if (ref.endsWith(".js") || ref.endsWith(".css") || ref.endsWith(".svg")) {
        paths.add(ref.startsWith("/") ? ref : "/" + ref);
      }
    }
    assertEquals(
        List.of(
            "/favicon.svg",
            "/css/earful.css",
            "/webjars/chart.js/4.5.1/dist/chart.umd.min.js",
            "/js/app.js"),
        paths);
    for (String path : paths) {
      assertEquals(200, get(path).statusCode(), path);
    }
  }

  @Test
  void servesEveryModuleTheScriptsImport() throws Exception {
    List<String> seen = new ArrayList<>();
    List<String> queue = new ArrayList<>(List.of("/js/app.js"));
    Pattern imports = Pattern.compile("from '\\./([a-z]+\\.js)'");
    while (!queue.isEmpty()) {
      String path = queue.removeFirst();
      if (seen.contains(path)) {
        continue;
      }
      seen.add(path);
      HttpResponse<String> module = get(path);
      assertEquals(200, module.statusCode(), path);
      assertTrue(
          module.headers().firstValue("Content-Type").orElseThrow().contains("javascript"), path);
      Matcher m = imports.matcher(module.body());
      while (m.find()) {
        queue.add("/js/" + m.group(1));
      }
    }
    assertEquals(
        List.of(
            "/js/app.js",
            "/js/api.js",
            "/js/state.js",
            "/js/dom.js",
            "/js/comments.js",
            "/js/painpoints.js",
            "/js/theme.js",
            "/js/compare.js",
            "/js/followups.js",
            "/js/accounts.js",
            "/js/alerts.js",
            "/js/metrics.js",
            "/js/targets.js",
            "/js/languages.js",
            "/js/charts.js",
            "/js/subthemes.js",
            "/js/followuprules.js",
            "/js/filtertext.js"),
        seen);
  }

  @Test
  void answersAMissingAssetWith404() throws Exception {
    assertEquals(404, get("/js/nothing-here.js").statusCode());
  }
}
