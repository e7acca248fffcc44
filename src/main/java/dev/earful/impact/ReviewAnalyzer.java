package dev.earful.impact;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Theme;
import dev.earful.search.DocColumns;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.util.FixedBitSet;

/**
 * The figures of a business review: one filter over a current period and a comparison period. It
 * computes only what the rest of this package does not (the score histograms of both periods, the
 * themes' counts in each, the promoters to ask for a reference) and takes the ranking and the trend
 * from {@link ImpactService}, the summaries from {@link MetricsCalculator}, the change tests from
 * {@link PeriodComparison}.
 */
public final class ReviewAnalyzer {

  private final ResponseIndex index;
  private final ImpactService impact;

  public ReviewAnalyzer(ResponseIndex index, ImpactService impact) {
    this.index = index;
    this.impact = impact;
  }

  /**
   * What the review asks for. The filters carry the periods as their {@code from} and {@code to}.
   *
   * @param trend the filter of the trend chart (usually both periods, when they touch)
   * @param top how many pain points
   * @param references how many promoters to name as possible references
   * @param customers how many success stories and customers whose score fell
   */
  public record Question(
      Filter current,
      Filter comparison,
      Filter trend,
      ImpactRanker.Options ranking,
      TrendAnalyzer.Options trendOptions,
      int top,
      int references,
      int customers) {}

  /** One period's figures. {@code first} and {@code last} are null when it has no responses. */
  public record Period(
      Instant from,
      Instant to,
      long[] histogram,
      MetricsCalculator.Summary summary,
      Instant first,
      Instant last,
      Map<String, PeriodComparison.ThemeCounts> themes) {

    public long count() {
      return summary.count();
    }
  }

  /**
   * A pain point and up to two of its detractors' comments, whole; none quoted under an earlier
   * pain point.
   */
  public record PainPoint(ThemeImpact impact, List<AnalyzedResponse> comments) {}

  /** Everything a review shows, before rounding. */
  public record Figures(
      Metric metric,
      Period current,
      Period comparison,
      PeriodComparison.ScoreChange change,
      ThemeRanking ranking,
      List<PainPoint> painPoints,
      List<PeriodComparison.Shift> shifts,
      TrendAnalyzer.TrendReport trend,
      List<AnalyzedResponse> references,
      CustomerMoves customers) {}

