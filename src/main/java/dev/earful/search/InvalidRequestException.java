package dev.earful.search;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A search, filter or metrics request that cannot be answered as asked: a bad parameter, a query
 * that cannot mean anything, a tampered cursor. Carries field-level errors; the HTTP layer answers
 * 400 with them, the CLI prints them.
 */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(
        errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
