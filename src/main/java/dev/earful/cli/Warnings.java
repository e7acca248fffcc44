package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.search.FieldError;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints the {@code warnings} member of an API answer (e.g. a segment no response has) on stderr,
 * one per line, so a table on stdout stays clean and an empty answer still says why.
 */
final class Warnings {

  private Warnings() {}

  static void print(PrintWriter err, List<FieldError> warnings) {
    for (FieldError w : warnings) {
      err.println("warning: " + w.field() + ": " + w.message());
    }
    err.flush();
  }

  static void print(PrintWriter err, JsonNode answer) {
    for (JsonNode w : answer.path("warnings")) {
      err.println("warning: " + w.path("field").asText() + ": " + w.path("message").asText());
    }
    err.flush();
  }
}
