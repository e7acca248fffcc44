package dev.earful.targets;

import dev.earful.impact.MetricsCalculator;
import dev.earful.search.Filter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How each target stands over a period: its metric over the target's filter and the period, with
 * the 95% interval of {@link MetricsCalculator}, and the {@link Distance} to the goal.
 */
public final class TargetTracker {

  private final MetricsCalculator metrics;

  public TargetTracker(MetricsCalculator metrics) {
    this.metrics = metrics;
  }

  /**
   * Where a target stands.
   *
   * @param value the metric (NPS, % satisfied or mean CES), null without responses
   */
  public record Progress(
      Target target, long responses, Double value, List<Double> ci95, Distance distance) {}

  /**
   * The target's figures over {@code from}-{@code to} (either may be null: unbounded on that side).
   */
  public Progress progress(Target t, Instant from, Instant to) {
    Filter f = t.filter().toBuilder().from(from).to(to).build();
    MetricsCalculator.Summary s = metrics.computeStored(f).metrics().getFirst();
    Double value;
    MetricsCalculator.Interval ci;
    switch (s) {
      case MetricsCalculator.Nps n -> {
        value = n.nps();
        ci = n.npsCi95();
      }
      case MetricsCalculator.Csat c -> {
        value = c.percentSatisfied();
        ci = c.percentSatisfiedCi95();
      }
      case MetricsCalculator.Ces c -> {
        value = c.mean();
        ci = c.meanCi95();
      }
    }
    Distance d =
        ci == null
            ? Distance.of(null, null, null, t.goal())
            : Distance.of(value, ci.low(), ci.high(), t.goal());
    return new Progress(t, s.count(), value, ci == null ? null : ci.toList(), d);
  }

  /**
   * The target as the API and the command line show it, with {@code progress: {period, responses,
   * value, ci95, distance: {value, ci95}, goalInInterval, status}}.
   */
  public Map<String, Object> view(Target t, Instant from, Instant to) {
    Progress p = progress(t, from, to);
    Map<String, Object> m = Targets.toView(t);
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("period", period(from, to));
    progress.put("responses", p.responses());
    progress.put("value", p.value());
    progress.put("ci95", p.ci95());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("value", p.distance().value());
    d.put("ci95", p.distance().ci95());
    progress.put("distance", d);
    progress.put("goalInInterval", p.distance().goalInInterval());
    progress.put("status", p.distance().status());
    m.put("progress", progress);
    return m;
  }

  /** Every target's view over the period: {@code {period, targets}}. */
  public Map<String, Object> list(List<Target> targets, Instant from, Instant to) {
    return list(targets, from, to, t -> view(t, from, to));
  }

  /** {@link #list(List, Instant, Instant)}, each target shown by {@code view}. */
  public static Map<String, Object> list(
      List<Target> targets, Instant from, Instant to, Function<Target, Map<String, Object>> view) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("period", period(from, to));
    m.put("targets", targets.stream().map(view).toList());
    return m;
  }

  /** The period of a list of targets, as {@link #list} writes it. */
  private static Map<String, Object> period(Instant from, Instant to) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", from == null ? null : from.toString());
    m.put("to", to == null ? null : to.toString());
    return m;
  }
}
