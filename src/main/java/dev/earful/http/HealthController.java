package dev.earful.http;

import dev.earful.search.ResponseIndex;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/health}: liveness (the process answers) and readiness (the index is open and
 * readable), with the number of stored responses and the version. 200 when ready, 503 otherwise.
 * Open without an API key (see {@link ApiKeyAuth}).
 */
public final class HealthController implements Controller {

  private final ResponseIndex index;
  private final String version;

  public HealthController(ResponseIndex index, String version) {
    this.index = index;
    this.version = version;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get(ApiKeyAuth.HEALTH_PATH, this::health);
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> indexState = new LinkedHashMap<>();
    boolean ready;
    try {
      int count = index.count();
      indexState.put("open", true);
      indexState.put("responses", count);
      ready = true;
    } catch (RuntimeException e) {
      indexState.put("open", false);
      ready = false;
    }
    body.put("status", ready ? "up" : "down");
    body.put("live", true);
    body.put("ready", ready);
    body.put("index", indexState);
    body.put("version", version);
    ctx.status(ready ? 200 : 503).json(body);
  }
}
