package dev.earful.targets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * How far a metric is from its goal: {@code value} = metric - goal, and its 95% interval, the
 * metric's own interval shifted by the goal (the goal is a fixed number, so it adds no
 * uncertainty). Rounded to 2 decimals like the metrics.
 *
 * @param goalInInterval the goal lies inside the metric's 95% interval: the data cannot tell
 *     whether the goal is met
 * @param status {@code "above"} (the whole interval is above the goal: met), {@code "below"} (the
 *     whole interval is below it: missed), {@code "within"} (the goal is inside the interval), or
 *     {@code "no-data"} when no response matches
 */
public record Distance(Double value, List<Double> ci95, boolean goalInInterval, String status) {

  /** The distance of a metric value with its interval to the goal; nulls when there is no value. */
  public static Distance of(Double value, Double low, Double high, double goal) {
    if (value == null || low == null || high == null) {
      return new Distance(null, null, false, "no-data");
    }
    boolean inside = low <= goal && goal <= high;
    String status = inside ? "within" : low > goal ? "above" : "below";
    return new Distance(
        round(value - goal), Arrays.asList(round(low - goal), round(high - goal)), inside, status);
  }

  static Double round(double v) {
    double r = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    return r == 0.0 ? 0.0 : r;
  }
}
