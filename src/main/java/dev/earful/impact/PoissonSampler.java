package dev.earful.impact;

import java.util.SplittableRandom;
import smile.math.special.Gamma;

/**
 * Exact Poisson draws from a caller-supplied {@link SplittableRandom}, so a seeded bootstrap gives
 * the same replicates on every run. Integer means below 64 (nearly every pattern count) use
 * inversion against precomputed cumulative tables, one uniform per draw; larger means use Hörmann's
 * transformed rejection (PTRS, 1993), as numpy does.
 */
final class PoissonSampler {

  private static final int TABLE_LIMIT = 64;
  private static final double[][] CDF = new double[TABLE_LIMIT][];

  static {
    for (int lam = 1; lam < TABLE_LIMIT; lam++) {
      int len = (int) Math.ceil(lam + 12 * Math.sqrt(lam) + 20);
      double[] cdf = new double[len];
      double p = Math.exp(-lam);
      double acc = 0;
      for (int k = 0; k < len; k++) {
        acc += p;
        cdf[k] = acc;
        p = p * lam / (k + 1);
      }
      CDF[lam] = cdf;
    }
  }

  private PoissonSampler() {}

  /** A Poisson(mean) draw; mean must be a non-negative whole number. */
  static long draw(long mean, SplittableRandom random) {
    if (mean == 0) {
      return 0;
    }
    if (mean < TABLE_LIMIT) {
      double[] cdf = CDF[(int) mean];
      double u = random.nextDouble();
      int lo = 0;
      int hi = cdf.length - 1;
      if (u >= cdf[hi]) {
        return tail(mean, cdf.length, u, cdf[hi]);
      }
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] > u) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }
    return ptrs(mean, random);
  }

  /** Continues the inversion beyond the table (probability below 1e-20; here for exactness). */
  private static long tail(long lam, int from, double u, double cdfBefore) {
    double acc = cdfBefore;
    double logP = -lam + (from) * Math.log(lam) - Gamma.lgamma(from + 1.0);
    long k = from;
    while (true) {
      acc += Math.exp(logP);
      if (acc > u || k > lam * 10 + 1000) {
        return k;
      }
      k++;
      logP += Math.log((double) lam / k);
    }
  }

  private static long ptrs(double lam, SplittableRandom random) {
    double slam = Math.sqrt(lam);
    double loglam = Math.log(lam);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
          <= -lam + k * loglam - Gamma.lgamma(k + 1.0)) {
        return k;
      }
    }
  }
}
