package dev.earful.cli;

import dev.earful.followup.FollowupQueue;
import dev.earful.ingest.IngestReport;
import dev.earful.ingest.Rejection;
import dev.earful.ingest.SourceRecord;
import dev.earful.search.FieldError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The running totals of an import over its batches, keeping the first rejections (with their lines)
 * for the closing report.
 */
final class ImportSummary {

  static final int REJECTIONS_SHOWN = 20;
  static final int REPEATS_SHOWN = 20;

  private long received;
  private long indexed;
  private long updated;
  private long rejected;
  private final Map<String, Long> languages = new java.util.TreeMap<>();
  private final Map<String, Long> effects = new java.util.TreeMap<>();
  private final List<Rejection> firstRejections = new ArrayList<>();
  private String dates;

  /**
   * Every id written so far and the line it came from; negative once the id was seen on two rows,
   * so a third row does not count it again. Ids are short keys: a million of them is tens of MB.
   */
  private final Map<String, Long> lineOfId = new HashMap<>();

  private final Map<String, List<Long>> firstRepeats = new LinkedHashMap<>();
  private long repeatedIds;
  private long replacedRows;

  /** How the timestamps' day/month order was chosen, or null when the file has no such dates. */
  void dates(String reason) {
    this.dates = reason;
  }

  /**
   * Adds the report of one batch; the records of the batch that were not rejected are written in
   * order, so of two rows with the same id the later one is what the index keeps.
   */
  void add(List<SourceRecord> batch, IngestReport report) {
    Set<Long> rejectedLines = new HashSet<>();
    report.rejected().forEach(r -> rejectedLines.add(r.position()));
    for (SourceRecord r : batch) {
      if (rejectedLines.contains(r.position()) || r.raw().id() == null) {
        continue;
      }
      String id = r.raw().id().strip();
      Long before = lineOfId.put(id, -r.position());
      if (before == null) {
        lineOfId.put(id, r.position());
        continue;
      }
      replacedRows++;
      if (before > 0) {
        repeatedIds++;
        if (firstRepeats.size() < REPEATS_SHOWN) {
          firstRepeats.put(id, new ArrayList<>(List.of(before)));
        }
      }
      List<Long> lines = firstRepeats.get(id);
      if (lines != null) {
        lines.add(r.position());
      }
    }
    add(report);
  }

