package dev.earful.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.alert.AlertDocuments;
import dev.earful.alert.AlertRule;
import dev.earful.alert.AlertRules;
import dev.earful.alert.AlertStore;
import dev.earful.domain.ThemeCatalog;
import dev.earful.search.InvalidRequestException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET/POST /api/v1/alert-rules}, {@code DELETE /api/v1/alert-rules/{id}} and {@code GET
 * /api/v1/alerts} (newest first; {@code ruleId}, {@code delivery}, {@code limit}), each alert with
 * its body as sent and its delivery log; a metric-drop rule with its last evaluation. Webhook
 * secrets are write-only.
 */
public final class AlertsController implements Controller {

  private final AlertStore store;
  private final ThemeCatalog themes;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;
  private final Clock clock;

  public AlertsController(
      AlertStore store, ThemeCatalog themes, ObjectMapper mapper, long maxBodyBytes, Clock clock) {
    this.store = store;
    this.themes = themes;
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
    ctx.json(Map.of("rules", store.rules().stream().map(this::view).toList()));
  }

  private void rule(Context ctx) {
    AlertRule r =
        store
            .rule(ctx.pathParam("id"))
            .orElseThrow(() -> ProblemException.notFound("no alert rule with this id"));
    ctx.json(view(r));
  }

  private void create(Context ctx) {
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    String id = AlertRules.newId();
    AlertRule rule = AlertRules.parse(body, id, clock.instant());
    store.addRule(rule);
    ctx.status(201).header("Location", "/api/v1/alert-rules/" + id).json(view(rule));
  }

  private void delete(Context ctx) {
    if (!store.deleteRule(ctx.pathParam("id"))) {
      throw ProblemException.notFound("no alert rule with this id");
    }
    ctx.status(204);
  }

  private void alerts(Context ctx) {
    try {
      ctx.json(
          AlertDocuments.alerts(
              store,
              ctx.queryParam("ruleId"),
              ctx.queryParam("delivery"),
              ctx.queryParam("limit"),
              ctx.queryParam("cursor"),
              mapper));
    } catch (InvalidRequestException e) {
      throw ProblemException.invalid(
          "one or more parameters are not valid; see errors", e.errors());
    }
  }

  private Map<String, Object> view(AlertRule r) {
    return Views.alertRule(r, store, themes);
  }
}
