package dev.earful.impact;

import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.search.DocColumns;
import dev.earful.search.KeyColumn;
import dev.earful.search.ResponseIndex;
import dev.earful.search.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Per-account rollups for customer success: responses, the metric with its interval, its change
 * against the previous period, the detractor share, the latest score of each customer and the last
 * response, sorted so that the accounts at risk come first. Works on doc values (one pass over the
 * filtered responses of the metric), loading only the ids of the page's last responses.
 */
public final class AccountRollups {

  /** How many customers an account lists (worst latest score first); the count says the rest. */
  public static final int MAX_CUSTOMERS = 50;

  private final ResponseIndex index;

  public AccountRollups(ResponseIndex index) {
    this.index = index;
  }

  /** A customer's latest response in an account. */
  public record CustomerScore(
      String customer, String responseId, int score, Category category, Instant submittedAt) {}

  /**
   * One account.
   *
   * @param summary the metric over the account's filtered responses (value and 95% interval)
   * @param current the metric over the current period, null without responses in it
   * @param previous the metric over the previous period, null without responses in it
   * @param change the current value minus the previous one, null when either is missing
   */
  public record Rollup(
      String account,
      long responses,
      MetricsCalculator.Summary summary,
      MetricsCalculator.Summary current,
      MetricsCalculator.Summary previous,
      Double change,
      double detractorShare,
      Instant lastResponseAt,
      String lastResponseId,
      int customerCount,
      List<CustomerScore> customers) {}

  /** A page of accounts: how many match, the page, and where the next page starts (or null). */
  public record Page(
      Metric metric,
      Instant currentFrom,
      Instant asOf,
      Instant previousFrom,
      long total,
      List<Rollup> accounts,
      Integer nextOffset) {}

