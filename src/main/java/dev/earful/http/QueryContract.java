package dev.earful.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.search.FieldError;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a query parameter its route does not take, for every route the OpenAPI document lists: a
 * misspelt filter ({@code /metrics?segmnet.plan=x}, {@code /themes?catgory=detractor}) was ignored
 * and the unfiltered figures shown as if filtered. What each operation takes is read from the
 * document itself ({@link OpenApiController#RESOURCE}, its {@code in: query} parameters), so the
 * check, the document and {@code OpenApiContractTest} cannot drift apart: a parameter a route reads
 * but the document does not list is refused, and the test sees it. A {@code deepObject} parameter
 * ({@code segment}) is taken as {@code segment.KEY} and {@code segment[KEY]}. HEAD takes what its
 * GET takes. Routes outside the document (the page's files) are not checked.
 */
final class QueryContract {

  /** What one operation takes: plain names, and the prefixes of its deepObject parameters. */
  private record Accepted(Set<String> names, Set<String> objects) {

    boolean takes(String name) {
      if (names.contains(name)) {
        return !objects.contains(name); // segment=x names no key: not the filter
      }
      for (String object : objects) {
        if (keyed(name, object + ".") || (keyed(name, object + "[") && name.endsWith("]"))) {
          return true;
        }
      }
      return false;
    }

    private static boolean keyed(String name, String prefix) {
      return name.startsWith(prefix) && name.length() > prefix.length();
    }

    /** The names as the refusal lists them, in the document's order. */
    String expected() {
      List<String> all = new ArrayList<>();
      for (String name : names) {
        all.add(objects.contains(name) ? name + ".KEY" : name);
      }
      return all.isEmpty() ? "this route takes none" : "expected " + String.join(", ", all);
    }
  }

  /** "METHOD /path" (path parameters as {name}) to what it takes. */
  private final Map<String, Accepted> operations;

  private QueryContract(Map<String, Accepted> operations) {
    this.operations = operations;
  }

  /** The contract of the document served at {@link OpenApiController#PATH}. */
  static QueryContract fromDocument(ObjectMapper mapper) {
    try (InputStream in = QueryContract.class.getResourceAsStream(OpenApiController.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OpenApiController.RESOURCE + " is missing from the jar");
      }
      return of(mapper.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + OpenApiController.RESOURCE, e);
    }
  }

  static QueryContract of(JsonNode document) {
    JsonNode shared = document.path("components").path("parameters");
    Map<String, Accepted> operations = new HashMap<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path -> {
              JsonNode item = path.getValue();
              item.properties()
                  .forEach(
                      op -> {
                        if (op.getKey().equals("parameters") || !op.getValue().isObject()) {
                          return;
                        }
                        Set<String> names = new LinkedHashSet<>();
                        Set<String> objects = new LinkedHashSet<>();
                        List<JsonNode> params = new ArrayList<>();
                        item.path("parameters").forEach(params::add);
                        op.getValue().path("parameters").forEach(params::add);
                        for (JsonNode p : params) {
                          JsonNode param = resolve(p, shared);
                          if (!param.path("in").asText().equals("query")) {
                            continue;
                          }
                          String name = param.path("name").asText();
                          names.add(name);
                          if (param.path("style").asText().equals("deepObject")) {
                            objects.add(name);
                          }
                        }
                        String method = op.getKey().toUpperCase(Locale.ROOT);
                        Accepted accepted = new Accepted(names, objects);
                        operations.put(method + " " + path.getKey(), accepted);
                        if (method.equals("GET")) {
                          operations.putIfAbsent("HEAD " + path.getKey(), accepted);
                        }
                      });
            });
    return new QueryContract(Map.copyOf(operations));
  }

  private static JsonNode resolve(JsonNode param, JsonNode shared) {
    String ref = param.path("$ref").asText("");
    return ref.isEmpty() ? param : shared.path(ref.substring(ref.lastIndexOf('/') + 1));
  }

  /** Before a matched handler: 400 naming every parameter the route does not take. */
  void check(Context ctx) {
    if (ctx.queryParamMap().isEmpty()) {
      return;
    }
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    if (matched == null) {
      return;
    }
    String path = matched.path.replace('<', '{').replace('>', '}');
    Accepted accepted = operations.get(ctx.method().name() + " " + path);
    if (accepted == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    for (String name : ctx.queryParamMap().keySet()) {
      // an empty name is a stray '&' (?a=1&), not a parameter
      if (!name.isEmpty() && !accepted.takes(name)) {
        errors.add(new FieldError(name, "unknown parameter (" + accepted.expected() + ")"));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("one or more parameters are not valid; see errors", errors);
    }
  }
}
