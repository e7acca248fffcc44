package dev.earful.report;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.CommentLanguages;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.domain.ThemeCatalog;
import dev.earful.impact.AccountHealth;
import dev.earful.impact.AdjustedEffects;
import dev.earful.impact.ImpactDocuments;
import dev.earful.impact.ImpactRanker;
import dev.earful.impact.MetricsCalculator;
import dev.earful.impact.PeriodComparison;
import dev.earful.impact.RankingSort;
import dev.earful.impact.ReviewAnalyzer;
import dev.earful.impact.ThemeImpact;
import dev.earful.impact.ThemeRanking;
import dev.earful.impact.TrendAnalyzer;
import dev.earful.search.Filter;
import dev.earful.targets.Distance;
import dev.earful.targets.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the {@link ReviewReport} of a {@link ReviewRequest}: resolves the periods, asks {@link
 * ReviewAnalyzer} for the figures and rounds them into the model. Never reads the clock: the
 * default period ends at the newest matching response, so the same data and request give the same
 * report.
 */
public final class ReviewReporter {

  /** Significance level of every "significant" in the report. */
  public static final double ALPHA = 0.05;

  /** Promoters named as possible references. */
  public static final int REFERENCES = 3;

  /** Success stories, customers whose score fell, and accounts at risk shown. */
  public static final int CUSTOMERS = 5;

  /** Longest quoted comment, in characters; longer ones are cut at a word with an ellipsis. */
  public static final int MAX_COMMENT = 400;

  /** A trend spanning more days than this is drawn by month, else by week. */
  static final int WEEKLY_UP_TO_DAYS = 120;

  private final ReviewAnalyzer analyzer;
  private final Supplier<List<Target>> targets;
  private final ThemeCatalog themes;
  private final Function<Filter, CommentLanguages> languages;

  /**
   * @param targets the targets set (read on each report; those of the report's metric and scope are
   *     shown)
   * @param themes the taxonomy, read on each report to name a sub-theme's theme
   * @param languages the comments' languages of a filter, so the report says which comments no
   *     theme can hold
   */
  public ReviewReporter(
      ReviewAnalyzer analyzer,
      Supplier<List<Target>> targets,
      ThemeCatalog themes,
      Function<Filter, CommentLanguages> languages) {
    this.analyzer = analyzer;
    this.targets = targets;
    this.themes = themes;
    this.languages = languages;
  }

  /** A reporter with no targets, no sub-themes named and no languages counted. */
  public ReviewReporter(ReviewAnalyzer analyzer) {
    this(analyzer, List::of, ThemeCatalog.EMPTY, f -> CommentLanguages.NONE);
  }

  /** The report, or empty when no period is given and no response matches the filter. */
  public Optional<ReviewReport> build(ReviewRequest request) {
    Filter asked = request.filter();
    Filter base = asked.toBuilder().from(null).to(null).build();
    Instant to = asked.to();
    if (to == null) {
      Optional<Instant> newest = analyzer.newest(asked);
      if (newest.isEmpty()) {
        return Optional.empty();
      }
      to = endOfDay(day(newest.get()));
    }
    Instant from =
        asked.from() != null
            ? asked.from()
            : day(to).minusMonths(3).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant compareFrom;
    Instant compareTo;
    if (request.compareTo() == ReviewRequest.CompareTo.PREVIOUS) {
      compareTo = from.minusNanos(1);
      long months = wholeMonths(from, to);
      // A quarter is compared with the quarter before, not with the same number of days: 1 July
      // to 30 September (92 days) against 1 April to 30 June, where the days gave 31 March.
      compareFrom =
          months > 0
              ? day(from).minusMonths(months).atStartOfDay(ZoneOffset.UTC).toInstant()
              : from.minus(Duration.between(from, to).plusNanos(1));
    } else {
      compareFrom = from.atZone(ZoneOffset.UTC).minusYears(1).toInstant();
      compareTo = to.atZone(ZoneOffset.UTC).minusYears(1).toInstant();
    }
    Metric metric = analyzer.metricOf(base.toBuilder().from(from).to(to).build());
    Filter current = base.toBuilder().metric(metric).from(from).to(to).build();
    Filter comparison = base.toBuilder().metric(metric).from(compareFrom).to(compareTo).build();
    Filter trend =
        request.compareTo() == ReviewRequest.CompareTo.PREVIOUS
            ? base.toBuilder().metric(metric).from(compareFrom).to(to).build()
            : current;
    long trendDays = Duration.between(trend.from(), trend.to()).toDays() + 1;
    TrendAnalyzer.Options trendOptions =
        new TrendAnalyzer.Options(
            trendDays > WEEKLY_UP_TO_DAYS
                ? TrendAnalyzer.Interval.MONTH
                : TrendAnalyzer.Interval.WEEK,
            TrendAnalyzer.Options.DEFAULT_MIN_RESPONSES,
            ALPHA);
    ImpactRanker.Options ranking =
        new ImpactRanker.Options(
            request.minMentions(), RankingSort.ATTRIBUTABLE, AdjustedEffects.Settings.DEFAULT);
    ReviewAnalyzer.Figures f =
        analyzer.analyze(
            new ReviewAnalyzer.Question(
                current,
                comparison,
                trend,
                ranking,
                trendOptions,
                request.top(),
                REFERENCES,
                CUSTOMERS));
    List<AccountHealth.Account> accounts =
        AccountHealth.rank(
            metric,
            analyzer.accountInputs(current, to, AccountHealth.Settings.DEFAULT),
            AccountHealth.Settings.DEFAULT);
    return Optional.of(
        model(
            request,
            base,
            f,
            accounts.subList(0, Math.min(CUSTOMERS, accounts.size())),
            targetsOf(metric, base),
            new ImpactDocuments.Parents(themes),
            languages.apply(current)));
  }

