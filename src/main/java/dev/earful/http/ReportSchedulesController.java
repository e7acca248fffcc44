package dev.earful.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.ThemeCatalog;
import dev.earful.schedule.ReportSchedule;
import dev.earful.schedule.ReportSchedules;
import dev.earful.schedule.ScheduleStore;
import dev.earful.search.FieldError;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET/POST /api/v1/report-schedules}, {@code GET/DELETE /api/v1/report-schedules/{id}} and
 * {@code GET /api/v1/report-schedules/{id}/runs} (newest first, {@code limit}): rules that write
 * the review report every week or month, with their run history. Webhook secrets are write-only.
 */
public final class ReportSchedulesController implements Controller {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final ScheduleStore store;
  private final ThemeCatalog themes;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;
  private final Clock clock;
  private final Path dataDir;

  public ReportSchedulesController(
      ScheduleStore store,
      ThemeCatalog themes,
      ObjectMapper mapper,
      long maxBodyBytes,
      Clock clock,
      Path dataDir) {
    this.store = store;
    this.themes = themes;
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
    this.dataDir = dataDir;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/report-schedules", this::list);
    config.routes.post("/api/v1/report-schedules", this::create);
    config.routes.get("/api/v1/report-schedules/{id}", this::one);
    config.routes.delete("/api/v1/report-schedules/{id}", this::delete);
    config.routes.get("/api/v1/report-schedules/{id}/runs", this::runs);
  }

  private void list(Context ctx) {
    Instant now = clock.instant();
    ctx.json(Map.of("schedules", store.schedules().stream().map(s -> view(s, now)).toList()));
  }

  private ReportSchedule find(Context ctx) {
    return store
        .schedule(ctx.pathParam("id"))
        .orElseThrow(() -> ProblemException.notFound("no report schedule with this id"));
  }

  private void one(Context ctx) {
    ctx.json(view(find(ctx), clock.instant()));
  }

  private void create(Context ctx) {
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    String id =
        "rs-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    ReportSchedule s = ReportSchedules.parse(body, id, clock.instant(), dataDir);
    store.add(s);
    ctx.status(201)
        .header("Location", "/api/v1/report-schedules/" + id)
        .json(view(s, clock.instant()));
  }

  private void delete(Context ctx) {
    if (!store.delete(ctx.pathParam("id"))) {
      throw ProblemException.notFound("no report schedule with this id");
    }
    ctx.status(204);
  }

  private void runs(Context ctx) {
    ReportSchedule s = find(ctx);
    int limit = DEFAULT_LIMIT;
    String l = ctx.queryParam("limit");
    if (l != null) {
      List<FieldError> errors = new ArrayList<>();
      try {
        limit = Integer.parseInt(l.strip());
        if (limit < 1 || limit > MAX_LIMIT) {
          errors.add(new FieldError("limit", "must be within 1-" + MAX_LIMIT + ", got " + limit));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a whole number, got '" + l + "'"));
      }
      if (!errors.isEmpty()) {
        throw ProblemException.invalid("one or more parameters are not valid; see errors", errors);
      }
    }
    ctx.json(ReportSchedules.runs(store, s.id(), limit));
  }

  /** The schedule, with a warning for each theme of its report's filter that is gone. */
  private Map<String, Object> view(ReportSchedule s, Instant now) {
    return Views.withWarnings(
        ReportSchedules.view(s, store, now),
        Views.goneThemes("report.theme", s.report().getOrDefault("theme", List.of()), themes));
  }
}
