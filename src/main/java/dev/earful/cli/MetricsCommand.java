package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.EarfulApp;
import dev.earful.http.Json;
import dev.earful.http.Views;
import dev.earful.search.Filter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * {@code earful metrics [QUERY]}: {@code GET /api/v1/metrics} from the command line: the NPS, CSAT
 * or CES of the filtered responses with their 95% intervals, on the data folder or a running
 * server, as lines of text or as the API's JSON.
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = {
      "Show the score of the filtered responses: NPS, CSAT or CES with its 95%% interval.",
      "Reads the data folder, or a running server with --server.",
      QueryOptions.HOW_TO_QUOTE
    },
    modelTransformer = DataFolderSetting.class)
public final class MetricsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin QueryOptions query;

  @Mixin FilterOptions filters;

  @Mixin ServerOptions server;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Print a table or the API's json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    JsonAnswer.checkFormat(format);
    Map<String, List<String>> params = new LinkedHashMap<>();
    query.addTo(params, spec);
    filters.addTo(params);
    ObjectMapper mapper = Json.newMapper();
    JsonNode result =
        server.given()
            ? JsonAnswer.parse(
                mapper,
                server.get("/api/v1/metrics", params, "application/json", Duration.ofSeconds(30)))
            : local(mapper, params);
    return JsonAnswer.print(spec, mapper, result, format, MetricsCommand::printTable);
  }

  private JsonNode local(ObjectMapper mapper, Map<String, List<String>> params) {
    Filter filter = Filter.parse(params);
    try (EarfulApp app =
        DataFolder.openForReading(
            SettingOptions.config(spec, System.getenv()), "ask it", spec.commandLine().getErr())) {
      return mapper.valueToTree(
          Views.withWarnings(
              Views.metrics(app.metrics().compute(filter), app.metrics()::mostUsed),
              app.search().segmentWarnings(filter)));
    }
  }

  /**
   * One line per metric present, e.g. "nps: 11 responses; promoters 4, ...; NPS -9.09 [...]"; every
   * count with thousands separators (the trial read "3,495 responses; promoters 1154").
   */
  static void printTable(PrintWriter out, JsonNode result) {
    JsonNode all = result.path("metrics");
    if (all.isEmpty()) {
      out.println("no responses match");
      return;
    }
    for (JsonNode m : all) {
      String metric = m.path("metric").asText();
      String line =
          switch (metric) {
            case "csat" ->
                String.format(
                    Locale.ROOT,
                    "csat: %,d responses; satisfied %,d, neutral %,d, dissatisfied %,d; CSAT %s%%"
                        + " satisfied %s; mean %s",
                    m.path("count").asLong(),
                    m.path("satisfied").asLong(),
                    m.path("neutral").asLong(),
                    m.path("dissatisfied").asLong(),
                    number(m.path("csat")),
                    interval(m.path("csatCi95")),
                    number(m.path("mean")));
            case "ces" ->
                String.format(
                    Locale.ROOT,
                    "ces: %,d responses; easy %,d, neutral %,d, difficult %,d; CES %s (mean) %s; %s%%"
                        + " easy",
                    m.path("count").asLong(),
                    m.path("easy").asLong(),
                    m.path("neutral").asLong(),
                    m.path("difficult").asLong(),
                    number(m.path("ces")),
                    interval(m.path("cesCi95")),
                    number(m.path("percentEasy")));
            default ->
                String.format(
                    Locale.ROOT,
                    "nps: %,d responses; promoters %,d, passives %,d, detractors %,d; NPS %s %s",
                    m.path("count").asLong(),
                    m.path("promoters").asLong(),
                    m.path("passives").asLong(),
                    m.path("detractors").asLong(),
                    number(m.path("nps")),
                    interval(m.path("npsCi95")));
          };
      out.println(line);
    }
  }

  private static String number(JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.2f", n.asDouble()) : "-";
  }

  private static String interval(JsonNode ci) {
    return ci.isArray() && ci.size() == 2
        ? String.format(
            Locale.ROOT, "[95%% CI %.2f, %.2f]", ci.get(0).asDouble(), ci.get(1).asDouble())
        : "";
  }
}
