package dev.earful.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one rounding of the report's figures (into the model) and the one way they are printed (in
 * HTML and PDF), so the text of a page and the JSON document carry the same digits: a printed
 * figure has the decimals of its kind (scores 2, impacts 1, percentages 1, risks 3: {@link #score},
 * {@link #impact}, {@link #percentText}, {@link #risk}), a p- or q-value the shortest plain decimal
 * of the model's double or E notation below 1e-4 ({@link #text}); counts have thousands separators
 * ("23,488").
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

  /**
   * A percentage as printed in the report's columns and group counts: always one decimal, as {@link
   * #percent} rounds it ("14.0" beside "11.5", not "14").
   */
  public static String percentText(Double v) {
    return text(v, 1);
  }

  /**
   * The decimals of a score, in every metric: the headline (NPS, % satisfied, CES mean) and its
   * interval, the period before, the change, a target's goal, value and distance, an account's
   * level and trend. The model rounds them to these (MetricsCalculator, Distance), and the page
   * read "goal 20, NPS -4.41, distance -24.41 [-35.72, -13.1]" and "level -100" beside "-4.41".
   */
  public static final int SCORE_DECIMALS = 2;

  /** The decimals of an impact: attributable detractors and their interval, an account's health. */
  public static final int IMPACT_DECIMALS = 1;

  /** The decimals of a risk (0 to 1) of an account's health and its parts: "0.871", "1.000". */
  public static final int RISK_DECIMALS = 3;

  /** A score as printed: always {@link #SCORE_DECIMALS} decimals ("48.00" beside "44.10"). */
  public static String score(Double v) {
    return text(v, SCORE_DECIMALS);
  }

  /**
   * A signed score: "+6.86", "-24.41", "0.00". The sign is the rounded text's: 0.004 is "0.00", not
   * "+0.00", as the page's signedScore prints it.
   */
  public static String signedScore(Double v) {
    String t = score(v);
    return v != null && v > 0 && !t.equals(score(0.0)) ? "+" + t : t;
  }

  /** A score's interval: "[-35.72, -13.10]". */
  public static String scoreInterval(List<Double> ci) {
    return fixedInterval(ci, SCORE_DECIMALS);
  }

  /** An impact as printed: "46.2", "61.0". */
  public static String impact(Double v) {
    return text(v, IMPACT_DECIMALS);
  }

  /** An impact's interval: "[32.9, 61.0]". */
  public static String impactInterval(List<Double> ci) {
    return fixedInterval(ci, IMPACT_DECIMALS);
  }

  /** A risk as printed: "0.871", "1.000". */
  public static String risk(Double v) {
    return text(v, RISK_DECIMALS);
  }

  /** A whole number of a figure held as a double (days): "25". */
  public static String whole(Double v) {
    return text(v, 0);
  }

  private static String fixedInterval(List<Double> ci, int decimals) {
    if (ci == null) {
      return "";
    }
    return "[" + text(ci.get(0), decimals) + ", " + text(ci.get(1), decimals) + "]";
  }

  /** A count as printed: "23,488", as the command line prints counts. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String text(Double v, int decimals) {
    if (v == null || decimals < 0) {
      return text(v);
    }
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }
}
