package dev.earful.ingest;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one import did: {@code indexed} records were new, {@code updated} replaced a stored response
 * with the same id (or one earlier in the same batch), the rest were rejected, so {@code received}
 * = {@code indexed} + {@code updated} + rejected. {@code languages} counts the written comments
 * that have text by language (ISO 639-3); only English ones get themes and sentiment. {@code
 * effects} counts what the import set off, named {@code "group.what"} by the batch listeners that
 * did it ({@code "followups.opened"}, {@code "alerts.raised"}; see {@link BatchListener}).
 */
public record IngestReport(
    int received,
    int indexed,
    int updated,
    List<Rejection> rejected,
    Map<String, Long> languages,
    Map<String, Long> effects) {
  public IngestReport {
    rejected = List.copyOf(rejected);
    languages = Collections.unmodifiableMap(new TreeMap<>(languages));
    effects = Collections.unmodifiableMap(new TreeMap<>(effects));
  }

  /** A report of nothing set off (no batch listeners, or a server that does not say). */
  public IngestReport(
      int received,
      int indexed,
      int updated,
      List<Rejection> rejected,
      Map<String, Long> languages) {
    this(received, indexed, updated, rejected, languages, Map.of());
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
