package dev.earful.impact;

import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.domain.Theme;
import dev.earful.impact.ProportionStats.TestResult;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.util.FixedBitSet;

/**
 * Volume, score, detractor rate and per-theme share and detractor rate per week or month (UTC; ISO
 * weeks starting on Monday), and the themes that moved between the last two periods with enough
 * responses:
 *
 * <ul>
 *   <li><b>emerging</b>: share rose, two-sided pooled two-proportion z test of share(last) =
 *       share(previous) (Fisher's exact test when an expected count is below 5), Benjamini-Hochberg
 *       over the themes tested, q &lt; 0.05;
 *   <li><b>impact growing</b>: the detractor-rate difference (with minus without the theme) grew,
 *       Wald z test of the change (variance: sum of p(1-p)/n over the four groups), BH, q &lt;
 *       0.05; with the leave-one-out score impact of both periods.
 * </ul>
 *
 * Periods with fewer than the minimum responses are flagged {@code lowVolume} (their rates are
 * still given, but they are never compared), so a quiet week is not drawn as a spike.
 */
public final class TrendAnalyzer {

  /** Week (ISO, Monday) or calendar month, in UTC. */
  public enum Interval {
    WEEK,
    MONTH;

    public static Interval parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "week" -> WEEK;
        case "month" -> MONTH;
        default ->
            throw new IllegalArgumentException(
                "unknown interval '" + text + "' (expected week or month)");
      };
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Settings of a trend report. */
  public record Options(Interval interval, int minResponses, double alpha) {
    public static final int DEFAULT_MIN_RESPONSES = 30;
    public static final Options DEFAULT = new Options(Interval.WEEK, DEFAULT_MIN_RESPONSES, 0.05);

    public Options {
      java.util.Objects.requireNonNull(interval, "interval");
      if (minResponses < 1) {
        throw new IllegalArgumentException("minResponses must be at least 1");
      }
    }
  }

  /** The time of a document in epoch milliseconds, by doc id. */
  @FunctionalInterface
  public interface TimeColumn {
    long millis(int doc);
  }

  /** One theme in one period. */
  public record ThemePoint(String id, long mentions, double share, double detractorRate) {}

  /** One period: [start, end) in UTC. */
  public record Period(
      String label,
      LocalDate start,
      LocalDate end,
      long responses,
      double score,
      long detractors,
      double detractorRate,
      boolean lowVolume,
      List<ThemePoint> themes) {}

  /** A theme whose share rose significantly from the previous period to the last. */
  public record Emerging(
      String id,
      String name,
      double previousShare,
      double share,
      long previousMentions,
      long mentions,
      double pValue,
      String test,
      double qValue) {}

  /** A theme whose effect on detractors grew from the previous period to the last. */
  public record ImpactChange(
      String id,
      String name,
      double previousDifference,
      double difference,
      double previousScoreImpact,
      double scoreImpact,
      double pValue,
      double qValue) {}

  /**
   * The report. {@code compared} names the two periods compared (labels), or is empty when fewer
   * than two periods have enough responses.
   */
  public record TrendReport(
      Metric metric,
      Interval interval,
      int minResponses,
      List<Period> periods,
      List<String> compared,
      List<Emerging> emerging,
      List<ImpactChange> impactGrowing) {}

  public static final String EMERGING_TEST =
      "two-sided pooled two-proportion z on share (Fisher's exact test when an expected count"
          + " < 5), Benjamini-Hochberg, q < 0.05";
  public static final String IMPACT_TEST =
      "Wald z on the change in detractor-rate difference (with - without), Benjamini-Hochberg,"
          + " q < 0.05";

  private static final long DAY_MS = 86_400_000L;

  private TrendAnalyzer() {}

