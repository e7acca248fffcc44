package dev.earful.followup;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The follow-up documents the API and the CLI give: one follow-up as JSON, the queue as CSV. */
public final class FollowupDocuments {
  private FollowupDocuments() {}

  /** The view of a follow-up: its stored fields plus whether it is overdue now. */
  public static Map<String, Object> view(Followup f, Instant now) {
    Map<String, Object> m = FollowupCodec.toMap(f);
    m.remove("decidedOn"); // the queue's own record of what it decided on, not the API's
    m.put("overdue", f.overdueAt(now));
    return m;
  }

  /** The queue as CSV, one row per follow-up, in queue order (notes joined, newest last). */
  public static String csv(List<Followup> followups, Instant now) {
    StringWriter out = new StringWriter();
    CSVFormat format = CSVFormat.RFC4180.builder().setNullString("").get();
    try (CSVPrinter p = new CSVPrinter(out, format)) {
      p.printRecord(
          "id",
          "kind",
          "status",
          "overdue",
          "due",
          "assignee",
          "responseId",
          "metric",
          "score",
          "category",
          "customer",
          "account",
          "submittedAt",
          "createdAt",
          "updatedAt",
          "ruleId",
          "excerpt",
          "notes");
      for (Followup f : followups) {
        List<String> notes = new ArrayList<>();
        f.notes().forEach(n -> notes.add(n.at() + " " + n.by() + ": " + n.text()));
        p.printRecord(
            f.id(),
            f.kind().wireName(),
            f.status().wireName(),
            f.overdueAt(now),
            f.due(),
            f.assignee(),
            f.responseId(),
            f.metric().wireName(),
            f.score(),
            f.metric().categorize(f.score()).wireName(),
            f.customer(),
            f.account(),
            f.submittedAt(),
            f.createdAt(),
            f.updatedAt(),
            f.ruleId(),
            f.excerpt(),
            String.join(" | ", notes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