  /** The newest response time among those {@code filter} selects, if any. */
  public Optional<Instant> newest(Filter filter) {
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      FixedBitSet docs = s.matching(filter);
      DocColumns columns = s.columns();
      long newest = Long.MIN_VALUE;
      long[] bits = docs.getBits();
      for (int w = 0; w < bits.length; w++) {
        long word = bits[w];
        while (word != 0) {
          int doc = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
          newest = Math.max(newest, columns.submittedAtMillis(doc));
        }
      }
      return newest == Long.MIN_VALUE
          ? Optional.empty()
          : Optional.of(Instant.ofEpochMilli(newest));
    }
  }

  /** The metric a filter is about: its own, or the one most of its responses use. */
  public Metric metricOf(Filter filter) {
    if (filter.metric() != null) {
      return filter.metric();
    }
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      return ImpactService.dominantMetric(s, s.matching(filter));
    }
  }

  /** The review's figures; every filter of {@code q} must name the metric. */
  public Figures analyze(Question q) {
    Metric metric = q.current().metric();
    Period current;
    Period comparison;
    List<AnalyzedResponse> references;
    CustomerMoves customers;
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      List<Theme> themes = s.themes().all();
      current = period(s, q.current(), metric, themes);
      comparison = period(s, q.comparison(), metric, themes);
      references = references(s, s.matching(q.current()), q.references());
      FixedBitSet history = s.matching(q.current().toBuilder().from(null).build());
      customers =
          customerMoves(
              s,
              history,
              q.current().from().toEpochMilli(),
              q.current().to().toEpochMilli(),
              q.customers());
    }
    PeriodComparison.ScoreChange change =
        PeriodComparison.scoreChange(metric, current.histogram(), comparison.histogram());
    List<PeriodComparison.Shift> shifts =
        PeriodComparison.shifts(
            current.themes(), current.count(), comparison.themes(), comparison.count());
    ImpactService.RankedPage page = impact.rank(q.current(), q.ranking(), 0, q.top());
    List<PainPoint> pains = new ArrayList<>();
    // A comment that names two pain points is quoted under the first only: the trial's report
    // on the women's reviews printed "Save your money. What a disappointment ..." under #4 and #5.
    // The same text from two responses is quoted once too (a survey's template sentence).
    Set<String> quoted = new HashSet<>();
    Set<String> quotedTexts = new HashSet<>();
    for (ThemeImpact t : page.ranking().themes()) {
      // A pain point adds detractors: a theme whose attributable detractors are zero or fewer
      // (praise, "the support team was helpful") came last in the order but still filled the list
      // of an account with few ranked themes (the trial's "1. work, -2.9 attributable").
      if (!t.ranked() || !(t.attributable() > 0)) {
        continue;
      }
      List<AnalyzedResponse> comments = new ArrayList<>();
      for (ThemeImpact.Example e : t.examples()) {
        if (comments.size() == 2) {
          break;
        }
        if (quoted.add(e.id())) {
          index
              .get(e.id())
              .filter(r -> quotedTexts.add(ExampleSnippets.sameText(r.response().comment())))
              .ifPresent(comments::add);
        }
      }
      pains.add(new PainPoint(t, comments));
    }
    TrendAnalyzer.TrendReport trend = impact.trends(q.trend(), q.trendOptions());
    return new Figures(
        metric,
        current,
        comparison,
        change,
        page.ranking(),
        pains,
        shifts,
        trend,
        references,
        customers);
  }

  /**
   * Each account's tallies for {@link AccountHealth}: responses of {@code filter} (which names the
   * metric; its from/to are ignored) in the window of {@code settings.windowDays()} days ending at
   * {@code asOf}, in the window before it, and the days from its last response up to {@code asOf}.
   * Accounts whose only responses are after {@code asOf} are left out.
   */
  public List<AccountHealth.Input> accountInputs(
      Filter filter, Instant asOf, AccountHealth.Settings settings) {
    Filter upTo = filter.toBuilder().from(null).to(asOf).build();
    long end = asOf.toEpochMilli();
    long window = settings.windowDays() * 86_400_000L;
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      FixedBitSet docs = s.matching(upTo);
      DocColumns columns = s.columns();
      String[] account = s.customersOrAccounts(docs, true);
      java.util.TreeMap<String, long[]> tallies = new java.util.TreeMap<>();
      long[] bits = docs.getBits();
      for (int w = 0; w < bits.length; w++) {
        long word = bits[w];
        while (word != 0) {
          int doc = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
          if (account[doc] == null) {
            continue;
          }
          // recent count, pos, mid, neg, sum; previous count, pos, mid, neg, sum; last time
          long[] t =
              tallies.computeIfAbsent(
                  account[doc], k -> new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Long.MIN_VALUE});
          long time = columns.submittedAtMillis(doc);
          t[10] = Math.max(t[10], time);
          int base = time > end - window ? 0 : time > end - 2 * window ? 5 : -1;
          if (base < 0) {
            continue;
          }
          t[base]++;
          t[base + 1 + columns.groupOrdinal(doc)]++;
          t[base + 4] += columns.score(doc);
        }
      }
      List<AccountHealth.Input> out = new ArrayList<>();
      tallies.forEach(
          (name, t) ->
              out.add(
                  new AccountHealth.Input(
                      name,
                      new ScoreTally(t[0], t[1], t[2], t[3], t[4]),
                      new ScoreTally(t[5], t[6], t[7], t[8], t[9]),
                      Math.floorDiv(end - t[10], 86_400_000L))));
      return out;
    }
  }

  /** A customer's two responses: the earlier and the later one. */
  public record CustomerPair(String customer, AnalyzedResponse before, AnalyzedResponse after) {}

  /** Success stories and customers whose score fell, from every response up to the period's end. */
  public record CustomerMoves(List<CustomerPair> successes, List<CustomerPair> falling) {}

  /**
   * Per customer, in time order, the responses of {@code history} (every response of the filter up
   * to the period's end): a success is a positive-group response in [from, to] after a
   * negative-group one (the latest such pair); a fall is the latest response in [from, to] being in
   * a lower group than the response before it. Successes newest first, falls largest drop first;
   * ties by customer.
   */
  private static CustomerMoves customerMoves(
      ResponseIndex.Snapshot s, FixedBitSet history, long from, long to, int limit) {
    DocColumns columns = s.columns();
    String[] customer = s.customersOrAccounts(history, false);
    List<Integer> docs = new ArrayList<>();
    long[] bits = history.getBits();
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        if (customer[doc] != null) {
          docs.add(doc);
        }
      }
    }
    docs.sort(
        Comparator.<Integer, String>comparing(d -> customer[d])
            .thenComparingLong(columns::submittedAtMillis)
            .thenComparingInt(d -> d));
    record Move(String customer, int before, int after, long key) {}
    List<Move> ups = new ArrayList<>();
    List<Move> downs = new ArrayList<>();
    int negative = Category.Group.NEGATIVE.ordinal();
    int positive = Category.Group.POSITIVE.ordinal();
    for (int i = 0; i < docs.size(); ) {
      int j = i;
      while (j < docs.size() && customer[docs.get(j)].equals(customer[docs.get(i)])) {
        j++;
      }
      int lastNegative = -1;
      Move up = null;
      for (int k = i; k < j; k++) {
        int doc = docs.get(k);
        long t = columns.submittedAtMillis(doc);
        int group = columns.groupOrdinal(doc);
        if (group == positive && lastNegative >= 0 && t >= from && t <= to) {
          up = new Move(customer[doc], lastNegative, doc, -t);
        }
        if (group == negative) {
          lastNegative = doc;
        }
      }
      if (up != null) {
        ups.add(up);
      }
      int last = docs.get(j - 1);
      long lastTime = columns.submittedAtMillis(last);
      if (j - i >= 2 && lastTime >= from && lastTime <= to) {
        int prev = docs.get(j - 2);
        if (columns.groupOrdinal(last) > columns.groupOrdinal(prev)) {
          downs.add(
              new Move(
                  customer[last], prev, last, columns.score(last) - (long) columns.score(prev)));
        }
      }
      i = j;
    }
    Comparator<Move> order = Comparator.comparingLong(Move::key).thenComparing(Move::customer);
    ups.sort(order);
    downs.sort(order);
    List<CustomerPair> successes = new ArrayList<>();
    for (Move m : ups.subList(0, Math.min(limit, ups.size()))) {
      successes.add(new CustomerPair(m.customer(), s.load(m.before()), s.load(m.after())));
    }
    List<CustomerPair> falling = new ArrayList<>();
    for (Move m : downs.subList(0, Math.min(limit, downs.size()))) {
      falling.add(new CustomerPair(m.customer(), s.load(m.before()), s.load(m.after())));
    }
    return new CustomerMoves(successes, falling);
  }

  private static Period period(
      ResponseIndex.Snapshot s, Filter filter, Metric metric, List<Theme> themes) {
    FixedBitSet docs = s.matching(filter);
    DocColumns columns = s.columns();
    long[] histogram = new long[11];
    FixedBitSet negative = new FixedBitSet(docs.length());
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long[] bits = docs.getBits();
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        histogram[columns.score(doc)]++;
        long t = columns.submittedAtMillis(doc);
        first = Math.min(first, t);
        last = Math.max(last, t);
        if (columns.isNegative(doc)) {
          negative.set(doc);
        }
      }
    }
    Map<String, PeriodComparison.ThemeCounts> counts = new LinkedHashMap<>();
    for (Theme theme : themes) {
      FixedBitSet mentions = s.mentioning(theme);
      long m = FixedBitSet.intersectionCount(mentions, docs);
      long d = m == 0 ? 0 : FixedBitSet.intersectionCount(mentions, negative);
      counts.put(theme.id(), new PeriodComparison.ThemeCounts(theme.id(), theme.name(), m, d));
    }
    return new Period(
        filter.from(),
        filter.to(),
        histogram,
        MetricsCalculator.summarize(metric, histogram),
        first == Long.MAX_VALUE ? null : Instant.ofEpochMilli(first),
        last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last),
        counts);
  }

  /**
   * Promoters who might act as references: positive group, a comment read as positive; the highest
   * score first, then the most recent, then the document order (ties beyond that are rare and the
   * same index gives the same order).
   */
  private static List<AnalyzedResponse> references(
      ResponseIndex.Snapshot s, FixedBitSet docs, int limit) {
    DocColumns columns = s.columns();
    int[] best = new int[limit];
    int found = 0;
    long[] bits = docs.getBits();
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int doc = (w << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        if (columns.groupOrdinal(doc) != Category.Group.POSITIVE.ordinal()
            || columns.sentiment(doc) != Polarity.POSITIVE) {
          continue;
        }
        int pos = found;
        while (pos > 0 && before(columns, doc, best[pos - 1])) {
          pos--;
        }
        if (pos >= limit) {
          continue;
        }
        for (int i = Math.min(found, limit - 1); i > pos; i--) {
          best[i] = best[i - 1];
        }
        best[pos] = doc;
        found = Math.min(found + 1, limit);
      }
    }
    List<AnalyzedResponse> out = new ArrayList<>();
    for (int i = 0; i < found; i++) {
      out.add(s.load(best[i]));
    }
    return out;
  }

  private static boolean before(DocColumns c, int a, int b) {
    if (c.score(a) != c.score(b)) {
      return c.score(a) > c.score(b);
    }
    return c.submittedAtMillis(a) > c.submittedAtMillis(b);
  }
}
