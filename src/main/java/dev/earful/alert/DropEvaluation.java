package dev.earful.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.domain.Metric;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A metric-drop rule's last evaluation: when it ran, the two values it compared with their
 * responses, the drop and the test's p-value, and whether it raised an alert and why (or why not).
 * A rule that raised nothing for weeks is otherwise silent: its owner cannot tell a healthy metric
 * from a window that holds too few responses to be tested (an import of last year's export leaves
 * the last 7 days empty).
 *
 * @param drop the baseline's value minus the window's (negative when it rose); NaN when a side is
 *     empty
 * @param pValue the one-sided test's p-value; NaN when a side has fewer than {@code minResponses}
 *     (not tested)
 * @param alertId the alert raised by this evaluation ({@link Outcome#FIRED}) or, while the dip
 *     lasts ({@link Outcome#DIPPING}) or stays open untested ({@link Outcome#TOO_FEW_RESPONSES}),
 *     the one that opened it; null otherwise
 * @param closedIncident true when this evaluation found an open dip over and closed it
 */
public record DropEvaluation(
    Instant at,
    Metric metric,
    Period window,
    Period baseline,
    double drop,
    double pValue,
    Outcome outcome,
    String reason,
    String alertId,
    boolean closedIncident)
    implements RuleEvaluation {

  /** One side of the comparison: its period, responses, and the metric's value (NaN if none). */
  public record Period(Instant from, Instant to, long responses, double value) {}

  /** What the evaluation concluded. */
  public enum Outcome {
    /** The metric fell by more than minDrop, significantly: an alert was raised. */
    FIRED,
    /** It still does, and the alert of this dip was raised before: nothing new is raised. */
    DIPPING,
    /** It did not fall by more than minDrop (or it rose). */
    NO_DROP,
    /** It fell by more than minDrop, but the p-value is not below alpha. */
    NOT_SIGNIFICANT,
    /** A side has fewer than minResponses responses: not tested, an open dip stays open. */
    TOO_FEW_RESPONSES;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public boolean fired() {
    return outcome == Outcome.FIRED;
  }

  /** The evaluation in wire names: the API's {@code lastEvaluation} and the stored line. */
  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", at.toString());
    m.put("metric", metric.wireName());
    m.put("window", period(window));
    m.put("baseline", period(baseline));
    m.put("drop", finite(drop));
    m.put("pValue", finiteP(pValue));
    m.put("fired", fired());
    m.put("outcome", outcome.wireName());
    m.put("reason", reason);
    m.put("alertId", alertId);
    m.put("closedIncident", closedIncident);
    return m;
  }

  /** Reads what {@link #toMap} wrote. */
  static DropEvaluation fromJson(JsonNode n) {
    return new DropEvaluation(
        Instant.parse(n.path("at").asText()),
        Metric.parse(n.path("metric").asText()),
        period(n.path("window")),
        period(n.path("baseline")),
        number(n.path("drop")),
        number(n.path("pValue")),
        Outcome.valueOf(n.path("outcome").asText().toUpperCase(Locale.ROOT)),
        n.path("reason").asText(),
        n.path("alertId").isTextual() ? n.path("alertId").asText() : null,
        n.path("closedIncident").asBoolean());
  }

  private static Map<String, Object> period(Period p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", p.from().toString());
    m.put("to", p.to().toString());
    m.put("responses", p.responses());
    m.put("value", finite(p.value()));
    return m;
  }

  private static Period period(JsonNode n) {
    return new Period(
        Instant.parse(n.path("from").asText()),
        Instant.parse(n.path("to").asText()),
        n.path("responses").asLong(),
        number(n.path("value")));
  }

  /** JSON has no NaN: a value that could not be computed is null. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000.0) / 1000.0 : null;
  }

  private static Double finiteP(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }
}
