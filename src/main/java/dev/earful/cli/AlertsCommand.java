package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earful.EarfulApp;
import dev.earful.alert.AlertDocuments;
import dev.earful.alert.AlertEvaluator;
import dev.earful.alert.AlertRule;
import dev.earful.alert.AlertRules;
import dev.earful.alert.AlertStore;
import dev.earful.http.Json;
import dev.earful.http.Views;
import dev.earful.report.ReportNumbers;
import dev.earful.search.InvalidRequestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earful alerts}: the alert rules of {@code GET /api/v1/alert-rules}, each metric drop with
 * its last evaluation, then the alerts raised ({@code GET /api/v1/alerts}, newest first, with their
 * delivery); {@code --add} creates a rule as {@code POST /api/v1/alert-rules} does, {@code --delete
 * ID} removes one. On a running server with {@code --server}, else on the data folder. A webhook's
 * secret is read from a file or the environment, never from an option's value (which {@code ps} and
 * the shell's history would show).
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = {
      "The alert rules (a metric drop with its last evaluation: the two values compared, p, and why"
          + " it fired or not), then the alerts raised, newest first.",
      "With --add, creates a rule; with --delete ID, removes one."
    },
    modelTransformer = DataFolderSetting.class)
public final class AlertsCommand implements Callable<Integer> {

  static final String SECRET_ENV = "EARFUL_WEBHOOK_SECRET";

  @Spec CommandSpec spec;

  @Mixin ServerOptions server;

  @Mixin PageCursor page;

  @Option(names = "--rule", paramLabel = "ID", description = "Only this rule and its alerts.")
  String rule;

