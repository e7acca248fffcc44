package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BiConsumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The end that the reading commands answering with one JSON document share ({@code search}, {@code
 * metrics}): the document from a server or from the data folder, its warnings on stderr, then the
 * document itself ({@code --format json}) or a table.
 */
final class JsonAnswer {

  private JsonAnswer() {}

  /** {@code --format} must be table or json. */
  static void checkFormat(String format) {
    if (!format.equals("table") && !format.equals("json")) {
      throw new CliException("--format must be table or json", 2);
    }
  }

  /** A server's answer as JSON; an answer that is not JSON is an error the user sees. */
  static JsonNode parse(ObjectMapper mapper, String body) {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw new CliException("the server's answer is not JSON: " + e.getMessage());
    }
  }

  /** Prints {@code result}'s warnings, then the result as {@code format} asks; exit code 0. */
  static int print(
      CommandSpec spec,
      ObjectMapper mapper,
      JsonNode result,
      String format,
      BiConsumer<PrintWriter, JsonNode> table) {
    Warnings.print(spec.commandLine().getErr(), result);
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      try {
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      } catch (IOException e) {
        throw new IllegalStateException("a JSON tree always serialises", e);
      }
    } else {
      table.accept(out, result);
    }
    out.flush();
    return 0;
  }
}
