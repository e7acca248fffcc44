package dev.earful.followup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.JsonParameters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes follow-up rules as JSON: {@code [{"id", "name", "kind": "recover"|"advocate",
 * "when": {filter parameters}, "dueBusinessDays", "enabled", "maxAgeDays"}]} ({@code maxAgeDays}
 * absent or null: any age). Every problem of a list is reported at once, named by its place ({@code
 * rules[1].when.category}).
 */
public final class FollowupRules {

  public static final int MAX_RULES = 100;
  private static final Set<String> FIELDS =
      Set.of("id", "name", "kind", "when", "dueBusinessDays", "enabled", "maxAgeDays");

  /**
   * Fields a rule's read-back carries that are not the rule: taken and ignored, so that the rules
   * read back can be written back unchanged (GET /followup-rules adds {@code warnings} for a theme
   * that is gone, which PUT refused as an unknown field: review R13 of session 26).
   */
  private static final Set<String> READ_ONLY = Set.of("warnings");

  private FollowupRules() {}

  /**
   * @throws InvalidRequestException naming every bad field
   */
  public static List<FollowupRule> parse(JsonNode node) {
    List<FieldError> errors = new ArrayList<>();
    List<FollowupRule> rules = new ArrayList<>();
    if (node == null || !node.isArray()) {
      throw new InvalidRequestException(
          List.of(new FieldError("rules", "must be a JSON array of rules")));
    }
    if (node.size() > MAX_RULES) {
      throw new InvalidRequestException(
          List.of(new FieldError("rules", "at most " + MAX_RULES + " rules")));
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String at = "rules[" + i + "]";
      JsonNode r = node.get(i);
      if (!r.isObject()) {
        errors.add(new FieldError(at, "must be an object"));
        continue;
      }
      for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!FIELDS.contains(name) && !READ_ONLY.contains(name)) {
          errors.add(
              new FieldError(
                  at + "." + name,
                  "unknown field (expected id, name, kind, when, dueBusinessDays, enabled,"
                      + " maxAgeDays)"));
        }
      }
      String id = r.path("id").isTextual() ? r.path("id").textValue().strip() : "";
      if (id.isEmpty() || id.length() > 64 || !id.matches("[A-Za-z0-9_.-]+")) {
        errors.add(new FieldError(at + ".id", "must be 1-64 letters, digits, '-', '_' or '.'"));
      } else if (!ids.add(id)) {
        errors.add(new FieldError(at + ".id", "'" + id + "' is used by another rule"));
      }
      String name = r.path("name").isTextual() ? r.path("name").textValue().strip() : id;
      if (name.length() > 200) {
        errors.add(new FieldError(at + ".name", "must be at most 200 characters"));
      }
      FollowupKind kind = null;
      if (!r.path("kind").isTextual()) {
        errors.add(new FieldError(at + ".kind", "is required: recover or advocate"));
      } else {
        try {
          kind = FollowupKind.parse(r.path("kind").textValue());
        } catch (IllegalArgumentException e) {
          errors.add(
              new FieldError(
                  at + ".kind",
                  "must be recover or advocate, got '" + r.path("kind").textValue() + "'"));
        }
      }
      Map<String, List<String>> when =
          JsonParameters.read(
              r.path("when"),
              at + ".when",
              "filter parameters",
              JsonParameters::filterOnly,
              errors);
      Filter filter = JsonParameters.filter(when, at + ".when", errors);
      int due = 2;
      if (r.has("dueBusinessDays")) {
        JsonNode d = r.get("dueBusinessDays");
        if (!d.isIntegralNumber() || d.asInt() < 0 || d.asInt() > 365) {
          errors.add(new FieldError(at + ".dueBusinessDays", "must be a whole number 0-365"));
        } else {
          due = d.asInt();
        }
      }
      boolean enabled = true;
      if (r.has("enabled")) {
        if (!r.get("enabled").isBoolean()) {
          errors.add(new FieldError(at + ".enabled", "must be true or false"));
        } else {
          enabled = r.get("enabled").booleanValue();
        }
      }
      Integer maxAge = null;
      if (r.hasNonNull("maxAgeDays")) {
        JsonNode a = r.get("maxAgeDays");
        if (!a.isIntegralNumber() || a.asLong() < 1 || a.asLong() > 36_500) {
          errors.add(
              new FieldError(
                  at + ".maxAgeDays",
                  "must be a whole number of days 1-36500, or null for any age"));
        } else {
          maxAge = a.asInt();
        }
      }
      if (kind != null) {
        rules.add(new FollowupRule(id, name, kind, when, filter, due, enabled, maxAge));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return rules;
  }

  /** A rule in wire names, as {@link #parse} reads it. */
  public static Map<String, Object> toMap(FollowupRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("kind", r.kind().wireName());
    m.put("when", JsonParameters.view(r.when()));
    m.put("dueBusinessDays", r.dueBusinessDays());
    m.put("enabled", r.enabled());
    m.put("maxAgeDays", r.maxAgeDays());
    return m;
  }
}
