package dev.earful.cli;

import dev.earful.search.FieldError;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.Schema;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Words a request's field errors as the command line the user typed: the API's {@code minScore} is
 * the option {@code --min-score}, {@code segment.region} is {@code --segment region}, {@code q} is
 * the query. Used for errors found locally and for those a server sends back, so both read alike.
 */
public final class CliErrors {

  private CliErrors() {}

  /** "--min-score: must be a whole number, got 'abc'; --sort: must be ...". */
  public static String describe(InvalidRequestException e) {
    return describe(e.errors());
  }

  static String describe(List<FieldError> errors) {
    return errors.stream()
        .map(e -> option(e.field()) + ": " + e.message())
        .collect(Collectors.joining("; "));
  }

  /** The option (or argument) that sets the request parameter {@code field}. */
  static String option(String field) {
    if (field.equals("q")) {
      return "the query";
    }
    if (field.startsWith(Schema.SEGMENT_PREFIX)) {
      return "--segment " + field.substring(Schema.SEGMENT_PREFIX.length());
    }
    if (field.startsWith("when.")) { // a rule's filter: --when PARAM=VALUE
      return "--when " + field.substring("when.".length());
    }
    if (field.equals("webhook.secret")) { // never an option's value: it would show in ps
      return "--webhook-secret-file";
    }
    // --webhook-url, --webhook-max-attempts; other dotted fields keep their dots
    String name = field.startsWith("webhook.") ? field.replace('.', '-') : field;
    return "--" + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
