package dev.earful.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.ThemeCatalog;
import dev.earful.followup.Followup;
import dev.earful.followup.FollowupDocuments;
import dev.earful.followup.FollowupPatch;
import dev.earful.followup.FollowupQuery;
import dev.earful.followup.FollowupQueue;
import dev.earful.followup.FollowupRule;
import dev.earful.followup.FollowupRules;
import dev.earful.followup.FollowupStatus;
import dev.earful.search.FieldError;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.QueryParameters;
import dev.earful.search.SearchService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The follow-up queue: {@code GET /api/v1/followups} (filters {@code status}, {@code kind}, {@code
 * assignee}, {@code account}, {@code customer}, {@code overdue}, and every response filter of the
 * read endpoints, matched on the follow-up's response; overdue first; {@code limit}, {@code
 * cursor}; CSV with {@code Accept: text/csv} or {@code format=csv}), {@code GET/PATCH
 * /api/v1/followups/{id}}, and the rules that open them, {@code GET/PUT /api/v1/followup-rules}.
 */
public final class FollowupsController implements Controller {

  private static final Set<String> PATCH_FIELDS = Set.of("status", "assignee", "due", "note", "by");

  private final FollowupQueue queue;
  private final SearchService search;
  private final ThemeCatalog themes;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;

  /**
   * @param search says which parts of a response filter exist nowhere (a segment key no response
   *     has), as every read endpoint's {@code warnings} do
   */
  public FollowupsController(
      FollowupQueue queue,
      SearchService search,
      ThemeCatalog themes,
      ObjectMapper mapper,
      long maxBodyBytes) {
    this.queue = queue;
    this.search = search;
    this.themes = themes;
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/followups", this::list);
    config.routes.get("/api/v1/followups/{id}", this::get);
    config.routes.patch("/api/v1/followups", this::patchAll);
    config.routes.patch("/api/v1/followups/{id}", this::patch);
    config.routes.get("/api/v1/followup-rules", this::rules);
    config.routes.put("/api/v1/followup-rules", this::setRules);
  }

  private void list(Context ctx) {
    FollowupQuery query = FollowupQuery.parse(QueryNames.of(ctx));
    if (ImpactController.wantsCsv(ctx.header("Accept"))) {
      query = query.asCsv();
    }
    FollowupQueue.Listed listed = queue.listed(query);
    Instant now = listed.readAt();
    List<Followup> matching = listed.rows();
    if (query.csv()) {
      ctx.header("Content-Disposition", "attachment; filename=\"followups.csv\"");
      ctx.contentType(ImpactController.CSV + "; charset=utf-8")
          .result(FollowupDocuments.csv(matching, now));
      return;
    }
    // A segment key no response has matched nothing and said nothing (`earful followups --segment
    // regoin=EU` listed an empty queue): the warnings of the other read endpoints say why.
    ctx.json(Views.withWarnings(query.page(listed), search.segmentWarnings(query.responses())));
  }

  private void get(Context ctx) {
    Followup f =
        queue
            .get(ctx.pathParam("id"))
            .orElseThrow(() -> ProblemException.notFound("no follow-up with this id"));
    ctx.json(FollowupDocuments.view(f, queue.now()));
  }

  private void patch(Context ctx) {
    String id = ctx.pathParam("id");
    // The body's media type first, as on every route: a form a foreign page sends learns nothing,
    // not even whether the id exists.
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    if (queue.get(id).isEmpty()) {
      throw ProblemException.notFound("no follow-up with this id");
    }
    List<FieldError> errors = new ArrayList<>();
    Change change = change(body, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("the change is not valid; see errors", errors);
    }
    Followup f =
        queue
            .update(id, change.patch(), change.by())
            .orElseThrow(() -> ProblemException.notFound("no follow-up with this id"));
    ctx.json(FollowupDocuments.view(f, queue.now()));
  }

