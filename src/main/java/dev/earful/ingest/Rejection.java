package dev.earful.ingest;

import dev.earful.search.FieldError;
import java.util.List;

/**
 * A record that was not imported: its position (0-based index in a body, 1-based line in a file),
 * its id when it had one, and every reason.
 */
public record Rejection(long position, String id, List<FieldError> errors) {
  public Rejection {
    errors = List.copyOf(errors);
  }
}
