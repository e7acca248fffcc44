package dev.earful.cli;

import dev.earful.ingest.IngestReport;
import dev.earful.ingest.Rejection;
import dev.earful.search.FieldError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The running totals of an import over its batches, keeping the first rejections (with their lines)
 * for the closing report.
 */
final class ImportSummary {

  static final int REJECTIONS_SHOWN = 20;

  private long received;
  private long indexed;
  private long updated;
  private long rejected;
  private final List<Rejection> firstRejections = new ArrayList<>();

  void add(IngestReport report) {
    received += report.received();
    indexed += report.indexed();
    updated += report.updated();
    rejected += report.rejected().size();
    for (Rejection r : report.rejected()) {
      if (firstRejections.size() < REJECTIONS_SHOWN) {
        firstRejections.add(r);
      }
    }
  }

  long received() {
    return received;
  }

  long imported() {
    return indexed + updated;
  }

  long indexed() {
    return indexed;
  }

  long updated() {
    return updated;
  }

  long rejected() {
    return rejected;
  }

  List<Rejection> firstRejections() {
    return firstRejections;
  }

  /** "line 17 (id r17): score: must be 1-5 for csat, got 0; id: ..." */
  static String describe(Rejection r) {
    String errors =
        r.errors().stream().map(ImportSummary::describe).collect(Collectors.joining("; "));
    return "line " + r.position() + (r.id() == null ? "" : " (id " + r.id() + ")") + ": " + errors;
  }

  private static String describe(FieldError e) {
    return e.field() + ": " + e.message();
  }

  void print(PrintWriter out, String source, double seconds) {
    out.printf(Locale.ROOT, "%s: %,d records read in %.1f s%n", source, received, seconds);
    out.printf(
        Locale.ROOT, "  imported  %,d (new %,d, updated %,d)%n", imported(), indexed, updated);
    out.printf(Locale.ROOT, "  rejected  %,d%n", rejected);
    if (rejected > 0) {
      out.printf(Locale.ROOT, "First %d rejected:%n", Math.min(rejected, REJECTIONS_SHOWN));
      for (Rejection r : firstRejections) {
        out.println("  " + describe(r));
      }
    }
    out.flush();
  }
}
