package dev.earful.cli;

import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import dev.earful.http.Json;
import dev.earful.report.ReviewDocuments;
import dev.earful.report.ReviewReport;
import dev.earful.report.ReviewRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code earful report}: the business-review report of {@code GET /api/v1/reports/review} for the
 * data folder (or a running server with {@code --server}), written to a file. The format is {@code
 * --format}, else the file's extension (.pdf, .html, .json).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the business-review report (PDF, HTML or JSON) for a filter and period.",
      "Gives exactly what GET /api/v1/reports/review gives for the same parameters."
    },
    modelTransformer = DataFolderSetting.class)
public final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin QueryOptions query;

  @Mixin FilterOptions filters;

  @Mixin ServerOptions server;

  @Option(
      names = "--compare-to",
      paramLabel = "PERIOD",
      description =
          "Compare with the previous period (the default: the same length before; whole months,"
              + " such as a quarter, against as many whole months before) or the year before.")
  String compareTo;

  @Option(names = "--top", paramLabel = "N", description = "Pain points shown (1-10, default 5).")
  String top;

  @Option(
      names = "--min-mentions",
      paramLabel = "N",
      description = "Themes with fewer mentions are not ranked (default 30).")
  String minMentions;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "The format: pdf, html or json (default: from the output file's extension).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "The file to write the report to (its folder must exist).")
  Path output;

  @Override
  public Integer call() {
    // A folder of -o that does not exist is refused, not made: a typo in the path left a stray
    // folder (at the root, as root) without a word (session 25's trial), where cp and curl -o
    // refuse, as the other commands refuse a mistyped --data. Checked before the report is made.
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new CliException(
          "cannot write "
              + output
              + ": "
              + (Files.exists(parent) ? parent + " is not a folder" : "no such folder " + parent)
              + " (create it first, or check the path)");
    }
    Map<String, List<String>> params = params();
    ReviewRequest request = ReviewRequest.parse(params);
    byte[] body =
        server.given()
            ? server.getBytes(
                "/api/v1/reports/review",
                params,
                request.format().contentType(),
                Duration.ofSeconds(300))
            : local(request);
    try {
      Files.write(output, body);
    } catch (IOException e) {
      throw new CliException("cannot write " + output + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT, "wrote %s (%s, %d bytes)%n", output, request.format().wireName(), body.length);
    out.flush();
    return 0;
  }

  /** The option a parameter comes from: "compareTo" is --compare-to. */
  private static String kebab(String parameter) {
    return parameter.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  Map<String, List<String>> params() {
    Map<String, List<String>> p = new LinkedHashMap<>();
    query.addTo(p, spec);
    filters.addTo(p);
    FilterOptions.put(p, "compareTo", compareTo);
    FilterOptions.put(p, "top", top);
    FilterOptions.put(p, "minMentions", minMentions);
    String f = format;
    if (f == null) {
      String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
      int dot = name.lastIndexOf('.');
      f = dot >= 0 ? name.substring(dot + 1) : "pdf";
      if (f.equals("htm")) {
        f = "html";
      }
      if (!List.of("pdf", "html", "json").contains(f)) {
        throw new CliException(
            "cannot tell the format from '" + output + "': give --format pdf, html or json", 2);
      }
    }
    FilterOptions.put(p, "format", f);
    return p;
  }

  private byte[] local(ReviewRequest request) {
    AppConfig config = SettingOptions.config(spec, System.getenv());
    try (EarfulApp app = DataFolder.openForReading(config, "ask it", spec.commandLine().getErr())) {
      ReviewReport report =
          app.reviews()
              .build(request)
              .orElseThrow(
                  () ->
                      new CliException(
                          "no response matches this filter, so there is no period to report on;"
                              + " widen the filter or give --from and --to"
                              + app.search().segmentHint(request.filter())));
      return ReviewDocuments.render(report, request.format(), Json.newMapper());
    }
  }
}
