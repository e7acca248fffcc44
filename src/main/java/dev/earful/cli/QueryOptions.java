package dev.earful.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The query of every reading command ({@code search}, {@code themes}, {@code metrics}) in one
 * shape: the words after the command, as {@code earful search late delivery -rude}. {@code --q} is
 * kept for scripts written for the older {@code themes --q}. Words starting with one dash are query
 * exclusions, not options (the commands let unknown single-dash words through as words); a word
 * starting with two dashes is still taken for a mistyped option unless it follows {@code --}.
 */
final class QueryOptions {

  static final String HOW_TO_QUOTE =
      "Quote a phrase as '\"late delivery\"'. A word starting with - excludes it (-rude); put"
          + " query words that start with -- after -- (search -- --flag), or pass the whole query"
          + " as --q=-rude.";

  @Parameters(
      paramLabel = "QUERY",
      arity = "0..*",
      description =
          "The query: words (all must match), \"quoted phrases\", -word to exclude, OR between"
              + " alternatives.")
  List<String> words = new ArrayList<>();

  @Option(
      names = "--q",
      paramLabel = "QUERY",
      description = "The query as one argument, instead of the words (e.g. --q=-rude).")
  String q;

  /** Puts {@code q} into {@code params} when a query was given. */
  void addTo(Map<String, List<String>> params, CommandSpec spec) {
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    int endOfOptions = original.indexOf("--");
    for (String w : words) {
      int at = original.indexOf(w);
      if (w.startsWith("--") && (endOfOptions < 0 || at < endOfOptions)) {
        throw new CliException(
            "unknown option '"
                + w
                + "' (see --help); a query word that starts with -- goes after --, as in: "
                + spec.qualifiedName()
                + " -- "
                + w,
            2);
      }
    }
    if (q != null && !words.isEmpty()) {
      throw new CliException(
          "give the query once: as words (" + String.join(" ", words) + ") or as --q, not both", 2);
    }
    String query = q != null ? q : String.join(" ", words);
    if (!query.isBlank()) {
      params.put("q", List.of(query));
    }
  }
}