  /** Analyses the documents in {@code docs} (all of {@code metric}). */
  public static TrendReport analyze(
      Metric metric,
      FixedBitSet docs,
      PatternTable.ScoreColumn scores,
      TimeColumn times,
      List<Theme> themes,
      List<FixedBitSet> themeDocs,
      Options options) {
    int maxDoc = docs.length();
    long[] bits = docs.getBits();
    // Pass 1: day range.
    long minDay = Long.MAX_VALUE;
    long maxDay = Long.MIN_VALUE;
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        long day = Math.floorDiv(times.millis(doc), DAY_MS);
        minDay = Math.min(minDay, day);
        maxDay = Math.max(maxDay, day);
      }
    }
    if (minDay == Long.MAX_VALUE) {
      return new TrendReport(
          metric,
          options.interval(),
          options.minResponses(),
          List.of(),
          List.of(),
          List.of(),
          List.of());
    }
    // Periods covering [minDay, maxDay], and a day -> period table.
    List<LocalDate> starts = new ArrayList<>();
    LocalDate first = periodStart(LocalDate.ofEpochDay(minDay), options.interval());
    LocalDate last = LocalDate.ofEpochDay(maxDay);
    for (LocalDate s = first; !s.isAfter(last); s = next(s, options.interval())) {
      starts.add(s);
    }
    int periods = starts.size();
    int[] periodOfDay = new int[(int) (maxDay - minDay + 1)];
    for (int p = 0; p < periods; p++) {
      long from = Math.max(starts.get(p).toEpochDay(), minDay);
      long to = Math.min(next(starts.get(p), options.interval()).toEpochDay() - 1, maxDay);
      for (long d = from; d <= to; d++) {
        periodOfDay[(int) (d - minDay)] = p;
      }
    }
    int[] periodOfDoc = new int[maxDoc];
    long[][] tally = new long[periods][5]; // count, pos, mid, neg, scoreSum
    Category.Group[] groups = new Category.Group[metric.max() - metric.min() + 1];
    for (int s = metric.min(); s <= metric.max(); s++) {
      groups[s - metric.min()] = metric.categorize(s).group();
    }
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        int p = periodOfDay[(int) (Math.floorDiv(times.millis(doc), DAY_MS) - minDay)];
        periodOfDoc[doc] = p;
        int score = scores.score(doc);
        long[] t = tally[p];
        t[0]++;
        t[1 + groups[score - metric.min()].ordinal()]++;
        t[4] += score;
      }
    }
    int k = themes.size();
    long[][][] themeTally = new long[k][][]; // [theme][period][count, pos, mid, neg, scoreSum]
    for (int t = 0; t < k; t++) {
      long[] tb = themeDocs.get(t).getBits();
      int words = Math.min(tb.length, bits.length);
      long[][] acc = null;
      for (int w = 0; w < words; w++) {
        long word = tb[w] & bits[w];
        while (word != 0) {
          if (acc == null) {
            acc = new long[periods][5];
          }
          int doc = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
          int score = scores.score(doc);
          long[] a = acc[periodOfDoc[doc]];
          a[0]++;
          a[1 + groups[score - metric.min()].ordinal()]++;
          a[4] += score;
        }
      }
      themeTally[t] = acc;
    }
    List<Period> out = new ArrayList<>(periods);
    for (int p = 0; p < periods; p++) {
      ScoreTally all = tallyOf(tally[p]);
      List<ThemePoint> points = new ArrayList<>();
      for (int t = 0; t < k; t++) {
        if (themeTally[t] == null || themeTally[t][p][0] == 0) {
          continue;
        }
        ScoreTally with = tallyOf(themeTally[t][p]);
        points.add(
            new ThemePoint(
                themes.get(t).id(),
                with.count(),
                (double) with.count() / all.count(),
                with.negativeRate()));
      }
      points.sort(
          Comparator.comparingLong(ThemePoint::mentions).reversed().thenComparing(ThemePoint::id));
      LocalDate start = starts.get(p);
      out.add(
          new Period(
              label(start, options.interval()),
              start,
              next(start, options.interval()),
              all.count(),
              all.score(metric),
              all.negative(),
              all.negativeRate(),
              all.count() < options.minResponses(),
              points));
    }

    // Compare the last two periods with enough responses.
    int cur = -1;
    int prev = -1;
    for (int p = periods - 1; p >= 0; p--) {
      if (tally[p][0] >= options.minResponses()) {
        if (cur < 0) {
          cur = p;
        } else {
          prev = p;
          break;
        }
      }
    }
    if (prev < 0) {
      return new TrendReport(
          metric, options.interval(), options.minResponses(), out, List.of(), List.of(), List.of());
    }
    ScoreTally allCur = tallyOf(tally[cur]);
    ScoreTally allPrev = tallyOf(tally[prev]);
    List<Integer> tested = new ArrayList<>();
    List<TestResult> shareTests = new ArrayList<>();
    List<Double> impactP = new ArrayList<>();
    List<double[]> impactNumbers = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      if (themeTally[t] == null) {
        continue;
      }
      ScoreTally wc = tallyOf(themeTally[t][cur]);
      ScoreTally wp = tallyOf(themeTally[t][prev]);
      if (wc.count() + wp.count() == 0) {
        continue;
      }
      tested.add(t);
      shareTests.add(
          ProportionStats.twoProportionTest(
              wc.count(), allCur.count(), wp.count(), allPrev.count()));
      ScoreTally oc = allCur.minus(wc);
      ScoreTally op = allPrev.minus(wp);
      double dCur = wc.negativeRate() - oc.negativeRate();
      double dPrev = wp.negativeRate() - op.negativeRate();
      double var = binVar(wc) + binVar(oc) + binVar(wp) + binVar(op);
      double p =
          Double.isNaN(dCur) || Double.isNaN(dPrev) || !(var > 0)
              ? Double.NaN
              : ProportionStats.normalTwoSidedP((dCur - dPrev) / Math.sqrt(var));
      impactP.add(p);
      impactNumbers.add(
          new double[] {
            dPrev,
            dCur,
            allPrev.score(metric) - op.score(metric),
            allCur.score(metric) - oc.score(metric)
          });
    }
    double[] shareP = shareTests.stream().mapToDouble(TestResult::pValue).toArray();
    double[] shareQ = ProportionStats.benjaminiHochberg(shareP);
    double[] impP = impactP.stream().mapToDouble(Double::doubleValue).toArray();
    double[] impQ = ProportionStats.benjaminiHochberg(impP);
    List<Emerging> emerging = new ArrayList<>();
    List<ImpactChange> growing = new ArrayList<>();
    for (int i = 0; i < tested.size(); i++) {
      int t = tested.get(i);
      Theme theme = themes.get(t);
      long mc = themeTally[t][cur][0];
      long mp = themeTally[t][prev][0];
      double sc = (double) mc / allCur.count();
      double sp = (double) mp / allPrev.count();
      if (sc > sp && shareQ[i] < options.alpha()) {
        emerging.add(
            new Emerging(
                theme.id(),
                theme.name(),
                sp,
                sc,
                mp,
                mc,
                shareP[i],
                shareTests.get(i).test(),
                shareQ[i]));
      }
      double[] nums = impactNumbers.get(i);
      if (!Double.isNaN(impQ[i]) && nums[1] > nums[0] && impQ[i] < options.alpha()) {
        growing.add(
            new ImpactChange(
                theme.id(), theme.name(), nums[0], nums[1], nums[2], nums[3], impP[i], impQ[i]));
      }
    }
    emerging.sort(Comparator.comparingDouble(Emerging::pValue).thenComparing(Emerging::id));
    growing.sort(Comparator.comparingDouble(ImpactChange::pValue).thenComparing(ImpactChange::id));
    return new TrendReport(
        metric,
        options.interval(),
        options.minResponses(),
        out,
        List.of(out.get(prev).label(), out.get(cur).label()),
        emerging,
        growing);
  }

  private static double binVar(ScoreTally t) {
    if (t.count() == 0) {
      return Double.NaN;
    }
    double p = t.negativeRate();
    return p * (1 - p) / t.count();
  }

  private static ScoreTally tallyOf(long[] a) {
    return new ScoreTally(a[0], a[1], a[2], a[3], a[4]);
  }

  /** The first day of the period holding {@code day}. */
  public static LocalDate periodStart(LocalDate day, Interval interval) {
    return switch (interval) {
      case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1L);
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  private static LocalDate next(LocalDate start, Interval interval) {
    return interval == Interval.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
  }

  /** "2024-W05" (ISO week-based year) or "2024-03". */
  public static String label(LocalDate start, Interval interval) {
    if (interval == Interval.MONTH) {
      return start.format(DateTimeFormatter.ofPattern("uuuu-MM", Locale.ROOT));
    }
    return String.format(
        Locale.ROOT,
        "%d-W%02d",
        start.get(IsoFields.WEEK_BASED_YEAR),
        start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  static long epochMillis(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