  /**
   * The accounts of the filtered responses by risk, highest first, with the parts of their health:
   * {@code {metric, asOf, windowDays, silentDays, weights, method, total, accounts}}. Empty when no
   * {@code to} is given and no response matches.
   */
  public Optional<Map<String, Object>> accounts(AccountHealthRequest request) {
    Filter asked = request.filter();
    Instant asOf = asked.to();
    if (asOf == null) {
      Optional<Instant> newest = analyzer.newest(asked);
      if (newest.isEmpty()) {
        return Optional.empty();
      }
      asOf = endOfDay(day(newest.get()));
    }
    Filter upTo = asked.toBuilder().from(null).to(asOf).build();
    Metric metric = analyzer.metricOf(upTo);
    AccountHealth.Settings s = request.settings();
    List<AccountHealth.Account> ranked =
        AccountHealth.rank(
            metric, analyzer.accountInputs(upTo.toBuilder().metric(metric).build(), asOf, s), s);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("metric", metric.wireName());
    doc.put("asOf", day(asOf).toString());
    doc.put("windowDays", s.windowDays());
    doc.put("silentDays", s.silentDays());
    Map<String, Object> weights = new LinkedHashMap<>();
    weights.put("level", s.level());
    weights.put("trend", s.trend());
    weights.put("detractors", s.detractors());
    weights.put("recency", s.recency());
    doc.put("weights", weights);
    doc.put("method", AccountHealth.METHOD);
    doc.put("total", ranked.size());
    doc.put(
        "accounts",
        ranked.subList(0, Math.min(request.limit(), ranked.size())).stream()
            .map(ReviewReporter::accountRisk)
            .toList());
    return Optional.of(doc);
  }

  /** The targets of this metric whose filter is the report's (values compared as sets). */
  private List<Target> targetsOf(Metric metric, Filter base) {
    Map<String, Set<String>> scope = canonical(base);
    return targets.get().stream()
        .filter(t -> t.metric() == metric && canonical(t.filter()).equals(scope))
        .toList();
  }

  private static Map<String, Set<String>> canonical(Filter f) {
    Map<String, Set<String>> m = new TreeMap<>();
    scope(f.toBuilder().metric(null).build()).forEach((k, v) -> m.put(k, new TreeSet<>(v)));
    return m;
  }

  private static ReviewReport.TargetProgress target(Target t, ReviewReport.Headline now) {
    Distance d =
        now.ci95() == null
            ? Distance.of(null, null, null, t.goal())
            : Distance.of(now.value(), now.ci95().get(0), now.ci95().get(1), t.goal());
    return new ReviewReport.TargetProgress(
        t.id(),
        t.name(),
        ReportNumbers.fixed(t.goal(), ReportNumbers.SCORE_DECIMALS),
        now.value(),
        d.value(),
        d.ci95(),
        d.goalInInterval(),
        d.status());
  }

