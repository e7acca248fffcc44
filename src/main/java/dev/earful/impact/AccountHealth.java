package dev.earful.impact;

import dev.earful.domain.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A per-account health score that shows its parts, so nobody has to trust a bare number. Each part
 * is a risk between 0 (healthy) and 1 (at risk); the account's risk is their weighted mean and its
 * health is 100 (1 - risk).
 *
 * <ul>
 *   <li><b>level</b>: the headline score of the account's recent window (the last {@link
 *       Settings#windowDays} days up to the report's end), mapped linearly onto the metric's range
 *       (NPS +100 -> 0, -100 -> 1; CSAT 100% -> 0, 0% -> 1; CES 7 -> 0, 1 -> 1); 0.5 when the
 *       window has no response (unknown, not good or bad);
 *   <li><b>trend</b>: the change of that score from the window before, 0.5 - change / (2 range)
 *       clipped to [0, 1] (no change 0.5, the largest possible fall 1); 0.5 without both windows;
 *   <li><b>detractors</b>: the detractor share of the recent window (0.5 when empty);
 *   <li><b>recency</b>: days since the account's last response / {@link Settings#silentDays},
 *       capped at 1: an account that stopped answering is a weak but real sign of churn.
 * </ul>
 *
 * Default weights (level 0.35, trend 0.25, detractors 0.25, recency 0.15): where an account stands
 * now says most; its direction and how many of its people are unhappy come next (in B2B a few loud
 * detractors often speak for the buyer); silence is the weakest sign, since many accounts answer
 * only once a quarter.
 */
public final class AccountHealth {

  /** The method in one sentence, for the report's footnote and the API. */
  public static final String METHOD =
      "health = 100 (1 - risk), risk = the weighted mean of four parts in [0, 1]: level (the"
          + " recent window's score on the metric's range), trend (0.5 - change / (2 range)),"
          + " detractor share, recency (days since the last response / silent days, capped at 1);"
          + " an unknown part counts 0.5";

  private AccountHealth() {}

  /** The weights (any non-negative numbers with a positive sum) and the windows, in days. */
  public record Settings(
      double level,
      double trend,
      double detractors,
      double recency,
      int windowDays,
      int silentDays) {

    public static final Settings DEFAULT = new Settings(0.35, 0.25, 0.25, 0.15, 90, 180);

    public Settings {
      for (double w : new double[] {level, trend, detractors, recency}) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("weights must be non-negative numbers");
        }
      }
      if (!(level + trend + detractors + recency > 0)) {
        throw new IllegalArgumentException("the weights must not all be 0");
      }
      if (windowDays < 1 || silentDays < 1) {
        throw new IllegalArgumentException("windows must be at least one day");
      }
    }

    /**
     * Reads "level:0.4,trend:0.2,detractors:0.3,recency:0.1" (parts not named keep their defaults).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Settings parseWeights(String text) {
      double[] w = {DEFAULT.level, DEFAULT.trend, DEFAULT.detractors, DEFAULT.recency};
      List<String> names = List.of("level", "trend", "detractors", "recency");
      for (String part : text.split(",")) {
        String[] kv = part.strip().split(":");
        int i = kv.length == 2 ? names.indexOf(kv[0].strip().toLowerCase(Locale.ROOT)) : -1;
        if (i < 0) {
          throw new IllegalArgumentException(
              "expected name:weight pairs with names level, trend, detractors, recency; got '"
                  + part.strip()
                  + "'");
        }
        try {
          w[i] = Double.parseDouble(kv[1].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + kv[1].strip() + "' is not a number");
        }
      }
      return new Settings(w[0], w[1], w[2], w[3], DEFAULT.windowDays, DEFAULT.silentDays);
    }
  }

  /** One account's counts: recent and previous window tallies, and its last response's age. */
  public record Input(String account, ScoreTally recent, ScoreTally previous, long daysSilent) {}

  /** A part: the figure it is read from (null when unknown) and its risk in [0, 1]. */
  public record Part(Double value, double risk) {}

  /** One account, its risk and health, and the parts they are made of. */
  public record Account(
      String account,
      double risk,
      double health,
      long recentResponses,
      long previousResponses,
      Part level,
      Part trend,
      Part detractors,
      Part recency) {}

  /** The accounts by risk, highest first (ties by name). */
  public static List<Account> rank(Metric metric, List<Input> inputs, Settings s) {
    double range =
        switch (metric) {
          case NPS -> 200;
          case CSAT -> 100;
          case CES -> 6;
        };
    double best =
        switch (metric) {
          case NPS, CSAT -> 100;
          case CES -> 7;
        };
    List<Account> out = new ArrayList<>();
    double total = s.level() + s.trend() + s.detractors() + s.recency();
    for (Input in : inputs) {
      double now = in.recent().score(metric);
      double before = in.previous().score(metric);
      Part level =
          Double.isNaN(now) ? new Part(null, 0.5) : new Part(now, clip((best - now) / range));
      Part trend =
          Double.isNaN(now) || Double.isNaN(before)
              ? new Part(null, 0.5)
              : new Part(now - before, clip(0.5 - (now - before) / (2 * range)));
      double share = in.recent().negativeRate();
      Part detractors = Double.isNaN(share) ? new Part(null, 0.5) : new Part(share, share);
      Part recency =
          new Part((double) in.daysSilent(), clip((double) in.daysSilent() / s.silentDays()));
      double risk =
          (s.level() * level.risk()
                  + s.trend() * trend.risk()
                  + s.detractors() * detractors.risk()
                  + s.recency() * recency.risk())
              / total;
      out.add(
          new Account(
              in.account(),
              risk,
              100 * (1 - risk),
              in.recent().count(),
              in.previous().count(),
              level,
              trend,
              detractors,
              recency));
    }
    out.sort(Comparator.comparingDouble(Account::risk).reversed().thenComparing(Account::account));
    return out;
  }

  private static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
