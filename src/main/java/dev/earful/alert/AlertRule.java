package dev.earful.alert;

import dev.earful.search.Filter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert rule. {@code when} selects responses in the read API's filter parameters. A {@link
 * AlertType#METRIC_DROP} compares the metric of the last {@code windowDays} with the {@code
 * baselineDays} before them and alerts when it fell by more than {@code minDrop} points and the
 * one-sided test's p-value is below {@code alpha}, each side having at least {@code minResponses}.
 * An {@link AlertType#EMERGING_THEME} alerts for each theme the weekly trends report as emerging (q
 * below {@code alpha}).
 *
 * @param maxAgeDays a {@link AlertType#NEW_RESPONSE} rule skips responses submitted more than this
 *     many days before the evaluation (an imported history is not news); null: any age
 * @param webhook where its alerts are posted; null when the rule only records them (listed in the
 *     page and {@code GET /alerts}, delivery {@code none})
 */
public record AlertRule(
    String id,
    String name,
    AlertType type,
    Map<String, List<String>> when,
    Filter filter,
    double minDrop,
    int windowDays,
    int baselineDays,
    int minResponses,
    double alpha,
    Integer maxAgeDays,
    Webhook webhook,
    Instant createdAt) {

  public AlertRule {
    when = Map.copyOf(when);
  }
}