  @Option(
      names = "--delivery",
      paramLabel = "STATUS",
      description = "Only the alerts whose delivery is pending, delivered, failed or none.")
  String delivery;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "List at most N alerts, 1 to 500 (default: ${DEFAULT-VALUE}).")
  String limit;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output as table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--add", description = "Create a rule (with --name, --type and its settings).")
  boolean add;

  @Option(names = "--name", paramLabel = "TEXT", description = "With --add: the rule's name.")
  String name;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "With --add: new_response, metric_drop or emerging_theme.")
  String type;

  @Option(
      names = "--when",
      paramLabel = "PARAM=VALUE",
      description =
          "With --add: a filter parameter of the rule, e.g. category=detractor (repeatable).")
  List<String> when = new ArrayList<>();

  @Option(
      names = "--min-drop",
      paramLabel = "POINTS",
      description = "With --add, a metric drop: the fall it needs, in points (default 5).")
  String minDrop;

  @Option(
      names = "--window-days",
      paramLabel = "DAYS",
      description = "With --add, a metric drop: the days compared (default 7).")
  String windowDays;

  @Option(
      names = "--baseline-days",
      paramLabel = "DAYS",
      description = "With --add, a metric drop: the days before them compared with (default 28).")
  String baselineDays;

  @Option(
      names = "--min-responses",
      paramLabel = "N",
      description =
          "With --add, a metric drop or an emerging theme: the responses each side needs (default"
              + " 30).")
  String minResponses;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      description =
          "With --add, a metric drop or an emerging theme: the p (q) value to be below (default"
              + " 0.05).")
  String alpha;

  @Option(
      names = "--max-age-days",
      paramLabel = "DAYS",
      description =
          "With --add, a new response: skip responses submitted more than DAYS before the import,"
              + " or any for every age (default 30).")
  String maxAgeDays;

  @Option(
      names = "--webhook-url",
      paramLabel = "URL",
      description =
          "With --add: post each alert to this URL, signed with the secret of"
              + " --webhook-secret-file or $"
              + SECRET_ENV
              + " (without it, alerts are only listed).")
  String webhookUrl;

  @Option(
      names = "--webhook-secret-file",
      paramLabel = "FILE",
      description =
          "With --webhook-url: a file whose first line is the secret (16-512 characters).")
  Path webhookSecretFile;

  @Option(
      names = "--webhook-max-attempts",
      paramLabel = "N",
      description = "With --webhook-url: attempts before a delivery is marked failed (default 10).")
  String webhookMaxAttempts;

  @Option(
      names = "--webhook-backoff-millis",
      paramLabel = "MS",
      description =
          "With --webhook-url: the wait before the first retry, doubled after each (default 2000).")
  String webhookBackoffMillis;

  @Option(names = "--delete", paramLabel = "ID", description = "Remove the rule with this id.")
  String delete;

  @Override
  public Integer call() throws IOException {
    JsonAnswer.checkFormat(format);
    ObjectMapper mapper = Json.newMapper();
    PrintWriter out = spec.commandLine().getOut();
    if (add && delete != null) {
      throw new CliException("give --add or --delete, not both", 2);
    }
    if (delete != null) {
      refuseRuleOptions("--delete");
      return delete(out);
    }
    if (add) {
      return add(mapper, out);
    }
    refuseRuleOptions("listing");
    return list(mapper, out);
  }

  // ---------------------------------------------------------------- list

  private int list(ObjectMapper mapper, PrintWriter out) throws IOException {
    JsonNode rules;
    JsonNode alerts;
    if (server.given()) {
      rules =
          JsonAnswer.parse(
              mapper,
              server.get(
                  "/api/v1/alert-rules", Map.of(), "application/json", Duration.ofMinutes(1)));
      Map<String, List<String>> params = new LinkedHashMap<>();
      FilterOptions.put(params, "ruleId", rule);
      FilterOptions.put(params, "delivery", delivery);
      FilterOptions.put(params, "limit", limit);
      page.addTo(params);
      alerts =
          JsonAnswer.parse(
              mapper,
              server.get("/api/v1/alerts", params, "application/json", Duration.ofMinutes(1)));
    } else {
      try (EarfulApp app =
          DataFolder.openForReading(
              SettingOptions.config(spec, System.getenv()),
              "ask it",
              spec.commandLine().getErr())) {
        AlertStore store = app.alerts();
        rules =
            mapper.valueToTree(
                Map.of(
                    "rules",
                    store.rules().stream()
                        .map(r -> Views.alertRule(r, store, app.themes()))
                        .toList()));
        try {
          alerts =
              mapper.valueToTree(
                  AlertDocuments.alerts(store, rule, delivery, limit, page.cursor, mapper));
        } catch (InvalidRequestException e) {
          throw new CliException(CliErrors.describe(e), 2);
        }
      }
    }
    ArrayNode shown = mapper.createArrayNode();
    for (JsonNode r : rules.path("rules")) {
      if (rule == null || r.path("id").asText().equals(rule)) {
        shown.add(r);
      }
    }
    if (format.equals("json")) {
      ObjectNode doc = mapper.createObjectNode();
      doc.set("rules", shown);
      doc.set("total", alerts.path("total"));
      doc.set("alerts", alerts.path("alerts"));
      doc.set("nextCursor", alerts.path("nextCursor"));
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } else {
      printRules(out, shown, rule != null);
      out.println();
      printAlerts(out, alerts, shown, page.cursor != null);
      PageCursor.printNextPage(out, alerts);
    }
    out.flush();
    return 0;
  }

  private static void printRules(PrintWriter out, JsonNode rules, boolean oneRule) {
    if (rules.isEmpty()) {
      out.println(
          oneRule
              ? "No alert rule with this id (deleted?); its alerts, if any, follow."
              : "No alert rules: add one with earful alerts --add (see --help).");
      return;
    }
    out.printf(Locale.ROOT, "%s%n", count(rules.size(), "alert rule", "alert rules"));
    // A longer name or filter widens its column, so the webhook column stays one column (a filter
    // of two fields pushed it out of line).
    int nameWidth = 24;
    int filterWidth = 32;
    for (JsonNode r : rules) {
      nameWidth = Math.max(nameWidth, r.path("name").asText().length());
      filterWidth = Math.max(filterWidth, filterText(r.path("when")).length());
    }
    String row = "%-15s  %-14s  %-" + nameWidth + "s  %-" + filterWidth + "s  %s%n";
    out.printf(Locale.ROOT, row, "id", "type", "name", "filter", "webhook");
    for (JsonNode r : rules) {
      JsonNode hook = r.path("webhook");
      out.printf(
          Locale.ROOT,
          row,
          r.path("id").asText(),
          r.path("type").asText(),
          r.path("name").asText(),
          filterText(r.path("when")),
          hook.isObject() ? hook.path("url").asText() : "none (alerts listed only)");
      out.println("  " + raisesWhen(r));
      if (r.has("lastEvaluation")) {
        JsonNode e = r.path("lastEvaluation");
        if (e.isNull()) {
          out.println(
              "  last evaluation: not yet (evaluated after each import and, in a server, every 15"
                  + " minutes)");
        } else if (r.path("type").asText().equals("emerging_theme")) {
          // The reason names the two weeks compared; then each theme found emerging.
          out.println(
              "  last evaluation "
                  + minute(e.path("at").asText())
                  + ": "
                  + e.path("outcome").asText().replace('_', ' '));
          out.println("    " + e.path("reason").asText());
          for (JsonNode t : e.path("emerging")) {
            out.printf(
                Locale.ROOT,
                "    %s: %,d -> %,d mentions, %s%s%n",
                t.path("name").asText(),
                t.path("previousMentions").asLong(),
                t.path("mentions").asLong(),
                t.path("qValue").isNumber()
                    ? AlertEvaluator.pText(t.path("qValue").asDouble()).replace("p ", "q ")
                    : "q not computed",
                t.path("alertId").isTextual() ? " (alert " + t.path("alertId").asText() + ")" : "");
          }
        } else {
          out.println(
              "  last evaluation "
                  + minute(e.path("at").asText())
                  + ": "
                  + e.path("outcome").asText().replace('_', ' ')
                  + "; "
                  + compared(r, e));
          out.println("    " + e.path("reason").asText());
        }
      }
    }
  }

  /** What raises the rule's alerts, in its own settings (as the page says it). */
  private static String raisesWhen(JsonNode r) {
    return switch (r.path("type").asText()) {
      case "metric_drop" ->
          String.format(
              Locale.ROOT,
              "raises when the metric falls more than %s points, last %d days against the %d"
                  + " before, p < %s, at least %d responses each side",
              plain(r.path("minDrop")),
              r.path("windowDays").asInt(),
              r.path("baselineDays").asInt(),
              plain(r.path("alpha")),
              r.path("minResponses").asInt());
      case "emerging_theme" ->
          String.format(
              Locale.ROOT,
              "raises when a theme's share rises week on week, q < %s, at least %d responses a"
                  + " week",
              plain(r.path("alpha")),
              r.path("minResponses").asInt());
      default ->
          "raises on each new matching response "
              + (r.path("maxAgeDays").isNumber()
                  ? "submitted within " + r.path("maxAgeDays").asInt() + " days"
                  : "of any age")
              + ", one alert per import batch";
    };
  }

  /** "NPS -15.00 (80 responses, last 7 days) vs 75.00 (40, 28 days before), p < 0.001". */
  private static String compared(JsonNode r, JsonNode e) {
    String metric = e.path("metric").asText();
    JsonNode p = e.path("pValue");
    return String.format(
        Locale.ROOT,
        "%s %s (%,d responses, last %d days) vs %s (%,d, %d days before), %s",
        metric.toUpperCase(Locale.ROOT),
        value(e.path("window").path("value")),
        e.path("window").path("responses").asLong(),
        r.path("windowDays").asInt(),
        value(e.path("baseline").path("value")),
        e.path("baseline").path("responses").asLong(),
        r.path("baselineDays").asInt(),
        p.isNumber() ? AlertEvaluator.pText(p.asDouble()) : "not tested");
  }

  /** A compared value with the decimals of a score in every metric, as the alert's reason has. */
  private static String value(JsonNode v) {
    if (!v.isNumber()) {
      return "-";
    }
    return ReportNumbers.score(v.asDouble());
  }

  private static void printAlerts(
      PrintWriter out, JsonNode alerts, JsonNode rules, boolean laterPage) {
    long total = alerts.path("total").asLong();
    int listed = alerts.path("alerts").size();
    out.printf(
        Locale.ROOT,
        "%s%s%n",
        count(total, "alert raised", "alerts raised"),
        total == 0
            ? ""
            : laterPage
                ? String.format(Locale.ROOT, ", newest first; %,d after --cursor", listed)
                : listed < total
                    ? String.format(Locale.ROOT, ", newest first; the %,d newest (--limit)", listed)
                    : ", newest first");
    if (listed == 0) {
      return;
    }
    Map<String, String> names = new TreeMap<>();
    rules.forEach(r -> names.put(r.path("id").asText(), r.path("name").asText()));
    out.printf(
        Locale.ROOT,
        "%-16s  %-15s  %-10s  %-20s  %s%n",
        "raised",
        "id",
        "delivery",
        "rule",
        "title");
    for (JsonNode a : alerts.path("alerts")) {
      JsonNode attempts = a.path("attempts");
      String d = a.path("delivery").asText();
      out.printf(
          Locale.ROOT,
          "%-16s  %-15s  %-10s  %-20s  %s%n",
          minute(a.path("raisedAt").asText()),
          a.path("id").asText(),
          d.equals("none") ? "not sent" : d,
          cut(names.getOrDefault(a.path("ruleId").asText(), a.path("ruleId").asText()), 20),
          a.path("title").asText());
      if (!d.equals("none") && !d.equals("delivered") && !attempts.isEmpty()) {
        JsonNode last = attempts.get(attempts.size() - 1);
        out.println(
            "  "
                + count(attempts.size(), "attempt", "attempts")
                + ", last "
                + minute(last.path("at").asText())
                + ": "
                + (last.path("status").asInt() == 0
                    ? "no answer"
                    : "HTTP " + last.path("status").asInt())
                + (last.path("error").isNull() ? "" : " (" + last.path("error").asText() + ")")
                + (a.path("nextAttemptAt").isNull()
                    ? ""
                    : "; next at " + minute(a.path("nextAttemptAt").asText())));
      }
    }
  }

  // ---------------------------------------------------------------- add and delete

  private int add(ObjectMapper mapper, PrintWriter out) throws IOException {
    ObjectNode body = body(mapper);
    String created;
    if (server.given()) {
      created = server.postJson("/api/v1/alert-rules", mapper.writeValueAsString(body));
    } else {
      try (EarfulApp app = open()) {
        AlertRule r;
        try {
          r = AlertRules.parse(body, AlertRules.newId(), Clock.systemUTC().instant());
        } catch (InvalidRequestException e) {
          throw new CliException(CliErrors.describe(e), 2);
        }
        app.alerts().addRule(r);
        created = mapper.writeValueAsString(AlertRules.toView(r, app.alerts()));
      }
    }
    JsonNode r = mapper.readTree(created);
    out.println(
        "added alert rule "
            + r.path("id").asText()
            + ": "
            + r.path("name").asText()
            + " ("
            + r.path("type").asText()
            + (r.path("webhook").isObject()
                ? ", posted to " + r.path("webhook").path("url").asText()
                : ", alerts listed only")
            + ")");
    out.flush();
    return 0;
  }

  private int delete(PrintWriter out) {
    if (server.given()) {
      server.delete("/api/v1/alert-rules/" + URLEncoder.encode(delete, StandardCharsets.UTF_8));
    } else {
      try (EarfulApp app = open()) {
        if (!app.alerts().deleteRule(delete)) {
          throw new CliException("no alert rule with id '" + delete + "'");
        }
      }
    }
    out.println("deleted alert rule " + delete + " (its alerts stay listed)");
    out.flush();
    return 0;
  }

  /** The request body of {@code POST /api/v1/alert-rules} the options describe. */
  private ObjectNode body(ObjectMapper mapper) {
    ObjectNode body = mapper.createObjectNode();
    if (name != null) {
      body.put("name", name);
    }
    if (type != null) {
      body.put("type", type);
    }
    WhenOptions.put(body, when, "category=detractor");
    number(body, "minDrop", "--min-drop", minDrop);
    number(body, "windowDays", "--window-days", windowDays);
    number(body, "baselineDays", "--baseline-days", baselineDays);
    number(body, "minResponses", "--min-responses", minResponses);
    number(body, "alpha", "--alpha", alpha);
    if (maxAgeDays != null && maxAgeDays.strip().equalsIgnoreCase("any")) {
      body.putNull("maxAgeDays");
    } else {
      number(body, "maxAgeDays", "--max-age-days", maxAgeDays);
    }
    if (webhookUrl != null) {
      ObjectNode hook = body.putObject("webhook");
      hook.put("url", webhookUrl);
      String secret = secret();
      if (secret != null) {
        hook.put("secret", secret);
      }
      number(hook, "maxAttempts", "--webhook-max-attempts", webhookMaxAttempts);
      number(hook, "backoffMillis", "--webhook-backoff-millis", webhookBackoffMillis);
    } else if (webhookSecretFile != null
        || webhookMaxAttempts != null
        || webhookBackoffMillis != null) {
      throw new CliException(
          "--webhook-secret-file, --webhook-max-attempts and --webhook-backoff-millis go with"
              + " --webhook-url",
          2);
    }
    return body;
  }

  /** The secret: the first line of --webhook-secret-file, else $EARFUL_WEBHOOK_SECRET. */
  private String secret() {
    if (webhookSecretFile != null) {
      try (var lines = Files.lines(webhookSecretFile, StandardCharsets.UTF_8)) {
        return lines.findFirst().map(String::strip).orElse("");
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new CliException(
            "--webhook-secret-file: cannot read " + webhookSecretFile + " (" + e.getMessage() + ")",
            2);
      }
    }
    String env = System.getenv(SECRET_ENV);
    return env == null || env.isBlank() ? null : env.strip();
  }

  /** A number option as a JSON number (the service checks its range); refused when not one. */
  private static void number(ObjectNode body, String field, String option, String text) {
    if (text == null) {
      return;
    }
    try {
      body.put(field, new java.math.BigDecimal(text.strip()));
    } catch (NumberFormatException e) {
      throw new CliException(option + " must be a number, got '" + text + "'", 2);
    }
  }

  /**
   * The options that describe a new rule, given without --add (or with --delete), would be ignored
   * and the command would end as if it had done what was asked: refused instead.
   */
  private void refuseRuleOptions(String doing) {
    List<String> given = new ArrayList<>();
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("--name", name);
    options.put("--type", type);
    options.put("--when", when.isEmpty() ? null : when);
    options.put("--min-drop", minDrop);
    options.put("--window-days", windowDays);
    options.put("--baseline-days", baselineDays);
    options.put("--min-responses", minResponses);
    options.put("--alpha", alpha);
    options.put("--max-age-days", maxAgeDays);
    options.put("--webhook-url", webhookUrl);
    options.put("--webhook-secret-file", webhookSecretFile);
    options.put("--webhook-max-attempts", webhookMaxAttempts);
    options.put("--webhook-backoff-millis", webhookBackoffMillis);
    options.forEach(
        (option, value) -> {
          if (value != null) {
            given.add(option);
          }
        });
    if (!given.isEmpty()) {
      throw new CliException(
          String.join(", ", given)
              + (given.size() == 1
                  ? " describes a new rule and goes only with --add; "
                  : " describe a new rule and go only with --add; ")
              + (doing.equals("listing")
                  ? "without it, earful alerts lists the rules and changes nothing"
                  : "--delete removes a rule and takes none of them"),
          2);
    }
  }

  /**
   * Opens an existing data folder: a mistyped {@code --data} exits 1 instead of creating a folder
   * that no server reads and adding the rule there.
   */
  private EarfulApp open() {
    return DataFolder.openForReading(
        SettingOptions.config(spec, System.getenv()), "ask it", spec.commandLine().getErr());
  }

  /**
   * "account=Acme&category=detractor", as the page writes a rule's filter; "every response" for
   * none.
   */
  static String filterText(JsonNode when) {
    List<String> parts = new ArrayList<>();
    when.properties()
        .forEach(
            e -> {
              if (e.getValue().isArray()) {
                e.getValue().forEach(v -> parts.add(e.getKey() + "=" + v.asText()));
              } else {
                parts.add(e.getKey() + "=" + e.getValue().asText());
              }
            });
    return parts.isEmpty() ? "every response" : String.join("&", parts);
  }

  private static String count(long n, String one, String many) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
  }

  private static String plain(JsonNode n) {
    return new java.math.BigDecimal(n.asText()).stripTrailingZeros().toPlainString();
  }

  private static String minute(String instant) {
    return instant.substring(0, Math.min(16, instant.length()));
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
