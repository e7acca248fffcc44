package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import dev.earful.http.ImpactController;
import dev.earful.http.Json;
import dev.earful.http.Views;
import dev.earful.impact.ImpactDocuments;
import dev.earful.impact.ImpactService;
import dev.earful.impact.RankingRequest;
import dev.earful.report.ReportNumbers;
import dev.earful.search.Filter;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@code earful themes}: the ranked pain-point list of {@code GET /api/v1/themes} on the data
 * folder (or a running server with {@code --server}), as a table, as the API's JSON ({@code
 * --format json}) or as the API's CSV ({@code --format csv}). Takes the API's filters and ranking
 * options.
 */
@Command(
    name = "themes",
    mixinStandardHelpOptions = true,
    description = {
      "The ranked list of what drives detractors for the filtered responses.",
      "Table by default; --format json and csv give exactly what GET /api/v1/themes gives.",
      QueryOptions.HOW_TO_QUOTE
    },
    modelTransformer = DataFolderSetting.class)
public final class ThemesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin QueryOptions query;

  @Mixin FilterOptions filters;

  @Mixin ServerOptions server;

  @Option(
      names = "--min-mentions",
      paramLabel = "N",
      description = "Themes with fewer mentions are listed, not ranked (default 30).")
  String minMentions;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      description = "The order: attributable (the default), mentions, npsImpact or detractorRate.")
  String sort;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Themes per page (default 50; with csv, all of them).")
  String limit;

  @Mixin PageCursor page;

  @Option(
      names = "--discover",
      description =
          "Run theme discovery over the stored comments first, instead of waiting for the run"
              + " that follows an import.")
  boolean discover;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Print a table, the API's json or its csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    if (!List.of("table", "json", "csv").contains(format)) {
      throw new CliException("--format must be table, json or csv", 2);
    }
    boolean csv = format.equals("csv");
    Map<String, List<String>> params = params();
    ObjectMapper mapper = Json.newMapper();
    PrintWriter out = spec.commandLine().getOut();
    String body = server.given() ? remote(mapper, params, csv) : local(mapper, params, csv);
    if (!csv) {
      try {
        Warnings.print(spec.commandLine().getErr(), mapper.readTree(body));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    if (format.equals("table")) {
      try {
        printTable(out, mapper.readTree(body));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    } else {
      out.print(body);
      if (!csv) {
        out.println();
      }
    }
    out.flush();
    return 0;
  }

  Map<String, List<String>> params() {
    Map<String, List<String>> p = new LinkedHashMap<>();
    query.addTo(p, spec);
    filters.addTo(p);
    FilterOptions.put(p, "minMentions", minMentions);
    FilterOptions.put(p, "sort", sort);
    FilterOptions.put(p, "limit", limit);
    page.addTo(p);
    return p;
  }

  /** The answer as the API would give it: CSV text or pretty JSON. */
  private String local(ObjectMapper mapper, Map<String, List<String>> params, boolean csv) {
    RankingRequest request = RankingRequest.parse(params, csv);
    AppConfig config = SettingOptions.config(spec, System.getenv());
    try (EarfulApp app = DataFolder.openForReading(config, "ask it", spec.commandLine().getErr())) {
      if (discover) {
        app.discovery().runNow();
      }
      ImpactService.RankedPage page =
          app.impact().rank(request.filter(), request.options(), request.offset(), request.limit());
      if (csv) {
        // CSV has no place for them: the warnings go to stderr, as with the other formats.
        Warnings.print(spec.commandLine().getErr(), app.search().segmentWarnings(request.filter()));
        return ImpactDocuments.csv(page.ranking(), app.themes());
      }
      Map<String, Object> doc =
          new LinkedHashMap<>(
              ImpactDocuments.ranking(
                  page, RankingRequest.cursor(page.nextOffset()), app.themes()));
      doc.put(
          "discovery",
          ImpactController.discoveryState(
              app.discovery(),
              app.themes(),
              app.search().storedResponses(),
              app.search().commentLanguages(Filter.ALL),
              app.search().commentLanguages(request.filter())));
      return mapper
          .writerWithDefaultPrettyPrinter()
          .writeValueAsString(
              Views.withWarnings(doc, app.search().segmentWarnings(request.filter())));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's answer, JSON pretty-printed like the local one, CSV as sent. */
  private String remote(ObjectMapper mapper, Map<String, List<String>> params, boolean csv) {
    if (discover) {
      server.post("/api/v1/themes/discover", Duration.ofMinutes(30));
    }
    String body =
        server.get(
            "/api/v1/themes",
            params,
            csv ? "text/csv" : "application/json",
            Duration.ofSeconds(120));
    if (csv) {
      // A CSV answer cannot carry the filter's warnings; the metrics of the same filter can.
      Map<String, List<String>> filterOnly = new LinkedHashMap<>();
      query.addTo(filterOnly, spec);
      filters.addTo(filterOnly);
      String metrics =
          server.get("/api/v1/metrics", filterOnly, "application/json", Duration.ofSeconds(30));
      Warnings.print(spec.commandLine().getErr(), JsonAnswer.parse(mapper, metrics));
      return body;
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(body));
    } catch (IOException e) {
      throw new CliException("the server's answer is not JSON: " + e.getMessage());
    }
  }

  /**
   * The themes in their ranked order, each theme's sub-themes (in their own ranked order) right
   * beneath it; a sub-theme whose theme is not in the list stays where it ranks.
   */
  static List<JsonNode> beneathTheirThemes(JsonNode themes) {
    java.util.Set<String> listed = new java.util.HashSet<>();
    themes.forEach(t -> listed.add(t.path("id").asText()));
    Map<String, List<JsonNode>> children = new LinkedHashMap<>();
    List<JsonNode> top = new java.util.ArrayList<>();
    for (JsonNode t : themes) {
      String parent = t.path("parentId").isTextual() ? t.path("parentId").asText() : null;
      if (parent != null && listed.contains(parent)) {
        children.computeIfAbsent(parent, k -> new java.util.ArrayList<>()).add(t);
      } else {
        top.add(t);
      }
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    for (JsonNode t : top) {
      out.add(t);
      out.addAll(children.getOrDefault(t.path("id").asText(), List.of()));
    }
    return out;
  }

  static void printTable(PrintWriter out, JsonNode doc) {
    String metric = doc.path("metric").asText();
    String impactField =
        switch (metric) {
          case "csat" -> "csatImpact";
          case "ces" -> "cesImpact";
          default -> "npsImpact";
        };
    // No response matched: the rate and the score are null, printed as "-" (not "0.0%", "null").
    // The score to two decimals, as earful metrics and the business review print it.
    JsonNode score = doc.path("score");
    long count = doc.path("count").asLong();
    long detractors = doc.path("detractors").asLong();
    out.printf(
        Locale.ROOT,
        "%,d responses (%s), %,d detractors (%s), score %s; themes below %d mentions are listed, not"
            + " ranked%n",
        count,
        metric,
        detractors,
        percent(detractors, count),
        score.isNumber() ? ReportNumbers.score(score.asDouble()) : "-",
        doc.path("minMentions").asInt());
    out.printf(
        Locale.ROOT,
        "%4s  %-28s %8s %6s  %-16s %-22s %9s %9s  %s%n",
        "rank",
        "theme",
        "mentions",
        "share",
        "detractor rate",
        "diff. (pts) [95% CI]",
        "q",
        impactField,
        "attributable detractors [95% CI]");
    java.util.Set<String> listed = new java.util.HashSet<>();
    doc.path("themes").forEach(t -> listed.add(t.path("id").asText()));
    // A theme no response of the filter mentions comes last, after every sub-theme, named with
    // its theme and marked "(not mentioned)", as the page lists it: under a segment or period it
    // sat among the others as "(not ranked)", a sub-theme of none beneath its mentioned theme.
    ArrayNode mentioned = JsonNodeFactory.instance.arrayNode();
    List<JsonNode> unmentioned = new ArrayList<>();
    for (JsonNode t : doc.path("themes")) {
      if (t.path("mentions").asLong() > 0) {
        mentioned.add(t);
      } else {
        unmentioned.add(t);
      }
    }
    List<JsonNode> rows = new ArrayList<>(beneathTheirThemes(mentioned));
    rows.addAll(unmentioned);
    for (JsonNode t : rows) {
      boolean none = t.path("mentions").asLong() == 0;
      boolean hasParent = t.path("parentId").isTextual();
      // Beneath its theme a sub-theme is marked "- "; one whose theme is not in the list stays
      // where it ranks and names its theme as the page's chart does ("large (in size)"), or it
      // would read as one of the row above it (the trial's "large", 5th, printed as if beneath
      // "disappointing", 4th; its theme "size" ranks 75th). A server without parentName (older
      // than this field) still gets "(sub-theme)".
      boolean sub = hasParent && !none && listed.contains(t.path("parentId").asText());
      String name = TerminalText.safe(t.path("name").asText());
      String orphan =
          t.path("parentName").isTextual()
              ? name + " (in " + TerminalText.safe(t.path("parentName").asText()) + ")"
              : name + " (sub-theme)";
      JsonNode diff = t.path("difference");
      JsonNode attr = t.path("attributableDetractors");
      out.printf(
          Locale.ROOT,
          "%4s  %-28s %8d %6s  %-16s %-22s %9s %9s  %s%n",
          t.has("rank") ? t.path("rank").asText() : "-",
          truncate(sub ? "  - " + name : hasParent ? orphan : name, 28),
          t.path("mentions").asLong(),
          percent(t.path("mentions").asLong(), count),
          rates(t, count, detractors),
          diff.path("value").isNull()
              ? "-"
              : points(diff.path("value"))
                  + " ["
                  + points(diff.path("ci95").path(0))
                  + ", "
                  + points(diff.path("ci95").path(1))
                  + "]",
          t.path("qValue").isNull()
              ? "-"
              : String.format(Locale.ROOT, "%.2g", t.path("qValue").asDouble()),
          // The leave-one-out impact is a change of the score: a score's decimals, half to even on
          // the API's decimal as the page prints it (it had 1 decimal there, "%+.2f" half up here).
          t.path(impactField).isNull()
              ? "-"
              : ReportNumbers.signedScore(t.path(impactField).asDouble()),
          none
              ? "(not mentioned)"
              : attr.isNull() || attr.isMissingNode()
                  ? "(not ranked)"
                  : String.format(
                      Locale.ROOT,
                      "%.1f [%.1f, %.1f]",
                      attr.path("value").asDouble(),
                      attr.path("ci95").path(0).asDouble(),
                      attr.path("ci95").path(1).asDouble()));
    }
    if (doc.path("themes").isEmpty()) {
      out.println(whyNoThemes(doc));
    } else if (doc.path("discovery").path("otherLanguagesNote").isTextual()) {
      // Which comments no theme can hold, as the page's notice says it (the list is complete
      // for the English ones only).
      out.println(TerminalText.safe(doc.path("discovery").path("otherLanguagesNote").asText()));
    }
    if (!doc.path("themes").isEmpty() && doc.path("unrankedNote").isTextual()) {
      // Over the whole ranking, so right on any page (GET /themes's unrankedNote).
      out.println(TerminalText.safe(doc.path("unrankedNote").asText()));
    }
    PageCursor.printNextPage(out, doc);
  }

  /**
   * Why the list is empty, so "no themes" right after an import reads "not yet, and when" rather
   * than "none": discovery runs a while after the last import (and at once with --discover).
   */
  static String whyNoThemes(JsonNode doc) {
    JsonNode d = doc.path("discovery");
    if (!d.path("emptyListNote").isTextual()) {
      return "No theme is listed."; // a server older than the note
    }
    String note = d.path("emptyListNote").asText();
    if (d.path("running").asBoolean(false)) {
      // Said "discovery has not found any ... Run it now with --discover" while it ran, which
      // would only queue a second run behind it.
      return note + " Run earful themes again when it ends.";
    }
    if (d.path("responses").asInt(-1) == 0 && !d.path("pending").asBoolean(false)) {
      return note; // nothing to discover: the note says to import
    }
    if (d.path("englishComments").asLong(-1) == 0 && !d.path("otherLanguages").isEmpty()) {
      return note; // no English comment: a discovery would find nothing either
    }
    if (d.path("pending").asBoolean(false) || d.path("themes").asInt(-1) == 0) {
      return note + " Run it now with --discover.";
    }
    return note;
  }

  /** The detractor rate with the theme and without it, from the counts ({@link #percent}). */
  private static String rates(JsonNode t, long count, long detractors) {
    long mentions = t.path("mentions").asLong();
    if (mentions == 0) {
      return "-";
    }
    long with = t.path("detractors").asLong();
    return percent(with, mentions) + " vs " + percent(detractors - with, count - mentions);
  }

  /**
   * {@code part} of {@code of} as a percentage rounded as the business review rounds it ({@link
   * ReportNumbers#percent}); "-" when {@code of} is 0. From the counts, not from the API's rates:
   * those come rounded to 4 decimals, and rounding again to one decimal printed 59 detractors of 88
   * mentions (67.045%, sent as 0.6705) as 67.1% where the report for the same filter says 67.0.
   */
  static String percent(long part, long of) {
    return of <= 0
        ? "-"
        : String.format(Locale.ROOT, "%.1f%%", ReportNumbers.percent((double) part / of));
  }

  private static String truncate(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }

  /**
   * A difference of two rates (a proportion) in percentage points with one decimal and its sign, as
   * the theme's card prints it (dom.js signed1 of 100 times the value: Intl rounds the shortest
   * decimal half away from zero), so "+3.3" sits beside "12.3% vs 9.0%", not "+0.033".
   */
  public static String points(JsonNode proportion) {
    BigDecimal p =
        BigDecimal.valueOf(100 * proportion.asDouble()).setScale(1, RoundingMode.HALF_UP);
    return (p.signum() > 0 ? "+" : "") + p.toPlainString();
  }
}
