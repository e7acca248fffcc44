package dev.earful.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.JsonParameters;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads alert rules from JSON ({@code POST /alert-rules}, every problem named at once) and writes
 * them: in full for the rules file, with the webhook secret masked for the API.
 */
public final class AlertRules {

  public static final int MIN_SECRET_LENGTH = 16;

  /**
   * A new-response rule's {@code maxAgeDays} when a new rule leaves it out: the follow-up rules'
   * default, so an imported history neither opens follow-ups nor posts its old detractors as news.
   */
  public static final int DEFAULT_MAX_AGE_DAYS = 30;

  static final int MAX_AGE_DAYS_LIMIT = 36_500;
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "type",
          "when",
          "webhook",
          "minDrop",
          "windowDays",
          "baselineDays",
          "minResponses",
          "alpha",
          "maxAgeDays");
  private static final Set<String> WEBHOOK_FIELDS =
      Set.of("url", "secret", "maxAttempts", "backoffMillis");

  private AlertRules() {}

  /** A new rule's id, "ar-" and 12 hex digits. */
  public static String newId() {
    return "ar-"
        + java.util.HexFormat.of()
            .toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextLong())
            .substring(0, 12);
  }

  /**
   * A new rule from a request body.
   *
   * @throws InvalidRequestException naming every bad field
   */
  public static AlertRule parse(JsonNode body, String id, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        errors.add(
            new FieldError(
                name,
                "unknown field (expected name, type, when, webhook, minDrop, windowDays,"
                    + " baselineDays, minResponses, alpha, maxAgeDays)"));
      }
    }
    String name = body.path("name").isTextual() ? body.path("name").textValue().strip() : "";
    if (name.isEmpty() || name.length() > 200) {
      errors.add(new FieldError("name", "is required, at most 200 characters"));
    }
    AlertType type = null;
    if (!body.path("type").isTextual()) {
      errors.add(
          new FieldError("type", "is required: new_response, metric_drop or emerging_theme"));
    } else {
      try {
        type = AlertType.parse(body.path("type").textValue());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "type",
                "must be new_response, metric_drop or emerging_theme, got '"
                    + body.path("type").textValue()
                    + "'"));
      }
    }
    Map<String, List<String>> when =
        JsonParameters.read(
            body.path("when"), "when", "filter parameters", JsonParameters::filterOnly, errors);
    Filter filter = JsonParameters.filter(when, "when", errors);
    double minDrop = number(body, "minDrop", 5, 0, 200, errors);
    int windowDays = (int) number(body, "windowDays", 7, 1, 365, errors);
    int baselineDays = (int) number(body, "baselineDays", 28, 1, 3650, errors);
    int minResponses = (int) number(body, "minResponses", 30, 1, 1_000_000, errors);
    double alpha = number(body, "alpha", 0.05, 1e-9, 0.5, errors);
    Integer maxAgeDays = null;
    JsonNode age = body.path("maxAgeDays");
    if (type == AlertType.NEW_RESPONSE) {
      if (age.isMissingNode()) {
        maxAgeDays = DEFAULT_MAX_AGE_DAYS;
      } else if (!age.isNull()) {
        if (!age.isNumber()
            || age.asDouble() != Math.rint(age.asDouble())
            || age.asDouble() < 1
            || age.asDouble() > MAX_AGE_DAYS_LIMIT) {
          errors.add(
              new FieldError(
                  "maxAgeDays",
                  "must be a whole number within 1-"
                      + MAX_AGE_DAYS_LIMIT
                      + ", or null for any age"));
        } else {
          maxAgeDays = age.intValue();
        }
      }
    } else if (type != null && !age.isMissingNode() && !age.isNull()) {
      errors.add(new FieldError("maxAgeDays", "applies to new_response rules only"));
    }
    // Optional: a lead may want alerts only in the page. A webhook given is checked in full.
    JsonNode w = body.path("webhook");
    Webhook webhook = w.isMissingNode() || w.isNull() ? null : webhook(w, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new AlertRule(
        id,
        name,
        type,
        when,
        filter,
        minDrop,
        windowDays,
        baselineDays,
        minResponses,
        alpha,
        maxAgeDays,
        webhook,
        now);
  }

  /**
   * A webhook from JSON ({@code {url, secret, maxAttempts, backoffMillis}}), its problems added to
   * {@code errors} as {@code webhook.*} fields; shared with the report schedules. Callers decide
   * whether a missing webhook is allowed; this reads one that was given.
   */
  public static Webhook webhook(JsonNode w, List<FieldError> errors) {
    if (!w.isObject()) {
      errors.add(
          new FieldError(
              "webhook", "must be an object {\"url\": ..., \"secret\": ...} (or left out)"));
      return null;
    }
    for (Iterator<String> it = w.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!WEBHOOK_FIELDS.contains(name)) {
        errors.add(
            new FieldError(
                "webhook." + name,
                "unknown field (expected url, secret, maxAttempts, backoffMillis)"));
      }
    }
    URI url = null;
    String text = w.path("url").isTextual() ? w.path("url").textValue().strip() : "";
    try {
      url = URI.create(text);
      if (!url.isAbsolute()
          || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException("not http");
      }
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldError("webhook.url", "must be an absolute http(s) URL, got '" + text + "'"));
    }
    String secret = w.path("secret").isTextual() ? w.path("secret").textValue() : "";
    if (secret.length() < MIN_SECRET_LENGTH || secret.length() > 512) {
      errors.add(
          new FieldError(
              "webhook.secret",
              "is required, " + MIN_SECRET_LENGTH + "-512 characters (it signs every delivery)"));
    }
    int maxAttempts =
        (int)
            number(
                w,
                "maxAttempts",
                Webhook.DEFAULT_MAX_ATTEMPTS,
                1,
                100,
                errors,
                "webhook.maxAttempts");
    long backoff =
        (long)
            number(
                w,
                "backoffMillis",
                Webhook.DEFAULT_BACKOFF_MILLIS,
                10,
                Webhook.MAX_BACKOFF_MILLIS,
                errors,
                "webhook.backoffMillis");
    return new Webhook(url, secret, maxAttempts, backoff);
  }

  private static double number(
      JsonNode body, String field, double def, double min, double max, List<FieldError> errors) {
    return number(body, field, def, min, max, errors, field);
  }

  private static double number(
      JsonNode body,
      String field,
      double def,
      double min,
      double max,
      List<FieldError> errors,
      String name) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return def;
    }
    if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
      errors.add(new FieldError(name, "must be a number within " + plain(min) + "-" + plain(max)));
      return def;
    }
    return n.asDouble();
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  /**
   * The rule for the API: the secret is never shown; {@code webhook} is null when it has none. A
   * metric drop and an emerging theme carry {@code lastEvaluation} from {@code store} (null before
   * its first); a new-response rule has none (its alerts are its evaluations).
   */
  public static Map<String, Object> toView(AlertRule r, AlertStore store) {
    Map<String, Object> m = toStored(r);
    @SuppressWarnings("unchecked")
    Map<String, Object> hook = (Map<String, Object>) m.get("webhook");
    if (hook != null) {
      hook.put("secret", "****");
    }
    if (r.type() == AlertType.METRIC_DROP || r.type() == AlertType.EMERGING_THEME) {
      m.put("lastEvaluation", store.lastEvaluation(r.id()).map(RuleEvaluation::toMap).orElse(null));
    }
    return m;
  }

  /** The rule in full, for the rules file. */
  static Map<String, Object> toStored(AlertRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("type", r.type().wireName());
    m.put("when", JsonParameters.view(r.when()));
    if (r.type() == AlertType.METRIC_DROP) {
      m.put("minDrop", r.minDrop());
      m.put("windowDays", r.windowDays());
      m.put("baselineDays", r.baselineDays());
    }
    if (r.type() != AlertType.NEW_RESPONSE) {
      m.put("minResponses", r.minResponses());
      m.put("alpha", r.alpha());
    } else {
      m.put("maxAgeDays", r.maxAgeDays());
    }
    if (r.webhook() == null) {
      m.put("webhook", null);
    } else {
      Map<String, Object> hook = new LinkedHashMap<>();
      hook.put("url", r.webhook().url().toString());
      hook.put("secret", r.webhook().secret());
      hook.put("maxAttempts", r.webhook().maxAttempts());
      hook.put("backoffMillis", r.webhook().backoffMillis());
      m.put("webhook", hook);
    }
    m.put("createdAt", r.createdAt().toString());
    return m;
  }

  /** A rule as the rules file holds it (written by {@link #toStored}, so valid). */
  static AlertRule fromStored(JsonNode n) {
    com.fasterxml.jackson.databind.node.ObjectNode body = n.deepCopy();
    String id = body.path("id").asText();
    Instant created = Instant.parse(body.path("createdAt").asText());
    body.remove("id");
    body.remove("createdAt");
    if (!body.has("maxAgeDays") && body.path("type").asText().equals("new_response")) {
      // Stored before rules had an age limit: such a rule alerted on responses of any age, and
      // keeps doing so; only rules created now get the default.
      body.putNull("maxAgeDays");
    }
    return parse(body, id, created);
  }
}