  /**
   * {@code PATCH /api/v1/followups?FILTER}: the change of {@code PATCH /followups/{id}} (same body,
   * same rules) applied to every follow-up the same filter of {@code GET /followups} lists, each
   * with its own history entry. A request without a filter is refused unless it says {@code
   * all=true}, so a client that forgot its query string does not close the whole queue. Paging
   * parameters are refused: the change is for the whole filtered queue, not a page of it. Answers
   * {@code {matched, changed}}; a bad filter or body is a 400 that changes nothing. {@code
   * expected=N} is the count the client showed and had confirmed ("close 2,407 follow-ups?"): when
   * the filter matches another number by the time the change runs (an import opened more, one fell
   * overdue), it is a 409 that changes nothing, so a person never changes more, or other,
   * follow-ups than they agreed to.
   */
  private void patchAll(Context ctx) {
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    List<FieldError> errors = new ArrayList<>();
    Map<String, List<String>> params = new LinkedHashMap<>(QueryNames.of(ctx));
    List<String> allValues = params.remove("all");
    QueryParameters allParameter =
        new QueryParameters(allValues == null ? Map.of() : Map.of("all", allValues));
    boolean all = Boolean.TRUE.equals(allParameter.bool("all"));
    try {
      allParameter.check();
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
    }
    List<String> expectedValues = params.remove("expected");
    QueryParameters expectedParameter =
        new QueryParameters(expectedValues == null ? Map.of() : Map.of("expected", expectedValues));
    int expected = expectedParameter.integer("expected", -1, 0, Integer.MAX_VALUE);
    try {
      expectedParameter.check();
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
    }
    for (String paging : List.of("limit", "cursor", "format")) {
      if (params.containsKey(paging)) {
        errors.add(
            new FieldError(
                paging, "not taken by a bulk change: it changes every follow-up the filter lists"));
        params.remove(paging);
      }
    }
    FollowupQuery query = null;
    try {
      query = FollowupQuery.parse(params);
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
    }
    if (query != null && query.unfiltered() && !all) {
      errors.add(
          new FieldError(
              "all",
              "a change without a filter (status, kind, assignee, account, customer, id,"
                  + " overdue, or a response filter such as segment.KEY, from, to, theme, q)"
                  + " changes the whole queue: say all=true to mean it"));
    }
    Change change = change(body, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("the bulk change is not valid; nothing changed", errors);
    }
    FollowupQueue.BulkResult did =
        queue.updateAll(query, change.patch(), change.by(), expected < 0 ? null : expected);
    if (!did.applied()) {
      throw new ProblemException(
          409,
          "count-changed",
          "The count changed",
          String.format(
              Locale.ROOT,
              "the filter matches %,d follow-ups now, not the %,d confirmed (expected=%d);"
                  + " nothing changed: list them again and confirm the new count",
              did.matched(),
              expected,
              expected),
          List.of());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("matched", did.matched());
    answer.put("changed", did.changed());
    ctx.json(Views.withWarnings(answer, search.segmentWarnings(query.responses())));
  }

  /** A change as {@code PATCH /followups/{id}} takes it, and who makes it. */
  private record Change(FollowupPatch patch, String by) {}

  /** Reads the body of a follow-up change, adding to {@code errors} what is wrong with it. */
  private static Change change(JsonNode body, List<FieldError> errors) {
    int before = errors.size();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!PATCH_FIELDS.contains(name)) {
        errors.add(
            new FieldError(name, "unknown field (expected status, assignee, due, note, by)"));
      }
    }
    FollowupStatus status = null;
    if (body.has("status")) {
      JsonNode s = body.get("status");
      try {
        if (!s.isTextual()) {
          throw new IllegalArgumentException();
        }
        status = FollowupStatus.parse(s.textValue());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "status", "must be open, contacted, resolved or no_action, got " + s.toString()));
      }
    }
    boolean assigneeSet = body.has("assignee");
    String assignee = text(body, "assignee", 200, errors);
    String note = text(body, "note", 5000, errors);
    String by = text(body, "by", 200, errors);
    Instant due = null;
    if (body.has("due") && !body.get("due").isNull()) {
      String d = body.get("due").asText();
      try {
        due = dev.earful.search.Filter.parse(Map.of("to", List.of(d))).to();
      } catch (InvalidRequestException e) {
        errors.add(
            new FieldError(
                "due",
                "must be a date (2024-03-31) or an ISO-8601 instant (2024-03-31T12:00:00Z), got '"
                    + d
                    + "'"));
      }
    }
    if (errors.size() == before && status == null && !assigneeSet && note == null && due == null) {
      errors.add(new FieldError("body", "give at least one of status, assignee, due, note"));
    }
    return new Change(
        new FollowupPatch(status, assigneeSet, assignee, due, note), by == null ? "anonymous" : by);
  }

  private void rules(Context ctx) {
    ctx.json(Map.of("rules", queue.rules().stream().map(this::ruleView).toList()));
  }

  private void setRules(Context ctx) {
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    JsonNode rules = body.get("rules");
    var parsed = FollowupRules.parse(rules);
    queue.setRules(parsed);
    ctx.json(Map.of("rules", queue.rules().stream().map(this::ruleView).toList()));
  }

  private static String text(JsonNode body, String field, int max, List<FieldError> errors) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    String s = n.textValue().strip();
    if (s.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
      return null;
    }
    return s.isEmpty() ? null : s;
  }

  /** A rule as FollowupRules shows it, with a warning for each theme of its filter that is gone. */
  private Map<String, Object> ruleView(FollowupRule r) {
    return Views.withWarnings(
        FollowupRules.toMap(r), Views.goneThemes("when.theme", r.filter().themeIds(), themes));
  }
}
