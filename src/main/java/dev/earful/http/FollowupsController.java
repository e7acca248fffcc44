package dev.earful.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.followup.Followup;
import dev.earful.followup.FollowupDocuments;
import dev.earful.followup.FollowupKind;
import dev.earful.followup.FollowupPatch;
import dev.earful.followup.FollowupQueue;
import dev.earful.followup.FollowupRules;
import dev.earful.followup.FollowupStatus;
import dev.earful.search.FieldError;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The follow-up queue: {@code GET /api/v1/followups} (filters {@code status}, {@code kind}, {@code
 * assignee}, {@code account}, {@code customer}, {@code overdue}; overdue first; {@code limit},
 * {@code cursor}; CSV with {@code Accept: text/csv} or {@code format=csv}), {@code GET/PATCH
 * /api/v1/followups/{id}}, and the rules that open them, {@code GET/PUT /api/v1/followup-rules}.
 */
public final class FollowupsController implements Controller {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final Set<String> PATCH_FIELDS = Set.of("status", "assignee", "due", "note", "by");
  private static final Set<String> QUERY =
      Set.of(
          "status",
          "kind",
          "assignee",
          "account",
          "customer",
          "overdue",
          "limit",
          "cursor",
          "format");

  private final FollowupQueue queue;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;

  public FollowupsController(FollowupQueue queue, ObjectMapper mapper, long maxBodyBytes) {
    this.queue = queue;
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/followups", this::list);
    config.routes.get("/api/v1/followups/{id}", this::get);
    config.routes.patch("/api/v1/followups/{id}", this::patch);
    config.routes.get("/api/v1/followup-rules", this::rules);
    config.routes.put("/api/v1/followup-rules", this::setRules);
  }

