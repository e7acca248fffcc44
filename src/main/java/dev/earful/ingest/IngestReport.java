package dev.earful.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one import did: {@code indexed} records were new, {@code updated} replaced a stored response
 * with the same id (or one earlier in the same batch), the rest were rejected, so {@code received}
 * = {@code indexed} + {@code updated} + rejected. {@code languages} counts the written comments
 * that have text by language (ISO 639-3); only English ones get themes and sentiment.
 */
public record IngestReport(
    int received, int indexed, int updated, List<Rejection> rejected, Map<String, Long> languages) {
  public IngestReport {
    rejected = List.copyOf(rejected);
    languages = java.util.Collections.unmodifiableMap(new TreeMap<>(languages));
  }

  /** A report that counts no languages (nothing written, or a server that does not say). */
  public IngestReport(int received, int indexed, int updated, List<Rejection> rejected) {
    this(received, indexed, updated, rejected, Map.of());
  }

  /** Records written, new or replacing. */
  public int imported() {
    return indexed + updated;
  }
}
