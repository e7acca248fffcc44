package dev.earful.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An emerging-theme rule's last evaluation: when it ran, the two weeks it compared with their
 * responses, the themes whose share rose significantly with their mentions and q-values, and
 * whether it raised an alert, and why (or why not). Before it was kept, such a rule showed nothing
 * between alerts, as a metric drop did before {@link DropEvaluation}.
 *
 * @param periods the two weeks compared, older first; empty when fewer than two weeks have the
 *     rule's minResponses (nothing compared)
 * @param emerging the themes found emerging, most significant first; each names the alert raised
 *     for it now or, when it was alerted before and still emerges, that alert
 */
public record EmergingEvaluation(
    Instant at, List<Week> periods, Outcome outcome, String reason, List<Found> emerging)
    implements RuleEvaluation {

  /** One compared week: its label ("2026-W47"), first day, day after its last, and responses. */
  public record Week(String label, String from, String to, long responses) {}

  /** A theme found emerging. */
  public record Found(
      String id,
      String name,
      long previousMentions,
      long mentions,
      double previousShare,
      double share,
      double qValue,
      String alertId) {}

  /** What the evaluation concluded. */
  public enum Outcome {
    /** At least one theme emerged that had no open alert: an alert was raised for each. */
    FIRED,
    /** Themes still emerge, each alerted before: nothing new is raised. */
    STILL_EMERGING,
    /** The two weeks were compared and no theme's share rose significantly. */
    NOTHING_EMERGING,
    /** Fewer than two weeks have minResponses responses: nothing compared. */
    TOO_FEW_RESPONSES;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public EmergingEvaluation {
    periods = List.copyOf(periods);
    emerging = List.copyOf(emerging);
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", at.toString());
    List<Object> weeks = new ArrayList<>();
    for (Week w : periods) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("label", w.label());
      p.put("from", w.from());
      p.put("to", w.to());
      p.put("responses", w.responses());
      weeks.add(p);
    }
    m.put("periods", weeks);
    m.put("fired", outcome == Outcome.FIRED);
    m.put("outcome", outcome.wireName());
    m.put("reason", reason);
    List<Object> found = new ArrayList<>();
    for (Found f : emerging) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", f.id());
      t.put("name", f.name());
      t.put("previousMentions", f.previousMentions());
      t.put("mentions", f.mentions());
      t.put("previousShare", round(f.previousShare()));
      t.put("share", round(f.share()));
      t.put("qValue", Double.isFinite(f.qValue()) ? f.qValue() : null);
      t.put("alertId", f.alertId());
      found.add(t);
    }
    m.put("emerging", found);
    return m;
  }

  /** Reads what {@link #toMap} wrote. */
  static EmergingEvaluation fromJson(JsonNode n) {
    List<Week> weeks = new ArrayList<>();
    for (JsonNode p : n.path("periods")) {
      weeks.add(
          new Week(
              p.path("label").asText(),
              p.path("from").asText(),
              p.path("to").asText(),
              p.path("responses").asLong()));
    }
    List<Found> found = new ArrayList<>();
    for (JsonNode t : n.path("emerging")) {
      found.add(
          new Found(
              t.path("id").asText(),
              t.path("name").asText(),
              t.path("previousMentions").asLong(),
              t.path("mentions").asLong(),
              t.path("previousShare").asDouble(),
              t.path("share").asDouble(),
              t.path("qValue").isNumber() ? t.path("qValue").asDouble() : Double.NaN,
              t.path("alertId").isTextual() ? t.path("alertId").asText() : null));
    }
    return new EmergingEvaluation(
        Instant.parse(n.path("at").asText()),
        weeks,
        Outcome.valueOf(n.path("outcome").asText().toUpperCase(Locale.ROOT)),
        n.path("reason").asText(),
        found);
  }

  private static double round(double v) {
    return Math.round(v * 10000.0) / 10000.0;
  }
}