  private static ReviewReport model(
      ReviewRequest request,
      Filter base,
      ReviewAnalyzer.Figures f,
      List<AccountHealth.Account> accounts,
      List<Target> targets,
      ImpactDocuments.Parents parents,
      CommentLanguages periodLanguages) {
    Metric metric = f.metric();
    List<ReviewReport.PainPoint> pains = new ArrayList<>();
    for (ReviewAnalyzer.PainPoint p : f.painPoints()) {
      ThemeImpact t = p.impact();
      pains.add(
          new ReviewReport.PainPoint(
              t.rank(),
              t.id(),
              t.name(),
              parents.name(t.id()),
              t.mentions(),
              ReportNumbers.percent(t.share()),
              ReportNumbers.percent(t.detractorRate()),
              new ReviewReport.ValueWithInterval(
                  ReportNumbers.fixed(t.attributable(), 1),
                  t.attributableCi() == null
                      ? null
                      : ReportNumbers.interval(
                          t.attributableCi().low(), t.attributableCi().high(), 1)),
              p.comments().stream().map(ReviewReporter::comment).toList()));
    }
    List<ReviewReport.ThemeShift> improvements = new ArrayList<>();
    List<ReviewReport.ThemeShift> emerging = new ArrayList<>();
    List<ReviewReport.ThemeShift> worsening = new ArrayList<>();
    for (PeriodComparison.Shift s : f.shifts()) {
      if (!(s.qValue() < ALPHA)) {
        continue;
      }
      ReviewReport.ThemeShift view = shift(s, parents.name(s.id()));
      if (s.fell()) {
        improvements.add(view);
      } else if (s.rose() && s.measure() == PeriodComparison.Measure.SHARE) {
        emerging.add(view);
      } else if (s.rose()) {
        worsening.add(view);
      }
    }
    PeriodComparison.ScoreChange c = f.change();
    ReviewReport.Change change =
        c == null
            ? new ReviewReport.Change(null, null, null, false, null)
            : new ReviewReport.Change(
                ReportNumbers.fixed(c.difference(), 2),
                ReportNumbers.interval(c.ci95().low(), c.ci95().high(), 2),
                ReportNumbers.significant(c.pValue()),
                c.pValue() < ALPHA,
                c.test());
    List<ReviewReport.Point> points = new ArrayList<>();
    for (TrendAnalyzer.Period p : f.trend().periods()) {
      points.add(
          new ReviewReport.Point(
              p.label(),
              p.start().toString(),
              p.responses(),
              ReportNumbers.fixed(p.score(), 2),
              p.lowVolume()));
    }
    ReviewReport.Window period = window("current", f.current());
    ReviewReport.Window comparison = window(request.compareTo().wireName(), f.comparison());
    String dataFrom = earliest(f.current().first(), f.comparison().first());
    String dataTo = latest(f.current().last(), f.comparison().last());
    ThemeRanking r = f.ranking();
    ReviewReport.Methods methods =
        new ReviewReport.Methods(
            headlineMethod(metric),
            PeriodComparison.method(metric) + "; significant when p < " + ALPHA,
            "themes with attributable detractors above zero, ranked by them (L2 logistic"
                + " regression of detractor on all"
                + " themes with at least "
                + ReviewHtml.counted(String.valueOf(r.minMentions()), "mention", "mentions")
                + ", ridge "
                + r.adjustedSettings().ridge()
                + "; "
                + ImpactDocuments.intervalMethod(r)
                + "); comments are the most representative detractor comments mentioning the"
                + " theme, each quoted once, under the first pain point it names",
            PeriodComparison.THEME_TEST + "; listed when q < " + ALPHA,
            "customers (by customer id) with a detractor response before a promoter response in"
                + " the period; falling: the latest response in the period in a lower group than"
                + " the one before; accounts at risk: "
                + AccountHealth.METHOD,
            "promoters whose comment reads positive, highest score then most recent first",
            "UTC days, both ends inclusive; comparison: "
                + (request.compareTo() == ReviewRequest.CompareTo.PREVIOUS
                    ? "the period of the same length just before"
                    : "the same dates a year earlier")
                + "; trend by "
                + f.trend().interval().wireName()
                + ", periods with fewer than "
                + f.trend().minResponses()
                + " responses marked low volume",
            dataFrom,
            dataTo,
            ALPHA);
    ReviewReport.Headline now = headline(f.current().summary());
    return new ReviewReport(
        "Business review",
        scope(base, metric),
        metric.wireName(),
        headlineName(metric),
        period,
        comparison,
        now,
        headline(f.comparison().summary()),
        change,
        targets.stream().map(t -> target(t, now)).toList(),
        new ReviewReport.Trend(f.trend().interval().wireName(), points),
        pains,
        improvements,
        new ReviewReport.Risks(
            emerging,
            worsening,
            f.customers().falling().stream()
                .map(
                    m ->
                        new ReviewReport.CustomerChange(
                            m.customer(),
                            m.after().response().account(),
                            comment(m.before()),
                            comment(m.after())))
                .toList(),
            accounts.stream().map(ReviewReporter::accountRisk).toList()),
        f.customers().successes().stream()
            .map(
                m ->
                    new ReviewReport.SuccessStory(
                        m.customer(),
                        m.after().response().account(),
                        comment(m.before()),
                        comment(m.after())))
            .toList(),
        f.references().stream().map(ReviewReporter::comment).toList(),
        methods,
        pains.isEmpty() ? painPointsNote(r, periodLanguages) : null,
        periodLanguages.noEnglish() ? null : periodLanguages.othersNote());
  }

