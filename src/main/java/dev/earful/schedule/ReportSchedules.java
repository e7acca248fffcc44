package dev.earful.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earful.alert.AlertRules;
import dev.earful.alert.Webhook;
import dev.earful.report.ReviewRequest;
import dev.earful.search.FieldError;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.JsonParameters;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a report schedule from JSON ({@code POST /api/v1/report-schedules}, every problem named at
 * once) and writes it: in full for the store, with the webhook secret masked for the API.
 */
public final class ReportSchedules {

  private static final Set<String> FIELDS =
      Set.of("name", "every", "report", "formats", "folder", "webhook");

  /** Report parameters besides the filters. */
  private static final Set<String> REPORT_OPTIONS = Set.of("compareTo", "top", "minMentions");

  private ReportSchedules() {}

  /**
   * A new schedule from a request body; a relative {@code folder} is taken inside {@code dataDir}.
   *
   * @throws InvalidRequestException naming every bad field
   */
  public static ReportSchedule parse(JsonNode body, String id, Instant now, Path dataDir) {
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        errors.add(
            new FieldError(
                field, "unknown field (expected name, every, report, formats, folder, webhook)"));
      }
    }
    String name = body.path("name").isTextual() ? body.path("name").textValue().strip() : "";
    if (name.isEmpty() || name.length() > 200) {
      errors.add(new FieldError("name", "is required, at most 200 characters"));
    }
    Every every = null;
    if (!body.path("every").isTextual()) {
      errors.add(new FieldError("every", "is required: week or month"));
    } else {
      try {
        every = Every.parse(body.path("every").textValue());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "every", "must be week or month, got '" + body.path("every").textValue() + "'"));
      }
    }
    Map<String, List<String>> report = report(body.path("report"), errors);
    List<ReviewRequest.Format> formats = formats(body.path("formats"), errors);
    String folder = null;
    String folderAsGiven = null;
    JsonNode f = body.path("folder");
    if (!f.isMissingNode() && !f.isNull()) {
      if (!f.isTextual() || f.textValue().isBlank()) {
        errors.add(new FieldError("folder", "must be a folder path"));
      } else {
        try {
          Path given = Path.of(f.textValue().strip()).normalize();
          folder = dataDir.resolve(given).toAbsolutePath().normalize().toString();
          // Kept relative: stored as an absolute path, a folder restored or moved elsewhere went
          // on writing its reports to the old place.
          folderAsGiven = given.isAbsolute() ? folder : given.toString();
        } catch (InvalidPathException e) {
          errors.add(new FieldError("folder", "is not a valid path: '" + f.textValue() + "'"));
        }
      }
    }
    Webhook webhook = null;
    JsonNode w = body.path("webhook");
    if (!w.isMissingNode() && !w.isNull()) {
      webhook = AlertRules.webhook(w, errors);
    }
    if ((f.isMissingNode() || f.isNull()) && (w.isMissingNode() || w.isNull())) {
      errors.add(
          new FieldError("folder", "give a folder, a webhook or both: where the report goes"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new ReportSchedule(
        id, name, every, report, formats, folder, folderAsGiven, webhook, now);
  }

  private static Map<String, List<String>> report(JsonNode r, List<FieldError> errors) {
    Map<String, List<String>> params =
        JsonParameters.read(
            r,
            "report",
            "report parameters",
            key -> {
              if (key.equals("from") || key.equals("to") || key.equals("format")) {
                return "is set by the schedule (the period is the week or month that ended; the"
                    + " formats are formats)";
              }
              return JsonParameters.isFilterParameter(key) || REPORT_OPTIONS.contains(key)
                  ? null
                  : "is not a report parameter";
            },
            errors);
    try {
      ReviewRequest.parse(params);
    } catch (InvalidRequestException e) {
      errors.addAll(JsonParameters.under("report", e.errors()));
    }
    return params;
  }

  private static List<ReviewRequest.Format> formats(JsonNode f, List<FieldError> errors) {
    if (f.isMissingNode() || f.isNull()) {
      return List.of(ReviewRequest.Format.PDF);
    }
    List<ReviewRequest.Format> out = new ArrayList<>();
    if (!f.isArray() || f.isEmpty()) {
      errors.add(new FieldError("formats", "must be a list of pdf, html, json"));
      return out;
    }
    for (JsonNode v : f) {
      try {
        ReviewRequest.Format format =
            ReviewRequest.Format.valueOf(v.asText().toUpperCase(java.util.Locale.ROOT));
        if (!out.contains(format)) {
          out.add(format);
        }
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError("formats", "must be pdf, html or json, got '" + v.asText() + "'"));
      }
    }
    return out;
  }

  /** The schedule for the API: the webhook's secret is never shown. */
  public static Map<String, Object> toView(ReportSchedule s) {
    Map<String, Object> m = toStored(s);
    m.put("folder", s.folder()); // where the files go now
    @SuppressWarnings("unchecked")
    Map<String, Object> hook = (Map<String, Object>) m.get("webhook");
    if (hook != null) {
      hook.put("secret", "****");
    }
    return m;
  }

  /** The schedule for the API with its latest run and when the next one is due. */
  public static Map<String, Object> view(ReportSchedule s, ScheduleStore store, Instant now) {
    Map<String, Object> m = toView(s);
    Every.Period last = s.every().lastCompleted(now);
    boolean due = s.covers(last) && !store.hasRun(s.id(), last.from());
    m.put("nextRunAt", (due ? last.end() : s.every().nextEnd(now)).toString());
    List<ScheduleRun> runs = store.runs(s.id());
    m.put("lastRun", runs.isEmpty() ? null : runs.getFirst().toMap());
    return m;
  }

  /** The runs of a schedule for the API, newest first: {@code {total, runs}}. */
  public static Map<String, Object> runs(ScheduleStore store, String scheduleId, int limit) {
    List<ScheduleRun> all = store.runs(scheduleId);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", all.size());
    m.put(
        "runs",
        all.subList(0, Math.min(limit, all.size())).stream().map(ScheduleRun::toMap).toList());
    return m;
  }

  /** The schedule in full, for the store. */
  static Map<String, Object> toStored(ReportSchedule s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("every", s.every().wireName());
    m.put("report", JsonParameters.view(s.report()));
    m.put("formats", s.formats().stream().map(ReviewRequest.Format::wireName).toList());
    m.put("folder", s.folderAsGiven());
    if (s.webhook() == null) {
      m.put("webhook", null);
    } else {
      Map<String, Object> hook = new LinkedHashMap<>();
      hook.put("url", s.webhook().url().toString());
      hook.put("secret", s.webhook().secret());
      hook.put("maxAttempts", s.webhook().maxAttempts());
      hook.put("backoffMillis", s.webhook().backoffMillis());
      m.put("webhook", hook);
    }
    m.put("createdAt", s.createdAt().toString());
    return m;
  }

  /** A schedule as the store holds it (written by {@link #toStored}, so valid). */
  static ReportSchedule fromStored(JsonNode n, Path dataDir) {
    ObjectNode body = n.deepCopy();
    String id = body.path("id").asText();
    Instant created = Instant.parse(body.path("createdAt").asText());
    body.remove("id");
    body.remove("createdAt");
    return parse(body, id, created, dataDir);
  }
}
