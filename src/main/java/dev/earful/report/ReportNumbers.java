package dev.earful.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * The one rounding of the report's figures (into the model) and the one way they are printed (in
 * HTML and PDF), so the text of a page and the JSON document carry the same digits: a printed
 * figure is the shortest plain decimal of the model's double, or E notation below 1e-4.
 */
public final class ReportNumbers {

  private ReportNumbers() {}

  /** Rounded half-even to {@code decimals}; null for NaN or infinity. */
  public static Double fixed(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    double r = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    return r == 0.0 ? 0.0 : r; // no "-0.0"
  }

  /** Three significant digits (p- and q-values); null for NaN. */
  public static Double significant(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    if (v == 0) {
      return 0.0;
    }
    return new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN)).doubleValue();
  }

  /** A proportion as a percentage with one decimal. */
  public static Double percent(double proportion) {
    return fixed(100 * proportion, 1);
  }

  public static List<Double> interval(double low, double high, int decimals) {
    return Arrays.asList(fixed(low, decimals), fixed(high, decimals));
  }

  /** How a figure is printed: "12.5", "-3", "1.2E-7"; "n/a" for a missing one. */
  public static String text(Double v) {
    if (v == null) {
      return "n/a";
    }
    if (v != 0 && Math.abs(v) < 1e-4) {
      return v.toString();
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** A signed figure: "+4.2", "-1.5", "0". */
  public static String signed(Double v) {
    String t = text(v);
    return v != null && v > 0 ? "+" + t : t;
  }

  /** "[low, high]". */
  public static String interval(List<Double> ci) {
    if (ci == null) {
      return "";
    }
    return "[" + text(ci.get(0)) + ", " + text(ci.get(1)) + "]";
  }
}
