package dev.earful.ingest;

import java.util.List;

/**
 * What one import did: {@code indexed} records were new, {@code updated} replaced a stored response
 * with the same id (or one earlier in the same batch), the rest were rejected, so {@code received}
 * = {@code indexed} + {@code updated} + rejected.
 */
public record IngestReport(int received, int indexed, int updated, List<Rejection> rejected) {
  public IngestReport {
    rejected = List.copyOf(rejected);
  }

  /** Records written, new or replacing. */
  public int imported() {
    return indexed + updated;
  }
}
