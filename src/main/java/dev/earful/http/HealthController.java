package dev.earful.http;

import dev.earful.search.ResponseIndex;
import dev.earful.themes.DiscoveryScheduler;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/health}: liveness (the process answers) and readiness, with the number of
 * stored responses and the version. 200 when ready, 503 otherwise; {@code notReady} names what is
 * not ready and {@code checks} says the state of each part. The server listens only once the
 * stored-format upgrade and the models' loading are done, so those never show here as not ready; a
 * discovery in progress is shown ({@code checks.discovery.state}) but does not make the server
 * unready: queries are answered with the themes of the last run until it ends. Open without an API
 * key (see {@link ApiKeyAuth}).
 */
public final class HealthController implements Controller {

  private final ResponseIndex index;
  private final DiscoveryScheduler discovery;
  private final String version;

  public HealthController(ResponseIndex index, DiscoveryScheduler discovery, String version) {
    this.index = index;
    this.discovery = discovery;
    this.version = version;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get(ApiKeyAuth.HEALTH_PATH, this::health);
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> checks = new LinkedHashMap<>();
    List<String> notReady = new ArrayList<>();
    Map<String, Object> indexState = new LinkedHashMap<>();
    try {
      int count = index.count();
      indexState.put("ready", true);
      indexState.put("open", true);
      indexState.put("responses", count);
    } catch (RuntimeException e) {
      indexState.put("ready", false);
      indexState.put("open", false);
      notReady.add("index: the index cannot be read");
    }
    checks.put("index", indexState);
    Map<String, Object> discoveryState = new LinkedHashMap<>();
    discoveryState.put("ready", true);
    Instant runsAt = discovery.runsAt();
    discoveryState.put(
        "state", discovery.running() ? "running" : runsAt != null ? "scheduled" : "idle");
    if (runsAt != null) {
      discoveryState.put("runsAt", runsAt.toString());
    }
    Instant lastRunAt = discovery.lastRunAt();
    if (lastRunAt != null) {
      discoveryState.put("lastRunAt", lastRunAt.toString());
    }
    checks.put("discovery", discoveryState);
    boolean ready = notReady.isEmpty();
    body.put("status", ready ? "up" : "down");
    body.put("live", true);
    body.put("ready", ready);
    body.put("notReady", notReady);
    body.put(
        "index",
        Map.of(
            "open", indexState.get("open"), "responses", indexState.getOrDefault("responses", 0)));
    body.put("checks", checks);
    body.put("version", version);
    ctx.status(ready ? 200 : 503).json(body);
  }
}
