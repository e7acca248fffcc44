package dev.earful.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One run of a schedule: when it ran and why, the period its report covers, what was written and
 * delivered.
 *
 * @param trigger "schedule" (the period had just ended) or "startup" (the period ended while the
 *     server was down, so it ran once when the server started)
 * @param outcome "ok" (every file written and every delivery answered 2xx), "partial" or "failed"
 *     (nothing reached its destination)
 * @param error why the report itself could not be made, or null
 */
public record ScheduleRun(
    String id,
    String scheduleId,
    Instant at,
    String trigger,
    LocalDate from,
    LocalDate to,
    String outcome,
    List<FileWritten> files,
    List<Delivery> deliveries,
    String error) {

  /** A file written: its format, absolute path and size, or why it could not be written. */
  public record FileWritten(String format, String path, long bytes, String error) {}

  /**
   * One format POSTed to the webhook.
   *
   * @param status the HTTP status of the last attempt (0: no answer)
   * @param attempts the attempts made (retried with the webhook's backoff until 2xx or maxAttempts)
   */
  public record Delivery(
      String format, String url, int status, int attempts, boolean delivered, String error) {}

  /** This run with each file's path passed through {@code path} (see {@link ScheduleStore}). */
  ScheduleRun withFilePaths(UnaryOperator<String> path) {
    List<FileWritten> moved = new ArrayList<>();
    for (FileWritten f : files) {
      moved.add(
          new FileWritten(
              f.format(), f.path() == null ? null : path.apply(f.path()), f.bytes(), f.error()));
    }
    return new ScheduleRun(
        id, scheduleId, at, trigger, from, to, outcome, moved, deliveries, error);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("scheduleId", scheduleId);
    m.put("at", at.toString());
    m.put("trigger", trigger);
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("from", from.toString());
    period.put("to", to.toString());
    m.put("period", period);
    m.put("outcome", outcome);
    List<Map<String, Object>> fs = new ArrayList<>();
    for (FileWritten f : files) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("format", f.format());
      x.put("path", f.path());
      x.put("bytes", f.bytes());
      x.put("error", f.error());
      fs.add(x);
    }
    m.put("files", fs);
    List<Map<String, Object>> ds = new ArrayList<>();
    for (Delivery d : deliveries) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("format", d.format());
      x.put("url", d.url());
      x.put("status", d.status());
      x.put("attempts", d.attempts());
      x.put("delivered", d.delivered());
      x.put("error", d.error());
      ds.add(x);
    }
    m.put("deliveries", ds);
    m.put("error", error);
    return m;
  }

  static ScheduleRun fromJson(JsonNode n) {
    List<FileWritten> files = new ArrayList<>();
    for (JsonNode f : n.path("files")) {
      files.add(
          new FileWritten(
              f.path("format").asText(),
              f.path("path").asText(),
              f.path("bytes").asLong(),
              text(f.path("error"))));
    }
    List<Delivery> deliveries = new ArrayList<>();
    for (JsonNode d : n.path("deliveries")) {
      deliveries.add(
          new Delivery(
              d.path("format").asText(),
              d.path("url").asText(),
              d.path("status").asInt(),
              d.path("attempts").asInt(),
              d.path("delivered").asBoolean(),
              text(d.path("error"))));
    }
    return new ScheduleRun(
        n.path("id").asText(),
        n.path("scheduleId").asText(),
        Instant.parse(n.path("at").asText()),
        n.path("trigger").asText(),
        LocalDate.parse(n.path("period").path("from").asText()),
        LocalDate.parse(n.path("period").path("to").asText()),
        n.path("outcome").asText(),
        files,
        deliveries,
        text(n.path("error")));
  }

  private static String text(JsonNode n) {
    return n.isTextual() ? n.textValue() : null;
  }
}