  /**
   * Why the pain points are empty. When no theme has the minimum mentions (a small survey or
   * account: the default 30 is more than most of its themes get) it says so, names the theme that
   * comes closest and what to ask for; the report said only that no theme "with enough mentions"
   * adds detractors, and the reader could not tell that nothing had been ranked at all.
   */
  static String painPointsNote(ThemeRanking r, CommentLanguages languages) {
    if (r.count() == 0) {
      // "No theme adds detractors" read as a verdict on themes when there was nothing to read
      return ReviewHtml.NO_RESPONSES;
    }
    if (languages.noEnglish()) {
      // A French survey's review said "No theme adds detractors", a verdict on comments it
      // cannot read.
      return languages.noEnglishNote("in this period");
    }
    String none = r.noneRankedNote();
    return none == null ? ReviewHtml.NO_PAIN_POINTS : none;
  }

  static String headlineName(Metric metric) {
    return switch (metric) {
      case NPS -> "NPS";
      case CSAT -> "% satisfied";
      case CES -> "mean CES";
    };
  }

  private static String headlineMethod(Metric metric) {
    return switch (metric) {
      case NPS ->
          "NPS = % promoters (9-10) - % detractors (0-6); 95% interval: adjusted Wald (Rocks"
              + " 2016: 3/4 of a promoter and of a detractor added, n + 3)";
      case CSAT -> "% satisfied (4-5 of 1-5); 95% Wilson score interval";
      case CES -> "mean effort score (1-7, 7 = very easy); 95% normal interval of the mean";
    };
  }

  private static ReviewReport.Headline headline(MetricsCalculator.Summary s) {
    return switch (s) {
      case MetricsCalculator.Nps n ->
          new ReviewReport.Headline(
              n.nps(),
              n.npsCi95() == null ? null : n.npsCi95().toList(),
              n.count(),
              n.promoters(),
              n.passives(),
              n.detractors(),
              n.count() == 0 ? null : ReportNumbers.percent((double) n.detractors() / n.count()));
      case MetricsCalculator.Csat c ->
          new ReviewReport.Headline(
              c.percentSatisfied(),
              c.percentSatisfiedCi95() == null ? null : c.percentSatisfiedCi95().toList(),
              c.count(),
              c.satisfied(),
              c.neutral(),
              c.dissatisfied(),
              c.count() == 0 ? null : ReportNumbers.percent((double) c.dissatisfied() / c.count()));
      case MetricsCalculator.Ces c ->
          new ReviewReport.Headline(
              c.mean(),
              c.meanCi95() == null ? null : c.meanCi95().toList(),
              c.count(),
              c.easy(),
              c.neutral(),
              c.difficult(),
              c.count() == 0 ? null : ReportNumbers.percent((double) c.difficult() / c.count()));
    };
  }

  private static ReviewReport.ThemeShift shift(PeriodComparison.Shift s, String parentName) {
    return new ReviewReport.ThemeShift(
        s.id(),
        s.name(),
        parentName,
        s.measure().wireName(),
        ReportNumbers.percent(s.previous()),
        ReportNumbers.percent(s.current()),
        s.measure() == PeriodComparison.Measure.SHARE ? s.previousCount() : s.previousBase(),
        s.measure() == PeriodComparison.Measure.SHARE ? s.currentCount() : s.currentBase(),
        ReportNumbers.significant(s.pValue()),
        ReportNumbers.significant(s.qValue()),
        s.test());
  }

  static ReviewReport.Comment comment(AnalyzedResponse a) {
    Response r = a.response();
    return new ReviewReport.Comment(
        r.id(),
        r.customer(),
        r.account(),
        r.score(),
        day(r.submittedAt()).toString(),
        trim(r.comment()));
  }

