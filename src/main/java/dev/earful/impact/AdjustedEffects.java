package dev.earful.impact;

import dev.earful.impact.ProportionStats.Interval;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The adjusted effect of each theme: an L2-regularised logistic regression of "is detractor" on all
 * the given themes at once, fitted by Newton's method (IRLS) on the aggregated theme patterns, and
 * from it the detractors attributable to each theme with a seeded bootstrap interval.
 *
 * <p>Why not Smile's {@code LogisticRegression}: it takes one row per observation and no weights,
 * so a million responses would need a dense million-row matrix. Rows with the same pattern are
 * identical, so the weighted fit on a few thousand patterns is exact, small and fast; Smile's fit
 * is used in the tests to check this one on disaggregated data.
 *
 * <p>Model: logit P(detractor | x) = b0 + sum_t b_t x_t, maximising log-likelihood - ridge/2 *
 * sum_t b_t^2 (the intercept is not penalised). With ridge = 1 this is a N(0, 1) prior on each log
 * odds ratio: weak against real effects (a driver with hundreds of mentions is barely shrunk), firm
 * enough that a theme seen only among detractors does not run to infinity.
 *
 * <p>Attributable detractors of t = sum over responses mentioning t of [p(x) - p(x without t's
 * coefficient)]: the expected number of detractors fewer if t's effect were gone.
 *
 * <p>Bootstrap: each replicate redraws every pattern's detractor and non-detractor counts as
 * Poisson(count) (the Poisson bootstrap: resampling responses with replacement, aggregated by
 * pattern). While patterns x replicates stay within {@link #REFIT_BUDGET} (a few thousand patterns:
 * surveys up to tens of thousands of responses), each replicate is refitted from the full-data
 * estimate with Newton steps on the full-data Hessian until the step is below 1e-7 (the one-step
 * bootstrap of Moulton and Zeger, 1991, iterated to convergence; a replicate those steps do not
 * bring there in 50 is finished with Newton's steps on its own Hessian), its attributable
 * detractors recomputed, and the interval is the 2.5-97.5 percentiles. Replicate r uses its own
 * seed drawn in order from the settings' seed, so parallel replicates give the same digits as
 * serial ones. Above the budget (a million responses give ~100k patterns; 200 refits would take
 * seconds) the interval is the exact normal limit of the linearised bootstrap, see {@link
 * #linearIntervals}: at that size the two agree (AdjustedEffectsTest checks it) and it costs one
 * pass over the patterns.
 */
public final class AdjustedEffects {

  /** How the model is fitted and bootstrapped. */
  public record Settings(double ridge, int replicates, long seed) {
    public static final Settings DEFAULT = new Settings(1.0, 200, 20_261_122L);

    public Settings {
      if (!(ridge > 0)) {
        throw new IllegalArgumentException("ridge must be positive");
      }
      if (replicates < 0) {
        throw new IllegalArgumentException("replicates must be at least 0");
      }
    }
  }

  /**
   * The fitted model and what follows from it, indexed like the table's themes.
   *
   * @param attributableCi null entries when no replicates were asked for
   */
  public record Result(
      double intercept,
      double[] coefficients,
      double[] attributable,
      Interval[] coefficientCi,
      Interval[] attributableCi,
      int iterations) {}

  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-10;
  private static final int MAX_BOOTSTRAP_ITERATIONS = 50;
  private static final double BOOTSTRAP_TOLERANCE = 1e-7;

  /**
   * Patterns x replicates up to which every replicate is refitted; above it the interval is the
   * normal limit of the linearised bootstrap, see {@link #linearIntervals}.
   */
  static final long REFIT_BUDGET = 300_000L;

  private final int k; // themes
  private final int[] rowStart; // CSR: themes of pattern p are cols[rowStart[p] .. rowStart[p+1])
  private final int[] cols;
  private final long[] neg;
  private final long[] pos; // non-detractors
  private final double ridge;

  private AdjustedEffects(PatternTable table, double ridge) {
    this.k = table.themeCount();
    int n = table.patternCount();
    this.rowStart = new int[n + 1];
    int nnz = 0;
    for (int p = 0; p < n; p++) {
      nnz += table.themesOf(p).length;
    }
    this.cols = new int[nnz];
    this.neg = new long[n];
    this.pos = new long[n];
    int at = 0;
    for (int p = 0; p < n; p++) {
      rowStart[p] = at;
      for (int t : table.themesOf(p)) {
        cols[at++] = t;
      }
      ScoreTally s = table.tally(p);
      neg[p] = s.negative();
      pos[p] = s.count() - s.negative();
    }
    rowStart[n] = at;
    this.ridge = ridge;
  }

  /**
   * Which interval a table gets: "bootstrap" (seeded Poisson bootstrap, every replicate refitted,
   * percentile interval) or "linearised" (the exact normal limit of the linearised bootstrap).
   */
  public static String intervalMethod(int patterns, int replicates) {
    return (long) patterns * replicates <= REFIT_BUDGET ? "bootstrap" : "linearised";
  }

  /** Fits the model on the table (all its themes) and bootstraps the attributable detractors. */
  public static Result estimate(PatternTable table, Settings settings) {
    return estimate(
        table,
        settings,
        intervalMethod(table.patternCount(), settings.replicates()).equals("bootstrap"));
  }

  static Result estimate(PatternTable table, Settings settings, boolean refit) {
    AdjustedEffects m = new AdjustedEffects(table, settings.ridge());
    int dim = m.k + 1;
    double[] beta = new double[dim];
    long totalNeg = Arrays.stream(m.neg).sum();
    long total = totalNeg + Arrays.stream(m.pos).sum();
    if (total == 0 || totalNeg == 0 || totalNeg == total) {
      // With no detractors, or nothing but detractors, no theme changes who is one: the intercept
      // would run off to infinity and the information matrix would be singular. Every effect and
      // every attributable count is exactly zero, with a zero-width interval.
      double[] zeros = new double[m.k];
      Interval[] none = new Interval[m.k];
      Arrays.fill(none, new Interval(0, 0));
      return new Result(0, zeros, zeros.clone(), none, none.clone(), 0);
    }
    // Start from the overall rate (kept off 0 and 1 so the logit is finite).
    double rate = Math.min(Math.max((totalNeg + 0.5) / (total + 1.0), 1e-9), 1 - 1e-9);
    beta[0] = Math.log(rate / (1 - rate));
    int iterations = 0;
    for (; iterations < MAX_ITERATIONS; iterations++) {
      double[] grad = new double[dim];
      double[] hessian = new double[dim * dim];
      m.gradient(beta, m.neg, m.pos, grad);
      m.hessian(beta, m.neg, m.pos, hessian);
      double[] step = Cholesky.factorAndSolve(hessian, dim, grad);
      double max = 0;
      for (int i = 0; i < dim; i++) {
        beta[i] += step[i];
        max = Math.max(max, Math.abs(step[i]));
      }
      if (max < TOLERANCE) {
        iterations++;
        break;
      }
    }
    double[] coefficients = Arrays.copyOfRange(beta, 1, dim);
    double[] attributable = m.attributable(beta, m.neg, m.pos);
    Interval[] coefCi = new Interval[m.k];
    Interval[] attrCi = new Interval[m.k];
    int reps = settings.replicates();
    if (reps > 0) {
      double[] factor = m.hessianAt(beta);
      Cholesky.factor(factor, dim);
      if (refit) {
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        long[] replicateSeeds = new long[reps];
        for (int r = 0; r < reps; r++) {
          replicateSeeds[r] = seeds.nextLong();
        }
        double[][] coefDraws = new double[m.k][reps];
        double[][] attrDraws = new double[m.k][reps];
        IntStream.range(0, reps)
            .parallel()
            .forEach(
                r -> {
                  double[][] rep = m.replicate(beta, factor, replicateSeeds[r]);
                  for (int t = 0; t < m.k; t++) {
                    coefDraws[t][r] = rep[0][t + 1];
                    attrDraws[t][r] = rep[1][t];
                  }
                });
        for (int t = 0; t < m.k; t++) {
          coefCi[t] = percentile95(coefDraws[t]);
          attrCi[t] = percentile95(attrDraws[t]);
        }
      } else {
        m.linearIntervals(beta, attributable, factor, coefCi, attrCi);
      }
    }
    return new Result(beta[0], coefficients, attributable, coefCi, attrCi, iterations);
  }

  /** One bootstrap replicate, refitted: {beta*, attributable*}. */
  private double[][] replicate(double[] start, double[] factor, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] n1 = new long[neg.length];
    long[] n0 = new long[pos.length];
    for (int p = 0; p < neg.length; p++) {
      n1[p] = PoissonSampler.draw(neg[p], random);
      n0[p] = PoissonSampler.draw(pos[p], random);
    }
    double[] beta = start.clone();
    double[] grad = new double[k + 1];
    boolean converged = false;
    for (int it = 0; it < MAX_BOOTSTRAP_ITERATIONS && !converged; it++) {
      Arrays.fill(grad, 0);
      gradient(beta, n1, n0, grad);
      Cholesky.solve(factor, k + 1, grad);
      converged = step(beta, grad) < BOOTSTRAP_TOLERANCE;
    }
    // A replicate far from the full data (a theme of 9 mentions drawn 20 times) has a Hessian the
    // full data's does not approximate: the steps above overshoot and stop after 50 short of the
    // fit. In the women's reviews' class "Trend" (119 responses) 84 of 200 replicates did (a
    // theme's lower end moved from -2.3 to -2.0 once they were finished). Such a
    // replicate is finished with Newton's steps on its own Hessian, as the full fit is. One drawn
    // with no detractor, or nothing but detractors, has no finite fit (as the full data's, see
    // estimate): its intercept runs off, its Hessian degenerates, and it keeps the steps above.
    boolean finite = Arrays.stream(n1).sum() > 0 && Arrays.stream(n0).sum() > 0;
    if (!converged && finite) {
      // from the full fit again, not from where the overshooting steps ran to
      beta = start.clone();
    }
    for (int it = 0; it < MAX_ITERATIONS && !converged && finite; it++) {
      Arrays.fill(grad, 0);
      double[] hessian = new double[(k + 1) * (k + 1)];
      gradient(beta, n1, n0, grad);
      hessian(beta, n1, n0, hessian);
      try {
        converged = step(beta, Cholesky.factorAndSolve(hessian, k + 1, grad)) < BOOTSTRAP_TOLERANCE;
      } catch (ArithmeticException e) {
        // a weight underflowed to 0 as a fitted rate reached 0 or 1: no closer fit to reach
        break;
      }
    }
    return new double[][] {beta, attributable(beta, n1, n0)};
  }

  /** Adds {@code step} to {@code beta}; the largest change. */
  private static double step(double[] beta, double[] step) {
    double max = 0;
    for (int i = 0; i < beta.length; i++) {
      beta[i] += step[i];
      max = Math.max(max, Math.abs(step[i]));
    }
    return max;
  }

  /**
   * The 95% intervals of the linearised Poisson bootstrap, computed exactly rather than by drawing
   * replicates. A replicate changes each pattern's detractor and non-detractor counts by
   * independent (Poisson - mean) amounts delta1, delta0 (variances: the counts). To first order the
   * score moves by u = sum_p [delta1 (1 - mu_p) - delta0 mu_p] x_p, so beta* = beta + H^-1 u (the
   * one-step estimator), and attributable*_t = A_t + sum over p containing t of (delta1 + delta0)
   * d_pt + J_t H^-1 u, with d_pt = mu_p - sigmoid(eta_p - b_t) and J the Jacobian of the
   * attributable detractors. Being linear in independent draws, its variance is a closed sum (the
   * sandwich H^-1 S H^-1 for beta, S = sum_p Var(s_p) x_p x_p^T), and with a hundred thousand
   * patterns the replicate distribution is normal; the interval is estimate +- 1.96 sd: what 200
   * replicates would approximate, without their Monte Carlo noise or their cost.
   */
  private void linearIntervals(
      double[] beta, double[] attributable, double[] factor, Interval[] coefCi, Interval[] attrCi) {
    int dim = k + 1;
    int patterns = neg.length;
    double[][] jac = new double[k][dim];
    double[] meat = new double[dim * dim]; // S, upper triangle accumulated then mirrored
    double[] varV = new double[k];
    double[][] w = new double[k][dim];
    for (int p = 0; p < patterns; p++) {
      long y = neg[p];
      long m0 = pos[p];
      long n = y + m0;
      if (n == 0) {
        continue;
      }
      double e = eta(beta, p);
      double mu = sigmoid(e);
      double dm = mu * (1 - mu);
      double varS = y * (1 - mu) * (1 - mu) + m0 * mu * mu;
      double c = y * (1 - mu) - m0 * mu;
      int end = rowStart[p + 1];
      meat[0] += varS;
      for (int a = rowStart[p]; a < end; a++) {
        int i = cols[a] + 1;
        meat[i] += varS;
        for (int b = a; b < end; b++) {
          meat[i * dim + cols[b] + 1] += varS;
        }
      }
      for (int a = rowStart[p]; a < end; a++) {
        int t = cols[a];
        double mt = sigmoid(e - beta[t + 1]);
        double d = mu - mt;
        double dmt = mt * (1 - mt);
        // d/d beta_j of n [sigmoid(eta) - sigmoid(eta - b_t)] = n [dm x_j - dmt (x_j - [j == t])]
        double[] row = jac[t];
        double diff = n * (dm - dmt);
        double[] wt = w[t];
        double dc = d * c;
        row[0] += diff;
        wt[0] += dc;
        for (int b = rowStart[p]; b < end; b++) {
          row[cols[b] + 1] += diff;
          wt[cols[b] + 1] += dc;
        }
        row[t + 1] += n * dmt;
        varV[t] += n * d * d;
      }
    }
    for (int i = 0; i < dim; i++) {
      for (int j = i + 1; j < dim; j++) {
        if (i == 0) {
          meat[j * dim] = meat[j];
        } else {
          meat[j * dim + i] = meat[i * dim + j];
        }
      }
    }
    double[] sm = new double[dim];
    for (int t = 0; t < k; t++) {
      double[] mt = jac[t].clone();
      Cholesky.solve(factor, dim, mt); // (J H^-1)_t = H^-1 J_t, H symmetric
      double var = varV[t] + 2 * dot(mt, w[t]) + quadratic(meat, mt, sm, dim);
      double sd = Math.sqrt(Math.max(var, 0));
      attrCi[t] =
          new Interval(
              attributable[t] - ProportionStats.Z95 * sd,
              attributable[t] + ProportionStats.Z95 * sd);
      double[] h = new double[dim];
      h[t + 1] = 1;
      Cholesky.solve(factor, dim, h);
      double sdBeta = Math.sqrt(Math.max(quadratic(meat, h, sm, dim), 0));
      coefCi[t] =
          new Interval(
              beta[t + 1] - ProportionStats.Z95 * sdBeta,
              beta[t + 1] + ProportionStats.Z95 * sdBeta);
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** v^T S v, with {@code tmp} as scratch. */
  private static double quadratic(double[] s, double[] v, double[] tmp, int dim) {
    for (int i = 0; i < dim; i++) {
      double acc = 0;
      int row = i * dim;
      for (int j = 0; j < dim; j++) {
        acc += s[row + j] * v[j];
      }
      tmp[i] = acc;
    }
    return dot(v, tmp);
  }

  /** Gradient of the penalised log-likelihood, added into {@code grad}. */
  private void gradient(double[] beta, long[] n1, long[] n0, double[] grad) {
    for (int p = 0; p < n1.length; p++) {
      long n = n1[p] + n0[p];
      if (n == 0) {
        continue;
      }
      double mu = sigmoid(eta(beta, p));
      double r = n1[p] - n * mu;
      grad[0] += r;
      for (int a = rowStart[p]; a < rowStart[p + 1]; a++) {
        grad[cols[a] + 1] += r;
      }
    }
    for (int t = 1; t <= k; t++) {
      grad[t] -= ridge * beta[t];
    }
  }

  private double[] hessianAt(double[] beta) {
    double[] h = new double[(k + 1) * (k + 1)];
    hessian(beta, neg, pos, h);
    return h;
  }

  /** The negative Hessian (information matrix plus ridge), row-major, into {@code h}. */
  private void hessian(double[] beta, long[] n1, long[] n0, double[] h) {
    int dim = k + 1;
    for (int p = 0; p < n1.length; p++) {
      long n = n1[p] + n0[p];
      if (n == 0) {
        continue;
      }
      double mu = sigmoid(eta(beta, p));
      double w = n * mu * (1 - mu);
      h[0] += w;
      int end = rowStart[p + 1];
      for (int a = rowStart[p]; a < end; a++) {
        int i = cols[a] + 1;
        h[i] += w; // row 0, column i
        for (int b = a; b < end; b++) {
          h[i * dim + cols[b] + 1] += w;
        }
      }
    }
    for (int i = 0; i < dim; i++) {
      for (int j = i + 1; j < dim; j++) {
        if (i == 0) {
          h[j * dim] = h[j];
        } else {
          h[j * dim + i] = h[i * dim + j];
        }
      }
    }
    for (int t = 1; t <= k; t++) {
      h[t * dim + t] += ridge;
    }
  }

  private double[] attributable(double[] beta, long[] n1, long[] n0) {
    double[] out = new double[k];
    for (int p = 0; p < n1.length; p++) {
      long n = n1[p] + n0[p];
      if (n == 0 || rowStart[p] == rowStart[p + 1]) {
        continue;
      }
      double e = eta(beta, p);
      double mu = sigmoid(e);
      for (int a = rowStart[p]; a < rowStart[p + 1]; a++) {
        int t = cols[a];
        out[t] += n * (mu - sigmoid(e - beta[t + 1]));
      }
    }
    return out;
  }

  private double eta(double[] beta, int p) {
    double e = beta[0];
    for (int a = rowStart[p]; a < rowStart[p + 1]; a++) {
      e += beta[cols[a] + 1];
    }
    return e;
  }

  static double sigmoid(double e) {
    if (e >= 0) {
      return 1.0 / (1.0 + Math.exp(-e));
    }
    double z = Math.exp(e);
    return z / (1.0 + z);
  }

  /** The 2.5% and 97.5% quantiles (linear interpolation between order statistics, R type 7). */
  static Interval percentile95(double[] draws) {
    // A replicate whose fit ran away (exp overflowing to NaN) has no figure to count: sorted in,
    // NaN went last and became the upper end.
    double[] s = Arrays.stream(draws).filter(Double::isFinite).toArray();
    if (s.length == 0) {
      return new Interval(Double.NaN, Double.NaN);
    }
    Arrays.sort(s);
    return new Interval(quantile(s, 0.025), quantile(s, 0.975));
  }

  private static double quantile(double[] sorted, double q) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Dense Cholesky factorisation and solves for the small symmetric positive definite systems. */
  static final class Cholesky {
    private Cholesky() {}

    /** Overwrites the lower triangle of a (row-major, n x n) with L where a = L L^T. */
    static void factor(double[] a, int n) {
      for (int j = 0; j < n; j++) {
        double d = a[j * n + j];
        for (int m = 0; m < j; m++) {
          d -= a[j * n + m] * a[j * n + m];
        }
        if (!(d > 0)) {
          throw new ArithmeticException("matrix not positive definite at column " + j);
        }
        d = Math.sqrt(d);
        a[j * n + j] = d;
        for (int i = j + 1; i < n; i++) {
          double s = a[i * n + j];
          int ri = i * n;
          int rj = j * n;
          for (int m = 0; m < j; m++) {
            s -= a[ri + m] * a[rj + m];
          }
          a[ri + j] = s / d;
        }
      }
    }

    /** Solves L L^T x = b in place, with L from {@link #factor}. */
    static void solve(double[] l, int n, double[] b) {
      for (int i = 0; i < n; i++) {
        double s = b[i];
        for (int m = 0; m < i; m++) {
          s -= l[i * n + m] * b[m];
        }
        b[i] = s / l[i * n + i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double s = b[i];
        for (int m = i + 1; m < n; m++) {
          s -= l[m * n + i] * b[m];
        }
        b[i] = s / l[i * n + i];
      }
    }

    static double[] factorAndSolve(double[] a, int n, double[] b) {
      factor(a, n);
      double[] x = b.clone();
      solve(a, n, x);
      return x;
    }
  }
}
