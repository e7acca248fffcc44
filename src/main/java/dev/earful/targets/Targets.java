package dev.earful.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earful.domain.Metric;
import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.JsonParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a target from JSON ({@code POST /api/v1/targets}: {@code {"name", "metric", "goal",
 * "when"}}, every problem named at once) and writes it back for the API and the store.
 */
public final class Targets {

  private static final Set<String> FIELDS = Set.of("name", "metric", "goal", "when");

  /** Filter parameters a target may not carry: the period is the reader's, the metric its own. */
  private static final Set<String> NOT_IN_WHEN = Set.of("from", "to", "metric");

  private Targets() {}

  /** The range a goal of the metric must lie in: the range its headline figure can take. */
  public static double[] goalRange(Metric metric) {
    return switch (metric) {
      case NPS -> new double[] {-100, 100};
      case CSAT -> new double[] {0, 100};
      case CES -> new double[] {1, 7};
    };
  }

  /**
   * A new target from a request body.
   *
   * @throws InvalidRequestException naming every bad field
   */
  public static Target parse(JsonNode body, String id, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        errors.add(new FieldError(field, "unknown field (expected name, metric, goal, when)"));
      }
    }
    Metric metric = null;
    if (!body.path("metric").isTextual()) {
      errors.add(new FieldError("metric", "is required: nps, csat or ces"));
    } else {
      try {
        metric = Metric.parse(body.path("metric").textValue());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "metric",
                "must be nps, csat or ces, got '" + body.path("metric").textValue() + "'"));
      }
    }
    double goal = Double.NaN;
    JsonNode g = body.path("goal");
    if (!g.isNumber()) {
      errors.add(
          new FieldError(
              "goal", "is required: a number (NPS -100-100, CSAT % satisfied 0-100, CES 1-7)"));
    } else if (metric != null) {
      double[] range = goalRange(metric);
      goal = g.asDouble();
      if (!(goal >= range[0] && goal <= range[1])) {
        errors.add(
            new FieldError(
                "goal",
                "must be within "
                    + plain(range[0])
                    + "-"
                    + plain(range[1])
                    + " for "
                    + metric.wireName()
                    + ", got "
                    + g.asText()));
      }
    }
    Map<String, List<String>> when =
        JsonParameters.read(
            body.path("when"),
            "when",
            "filter parameters",
            key ->
                NOT_IN_WHEN.contains(key)
                    ? "cannot be part of a target (the metric is the target's own, the period is"
                        + " chosen when it is read)"
                    : JsonParameters.filterOnly(key),
            errors);
    Filter filter = JsonParameters.filter(when, "when", errors);
    String name = body.path("name").isTextual() ? body.path("name").textValue().strip() : null;
    if (body.has("name") && !body.path("name").isNull() && !body.path("name").isTextual()) {
      errors.add(new FieldError("name", "must be text"));
    } else if (name != null && name.length() > 200) {
      errors.add(new FieldError("name", "must be at most 200 characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    if (name == null || name.isEmpty()) {
      name = defaultName(metric, goal, when);
    }
    return new Target(id, name, metric, goal, when, filter.toBuilder().metric(metric).build(), now);
  }

  /** "NPS 40 for segment.region=EU", "CSAT 90 for all responses". */
  static String defaultName(Metric metric, double goal, Map<String, List<String>> when) {
    StringBuilder b =
        new StringBuilder(metric.wireName().toUpperCase(java.util.Locale.ROOT))
            .append(' ')
            .append(plain(goal))
            .append(" for ");
    if (when.isEmpty()) {
      return b.append("all responses").toString();
    }
    List<String> parts = new ArrayList<>();
    when.forEach((k, v) -> parts.add(k + "=" + String.join(",", v)));
    return b.append(String.join(" ", parts)).toString();
  }

  /** The target as the API and the store show it. */
  public static Map<String, Object> toView(Target t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("metric", t.metric().wireName());
    m.put("goal", t.goal());
    m.put("when", JsonParameters.view(t.when()));
    m.put("createdAt", t.createdAt().toString());
    return m;
  }

  /** A target as the store holds it (written by {@link #toView}, so valid). */
  static Target fromStored(JsonNode n) {
    ObjectNode body = n.deepCopy();
    String id = body.path("id").asText();
    Instant created = Instant.parse(body.path("createdAt").asText());
    body.remove("id");
    body.remove("createdAt");
    return parse(body, id, created);
  }

  static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