  void add(IngestReport report) {
    received += report.received();
    indexed += report.indexed();
    updated += report.updated();
    rejected += report.rejected().size();
    report.languages().forEach((code, n) -> languages.merge(code, n, Long::sum));
    report.effects().forEach((name, n) -> effects.merge(name, n, Long::sum));
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

  /** Ids given on more than one written row of the file. */
  long repeatedIds() {
    return repeatedIds;
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

  /**
   * "eng 40, fra 12, spa 8: 20 comments not in English are searchable but get no themes and no
   * sentiment", most frequent first; null when every comment with text is English.
   */
  static String languageLine(Map<String, Long> languages) {
    long notEnglish =
        languages.entrySet().stream()
            .filter(e -> !e.getKey().equals(dev.earful.domain.Analysis.ENGLISH))
            .mapToLong(Map.Entry::getValue)
            .sum();
    if (notEnglish == 0) {
      return null;
    }
    String counts =
        languages.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    return counts
        + String.format(
            Locale.ROOT,
            ": %,d %s not in English %s searchable but get%s no themes and no sentiment"
                + " (Earful analyses English only)",
            notEnglish,
            notEnglish == 1 ? "comment" : "comments",
            notEnglish == 1 ? "is" : "are",
            notEnglish == 1 ? "s" : "");
  }

  /**
   * "2,407 opened by the follow-up rules (earful followups lists them)", "0 opened; 5 skipped as
   * submitted more than their rule's maxAgeDays before this import (...)", "0 opened, as
   * --no-followups asked (the rules would have opened 2,407)"; with what a re-import did to the
   * follow-ups its responses had ("34 closed as no rule selects their responses now (...)", "1
   * reopened as a rule selects ...", "2 left open though no rule selects ..."); null when the
   * import did none of these without the switch (or its target did not say).
   */
  static String followupLine(Map<String, Long> effects) {
    long opened = effects.getOrDefault(FollowupQueue.OPENED, 0L);
    long tooOld = effects.getOrDefault(FollowupQueue.TOO_OLD, 0L);
    long closed = effects.getOrDefault(FollowupQueue.CLOSED, 0L);
    long reopened = effects.getOrDefault(FollowupQueue.REOPENED, 0L);
    long kept = effects.getOrDefault(FollowupQueue.KEPT_WORKED_ON, 0L);
    Long withheld = effects.get(FollowupQueue.WITHHELD); // present only when the import asked
    if (opened == 0
        && tooOld == 0
        && closed == 0
        && reopened == 0
        && kept == 0
        && withheld == null) {
      return null;
    }
    String line =
        withheld != null
            ? String.format(
                Locale.ROOT,
                "%,d opened, as --no-followups asked (the rules would have opened %,d)",
                opened,
                withheld)
            : opened == 0
                ? "0 opened"
                : String.format(
                    Locale.ROOT,
                    "%,d opened by the follow-up rules (earful followups lists them)",
                    opened);
    return line
        + part(
            tooOld,
            "%,d skipped as submitted more than their rule's maxAgeDays before this import (see"
                + " GET /api/v1/followup-rules)")
        + part(
            closed, "%,d closed as no rule selects their responses now (nobody had worked on them)")
        + part(reopened, "%,d reopened as a rule selects their responses again")
        + part(
            kept,
            "%,d left open though no rule selects their responses now, as people have worked on"
                + " them (see their history)");
  }

  /** {@code "; "} and {@code format} of {@code n}; nothing when {@code n} is 0. */
  private static String part(long n, String format) {
    return n == 0 ? "" : String.format(Locale.ROOT, "; " + format, n);
  }

  /**
   * "3 raised by the alert rules (earful alerts lists them)", "0 raised; 279 skipped as submitted
   * more than their rule's maxAgeDays before this import (...)"; null when the import raised none
   * and skipped none (or its target did not say).
   */
  static String alertLine(Map<String, Long> effects) {
    long raised = effects.getOrDefault("alerts.raised", 0L);
    long tooOld = effects.getOrDefault("alerts.tooOld", 0L);
    if (raised == 0 && tooOld == 0) {
      return null;
    }
    String line =
        raised == 0
            ? "0 raised"
            : String.format(
                Locale.ROOT, "%,d raised by the alert rules (earful alerts lists them)", raised);
    if (tooOld > 0) {
      line +=
          String.format(
              Locale.ROOT,
              "; %,d %s skipped by new-response rules as submitted more than their rule's"
                  + " maxAgeDays before this import (see GET /api/v1/alert-rules)",
              tooOld,
              tooOld == 1 ? "response" : "responses");
    }
    return line;
  }

  void print(PrintWriter out, String source, double seconds) {
    out.printf(
        Locale.ROOT,
        "%s: %,d %s read in %.1f s%n",
        source,
        received,
        received == 1 ? "record" : "records",
        seconds);
    out.printf(
        Locale.ROOT, "  imported  %,d (new %,d, updated %,d)%n", imported(), indexed, updated);
    out.printf(Locale.ROOT, "  rejected  %,d%n", rejected);
    if (dates != null) {
      out.println("  dates     " + dates);
    }
    String languageLine = languageLine(languages);
    if (languageLine != null) {
      out.println("  languages " + languageLine);
    }
    if (repeatedIds > 0) {
      out.printf(
          Locale.ROOT,
          "  repeated  %,d %s on more than one row: the last row of each is kept (%,d earlier %s"
              + " replaced)%n",
          repeatedIds,
          repeatedIds == 1 ? "id" : "ids",
          replacedRows,
          replacedRows == 1 ? "row" : "rows");
      for (Map.Entry<String, List<Long>> e : firstRepeats.entrySet()) {
        List<Long> lines = e.getValue();
        out.println(
            "    id "
                + e.getKey()
                + ": lines "
                + lines.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + "; line "
                + lines.get(lines.size() - 1)
                + " kept");
      }
      if (repeatedIds > firstRepeats.size()) {
        out.printf(Locale.ROOT, "    and %,d more%n", repeatedIds - firstRepeats.size());
      }
    }
    String followupLine = followupLine(effects);
    if (followupLine != null) {
      out.println("  follow-ups " + followupLine);
    }
    String alertLine = alertLine(effects);
    if (alertLine != null) {
      out.println("  alerts    " + alertLine);
    }
    if (rejected > 0) {
      out.printf(Locale.ROOT, "First %d rejected:%n", Math.min(rejected, REJECTIONS_SHOWN));
      for (Rejection r : firstRejections) {
        out.println("  " + describe(r));
      }
    }
    out.flush();
  }
}