  /** An account's health in the report's rounding: figures to 2 decimals, shares in percent. */
  public static ReviewReport.AccountRisk accountRisk(AccountHealth.Account a) {
    return new ReviewReport.AccountRisk(
        a.account(),
        ReportNumbers.fixed(a.health(), 1),
        ReportNumbers.fixed(a.risk(), 3),
        a.recentResponses(),
        a.previousResponses(),
        part(a.level(), 2),
        part(a.trend(), 2),
        a.detractors().value() == null
            ? new ReviewReport.HealthPart(null, ReportNumbers.fixed(a.detractors().risk(), 3))
            : new ReviewReport.HealthPart(
                ReportNumbers.percent(a.detractors().value()),
                ReportNumbers.fixed(a.detractors().risk(), 3)),
        part(a.recency(), 0));
  }

  private static ReviewReport.HealthPart part(AccountHealth.Part p, int decimals) {
    return new ReviewReport.HealthPart(
        p.value() == null ? null : ReportNumbers.fixed(p.value(), decimals),
        ReportNumbers.fixed(p.risk(), 3));
  }

  /** The comment as written, cut at a word boundary with an ellipsis when very long. */
  static String trim(String text) {
    String t = text.strip();
    if (t.length() <= MAX_COMMENT) {
      return t;
    }
    int cut = t.lastIndexOf(' ', MAX_COMMENT - 1);
    return t.substring(0, cut > MAX_COMMENT / 2 ? cut : MAX_COMMENT - 1).strip() + "…";
  }

  private static ReviewReport.Window window(String kind, ReviewAnalyzer.Period p) {
    return new ReviewReport.Window(
        kind,
        day(p.from()).toString(),
        day(p.to()).toString(),
        p.first() == null ? null : day(p.first()).toString(),
        p.last() == null ? null : day(p.last()).toString());
  }

  private static String earliest(Instant a, Instant b) {
    Instant x = a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    return x == null ? null : day(x).toString();
  }

  private static String latest(Instant a, Instant b) {
    Instant x = a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    return x == null ? null : day(x).toString();
  }

  /** The filter as the query parameters that would give it (periods left out). */
  static Map<String, List<String>> scope(Filter f) {
    return scope(f, null);
  }

  /**
   * As {@link #scope(Filter)}, a category named as {@code metric} names it ("detractor" for NPS,
   * "dissatisfied" for CSAT): the filter keeps only the group, and its own name ("negative", which
   * the filter also reads) titled a review of NPS detractors "category=negative".
   */
  static Map<String, List<String>> scope(Filter f, Metric metric) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (f.q() != null) {
      m.put("q", List.of(f.q()));
    }
    if (f.metric() != null) {
      m.put("metric", List.of(f.metric().wireName()));
    }
    if (f.minScore() != null) {
      m.put("minScore", List.of(f.minScore().toString()));
    }
    if (f.maxScore() != null) {
      m.put("maxScore", List.of(f.maxScore().toString()));
    }
    if (!f.categories().isEmpty()) {
      m.put("category", f.categories().stream().map(g -> categoryName(g, metric)).toList());
    }
    if (!f.themeIds().isEmpty()) {
      m.put("theme", f.themeIds());
    }
    if (!f.sentiments().isEmpty()) {
      m.put("sentiment", f.sentiments().stream().map(p -> p.wireName()).toList());
    }
    f.segments().forEach((k, v) -> m.put("segment." + k, v));
    if (!f.customers().isEmpty()) {
      m.put("customer", f.customers());
    }
    if (!f.accounts().isEmpty()) {
      m.put("account", f.accounts());
    }
    return m;
  }

  /** The category of {@code metric} in {@code group}; the group's own name without a metric. */
  private static String categoryName(Category.Group group, Metric metric) {
    if (metric != null) {
      for (int score = metric.min(); score <= metric.max(); score++) {
        Category c = metric.categorize(score);
        if (c.group() == group) {
          return c.wireName();
        }
      }
    }
    return group.wireName();
  }

  /**
   * How many whole calendar months {@code [from, to]} covers when it runs from the start of a
   * month's first day to the end of a month's last day (UTC), as a quarter given by dates does; 0
   * when it does not.
   */
  static long wholeMonths(Instant from, Instant to) {
    LocalDate first = day(from);
    LocalDate last = day(to);
    boolean whole =
        first.getDayOfMonth() == 1
            && from.equals(first.atStartOfDay(ZoneOffset.UTC).toInstant())
            && last.getDayOfMonth() == last.lengthOfMonth()
            && to.equals(endOfDay(last));
    return whole
        ? java.time.temporal.ChronoUnit.MONTHS.between(
                java.time.YearMonth.from(first), java.time.YearMonth.from(last))
            + 1
        : 0;
  }

  static LocalDate day(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  static Instant endOfDay(LocalDate d) {
    return d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
  }
}