  private void list(Context ctx) {
    Map<String, List<String>> params = ctx.queryParamMap();
    List<FieldError> errors = new ArrayList<>();
    Predicate<Followup> keep = f -> true;
    Set<FollowupStatus> statuses = EnumSet.noneOf(FollowupStatus.class);
    for (String s : values(params, "status")) {
      try {
        statuses.add(FollowupStatus.parse(s));
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "status", "must be open, contacted, resolved or no_action, got '" + s + "'"));
      }
    }
    if (!statuses.isEmpty()) {
      keep = keep.and(f -> statuses.contains(f.status()));
    }
    Set<FollowupKind> kinds = EnumSet.noneOf(FollowupKind.class);
    for (String s : values(params, "kind")) {
      try {
        kinds.add(FollowupKind.parse(s));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("kind", "must be recover or advocate, got '" + s + "'"));
      }
    }
    if (!kinds.isEmpty()) {
      keep = keep.and(f -> kinds.contains(f.kind()));
    }
    List<String> assignees = values(params, "assignee");
    if (!assignees.isEmpty()) {
      keep = keep.and(f -> assignees.contains(f.assignee() == null ? "" : f.assignee()));
    }
    List<String> accounts = values(params, "account");
    if (!accounts.isEmpty()) {
      keep = keep.and(f -> f.account() != null && accounts.contains(f.account()));
    }
    List<String> customers = values(params, "customer");
    if (!customers.isEmpty()) {
      keep = keep.and(f -> f.customer() != null && customers.contains(f.customer()));
    }
    Instant now = queue.now();
    List<String> overdue = values(params, "overdue");
    if (!overdue.isEmpty()) {
      String o = overdue.get(0);
      if (!o.equals("true") && !o.equals("false")) {
        errors.add(new FieldError("overdue", "must be true or false, got '" + o + "'"));
      } else {
        boolean want = o.equals("true");
        keep = keep.and(f -> f.overdueAt(now) == want);
      }
    }
    for (String name : params.keySet()) {
      if (!QUERY.contains(name)) {
        errors.add(
            new FieldError(
                name,
                "unknown parameter (expected status, kind, assignee, account, customer, overdue,"
                    + " limit, cursor, format)"));
      }
    }
    int limit = DEFAULT_LIMIT;
    List<String> l = values(params, "limit");
    if (!l.isEmpty()) {
      try {
        limit = Integer.parseInt(l.get(0));
        if (limit < 1 || limit > MAX_LIMIT) {
          errors.add(new FieldError("limit", "must be within 1-" + MAX_LIMIT + ", got " + limit));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a whole number, got '" + l.get(0) + "'"));
      }
    }
    int offset = 0;
    List<String> c = values(params, "cursor");
    if (!c.isEmpty()) {
      Integer decoded = decodeCursor(c.get(0));
      if (decoded == null) {
        errors.add(new FieldError("cursor", "is not a cursor of this list"));
      } else {
        offset = decoded;
      }
    }
    boolean csv =
        ImpactController.wantsCsv(ctx.header("Accept")) || values(params, "format").contains("csv");
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("one or more parameters are not valid; see errors", errors);
    }
    List<Followup> all = queue.all().stream().filter(keep).toList();
    if (csv) {
      ctx.header("Content-Disposition", "attachment; filename=\"followups.csv\"");
      ctx.contentType(ImpactController.CSV + "; charset=utf-8")
          .result(FollowupDocuments.csv(all, now));
      return;
    }
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + limit);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", all.size());
    m.put("overdue", all.stream().filter(f -> f.overdueAt(now)).count());
    m.put(
        "followups",
        all.subList(from, to).stream().map(f -> FollowupDocuments.view(f, now)).toList());
    m.put("nextCursor", to < all.size() ? cursor(to) : null);
    ctx.json(m);
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
    if (queue.get(id).isEmpty()) {
      throw ProblemException.notFound("no follow-up with this id");
    }
    JsonNode body = object(ctx);
    List<FieldError> errors = new ArrayList<>();
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
      List<FieldError> timeErrors = new ArrayList<>();
      try {
        due = dev.earful.search.Filter.parse(Map.of("to", List.of(d))).to();
      } catch (dev.earful.search.InvalidRequestException e) {
        timeErrors.add(
            new FieldError(
                "due",
                "must be a date (2024-03-31) or an ISO-8601 instant (2024-03-31T12:00:00Z), got '"
                    + d
                    + "'"));
      }
      errors.addAll(timeErrors);
    }
    if (errors.isEmpty() && status == null && !assigneeSet && note == null && due == null) {
      errors.add(new FieldError("body", "give at least one of status, assignee, due, note"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("the change is not valid; see errors", errors);
    }
    if (by == null) {
      by = "anonymous";
    }
    Followup f =
        queue
            .update(id, new FollowupPatch(status, assigneeSet, assignee, due, note), by)
            .orElseThrow(() -> ProblemException.notFound("no follow-up with this id"));
    ctx.json(FollowupDocuments.view(f, queue.now()));
  }

  private void rules(Context ctx) {
    ctx.json(Map.of("rules", queue.rules().stream().map(FollowupRules::toMap).toList()));
  }

  private void setRules(Context ctx) {
    JsonNode body = object(ctx);
    JsonNode rules = body.get("rules");
    var parsed = FollowupRules.parse(rules);
    queue.setRules(parsed);
    ctx.json(Map.of("rules", queue.rules().stream().map(FollowupRules::toMap).toList()));
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

  private JsonNode object(Context ctx) {
    byte[] bytes = RequestBodies.read(ctx, maxBodyBytes);
    JsonNode body;
    try {
      body = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ProblemException.malformedBody(
          "the body is not valid JSON (line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw ProblemException.malformedBody("the body could not be read");
    }
    if (body == null || !body.isObject()) {
      throw ProblemException.malformedBody("the body must be a JSON object");
    }
    return body;
  }

  private static List<String> values(Map<String, List<String>> params, String name) {
    List<String> out = new ArrayList<>();
    // status and kind take "a,b"; an account or a customer may contain a comma itself
    boolean split = name.equals("status") || name.equals("kind");
    for (String v : params.getOrDefault(name, List.of())) {
      for (String part : split ? v.split(",") : new String[] {v}) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  static String cursor(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("followups:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static Integer decodeCursor(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!s.startsWith("followups:")) {
        return null;
      }
      int offset = Integer.parseInt(s.substring("followups:".length()));
      return offset >= 0 ? offset : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
