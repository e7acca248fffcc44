package dev.earful.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.ThemeCatalog;
import dev.earful.search.Filter;
import dev.earful.targets.Target;
import dev.earful.targets.TargetStore;
import dev.earful.targets.TargetTracker;
import dev.earful.targets.Targets;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET/POST /api/v1/targets}, {@code GET/DELETE /api/v1/targets/{id}}: goals per metric and
 * filter, each read with its progress over the period {@code from}-{@code to} (both optional; none:
 * every response the target's filter selects): the metric with its 95% interval and the distance to
 * the goal with its interval.
 */
public final class TargetsController implements Controller {

  private final TargetStore store;
  private final TargetTracker tracker;
  private final ThemeCatalog themes;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;
  private final Clock clock;

  public TargetsController(
      TargetStore store,
      TargetTracker tracker,
      ThemeCatalog themes,
      ObjectMapper mapper,
      long maxBodyBytes,
      Clock clock) {
    this.store = store;
    this.tracker = tracker;
    this.themes = themes;
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/targets", this::list);
    config.routes.post("/api/v1/targets", this::create);
    config.routes.get("/api/v1/targets/{id}", this::one);
    config.routes.delete("/api/v1/targets/{id}", this::delete);
  }

  private void list(Context ctx) {
    Filter period = period(ctx);
    ctx.json(TargetTracker.list(store.all(), period.from(), period.to(), t -> view(t, period)));
  }

  private void one(Context ctx) {
    Filter period = period(ctx);
    Target t =
        store
            .get(ctx.pathParam("id"))
            .orElseThrow(() -> ProblemException.notFound("no target with this id"));
    ctx.json(view(t, period));
  }

  private void create(Context ctx) {
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    String id =
        "tg-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    Target t = Targets.parse(body, id, clock.instant());
    store.add(t);
    ctx.status(201).header("Location", "/api/v1/targets/" + id).json(view(t, Filter.ALL));
  }

  private void delete(Context ctx) {
    if (!store.delete(ctx.pathParam("id"))) {
      throw ProblemException.notFound("no target with this id");
    }
    ctx.status(204);
  }

  /**
   * The period parameters, parsed as every read endpoint parses them; any other name is refused
   * before this by {@link QueryContract} (the document lists only from and to).
   */
  private static Filter period(Context ctx) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    for (String name : List.of("from", "to")) {
      List<String> v = ctx.queryParams(name);
      if (!v.isEmpty()) {
        p.put(name, v);
      }
    }
    return Filter.parse(p);
  }

  /** The target with its progress, and a warning for each theme of its filter that is gone. */
  private Map<String, Object> view(Target t, Filter period) {
    return Views.target(tracker.view(t, period.from(), period.to()), t, themes);
  }
}
