package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the OpenAPI document says takes a body refuses one that a foreign web page could send
 * without asking (a {@code text/plain} form), with a 415 problem, before doing anything: the rule
 * lives in one place ({@code RequestBodies}), and this test walks the document so that a route
 * added later is held to it too. (The follow-up and alert-rule routes read their bodies without the
 * check before; a page could create a webhook rule on a loopback server without keys.)
 */
class JsonBodyRoutesTest {

  @TempDir Path data;

  @Test
  void everyRouteWithABodyRefusesAFormThePageCouldSend() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      JsonNode doc = TestServer.json(server.get(OpenApiController.PATH));
      List<String> checked = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> path = paths.next();
        Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
        while (ops.hasNext()) {
          Map.Entry<String, JsonNode> op = ops.next();
          if (!op.getValue().has("requestBody")) {
            continue;
          }
          String method = op.getKey().toUpperCase(Locale.ROOT);
          String route = path.getKey().replaceAll("\\{[^}]+}", "x");
          HttpResponse<String> r =
              server.send(
                  server
                      .request(route)
                      .header("Content-Type", "text/plain")
                      .method(method, HttpRequest.BodyPublishers.ofString("{\"name\":\"a\"}"))
                      .build());
          assertEquals(415, r.statusCode(), method + " " + route + ": " + r.body());
          assertTrue(
              r.headers().firstValue("Content-Type").orElse("").startsWith(Problems.CONTENT_TYPE),
              method + " " + route);
          checked.add(method + " " + path.getKey());
        }
      }
      // The routes that take a body today; a new one joins the walk by being documented.
      assertTrue(checked.contains("POST /api/v1/alert-rules"), checked.toString());
      assertTrue(checked.contains("PATCH /api/v1/followups/{id}"), checked.toString());
      assertTrue(checked.contains("PUT /api/v1/followup-rules"), checked.toString());
      assertTrue(checked.contains("POST /api/v1/themes"), checked.toString());
      assertTrue(checked.contains("POST /api/v1/analyze"), checked.toString());
      assertTrue(checked.contains("POST /api/v1/responses"), checked.toString());
      assertTrue(checked.contains("POST /api/v1/targets"), checked.toString());
      assertTrue(checked.contains("POST /api/v1/report-schedules"), checked.toString());
    }
  }
}
