package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import dev.earful.http.Json;
import dev.earful.schedule.ReportSchedule;
import dev.earful.schedule.ReportSchedules;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earful report-schedules}: the report schedules of {@code GET /api/v1/report-schedules}
 * (when each runs next, how its last run went), or with {@code --runs ID} one schedule's run
 * history. On a running server with {@code --server}, else on the data folder. Schedules are made
 * with the API ({@code POST /api/v1/report-schedules}).
 */
@Command(
    name = "report-schedules",
    mixinStandardHelpOptions = true,
    description = {
      "The report schedules with their next and last run, or --runs ID for one schedule's runs.",
      "Schedules are made and deleted with POST and DELETE /api/v1/report-schedules."
    },
    modelTransformer = DataFolderSetting.class)
public final class ReportSchedulesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ServerOptions server;

  @Option(
      names = "--runs",
      paramLabel = "ID",
      description = "List the runs of this schedule, newest first.")
  String runs;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output as table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws IOException {
    if (!List.of("table", "json").contains(format)) {
      throw new CliException("--format must be table or json, got '" + format + "'", 2);
    }
    ObjectMapper mapper = Json.newMapper();
    PrintWriter out = spec.commandLine().getOut();
    String body;
    if (server.given()) {
      String path =
          runs == null
              ? "/api/v1/report-schedules"
              : "/api/v1/report-schedules/"
                  + URLEncoder.encode(runs, StandardCharsets.UTF_8)
                  + "/runs?limit=500";
      body = server.get(path, Map.of(), "application/json", Duration.ofMinutes(1));
    } else {
      AppConfig config = SettingOptions.config(spec, System.getenv());
      try (EarfulApp app =
          DataFolder.openForReading(config, "ask it", spec.commandLine().getErr())) {
        Instant now = Clock.systemUTC().instant();
        if (runs == null) {
          List<Object> views = new ArrayList<>();
          for (ReportSchedule s : app.schedules().schedules()) {
            views.add(ReportSchedules.view(s, app.schedules(), now));
          }
          body = mapper.writeValueAsString(Map.of("schedules", views));
        } else {
          if (app.schedules().schedule(runs).isEmpty()) {
            throw new CliException("no report schedule with id '" + runs + "'");
          }
          body = mapper.writeValueAsString(ReportSchedules.runs(app.schedules(), runs, 500));
        }
      }
    }
    if (format.equals("json")) {
      out.println(body);
    } else if (runs == null) {
      printSchedules(out, mapper.readTree(body));
    } else {
      printRuns(out, mapper.readTree(body));
    }
    out.flush();
    return 0;
  }

  private static void printSchedules(PrintWriter out, JsonNode doc) {
    out.printf(
        Locale.ROOT,
        "%-15s  %-5s  %-14s  %-20s  %-8s  %s%n",
        "id",
        "every",
        "formats",
        "next run",
        "last run",
        "name");
    for (JsonNode s : doc.path("schedules")) {
      List<String> formats = new ArrayList<>();
      s.path("formats").forEach(f -> formats.add(f.asText()));
      out.printf(
          Locale.ROOT,
          "%-15s  %-5s  %-14s  %-20s  %-8s  %s%n",
          s.path("id").asText(),
          s.path("every").asText(),
          String.join(",", formats),
          s.path("nextRunAt").asText(),
          s.path("lastRun").isNull() ? "-" : s.path("lastRun").path("outcome").asText(),
          s.path("name").asText());
    }
  }

  private static void printRuns(PrintWriter out, JsonNode doc) {
    out.printf(Locale.ROOT, "%d runs%n", doc.path("total").asInt());
    for (JsonNode r : doc.path("runs")) {
      List<String> where = new ArrayList<>();
      r.path("files").forEach(f -> where.add(f.path("path").asText()));
      r.path("deliveries")
          .forEach(
              d ->
                  where.add(
                      d.path("format").asText()
                          + " -> HTTP "
                          + d.path("status").asInt()
                          + " after "
                          + d.path("attempts").asInt()
                          + " attempt(s)"));
      out.printf(
          Locale.ROOT,
          "%-20s  %-8s  %s to %s  %-7s  %s%n",
          r.path("at").asText(),
          r.path("trigger").asText(),
          r.path("period").path("from").asText(),
          r.path("period").path("to").asText(),
          r.path("outcome").asText(),
          r.path("error").isNull() ? String.join("; ", where) : r.path("error").asText());
    }
  }
}
