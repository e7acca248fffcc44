package dev.earful.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.alert.Alert;
import dev.earful.alert.AlertRule;
import dev.earful.alert.AlertRules;
import dev.earful.alert.AlertStore;
import dev.earful.search.FieldError;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET/POST /api/v1/alert-rules}, {@code DELETE /api/v1/alert-rules/{id}} and {@code GET
 * /api/v1/alerts} (newest first; {@code ruleId}, {@code delivery}, {@code limit}), each alert with
 * its body as sent and its delivery log; a metric-drop rule with its last evaluation. Webhook
 * secrets are write-only.
 */
public final class AlertsController implements Controller {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final AlertStore store;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;
  private final Clock clock;

  public AlertsController(AlertStore store, ObjectMapper mapper, long maxBodyBytes, Clock clock) {
    this.store = store;
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/alert-rules", this::rules);
    config.routes.post("/api/v1/alert-rules", this::create);
    config.routes.get("/api/v1/alert-rules/{id}", this::rule);
    config.routes.delete("/api/v1/alert-rules/{id}", this::delete);
    config.routes.get("/api/v1/alerts", this::alerts);
  }

  private void rules(Context ctx) {
    ctx.json(
        Map.of("rules", store.rules().stream().map(r -> AlertRules.toView(r, store)).toList()));
  }

  private void rule(Context ctx) {
    AlertRule r =
        store
            .rule(ctx.pathParam("id"))
            .orElseThrow(() -> ProblemException.notFound("no alert rule with this id"));
    ctx.json(AlertRules.toView(r, store));
  }

  private void create(Context ctx) {
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    String id =
        "ar-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    AlertRule rule = AlertRules.parse(body, id, clock.instant());
    store.addRule(rule);
    ctx.status(201)
        .header("Location", "/api/v1/alert-rules/" + id)
        .json(AlertRules.toView(rule, store));
  }

  private void delete(Context ctx) {
    if (!store.deleteRule(ctx.pathParam("id"))) {
      throw ProblemException.notFound("no alert rule with this id");
    }
    ctx.status(204);
  }

  private void alerts(Context ctx) {
    List<FieldError> errors = new ArrayList<>();
    String ruleId = ctx.queryParam("ruleId");
    String delivery = ctx.queryParam("delivery");
    if (delivery != null && !List.of("pending", "delivered", "failed", "none").contains(delivery)) {
      errors.add(
          new FieldError(
              "delivery",
              "must be pending, delivered, failed or none (rules without a webhook), got '"
                  + delivery
                  + "'"));
    }
    int limit = DEFAULT_LIMIT;
    String l = ctx.queryParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l.strip());
        if (limit < 1 || limit > MAX_LIMIT) {
          errors.add(new FieldError("limit", "must be within 1-" + MAX_LIMIT + ", got " + limit));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a whole number, got '" + l + "'"));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("one or more parameters are not valid; see errors", errors);
    }
    List<Alert> all =
        store.alerts().stream()
            .filter(a -> ruleId == null || a.ruleId().equals(ruleId))
            .filter(a -> delivery == null || a.delivery().wireName().equals(delivery))
            .toList();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : all.subList(0, Math.min(limit, all.size()))) {
      Map<String, Object> m = new LinkedHashMap<>(AlertStore.toMap(a));
      try {
        m.put("body", mapper.readTree(a.body()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored alert body is JSON", e);
      }
      out.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", all.size());
    m.put("alerts", out);
    ctx.json(m);
  }
}
