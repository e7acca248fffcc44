package dev.earful.impact;

import smile.math.special.Erf;
import smile.math.special.Gamma;

/**
 * Intervals and tests for proportions: Wilson score intervals, Newcombe's hybrid score interval for
 * a difference of two proportions, the two-proportion test (pooled z, which is the 2x2 Pearson
 * chi-square without continuity correction; Fisher's exact test when an expected cell count is
 * below 5) and Benjamini-Hochberg q-values. Pure functions of counts, so every figure can be
 * checked by hand.
 */
public final class ProportionStats {

  /** The 0.975 quantile of the standard normal distribution. */
  public static final double Z95 = 1.959963984540054;

  /** Expected cell count below which the exact test replaces the normal approximation. */
  public static final double MIN_EXPECTED_FOR_Z = 5.0;

  private ProportionStats() {}

  /** A closed interval [low, high]. */
  public record Interval(double low, double high) {}

  /** The outcome of a test: its p-value and which test produced it ("z" or "fisher"). */
  public record TestResult(double pValue, String test) {}

  /** x / n, or NaN when n is 0. */
  public static double rate(long x, long n) {
    return n == 0 ? Double.NaN : (double) x / n;
  }

  /**
   * Wilson's score interval for x successes out of n at the 95% level; null when n is 0 (nothing
   * observed, nothing to say).
   */
  public static Interval wilson(long x, long n) {
    if (n == 0) {
      return null;
    }
    double z2 = Z95 * Z95;
    double p = (double) x / n;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = Z95 / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    // Clamp the rounding noise at the ends: x = 0 must give exactly 0, x = n exactly 1.
    double low = x == 0 ? 0.0 : Math.max(0.0, centre - half);
    double high = x == n ? 1.0 : Math.min(1.0, centre + half);
    return new Interval(low, high);
  }

  /**
   * Newcombe's hybrid score interval (his method 10, 1998) for p1 - p2, built from the two Wilson
   * intervals; null when either group is empty.
   */
  public static Interval newcombeDifference(long x1, long n1, long x2, long n2) {
    Interval w1 = wilson(x1, n1);
    Interval w2 = wilson(x2, n2);
    if (w1 == null || w2 == null) {
      return null;
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double d = p1 - p2;
    double low = d - Math.sqrt(sq(p1 - w1.low()) + sq(w2.high() - p2));
    double high = d + Math.sqrt(sq(w1.high() - p1) + sq(p2 - w2.low()));
    return new Interval(low, high);
  }

  /**
   * Two-sided test of p1 = p2. The pooled two-proportion z test (identical to the 2x2 chi-square
   * test without continuity correction) when every expected cell count is at least 5, otherwise
   * Fisher's exact test (two-sided: the tables no more likely than the one observed). Null when a
   * group is empty.
   */
  public static TestResult twoProportionTest(long x1, long n1, long x2, long n2) {
    if (n1 == 0 || n2 == 0) {
      return null;
    }
    long n = n1 + n2;
    long x = x1 + x2;
    double minExpected =
        Math.min(
            Math.min((double) n1 * x / n, (double) n1 * (n - x) / n),
            Math.min((double) n2 * x / n, (double) n2 * (n - x) / n));
    if (minExpected < MIN_EXPECTED_FOR_Z) {
      return new TestResult(fisherExactTwoSided(x1, n1, x2, n2), "fisher");
    }
    double pooled = (double) x / n;
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    double z = ((double) x1 / n1 - (double) x2 / n2) / se;
    return new TestResult(normalTwoSidedP(z), "z");
  }

  /** P(|Z| >= |z|) for a standard normal Z. */
  public static double normalTwoSidedP(double z) {
    return Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
  }

  /**
   * Fisher's exact test of the 2x2 table [[x1, n1 - x1], [x2, n2 - x2]], two-sided: the sum of the
   * hypergeometric probabilities of every table with the same margins that is at most as likely as
   * the observed one (with R's relative tolerance of 1e-7 for ties).
   */
  public static double fisherExactTwoSided(long x1, long n1, long x2, long n2) {
    long n = n1 + n2;
    long k = x1 + x2; // successes in all
    long lo = Math.max(0, k - n2);
    long hi = Math.min(k, n1);
    double logObserved = logHypergeometric(x1, n1, n2, k);
    double sum = 0;
    double base = logObserved; // scale by the observed probability to keep the sum in range
    for (long a = lo; a <= hi; a++) {
      double lp = logHypergeometric(a, n1, n2, k);
      if (lp <= logObserved + 1e-7) { // p <= p_obs * (1 + 1e-7), as R does
        sum += Math.exp(lp - base);
      }
    }
    return Math.min(1.0, sum * Math.exp(base));
  }

  private static double logHypergeometric(long a, long n1, long n2, long k) {
    // P(A = a) = C(n1, a) C(n2, k - a) / C(n1 + n2, k)
    return logChoose(n1, a) + logChoose(n2, k - a) - logChoose(n1 + n2, k);
  }

  private static double logChoose(long n, long k) {
    return Gamma.lgamma(n + 1.0) - Gamma.lgamma(k + 1.0) - Gamma.lgamma(n - k + 1.0);
  }

  /**
   * Benjamini-Hochberg adjusted p-values (q-values), in the order given: q(i) = min over j with
   * p(j) >= p(i) of m p(j) / rank(j), capped at 1. NaN entries stay NaN and do not count in m.
   */
  public static double[] benjaminiHochberg(double[] p) {
    Integer[] order =
        java.util.stream.IntStream.range(0, p.length)
            .filter(i -> !Double.isNaN(p[i]))
            .boxed()
            .toArray(Integer[]::new);
    java.util.Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : compareThenIndex(p, a, b));
    double[] q = new double[p.length];
    java.util.Arrays.fill(q, Double.NaN);
    int m = order.length;
    double running = 1.0;
    for (int r = m - 1; r >= 0; r--) {
      int i = order[r];
      running = Math.min(running, p[i] * m / (r + 1));
      q[i] = running;
    }
    return q;
  }

  private static int compareThenIndex(double[] p, int a, int b) {
    int c = Double.compare(p[a], p[b]);
    return c != 0 ? c : Integer.compare(a, b);
  }

  private static double sq(double v) {
    return v * v;
  }
}
