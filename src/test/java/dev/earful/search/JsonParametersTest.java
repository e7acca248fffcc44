package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