  public Page compute(AccountRequest request) {
    Metric metric = request.metric();
    Instant asOf = request.asOf();
    Instant currentFrom = asOf.minus(request.period());
    Instant previousFrom = currentFrom.minus(request.period());
    long asOfMs = asOf.toEpochMilli();
    long currentMs = currentFrom.toEpochMilli();
    long previousMs = previousFrom.toEpochMilli();
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      FixedBitSet docs = s.matching(request.filter());
      DocColumns columns = s.columns();
      KeyColumn accounts = s.keys(Schema.ACCOUNT);
      KeyColumn customers = s.keys(Schema.CUSTOMER);
      int n = accounts.size();
      long[][] all = new long[n][];
      long[][] current = new long[n][];
      long[][] previous = new long[n][];
      long[] lastAt = new long[n];
      int[] lastDoc = new int[n];
      // Per account, customer ordinal -> latest doc: a small open map per account would be
      // tighter, but accounts have few customers and a HashMap keeps this readable.
      List<java.util.Map<Integer, Integer>> latest = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        latest.add(null);
      }
      BitSetIterator it = new BitSetIterator(docs, 0);
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        int a = accounts.ordinal(doc);
        if (a < 0 || columns.metricOrdinal(doc) != metric.ordinal()) {
          continue;
        }
        if (all[a] == null) {
          all[a] = new long[11];
          current[a] = new long[11];
          previous[a] = new long[11];
          lastAt[a] = Long.MIN_VALUE;
          latest.set(a, new java.util.HashMap<>());
        }
        int score = columns.score(doc);
        long at = columns.submittedAtMillis(doc);
        all[a][score]++;
        if (at > currentMs && at <= asOfMs) {
          current[a][score]++;
        } else if (at > previousMs && at <= currentMs) {
          previous[a][score]++;
        }
        if (at > lastAt[a] || (at == lastAt[a] && doc > lastDoc[a])) {
          lastAt[a] = at;
          lastDoc[a] = doc;
        }
        int c = customers.ordinal(doc);
        if (c >= 0) {
          final int d = doc;
          latest
              .get(a)
              .merge(
                  c,
                  doc,
                  (old, now) -> {
                    long oldAt = columns.submittedAtMillis(old);
                    long nowAt = columns.submittedAtMillis(d);
                    return nowAt > oldAt || (nowAt == oldAt && d > old) ? d : old;
                  });
        }
      }
      List<Row> rows = new ArrayList<>();
      for (int a = 0; a < n; a++) {
        if (all[a] == null) {
          continue;
        }
        long count = 0;
        long negatives = 0;
        for (int score = metric.min(); score <= metric.max(); score++) {
          count += all[a][score];
          if (metric.categorize(score).group() == Category.Group.NEGATIVE) {
            negatives += all[a][score];
          }
        }
        if (count < request.minResponses()) {
          continue;
        }
        MetricsCalculator.Summary cur = MetricsCalculator.summarize(metric, current[a]);
        MetricsCalculator.Summary prev = MetricsCalculator.summarize(metric, previous[a]);
        rows.add(
            new Row(
                a,
                new Rollup(
                    accounts.value(a),
                    count,
                    MetricsCalculator.summarize(metric, all[a]),
                    cur.count() == 0 ? null : cur,
                    prev.count() == 0 ? null : prev,
                    change(metric, current[a], previous[a]),
                    (double) negatives / count,
                    Instant.ofEpochMilli(lastAt[a]),
                    null,
                    latest.get(a).size(),
                    List.of())));
      }
      Comparator<Rollup> order = comparator(request);
      rows.sort((x, y) -> order.compare(x.rollup(), y.rollup()));
      int from = Math.min(request.offset(), rows.size());
      int to = Math.min(rows.size(), from + request.limit());
      List<Rollup> page = new ArrayList<>(to - from);
      for (Row row : rows.subList(from, to)) {
        int a = row.ordinal();
        Rollup r = row.rollup();
        List<CustomerScore> scores = new ArrayList<>();
        for (var e : latest.get(a).entrySet()) {
          int doc = e.getValue();
          scores.add(
              new CustomerScore(
                  customers.value(e.getKey()),
                  s.id(doc),
                  columns.score(doc),
                  columns.category(doc),
                  Instant.ofEpochMilli(columns.submittedAtMillis(doc))));
        }
        scores.sort(
            Comparator.comparingInt(CustomerScore::score).thenComparing(CustomerScore::customer));
        page.add(
            new Rollup(
                r.account(),
                r.responses(),
                r.summary(),
                r.current(),
                r.previous(),
                r.change(),
                r.detractorShare(),
                r.lastResponseAt(),
                s.id(lastDoc[a]),
                r.customerCount(),
                List.copyOf(scores.subList(0, Math.min(MAX_CUSTOMERS, scores.size())))));
      }
      Integer next = to < rows.size() ? to : null;
      return new Page(metric, currentFrom, asOf, previousFrom, rows.size(), page, next);
    }
  }

  /**
   * The current period's score minus the previous one's, rounded once to 2 decimals as GET /metrics
   * rounds a score; null when a period has no responses. Not the difference of the two rounded
   * values: NPS 33.333 and 16.667 give 16.67, where 33.33 - 16.67 would give 16.66. The same
   * difference as PeriodComparison's score change, defined here for any non-empty periods.
   */
  static Double change(Metric metric, long[] current, long[] previous) {
    ScoreTally cur = PeriodComparison.tally(metric, current);
    ScoreTally prev = PeriodComparison.tally(metric, previous);
    if (cur.count() == 0 || prev.count() == 0) {
      return null;
    }
    return MetricsCalculator.round2(cur.score(metric) - prev.score(metric));
  }

  /** An account's ordinal in the key column beside its rollup. */
  private record Row(int ordinal, Rollup rollup) {}

  /** The request's order; nulls (no value, no change) last; ties by account name. */
  static Comparator<Rollup> comparator(AccountRequest request) {
    Comparator<Rollup> primary =
        switch (request.sort()) {
          case RISK ->
              Comparator.comparing(
                      (Rollup r) -> MetricValues.value(r.summary()),
                      Comparator.nullsLast(Comparator.<Double>naturalOrder()))
                  .thenComparing(Comparator.comparingDouble(Rollup::detractorShare).reversed());
          case CHANGE ->
              Comparator.comparing(
                  Rollup::change, Comparator.nullsLast(Comparator.<Double>naturalOrder()));
          case DETRACTOR_SHARE -> Comparator.comparingDouble(Rollup::detractorShare).reversed();
          case RESPONSES -> Comparator.comparingLong(Rollup::responses).reversed();
          case LAST_RESPONSE -> Comparator.comparing(Rollup::lastResponseAt).reversed();
          case ACCOUNT -> Comparator.comparing(Rollup::account);
        };
    if (request.reversed()) {
      primary = primary.reversed();
    }
    return primary.thenComparing(Rollup::account);
  }
}
