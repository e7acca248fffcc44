package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonParametersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aStoredFilterReadsAsTheSameQueryParameters() throws Exception {
    List<FieldError> errors = new ArrayList<>();
    Map<String, List<String>> params =
        JsonParameters.read(
            JSON.readTree(
                "{\"segment.region\":\"EU\",\"theme\":[\"billing\",\"login\"],\"minScore\":3}"),
            "when",
            "filter parameters",
            JsonParameters::filterOnly,
            errors);
    assertEquals(
        Map.of(
            "minScore", List.of("3"),
            "segment.region", List.of("EU"),
            "theme", List.of("billing", "login")),
        params);
    assertEquals(List.of(), errors);
    Filter filter = JsonParameters.filter(params, "when", errors);
    assertEquals(Filter.parse(params), filter);
    assertEquals(List.of(), errors);
  }

  @Test
  void everyProblemIsNamedWhereItIsInTheBody() throws Exception {
    List<FieldError> errors = new ArrayList<>();
    Map<String, List<String>> params =
        JsonParameters.read(
            JSON.readTree("{\"colour\":\"red\",\"theme\":{\"a\":1},\"minScore\":\"x\"}"),
            "rules[2].when",
            "filter parameters",
            JsonParameters::filterOnly,
            errors);
    assertEquals(Map.of("minScore", List.of("x")), params);
    assertEquals(Filter.ALL, JsonParameters.filter(params, "rules[2].when", errors));
    assertEquals(
        List.of(
            new FieldError("rules[2].when.colour", "is not a filter parameter"),
            new FieldError("rules[2].when.theme", "must be a value or a list"),
            new FieldError("rules[2].when.minScore", "must be a whole number, got 'x'")),
        errors);

    List<FieldError> notObject = new ArrayList<>();
    JsonParameters.read(JSON.readTree("[1]"), "report", "report parameters", k -> null, notObject);
    assertEquals(
        List.of(new FieldError("report", "must be an object of report parameters")), notObject);
  }

  @Test
  void aStoredFilterIsShownTypedAsTheDocumentTypesItsParameters() {
    assertEquals(
        Map.of(
            "account",
            "Acme",
            "category",
            List.of("detractor"),
            "minMentions",
            2L,
            "minScore",
            0L,
            "segment.plan",
            List.of("basic", "pro"),
            "top",
            "many"),
        JsonParameters.view(
            Map.of(
                "account", List.of("Acme"),
                "category", List.of("detractor"),
                "minMentions", List.of("2"),
                "minScore", List.of("0"),
                "segment.plan", List.of("basic", "pro"),
                "top", List.of("many"))));
  }

  /** The lists and whole numbers of {@link JsonParameters#view} are the document's. */
  @Test
  void theTypedParametersAreTheOnesTheDocumentTypes() throws Exception {
    JsonNode doc;
    try (InputStream in = getClass().getResourceAsStream("/dev/earful/http/openapi.json")) {
      doc = JSON.readTree(in);
    }
    Set<String> lists = new HashSet<>();
    Set<String> wholeNumbers = new HashSet<>();
    Set<String> stored = new HashSet<>(Filter.PARAMETERS);
    stored.addAll(List.of("compareTo", "top", "minMentions"));
    for (String path : List.of("/api/v1/search", "/api/v1/reports/review")) {
      for (JsonNode ref : doc.path("paths").path(path).path("get").path("parameters")) {
        String shared = ref.path("$ref").asText("");
        JsonNode p =
            shared.isEmpty()
                ? ref
                : doc.path("components")
                    .path("parameters")
                    .path(shared.substring(shared.lastIndexOf('/') + 1));
        String name = p.path("name").asText();
        String type = p.path("schema").path("type").asText();
        if (stored.contains(name) && type.equals("array")) {
          lists.add(name);
        } else if (stored.contains(name) && type.equals("integer")) {
          wholeNumbers.add(name);
        }
      }
    }
    assertEquals(lists, JsonParameters.LISTS);
    assertEquals(wholeNumbers, JsonParameters.WHOLE_NUMBERS);
  }
}
