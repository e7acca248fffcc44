package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --cursor} of the commands that page a list (search, themes, followups, alerts), as a
 * picocli mixin, and the one line that ends a page with more after it: search, themes and followups
 * declared it three times and two of them wrote the line two ways ("next page:", "more:"). {@code
 * --limit} stays with each command: its default and range are the command's own.
 */
final class PageCursor {

  @Option(
      names = "--cursor",
      paramLabel = "CURSOR",
      description = "The nextCursor of a previous page, to read the next one.")
  String cursor;

  /** Adds {@code cursor} to the API's query parameters when given. */
  void addTo(Map<String, List<String>> params) {
    FilterOptions.put(params, "cursor", cursor);
  }

  /** "next page: --cursor X" after a page whose answer has a nextCursor; nothing on the last. */
  static void printNextPage(PrintWriter out, JsonNode answer) {
    JsonNode next = answer.path("nextCursor");
    if (!next.isNull() && !next.isMissingNode()) {
      out.println("next page: --cursor " + TerminalText.safe(next.asText()));
    }
  }
}
