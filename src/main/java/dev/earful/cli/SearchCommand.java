package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import dev.earful.http.Json;
import dev.earful.http.Views;
import dev.earful.search.SearchRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earful search [QUERY]}: the search of the API from the command line, on the data folder or
 * a running server, printed as a table or as the API's JSON.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search the comments: words, \"quoted phrases\", -exclusion, OR; plus the API's filters.",
      "Reads the data folder, or a running server with --server.",
      QueryOptions.HOW_TO_QUOTE
    },
    modelTransformer = DataFolderSetting.class)
public final class SearchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin QueryOptions query;

  @Mixin FilterOptions filters;

  @Mixin ServerOptions server;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      description = "The order: relevance, newest, oldest, score_desc or score_asc.")
  String sort;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "Hits per page (default: ${DEFAULT-VALUE}); 0 prints the count only.")
  String limit;

  @Mixin PageCursor page;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Print a table or the API's json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    JsonAnswer.checkFormat(format);
    Map<String, List<String>> params = params();
    ObjectMapper mapper = Json.newMapper();
    JsonNode result =
        server.given()
            ? JsonAnswer.parse(
                mapper,
                server.get("/api/v1/search", params, "application/json", Duration.ofSeconds(30)))
            : local(mapper, params);
    return JsonAnswer.print(spec, mapper, result, format, SearchCommand::printTable);
  }

  /** The filters as the API's query parameters: one parsing path for CLI and HTTP. */
  Map<String, List<String>> params() {
    Map<String, List<String>> p = new LinkedHashMap<>();
    query.addTo(p, spec);
    filters.addTo(p);
    FilterOptions.put(p, "sort", sort);
    FilterOptions.put(p, "limit", limit);
    page.addTo(p);
    return p;
  }

  private JsonNode local(ObjectMapper mapper, Map<String, List<String>> params) {
    SearchRequest request = SearchRequest.parse(params);
    AppConfig config = SettingOptions.config(spec, System.getenv());
    try (EarfulApp app =
        DataFolder.openForReading(config, "search through it", spec.commandLine().getErr())) {
      return mapper.valueToTree(
          Views.withWarnings(
              Views.searchResult(app.search().search(request)),
              app.search().segmentWarnings(request.filter())));
    }
  }

  /** One line per hit: id, score, category, sentiment, date, the first highlight. */
  static void printTable(PrintWriter out, JsonNode result) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "SCORE", "CATEGORY", "SENTIMENT", "DATE", "COMMENT"});
    for (JsonNode hit : result.path("hits")) {
      String snippet =
          hit.path("highlights").size() > 0
              ? hit.path("highlights").get(0).asText()
              : hit.path("comment").asText();
      rows.add(
          new String[] {
            cut(TerminalText.safe(hit.path("id").asText()), 24),
            hit.path("metric").asText() + " " + hit.path("score").asText(),
            TerminalText.safe(hit.path("category").asText()),
            TerminalText.safe(hit.path("sentiment").path("label").asText()),
            TerminalText.safe(datePart(hit.path("submittedAt").asText())),
            cut(TerminalText.safe(plain(snippet)), 90)
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    // No hits (none matched, or --limit 0 asked for the count only): no header over no rows.
    for (String[] row : rows.size() > 1 ? rows : List.<String[]>of()) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.printf(
        "%d of %d matching responses%n", result.path("hits").size(), result.path("total").asLong());
    JsonNode categories = result.path("facets").path("category");
    if (categories.size() > 0) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : categories.properties()) {
        parts.add(TerminalText.safe(e.getKey()) + " " + e.getValue().asLong());
      }
      out.println("by category: " + String.join(", ", parts));
    }
    PageCursor.printNextPage(out, result);
  }

  /** Highlights as [word], HTML entities decoded, whitespace on one line. */
  static String plain(String html) {
    return html.replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static String datePart(String instant) {
    return instant.length() >= 10 ? instant.substring(0, 10) : instant;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
