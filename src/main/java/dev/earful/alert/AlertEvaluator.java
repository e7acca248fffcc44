package dev.earful.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.impact.ImpactService;
import dev.earful.impact.TrendAnalyzer;
import dev.earful.report.ReportNumbers;
import dev.earful.search.DocColumns;
import dev.earful.search.Filter;
import dev.earful.search.JsonParameters;
import dev.earful.search.ResponseIndex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the alert rules after each import batch (and, in a server, the rules over time windows
 * every {@link #SCHEDULE}) and hands what they raise to the store (durably) and then to the
 * dispatcher. One alert per incident: a dip or an emerging theme opens an incident that stays open,
 * raising nothing more, until a later evaluation finds the condition gone; a matching new response
 * is alerted once per rule, a batch's matches in one alert.
 *
 * <p>The dip test: each response is a value (NPS: +100 promoter, 0 passive, -100 detractor; CSAT:
 * 100 when satisfied, else 0; CES: the score), so the metric is the mean of the values; the
 * window's mean is compared with the baseline's by a one-sided two-sample z test with unequal
 * variances (Welch's statistic, normal reference: each side has at least {@code minResponses}, 30
 * by default).
 */
public final class AlertEvaluator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

  /**
   * How often a server evaluates the time-window rules with nothing imported: their windows are
   * days long, so a quarter of an hour late is soon enough.
   */
  public static final Duration SCHEDULE = Duration.ofMinutes(15);

  public static final String DROP_TEST =
      "one-sided two-sample z test (unequal variances) on per-response values: NPS +100/0/-100,"
          + " CSAT 100/0 satisfied, CES the score";

  /** How many responses a new-response alert lists (all are recorded as alerted). */
  static final int MAX_LISTED = 100;

  /**
   * Which of some responses a rule's stored filter selects: the index's {@link
   * ResponseIndex#matchingIdsOfRule} (a theme deleted since selects nothing), the new-response
   * rules' question to it (a seam, so a test can delete a response while it is asked).
   */
  @FunctionalInterface
  interface Matcher {
    Set<String> matchingIds(Filter filter, Collection<String> responseIds);
  }

  /**
   * A new-response rule's matches, in the batch's order, made an alert only once they are checked
   * again under the store's lock ({@link #record}).
   */
  private record Matched(AlertRule rule, List<Response> responses, boolean refined) {}

  private final AlertStore store;
  private final ResponseIndex index;
  private final Matcher matcher;
  private final ImpactService impact;
  private final WebhookDispatcher dispatcher;
  private final Clock clock;
  private final ObjectMapper mapper;
  private ScheduledExecutorService schedule; // guarded by this
  private final LongAdder evaluationNanos = new LongAdder();

  public AlertEvaluator(
      AlertStore store,
      ResponseIndex index,
      ImpactService impact,
      WebhookDispatcher dispatcher,
      Clock clock,
      ObjectMapper mapper) {
    this(store, index, index::matchingIdsOfRule, impact, dispatcher, clock, mapper);
  }

  AlertEvaluator(
      AlertStore store,
      ResponseIndex index,
      Matcher matcher,
      ImpactService impact,
      WebhookDispatcher dispatcher,
      Clock clock,
      ObjectMapper mapper) {
    this.store = store;
    this.index = index;
    this.matcher = matcher;
    this.impact = impact;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.mapper = mapper;
  }

  /** Time spent evaluating rules since start, for benchmarks and monitoring. */
  public long evaluationNanos() {
    return evaluationNanos.sum();
  }

  /** The import answer's count of alerts raised (see {@link #onImported}). */
  public static final String RAISED = "alerts.raised";

  /**
   * The import answer's count of responses a new-response rule matched but skipped as older than
   * its {@code maxAgeDays} (see {@link #onImported}).
   */
  public static final String TOO_OLD = "alerts.tooOld";

  /**
   * Evaluates every rule after a batch was written.
   *
   * @return what it did, for the import's answer: {@code alerts.raised}, the alerts raised
   *     (durable), and {@code alerts.tooOld}, the responses a new-response rule's filter selected
   *     that it did not alert on because they were submitted more than its {@code maxAgeDays}
   *     before now (an imported history), each response counted once
   */
  public synchronized Map<String, Long> onImported(List<AnalyzedResponse> batch) {
    Map<String, Long> did = new LinkedHashMap<>();
    did.put(RAISED, 0L);
    did.put(TOO_OLD, 0L);
    if (batch.isEmpty()) {
      return did;
    }
    long start = System.nanoTime();
    try {
      Set<String> tooOld = new HashSet<>();
      did.put(RAISED, (long) evaluate(batch, tooOld).size());
      did.put(TOO_OLD, (long) tooOld.size());
      return did;
    } finally {
      evaluationNanos.add(System.nanoTime() - start);
    }
  }

  /**
   * Runs the new-response rules that read sentiment on responses whose overall label the background
   * refinement changed ({@code before.get(i)} as imported, {@code after.get(i)} refined, both
   * written), so a response the cascade reads negative raises the alert a {@code sentiment:
   * negative} rule would have raised at an import with the cascade. Each response is alerted at
   * most once per rule, as at imports; an alert raised on the fast label stays (it was sent). The
   * rules over time windows are not run here: they count the index, where a refined response is one
   * response with its new labels, at the next import or every {@link #SCHEDULE}.
   *
   * @return the alerts raised (durable), their detail saying {@code "sentimentRefined": true}
   */
  public synchronized List<Alert> onRefined(
      List<AnalyzedResponse> before, List<AnalyzedResponse> after) {
    List<AnalyzedResponse> changed = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      if (after.get(i).analysis().sentiment().label()
          != before.get(i).analysis().sentiment().label()) {
        changed.add(after.get(i));
      }
    }
    List<AlertRule> rules =
        store.rules().stream()
            .filter(r -> r.type() == AlertType.NEW_RESPONSE && !r.filter().sentiments().isEmpty())
            .toList();
    if (changed.isEmpty() || rules.isEmpty()) {
      return List.of();
    }
    long start = System.nanoTime();
    try {
      Instant now = clock.instant();
      List<Matched> matched = new ArrayList<>();
      for (AlertRule rule : rules) {
        newResponses(rule, changed, now, matched, new HashSet<>(), true);
      }
      return record(rules, List.of(), matched, List.of(), now);
    } finally {
      evaluationNanos.add(System.nanoTime() - start);
    }
  }

  /**
   * Evaluates the rules over time windows (metric drops, emerging themes) with nothing imported:
   * their windows move with the clock, so a dip can start or end, and a week end, while no response
   * arrives (responses age out of the window into the baseline). Returns the alerts raised.
   */
  public synchronized List<Alert> onSchedule() {
    long start = System.nanoTime();
    try {
      return evaluate(List.of(), new HashSet<>());
    } finally {
      evaluationNanos.add(System.nanoTime() - start);
    }
  }

  /**
   * Runs {@link #onSchedule} every {@code every} (the first time {@code every} after the start, so
   * the last evaluations read at start are what the page shows until then), on one daemon thread,
   * until {@link #close}. A server calls it; a command that imports and exits does not need it (its
   * import evaluates).
   */
  public synchronized void startSchedule(Duration every) {
    if (schedule != null) {
      return;
    }
    schedule =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "earful-alert-windows");
              t.setDaemon(true);
              return t;
            });
    schedule.scheduleWithFixedDelay(
        this::onScheduleSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void onScheduleSafely() {
    try {
      onSchedule();
    } catch (RuntimeException e) {
      // The next tick (or import) tries again; an evaluation is not recorded before its alert.
      LOG.error("evaluating the alert rules on schedule failed", e);
    }
  }

  /**
   * Stops the schedule, letting an evaluation in progress finish (not interrupted: it may be
   * reading the index or writing the journal); the store stays open.
   */
  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = schedule;
    }
    if (s == null) {
      return;
    }
    s.shutdown();
    try {
      s.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Alert> evaluate(List<AnalyzedResponse> batch, Set<String> tooOld) {
    List<AlertRule> rules = store.rules();
    if (rules.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<Alert> windows = new ArrayList<>();
    List<Matched> matched = new ArrayList<>();
    List<String> closed = new ArrayList<>();
    Map<String, RuleEvaluation> evaluations = new LinkedHashMap<>();
    for (AlertRule rule : rules) {
      switch (rule.type()) {
        case NEW_RESPONSE -> newResponses(rule, batch, now, matched, tooOld, false);
        case METRIC_DROP -> metricDrop(rule, now, windows, closed, evaluations);
        case EMERGING_THEME -> emergingThemes(rule, now, windows, closed, evaluations);
      }
    }
    List<Alert> raised = record(rules, windows, matched, closed, now);
    // Only once the alerts they name are journaled: an evaluation that says "fired" names an alert
    // GET /alerts shows. When the journal write fails, the last evaluations stay the ones before
    // (the import fails, and the next evaluation tries again).
    evaluations.forEach(store::evaluated);
    return raised;
  }

  private void newResponses(
      AlertRule rule,
      List<AnalyzedResponse> batch,
      Instant now,
      List<Matched> matched,
      Set<String> tooOld,
      boolean refined) {
    Map<String, Response> fresh = new LinkedHashMap<>();
    Set<String> old = new HashSet<>();
    // An imported history is not news: responses older than the rule's maxAgeDays are skipped
    // (and not recorded, so they are skipped again when imported again), and counted when the
    // rule's filter selects them, so the import says why they raised nothing.
    Instant oldest =
        rule.maxAgeDays() == null ? null : now.minus(Duration.ofDays(rule.maxAgeDays()));
    for (AnalyzedResponse r : batch) {
      if (store.alerted(rule.id(), r.response().id())) {
        continue;
      }
      if (oldest != null && r.response().submittedAt().isBefore(oldest)) {
        old.add(r.response().id());
      } else {
        fresh.put(r.response().id(), r.response());
      }
    }
    if (!old.isEmpty()) {
      tooOld.addAll(matcher.matchingIds(rule.filter(), old));
    }
    if (fresh.isEmpty()) {
      return;
    }
    Set<String> matching = matcher.matchingIds(rule.filter(), fresh.keySet());
    List<Response> selected =
        fresh.values().stream().filter(r -> matching.contains(r.id())).toList();
    if (!selected.isEmpty()) {
      matched.add(new Matched(rule, selected, refined));
    }
  }

  /**
   * Stores and sends the time-window rules' {@code windows} alerts and the alerts of the
   * new-response rules' {@code matched}, closing {@code closed}, in one durable append. Under the
   * store's lock, which {@link AlertStore#eraseResponse} and {@link AlertStore#eraseCustomer} take
   * after the response left the index, the matched responses are asked of the index again: one
   * deleted or erased while the rules asked the index is left out, so no alert is stored or sent
   * with its comment after its deletion answered (review R5 of session 22, the alert half; the
   * follow-ups do the same under the queue's lock). An erasure that comes after this finds the
   * alert stored and erases it, as for any alert raised before a deletion.
   *
   * <p>The alerts are stored, sent and listed in the order of {@code rules}, the rules evaluated: a
   * person reading {@code GET /alerts} after an import reads them as the rules are listed (they
   * were stored window alerts first, and listed by id at one instant).
   *
   * @return the alerts raised, in the order of their rules
   */
  private List<Alert> record(
      List<AlertRule> rules,
      List<Alert> windows,
      List<Matched> matched,
      List<String> closed,
      Instant now) {
    synchronized (store) {
      List<Alert> raised = new ArrayList<>(windows);
      if (!matched.isEmpty()) {
        Set<String> asked = new HashSet<>();
        matched.forEach(m -> m.responses().forEach(r -> asked.add(r.id())));
        Set<String> present = matcher.matchingIds(Filter.ALL, asked);
        for (Matched m : matched) {
          List<Response> kept =
              m.responses().stream().filter(r -> present.contains(r.id())).toList();
          if (!kept.isEmpty()) {
            raised.add(newResponsesAlert(m.rule(), kept, now, m.refined()));
          }
        }
      }
      Map<String, Integer> position = new HashMap<>();
      for (AlertRule rule : rules) {
        position.putIfAbsent(rule.id(), position.size());
      }
      // stable: a rule's own alerts (an emerging theme each) keep the order it raised them in
      raised.sort(Comparator.comparingInt(a -> position.getOrDefault(a.ruleId(), rules.size())));
      if (!raised.isEmpty() || !closed.isEmpty()) {
        store.accept(raised, closed);
        raised.stream()
            .filter(a -> a.delivery() == Alert.Delivery.PENDING)
            .forEach(dispatcher::submit);
      }
      return raised;
    }
  }

  /** The alert of a new-response rule for {@code matching}, every one of them selected. */
  private Alert newResponsesAlert(
      AlertRule rule, List<Response> matching, Instant now, boolean refined) {
    List<String> ids = new ArrayList<>();
    List<String> customers = new ArrayList<>();
    List<Map<String, Object>> listed = new ArrayList<>();
    for (Response r : matching) {
      ids.add(r.id());
      if (r.customer() != null && !customers.contains(r.customer())) {
        customers.add(r.customer());
      }
      if (listed.size() < MAX_LISTED) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("metric", r.metric().wireName());
        m.put("score", r.score());
        m.put("category", r.category().wireName());
        m.put("customer", r.customer());
        m.put("account", r.account());
        m.put("submittedAt", r.submittedAt().toString());
        m.put("comment", r.comment());
        listed.add(m);
      }
    }
    String title =
        ids.size() == 1
            ? "New response matching '" + rule.name() + "': " + ids.get(0)
            : ids.size() + " new responses matching '" + rule.name() + "'";
    if (refined) {
      title += " (after its sentiment was refined)";
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("count", ids.size());
    // Every id, so a receiver can act on a batch larger than the responses listed in full.
    detail.put("responseIds", ids);
    detail.put("responses", listed);
    if (refined) {
      // imported earlier on the fast model's label; the cascade's label selects it now
      detail.put("sentimentRefined", true);
    }
    return alert(rule, rule.id() + ":responses:" + ids.get(0), now, title, detail, customers, ids);
  }

  /** The figures of a dip check. */
  record Side(long n, double mean, double variance) {}

  private void metricDrop(
      AlertRule rule,
      Instant now,
      List<Alert> raised,
      List<String> closed,
      Map<String, RuleEvaluation> evaluations) {
    Metric metric = rule.filter().metric() == null ? Metric.NPS : rule.filter().metric();
    Instant windowFrom = now.minus(Duration.ofDays(rule.windowDays()));
    Instant baselineFrom = windowFrom.minus(Duration.ofDays(rule.baselineDays()));
    // A rule whose every theme is gone selects nothing: both sides are empty, too few to test.
    Optional<Filter> known = index.asNow(rule.filter());
    long[] window = new long[11];
    long[] baseline = new long[11];
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      FixedBitSet docs =
          known.isEmpty()
              ? new FixedBitSet(1)
              : s.matching(
                  known.get().toBuilder().metric(metric).from(baselineFrom).to(now).build());
      DocColumns c = s.columns();
      long split = windowFrom.toEpochMilli();
      BitSetIterator it = new BitSetIterator(docs, 0);
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        if (c.submittedAtMillis(d) > split) {
          window[c.score(d)]++;
        } else {
          baseline[c.score(d)]++;
        }
      }
    }
    Side w = side(metric, window);
    Side b = side(metric, baseline);
    String key = rule.id() + ":drop";
    DropEvaluation.Period windowPeriod =
        new DropEvaluation.Period(windowFrom, now, w.n(), w.mean());
    DropEvaluation.Period baselinePeriod =
        new DropEvaluation.Period(baselineFrom, windowFrom, b.n(), b.mean());
    double drop = b.mean() - w.mean();
    Measured measured = new Measured(now, metric, windowPeriod, baselinePeriod, drop);
    if (w.n() < rule.minResponses() || b.n() < rule.minResponses()) {
      // too few to say either way: an open incident stays open
      evaluations.put(
          rule.id(),
          measured.evaluation(
              Double.NaN,
              DropEvaluation.Outcome.TOO_FEW_RESPONSES,
              tooFew(rule, w, b),
              store.incidentOpen(key) ? openAlertId(key) : null,
              false));
      return;
    }
    double p = oneSidedDropP(w, b);
    boolean dipping = drop > rule.minDrop() && p < rule.alpha();
    if (!dipping) {
      boolean closing = store.incidentOpen(key);
      if (closing) {
        closed.add(key);
      }
      boolean small = !(drop > rule.minDrop());
      evaluations.put(
          rule.id(),
          measured.evaluation(
              p,
              small ? DropEvaluation.Outcome.NO_DROP : DropEvaluation.Outcome.NOT_SIGNIFICANT,
              noDipReason(rule, drop, p, small)
                  + (closing ? "; the dip alerted before is over (incident closed)" : ""),
              null,
              closing));
      return;
    }
    if (store.incidentOpen(key)) {
      String opened = openAlertId(key);
      evaluations.put(
          rule.id(),
          measured.evaluation(
              p,
              DropEvaluation.Outcome.DIPPING,
              dipReason(rule, drop, p)
                  + "; the dip was alerted before"
                  + (opened == null ? "" : " (" + opened + ")")
                  + ", so nothing new is raised while it lasts",
              opened,
              false));
      return;
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("metric", metric.wireName());
    detail.put("filter", JsonParameters.view(rule.when()));
    detail.put("window", period(windowFrom, now, w));
    detail.put("baseline", period(baselineFrom, windowFrom, b));
    detail.put("drop", round(drop));
    detail.put("minDrop", rule.minDrop());
    detail.put("pValue", p);
    detail.put("alpha", rule.alpha());
    detail.put("test", DROP_TEST);
    String title = dropTitle(metric, rule, w, b, drop, p);
    Alert alert = alert(rule, key, now, title, detail, List.of(), List.of());
    raised.add(alert);
    evaluations.put(
        rule.id(),
        measured.evaluation(
            p,
            DropEvaluation.Outcome.FIRED,
            dipReason(rule, drop, p) + ": alert " + alert.id() + " raised",
            alert.id(),
            false));
  }

  /** What one evaluation of a metric drop measured, before it is tested and judged. */
  private record Measured(
      Instant at,
      Metric metric,
      DropEvaluation.Period window,
      DropEvaluation.Period baseline,
      double drop) {

    DropEvaluation evaluation(
        double pValue,
        DropEvaluation.Outcome outcome,
        String reason,
        String alertId,
        boolean closedIncident) {
      return new DropEvaluation(
          at, metric, window, baseline, drop, pValue, outcome, reason, alertId, closedIncident);
    }
  }

  private String openAlertId(String incident) {
    return store.latestAlert(incident).map(Alert::id).orElse(null);
  }

  /**
   * "too few responses to test: 12 in the last 7 days, 40 in the 28 days before; each side needs
   * 30".
   */
  static String tooFew(AlertRule rule, Side w, Side b) {
    return String.format(
        Locale.ROOT,
        "too few responses to test: %,d in the last %d days, %,d in the %d days before; each side"
            + " needs %,d (minResponses)",
        w.n(),
        rule.windowDays(),
        b.n(),
        rule.baselineDays(),
        rule.minResponses());
  }

  /**
   * Why a tested comparison is no dip: too small a fall (or a rise), or not significant, its
   * figures as {@link #score} prints them.
   */
  static String noDipReason(AlertRule rule, double drop, double p, boolean small) {
    if (small) {
      return String.format(
          Locale.ROOT,
          "%s points, not more than minDrop %s",
          drop < 0 ? "rose " + score(-drop) : "fell " + score(drop),
          plain(rule.minDrop()));
    }
    return String.format(
        Locale.ROOT,
        "fell %s points (more than minDrop %s), but %s is not below alpha %s",
        score(drop),
        plain(rule.minDrop()),
        pText(p),
        plain(rule.alpha()));
  }

  static String dipReason(AlertRule rule, double drop, double p) {
    return String.format(
        Locale.ROOT,
        "fell %s points (more than minDrop %s) and %s is below alpha %s",
        score(drop),
        plain(rule.minDrop()),
        pText(p),
        plain(rule.alpha()));
  }

  private static String plain(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /**
   * The title of a metric drop's alert: what a person reads first (the page's alert list, a chat
   * message made from the webhook), so it gives the two values compared, their responses and how
   * sure the drop is, not only a difference to three decimals ("dropped by 14.078 points").
   */
  static String dropTitle(Metric metric, AlertRule rule, Side w, Side b, double drop, double p) {
    return String.format(
        Locale.ROOT,
        "%s for '%s' fell %s points: %s over the last %d days (%,d responses) against %s over"
            + " the %d days before (%,d); %s",
        metric.wireName().toUpperCase(Locale.ROOT),
        rule.name(),
        score(drop),
        score(w.mean()),
        rule.windowDays(),
        w.n(),
        score(b.mean()),
        rule.baselineDays(),
        b.n(),
        pText(p));
  }

  /**
   * "p < 0.001", else "p = 0.012" to two significant digits: the one wording of a p-value in the
   * alerts' titles, reasons and the command line.
   */
  public static String pText(double p) {
    return p < 0.001
        ? "p < 0.001"
        : "p = "
            + new java.math.BigDecimal(p)
                .round(new java.math.MathContext(2))
                .stripTrailingZeros()
                .toPlainString();
  }

  private static Map<String, Object> period(Instant from, Instant to, Side s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", from.toString());
    m.put("to", to.toString());
    m.put("responses", s.n());
    m.put("value", round(s.mean()));
    return m;
  }

  /** Each response's value under the metric (see the class comment), as count, mean, variance. */
  static Side side(Metric metric, long[] histogram) {
    long n = 0;
    double sum = 0;
    double sumSq = 0;
    for (int score = metric.min(); score <= metric.max(); score++) {
      long k = histogram[score];
      if (k == 0) {
        continue;
      }
      double v = value(metric, score);
      n += k;
      sum += k * v;
      sumSq += k * v * v;
    }
    if (n == 0) {
      return new Side(0, Double.NaN, Double.NaN);
    }
    double mean = sum / n;
    double variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
    return new Side(n, mean, variance);
  }

  static double value(Metric metric, int score) {
    Category.Group g = metric.categorize(score).group();
    return switch (metric) {
      case NPS -> g == Category.Group.POSITIVE ? 100 : g == Category.Group.NEGATIVE ? -100 : 0;
      case CSAT -> g == Category.Group.POSITIVE ? 100 : 0;
      case CES -> score;
    };
  }

  /** P(Z <= z) for the window's mean minus the baseline's: small when the window is lower. */
  static double oneSidedDropP(Side window, Side baseline) {
    double se = Math.sqrt(window.variance() / window.n() + baseline.variance() / baseline.n());
    double diff = window.mean() - baseline.mean();
    if (se == 0) {
      return diff < 0 ? 0.0 : 1.0;
    }
    double z = diff / se;
    double twoSided = dev.earful.impact.ProportionStats.normalTwoSidedP(z);
    return z < 0 ? twoSided / 2 : 1 - twoSided / 2;
  }

  /**
   * The emerging test compares the last two weeks that have enough responses, so an evaluation
   * reads only the weeks from the Monday this many weeks back (a week's tally does not depend on
   * other weeks, so when both compared weeks fall in it, the periods, counts, tests and
   * Benjamini-Hochberg set are those of the whole history). Only when they do not (a filter with
   * few recent responses) is the whole history read. Reading two years of responses on every import
   * batch was most of the evaluation's cost at 1M responses.
   */
  static final int LOOKBACK_WEEKS = 8;

  /** The Monday (UTC) {@link #LOOKBACK_WEEKS} weeks before the week of {@code now}. */
  public static Instant lookbackStart(Instant now) {
    return currentWeekStart(now)
        .atZone(java.time.ZoneOffset.UTC)
        .minusWeeks(LOOKBACK_WEEKS)
        .toInstant();
  }

  /** The start of the ISO week of {@code now}: its Monday, 00:00 UTC. */
  static Instant currentWeekStart(Instant now) {
    java.time.LocalDate day = now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    return TrendAnalyzer.periodStart(day, TrendAnalyzer.Interval.WEEK)
        .atStartOfDay(java.time.ZoneOffset.UTC)
        .toInstant();
  }

  private void emergingThemes(
      AlertRule rule,
      Instant now,
      List<Alert> raised,
      List<String> closed,
      Map<String, RuleEvaluation> evaluations) {
    TrendAnalyzer.Options options =
        new TrendAnalyzer.Options(TrendAnalyzer.Interval.WEEK, rule.minResponses(), rule.alpha());
    // A rule whose every theme is gone compares nothing, as too few responses do.
    Filter whole = index.asNow(rule.filter()).orElse(null);
    Instant from = lookbackStart(now);
    // Only finished weeks are compared: the week of now is left out until it ends (Monday 00:00
    // UTC), so a share is never read from a day's or a weekend's responses against a whole week's,
    // and the two weeks compared are the ones GET /trends?interval=week shows. Read on a Monday,
    // the current week held one day of responses and compared with the week before whenever that
    // day had minResponses. The price is a delay: a theme that rises on a Tuesday is alerted on
    // the next Monday.
    Instant lastFinished = currentWeekStart(now).minusNanos(1);
    if (whole != null && (whole.to() == null || whole.to().isAfter(lastFinished))) {
      whole = whole.toBuilder().to(lastFinished).build();
    }
    TrendAnalyzer.TrendReport report;
    if (whole == null) {
      Metric metric = rule.filter().metric() == null ? Metric.NPS : rule.filter().metric();
      report =
          new TrendAnalyzer.TrendReport(
              metric,
              TrendAnalyzer.Interval.WEEK,
              rule.minResponses(),
              List.of(),
              List.of(),
              List.of(),
              List.of());
    } else if (whole.from() != null && !whole.from().isBefore(from)) {
      report = impact.trends(whole, options);
    } else {
      report = impact.trends(whole.toBuilder().from(from).build(), options);
      if (report.compared().isEmpty()) {
        report = impact.trends(whole, options);
      }
    }
    if (report.compared().isEmpty()) {
      // too few to compare: open incidents stay open, as a metric drop's do
      evaluations.put(
          rule.id(),
          new EmergingEvaluation(
              now,
              List.of(),
              EmergingEvaluation.Outcome.TOO_FEW_RESPONSES,
              String.format(
                  Locale.ROOT,
                  "too few responses to compare: fewer than two weeks have %,d responses"
                      + " (minResponses)%s",
                  rule.minResponses(),
                  latestWeek(report)),
              List.of()));
      return;
    }
    String prefix = rule.id() + ":theme:";
    Set<String> now_ = new HashSet<>();
    List<EmergingEvaluation.Found> found = new ArrayList<>();
    int fired = 0;
    for (TrendAnalyzer.Emerging e : report.emerging()) {
      String key = prefix + e.id();
      now_.add(key);
      if (store.incidentOpen(key)) {
        found.add(found(e, openAlertId(key)));
        continue;
      }
      Map<String, Object> detail = new LinkedHashMap<>();
      Map<String, Object> theme = new LinkedHashMap<>();
      theme.put("id", e.id());
      theme.put("name", e.name());
      detail.put("theme", theme);
      detail.put("periods", report.compared());
      detail.put("previousShare", round(e.previousShare()));
      detail.put("share", round(e.share()));
      detail.put("previousMentions", e.previousMentions());
      detail.put("mentions", e.mentions());
      detail.put("pValue", e.pValue());
      detail.put("qValue", e.qValue());
      detail.put("test", TrendAnalyzer.EMERGING_TEST);
      String title =
          "Theme '"
              + e.name()
              + "' is emerging for '"
              + rule.name()
              + "': "
              + e.mentions()
              + " mentions in "
              + report.compared().get(report.compared().size() - 1);
      Alert alert = alert(rule, key, now, title, detail, List.of(), List.of());
      raised.add(alert);
      found.add(found(e, alert.id()));
      fired++;
    }
    int over = 0;
    for (String key : store.openIncidents(prefix)) {
      if (!now_.contains(key)) {
        closed.add(key);
        over++;
      }
    }
    evaluations.put(rule.id(), emergingEvaluation(rule, now, report, found, fired, over));
  }

  /** "; the latest week, 2026-W48, has 12": why nothing was compared, from the newest week. */
  private static String latestWeek(TrendAnalyzer.TrendReport report) {
    if (report.periods().isEmpty()) {
      return "; no response matches the rule's filter";
    }
    TrendAnalyzer.Period last = report.periods().get(report.periods().size() - 1);
    return String.format(
        Locale.ROOT, "; the latest week, %s, has %,d", last.label(), last.responses());
  }

  private static EmergingEvaluation.Found found(TrendAnalyzer.Emerging e, String alertId) {
    return new EmergingEvaluation.Found(
        e.id(),
        e.name(),
        e.previousMentions(),
        e.mentions(),
        e.previousShare(),
        e.share(),
        e.qValue(),
        alertId);
  }

  /** The evaluation of two compared weeks: what emerged, what was raised, and why. */
  static EmergingEvaluation emergingEvaluation(
      AlertRule rule,
      Instant now,
      TrendAnalyzer.TrendReport report,
      List<EmergingEvaluation.Found> found,
      int fired,
      int over) {
    List<EmergingEvaluation.Week> weeks = new ArrayList<>();
    for (String label : report.compared()) {
      for (TrendAnalyzer.Period p : report.periods()) {
        if (p.label().equals(label)) {
          weeks.add(
              new EmergingEvaluation.Week(
                  label, p.start().toString(), p.end().toString(), p.responses()));
        }
      }
    }
    String compared =
        weeks.size() == 2
            ? String.format(
                Locale.ROOT,
                "%s (%,d responses) against %s (%,d)",
                weeks.get(1).label(),
                weeks.get(1).responses(),
                weeks.get(0).label(),
                weeks.get(0).responses())
            : String.join(" against ", report.compared());
    String closedText =
        over == 0
            ? ""
            : "; "
                + (over == 1 ? "1 theme" : over + " themes")
                + " alerted before no longer emerging (incident closed)";
    String rose =
        compared
            + ": "
            + (found.size() == 1 ? "1 theme's share" : found.size() + " themes' shares")
            + " rose with q below alpha "
            + plain(rule.alpha());
    EmergingEvaluation.Outcome outcome;
    String reason;
    if (found.isEmpty()) {
      outcome = EmergingEvaluation.Outcome.NOTHING_EMERGING;
      reason = compared + ": no theme's share rose with q below alpha " + plain(rule.alpha());
    } else if (fired > 0) {
      outcome = EmergingEvaluation.Outcome.FIRED;
      reason =
          rose
              + "; "
              + (fired == 1 ? "1 alert" : fired + " alerts")
              + " raised"
              + (fired < found.size() ? ", the others were alerted before" : "");
    } else {
      outcome = EmergingEvaluation.Outcome.STILL_EMERGING;
      reason = rose + ", each alerted before, so nothing new is raised while it lasts";
    }
    reason += closedText;
    return new EmergingEvaluation(now, weeks, outcome, reason, found);
  }

  private Alert alert(
      AlertRule rule,
      String incident,
      Instant now,
      String title,
      Map<String, Object> detail,
      List<String> customers,
      List<String> responseIds) {
    String id = "al-" + hash(incident + '\u0000' + now);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", rule.id());
    r.put("name", rule.name());
    r.put("type", rule.type().wireName());
    body.put("rule", r);
    body.put("raisedAt", now.toString());
    body.put("title", title);
    body.putAll(detail);
    String json;
    try {
      json = mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert always serialises", e);
    }
    return new Alert(
        id,
        rule.id(),
        rule.type(),
        incident,
        now,
        title,
        json,
        customers,
        responseIds,
        rule.webhook() == null ? Alert.Delivery.NONE : Alert.Delivery.PENDING,
        List.of(),
        rule.webhook() == null ? null : now);
  }

  static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * A value or drop of a metric-drop alert as its texts print it: the value its JSON carries
   * ({@link #round}), with the decimals of a score ({@link ReportNumbers#score}), as the page, the
   * review, earful alerts and the Alerts tab print a score (the texts said "fell 100.0 points"), so
   * the reason and the values shown beside it are the same digits.
   */
  private static String score(double v) {
    return ReportNumbers.score(round(v));
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
