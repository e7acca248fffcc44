package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import dev.earful.http.Json;
import dev.earful.http.Views;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.targets.Target;
import dev.earful.targets.TargetTracker;
import dev.earful.targets.Targets;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earful targets}: the targets of {@code GET /api/v1/targets} with their distance to the
 * goal over {@code --from}/{@code --to}; {@code --add} sets one ({@code --metric}, {@code --goal},
 * {@code --when}), {@code --delete ID} removes one. On a running server with {@code --server}, else
 * on the data folder.
 */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    description = {
      "The targets (a goal per metric and filter) with the distance to each goal and its 95%%"
          + " interval.",
      "With --add, sets a target; with --delete ID, removes one."
    },
    modelTransformer = DataFolderSetting.class)
public final class TargetsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ServerOptions server;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "Measure each target on responses from this date or instant on.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Measure each target on responses up to this date or instant.")
  String to;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output as table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--add", description = "Set a new target (with --metric, --goal, --when).")
  boolean add;

  @Option(
      names = "--metric",
      paramLabel = "METRIC",
      description = "With --add: the target's metric, nps, csat or ces.")
  String metric;

  @Option(
      names = "--goal",
      paramLabel = "NUMBER",
      description =
          "With --add: the goal (NPS -100 to 100, CSAT %% satisfied 0 to 100, CES mean 1 to 7).")
  String goal;

  @Option(
      names = "--when",
      paramLabel = "PARAM=VALUE",
      description =
          "With --add: a filter parameter of the target, e.g. segment.region=EU (repeatable).")
  List<String> when = new ArrayList<>();

  @Option(names = "--name", paramLabel = "TEXT", description = "With --add: the target's name.")
  String name;

  @Option(names = "--delete", paramLabel = "ID", description = "Remove the target with this id.")
  String delete;

  @Override
  public Integer call() throws IOException {
    if (!List.of("table", "json").contains(format)) {
      throw new CliException("--format must be table or json, got '" + format + "'", 2);
    }
    ObjectMapper mapper = Json.newMapper();
    PrintWriter out = spec.commandLine().getOut();
    if (add && delete != null) {
      throw new CliException("give --add or --delete, not both", 2);
    }
    if (delete != null) {
      if (server.given()) {
        server.delete(
            "/api/v1/targets/"
                + java.net.URLEncoder.encode(delete, java.nio.charset.StandardCharsets.UTF_8));
      } else {
        try (EarfulApp app = open()) {
          if (!app.targets().delete(delete)) {
            throw new CliException("no target with id '" + delete + "'");
          }
        }
      }
      out.println("deleted target " + delete);
      out.flush();
      return 0;
    }
    if (add) {
      ObjectNode body = body(mapper);
      String created;
      if (server.given()) {
        created = server.postJson("/api/v1/targets", mapper.writeValueAsString(body));
      } else {
        try (EarfulApp app = open()) {
          Target t = parse(body);
          app.targets().add(t);
          created = mapper.writeValueAsString(new TargetTracker(app.metrics()).view(t, null, null));
        }
      }
      JsonNode t = mapper.readTree(created);
      out.println("set target " + t.path("id").asText() + ": " + t.path("name").asText());
      out.flush();
      return 0;
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    FilterOptions.put(params, "from", from);
    FilterOptions.put(params, "to", to);
    Filter period;
    try {
      period = Filter.parse(params);
    } catch (InvalidRequestException e) {
      throw invalid(e);
    }
    String body;
    if (server.given()) {
      body = server.get("/api/v1/targets", params, "application/json", Duration.ofMinutes(1));
    } else {
      try (EarfulApp app = open()) {
        TargetTracker tracker = new TargetTracker(app.metrics());
        body =
            mapper.writeValueAsString(
                TargetTracker.list(
                    app.targets().all(),
                    period.from(),
                    period.to(),
                    t ->
                        Views.target(
                            tracker.view(t, period.from(), period.to()), t, app.themes())));
      }
    }
    if (format.equals("json")) {
      out.println(body);
    } else {
      printTable(out, mapper.readTree(body));
    }
    out.flush();
    return 0;
  }

  private ObjectNode body(ObjectMapper mapper) {
    ObjectNode body = mapper.createObjectNode();
    if (name != null) {
      body.put("name", name);
    }
    if (metric != null) {
      body.put("metric", metric);
    }
    if (goal != null) {
      try {
        body.put("goal", new java.math.BigDecimal(goal.strip()));
      } catch (NumberFormatException e) {
        throw new CliException("--goal must be a number, got '" + goal + "'", 2);
      }
    }
    WhenOptions.put(body, when, "segment.region=EU");
    return body;
  }

  private static Target parse(ObjectNode body) {
    try {
      return Targets.parse(
          body,
          "tg-"
              + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12),
          Clock.systemUTC().instant());
    } catch (InvalidRequestException e) {
      throw invalid(e);
    }
  }

  /** "--goal: must be within -100-100 for nps, got 140; --when segment.x: ..." */
  private static CliException invalid(InvalidRequestException e) {
    return new CliException(
        e.errors().stream()
            .map(
                x -> "--" + x.field().replace('.', ' ').replaceFirst(" ", " ") + ": " + x.message())
            .collect(Collectors.joining("; ")),
        2);
  }

  private EarfulApp open() {
    AppConfig config = SettingOptions.config(spec, System.getenv());
    return DataFolder.openForReading(config, "ask it", spec.commandLine().getErr());
  }

  private static void printTable(PrintWriter out, JsonNode doc) {
    out.printf(
        Locale.ROOT,
        "%-15s %-6s %8s %8s %10s  %-20s %-8s %s%n",
        "id",
        "metric",
        "goal",
        "value",
        "distance",
        "95% CI of distance",
        "status",
        "name");
    for (JsonNode t : doc.path("targets")) {
      JsonNode p = t.path("progress");
      JsonNode ci = p.path("distance").path("ci95");
      out.printf(
          Locale.ROOT,
          "%-15s %-6s %8s %8s %10s  %-20s %-8s %s%n",
          t.path("id").asText(),
          t.path("metric").asText(),
          t.path("goal").asText(),
          p.path("value").isNull() ? "-" : p.path("value").asText(),
          p.path("distance").path("value").isNull()
              ? "-"
              : p.path("distance").path("value").asText(),
          ci.isArray() && ci.size() == 2
              ? "[" + ci.get(0).asText() + ", " + ci.get(1).asText() + "]"
              : "",
          p.path("status").asText(),
          t.path("name").asText());
    }
  }
}
