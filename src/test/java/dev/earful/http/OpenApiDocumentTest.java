package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/openapi.json} documents exactly the routes the server has: a route added to a
 * controller without its entry in {@code src/main/resources/dev/earful/http/openapi.json}, or an
 * entry whose route is gone, fails here.
 */
class OpenApiDocumentTest {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  @TempDir static Path data;
  private static TestServer server;
  private static JsonNode doc;

  @BeforeAll
  static void start() {
    server = TestServer.start(data);
    HttpResponse<String> r = server.get(OpenApiController.PATH);
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    doc = TestServer.json(r);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The server's own routes: everything but the web page's static files and HEAD twins. */
  private static Set<String> realRoutes() {
    Set<String> out = new TreeSet<>();
    for (String route : server.app().http().routes()) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1);
      if (method.equals("HEAD") || method.equals("OPTIONS")) {
        continue;
      }
      out.add(method + " " + path);
    }
    return out;
  }

  private static Set<String> documentedRoutes() {
    Set<String> out = new TreeSet<>();
    doc.path("paths")
        .properties()
        .forEach(
            p ->
                p.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (METHODS.contains(op.getKey())) {
                            out.add(op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey());
                          }
                        }));
    return out;
  }

  @Test
  void everyRealRouteIsDocumentedAndEveryDocumentedRouteIsReal() {
    Set<String> real = realRoutes();
    Set<String> documented = documentedRoutes();
    Set<String> undocumented = new TreeSet<>(real);
    undocumented.removeAll(documented);
    Set<String> absent = new TreeSet<>(documented);
    absent.removeAll(real);
    assertEquals(Set.of(), undocumented, "routes the server has but openapi.json does not name");
    assertEquals(Set.of(), absent, "routes openapi.json names but the server does not have");
    assertTrue(real.contains("GET /api/v1/openapi.json"), real.toString());
    assertTrue(real.contains("DELETE /api/v1/responses/{id}"), real.toString());
  }

  @Test
  void isOpenApi31WithEveryReferenceResolvedAndProblemsForErrors() {
    assertEquals("3.1.0", doc.path("openapi").asText());
    assertFalse(doc.path("info").path("title").asText().isEmpty());
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertFalse(refs.isEmpty());
    for (String ref : refs) {
      assertTrue(ref.startsWith("#/"), ref);
      assertFalse(doc.at(ref.substring(1)).isMissingNode(), "unresolved " + ref);
    }
    doc.path("paths")
        .properties()
        .forEach(
            p ->
                p.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          JsonNode responses = op.getValue().path("responses");
                          String where = op.getKey() + " " + p.getKey();
                          assertTrue(responses.size() > 0, where);
                          assertFalse(op.getValue().path("operationId").asText().isEmpty(), where);
                          // every error answer of a documented route is a problem document
                          responses
                              .properties()
                              .forEach(
                                  r -> {
                                    if (r.getKey().startsWith("4")) {
                                      JsonNode resolved =
                                          r.getValue().has("$ref")
                                              ? doc.at(
                                                  r.getValue().path("$ref").asText().substring(1))
                                              : r.getValue();
                                      assertTrue(
                                          resolved.path("content").has("application/problem+json"),
                                          where + " " + r.getKey());
                                    }
                                  });
                        }));
    for (JsonNode r : doc.path("components").path("responses")) {
      assertEquals(
          "#/components/schemas/Problem",
          r.path("content").path("application/problem+json").path("schema").path("$ref").asText());
    }
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      n.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  out.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), out);
                }
              });
    } else if (n.isArray()) {
      n.forEach(c -> collectRefs(c, out));
    }
  }
}
