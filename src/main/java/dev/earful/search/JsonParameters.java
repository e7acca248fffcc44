package dev.earful.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Read-request parameters written as a JSON object inside a stored rule, target or schedule ({@code
 * "when": {"segment.region": "EU", "theme": ["billing", "login"]}}): the same names and values as a
 * query string, so a rule filters exactly as the API's read routes do. One reader for the alert
 * rules, follow-up rules, targets and report schedules, whose four copies had begun to differ (a
 * null value was an error in two and ignored in the others).
 */
public final class JsonParameters {

  /**
   * The parameters a query string may repeat, read back as a list: openapi.json types them {@code
   * array} on the read routes. {@code JsonParametersTest} holds these sets to the document.
   */
  static final Set<String> LISTS = Set.of("category", "theme", "sentiment");

  /** The parameters openapi.json types {@code integer}, read back as JSON numbers. */
  static final Set<String> WHOLE_NUMBERS = Set.of("minScore", "maxScore", "top", "minMentions");

  private JsonParameters() {}

  /** The parameters whose value is one of a few names, shown lower-case as the document lists. */
  private static final Set<String> NAMES = Set.of("metric", "sentiment", "compareTo");

  /**
   * {@code params} as a stored rule, target or schedule shows them: as the filter reads them, typed
   * as openapi.json documents each parameter. A list for a parameter that may repeat ({@code
   * "category": ["detractor"]}; "a,b" is two values there, as in a query string), a number for a
   * whole-number one ({@code "minMentions": 2}), else the text ({@code "account": "Acme"}). Before,
   * every value read back as the list of strings posted ({@code ["2"]}), so a client that
   * round-trips a rule or compares it with what it sent found it changed.
   *
   * <p>Shown as the filter reads it (review R2 of session 23: what was posted is not always inside
   * the document's types): values stripped, blank ones and a parameter left without any dropped
   * ({@code "minScore": ""} is no bound, as the rules page sends an empty field), repeats of a
   * value shown once, the names of {@code metric}, {@code sentiment} and {@code compareTo} in lower
   * case (they are read in any case). Several different values of a one-value filter ({@code
   * account}, {@code customer}, {@code segment.KEY}: any of them) stay a list. {@link #read} takes
   * every form back, so rules stored as lists of strings still load.
   */
  public static Map<String, Object> view(Map<String, List<String>> params) {
    Map<String, Object> out = new TreeMap<>();
    params.forEach(
        (key, values) -> {
          List<String> shown = canonical(key, values);
          if (!shown.isEmpty()) {
            out.put(key, typed(key, shown));
          }
        });
    return out;
  }

  private static List<String> canonical(String key, List<String> values) {
    boolean whole =
        key.startsWith(Schema.SEGMENT_PREFIX) || key.equals("customer") || key.equals("account");
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String raw : values) {
      for (String part : LISTS.contains(key) && !whole ? raw.split(",") : new String[] {raw}) {
        String v = key.equals("q") ? part : part.strip(); // the filter reads q as written
        if (!v.isBlank()) {
          out.add(NAMES.contains(key) ? v.toLowerCase(Locale.ROOT) : v);
        }
      }
    }
    return List.copyOf(out);
  }

  private static Object typed(String key, List<String> values) {
    if (LISTS.contains(key) || values.size() != 1) {
      return values;
    }
    String value = values.getFirst();
    if (WHOLE_NUMBERS.contains(key)) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return value;
  }

  /**
   * The parameters of {@code object} as a query-string map, keys in order.
   *
   * @param at the object's place in the body, prefixed to every error ("when", "rules[2].when")
   * @param kind what the object holds, for the error when it is not an object ("filter parameters")
   * @param refusal for a key, null when it may appear, else why not (the error's message)
   * @param errors where a value that is neither a value nor a list, a refused key, or an object
   *     that is not one, is recorded
   */
  public static Map<String, List<String>> read(
      JsonNode object,
      String at,
      String kind,
      Function<String, String> refusal,
      List<FieldError> errors) {
    Map<String, List<String>> params = new TreeMap<>();
    if (object == null || object.isMissingNode() || object.isNull()) {
      return params;
    }
    if (!object.isObject()) {
      errors.add(new FieldError(at, "must be an object of " + kind));
      return params;
    }
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String key = e.getKey();
      List<String> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> values.add(v.asText()));
      } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        values.add(e.getValue().asText());
      } else {
        errors.add(new FieldError(at + "." + key, "must be a value or a list"));
        continue;
      }
      String refused = refusal.apply(key);
      if (refused != null) {
        errors.add(new FieldError(at + "." + key, refused));
        continue;
      }
      params.put(key, values);
    }
    return params;
  }

  /** Null for a filter parameter of the read routes, else "is not a filter parameter". */
  public static String filterOnly(String key) {
    return isFilterParameter(key) ? null : "is not a filter parameter";
  }

  /** Whether {@code key} is one of the read routes' filter parameters ({@link Filter#parse}). */
  public static boolean isFilterParameter(String key) {
    return Filter.PARAMETERS.contains(key) || key.startsWith(Schema.SEGMENT_PREFIX);
  }

  /**
   * The filter {@code params} describe, its errors recorded under {@code at} ("when.minScore");
   * {@link Filter#ALL} when there are any.
   */
  public static Filter filter(
      Map<String, List<String>> params, String at, List<FieldError> errors) {
    try {
      return Filter.parse(params);
    } catch (InvalidRequestException e) {
      errors.addAll(under(at, e.errors()));
      return Filter.ALL;
    }
  }

  /** {@code errors} with {@code at.} before each field, for a nested parse. */
  public static List<FieldError> under(String at, List<FieldError> errors) {
    return errors.stream().map(fe -> new FieldError(at + "." + fe.field(), fe.message())).toList();
  }
}
