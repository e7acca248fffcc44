package dev.earful.impact;

import dev.earful.domain.Metric;
import dev.earful.domain.ThemeCatalog;
import dev.earful.impact.ProportionStats.Interval;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The ranking and trends as plain maps and lists (the JSON documents of the API and of {@code
 * themes --format json}, whatever serialises them) and as CSV: one place, so the API, the command
 * line and the spreadsheet always agree. Field names follow PRODUCT.md. Figures are rounded for
 * reading: rates and shares to 4 decimals, score impacts and coefficients to 3, attributable
 * detractors to 1, p- and q-values to 3 significant digits; a figure that does not exist is null
 * (empty in CSV).
 */
public final class ImpactDocuments {

  private ImpactDocuments() {}

  /** The document of {@code GET /api/v1/themes}, with no theme's parent named. */
  public static Map<String, Object> ranking(ImpactService.RankedPage page, String nextCursor) {
    return ranking(page, nextCursor, ThemeCatalog.EMPTY);
  }

  /**
   * The document of {@code GET /api/v1/themes}; each theme names its {@code parentId} and {@code
   * parentName} from {@code catalog} (both null at the top level), so a list can show sub-themes
   * beneath their theme, and name the theme of a sub-theme whose theme is not on the page ("large
   * (in size)") without asking for it.
   */
  public static Map<String, Object> ranking(
      ImpactService.RankedPage page, String nextCursor, ThemeCatalog catalog) {
    Parents parents = new Parents(catalog);
    ThemeRanking r = page.ranking();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("metric", r.metric().wireName());
    doc.put("count", r.count());
    doc.put("detractors", r.detractors());
    doc.put(
        "detractorRate", rate(r.count() == 0 ? Double.NaN : (double) r.detractors() / r.count()));
    // The score as GET /metrics gives it (2 decimals, rounded once): sent with 3, it was rounded
    // again by earful themes' header, and 75.8348 read 75.84 there and 75.83 in earful metrics.
    doc.put("score", headline(r.score()));
    doc.put("minMentions", r.minMentions());
    doc.put("sort", sortName(r.sort(), r.metric()));
    doc.put("total", page.total());
    doc.put("methods", methods(r));
    List<Object> themes = new ArrayList<>();
    for (ThemeImpact t : r.themes()) {
      Map<String, Object> m = theme(t, r.metric());
      m.put("parentId", parents.id(t.id()));
      m.put("parentName", parents.name(t.id()));
      themes.add(m);
    }
    doc.put("themes", themes);
    doc.put("unrankedNote", page.unrankedNote());
    doc.put("nextCursor", nextCursor);
    return doc;
  }

  /**
   * The theme each theme of a catalog sits under, read once per document: the ranking, its CSV and
   * the business review name a sub-theme's theme the same way.
   */
  public static final class Parents {
    private final Map<String, dev.earful.domain.Theme> byId = new java.util.HashMap<>();

    public Parents(ThemeCatalog catalog) {
      for (dev.earful.domain.Theme t : catalog.all()) {
        byId.put(t.id(), t);
      }
    }

    /** The parent's id of theme {@code id}; null at the top level or for an unknown theme. */
    public String id(String id) {
      dev.earful.domain.Theme self = byId.get(id);
      return self == null ? null : self.parentId();
    }

    /** The parent's name of theme {@code id}; null at the top level or when it is unknown. */
    public String name(String id) {
      String parentId = id(id);
      dev.earful.domain.Theme parent = parentId == null ? null : byId.get(parentId);
      return parent == null ? null : parent.name();
    }
  }

  /** How each figure was computed. */
  public static Map<String, Object> methods(ThemeRanking r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("difference", ThemeRanking.METHODS_DIFFERENCE);
    m.put("pValue", ThemeRanking.METHODS_PVALUE);
    m.put("qValue", ThemeRanking.METHODS_QVALUE);
    m.put(ScoreTally.impactField(r.metric()), impactMethod(r.metric()));
    AdjustedEffects.Settings s = r.adjustedSettings();
    m.put(
        "adjusted",
        "L2 logistic regression of detractor on all ranked themes (ridge "
            + s.ridge()
            + ", intercept unpenalised), fitted by Newton on theme patterns");
    m.put(
        "attributableDetractors",
        "sum over mentions of p(x) - p(x without the theme's coefficient); " + intervalMethod(r));
    return m;
  }

  /**
   * How the 95% intervals of the attributable detractors were made, in words: the ranking's methods
   * and the review report's both say it this way.
   */
  public static String intervalMethod(ThemeRanking r) {
    AdjustedEffects.Settings s = r.adjustedSettings();
    return r.intervalMethod().equals("bootstrap")
        ? "95% percentile interval of a Poisson bootstrap, "
            + s.replicates()
            + " refitted replicates, seed "
            + s.seed()
        : "95% interval: exact normal limit of the linearised Poisson bootstrap (too many theme"
            + " patterns to refit "
            + s.replicates()
            + " replicates)";
  }

  private static String impactMethod(Metric metric) {
    return switch (metric) {
      case NPS -> "NPS(all) - NPS(all without the responses mentioning the theme), points";
      case CSAT ->
          "%satisfied(all) - %satisfied(without the responses mentioning the theme), points";
      case CES -> "mean(all) - mean(without the responses mentioning the theme), score points";
    };
  }

  private static String sortName(RankingSort sort, Metric metric) {
    return sort == RankingSort.IMPACT ? ScoreTally.impactField(metric) : sort.wireName();
  }

  /** One theme of the list (also the numbers of {@code GET /themes/{id}}). */
  public static Map<String, Object> theme(ThemeImpact t, Metric metric) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    if (t.rank() != null) {
      m.put("rank", t.rank());
    }
    m.put("ranked", t.ranked());
    m.put("mentions", t.mentions());
    m.put("share", rate(t.share()));
    m.put("detractors", t.detractors());
    m.put("detractorRate", rate(t.detractorRate()));
    m.put("detractorRateWithout", rate(t.detractorRateWithout()));
    m.put("difference", valueWithCi(rate(t.difference()), t.differenceCi(), 4));
    m.put("pValue", significant(t.pValue()));
    m.put("test", t.test());
    m.put("qValue", significant(t.qValue()));
    m.put(ScoreTally.impactField(metric), fixed(t.scoreImpact(), 3));
    if (t.ranked()) {
      Map<String, Object> adjusted = new LinkedHashMap<>();
      adjusted.put("coefficient", fixed(t.coefficient(), 3));
      adjusted.put("oddsRatio", fixed(Math.exp(t.coefficient()), 3));
      adjusted.put("ci95", ci(t.coefficientCi(), 3));
      m.put("adjusted", adjusted);
      m.put(
          "attributableDetractors", valueWithCi(fixed(t.attributable(), 1), t.attributableCi(), 1));
    } else {
      m.put("adjusted", null);
      m.put("attributableDetractors", null);
    }
    if (t.sentiment() != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("positive", t.sentiment().positive());
      s.put("neutral", t.sentiment().neutral());
      s.put("negative", t.sentiment().negative());
      m.put("sentiment", s);
    }
    List<Object> examples = new ArrayList<>();
    for (ThemeImpact.Example e : t.examples()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("id", e.id());
      x.put("snippet", e.snippet());
      examples.add(x);
    }
    m.put("examples", examples);
    return m;
  }

  /** A set's score as {@link MetricsCalculator} rounds it for GET /metrics; null when undefined. */
  private static Double headline(double score) {
    return Double.isNaN(score) || Double.isInfinite(score) ? null : MetricsCalculator.round2(score);
  }

  /**
   * What {@code GET /api/v1/themes/{id}} adds to a theme for the filtered set: {@code numbers} (the
   * theme's row of the ranked list, with representative detractor examples), {@code trend} (per
   * week or month: responses, mentions, share, detractor rate, lowVolume) and {@code context} (the
   * set's metric, size and detractors). Reads the same parameters as the list and the trends
   * ({@code interval}, {@code minMentions}, the filters); empty when the theme does not exist.
   *
   * @throws dev.earful.search.InvalidRequestException naming every bad parameter
   */
  public static java.util.Optional<Map<String, Object>> themeDetail(
      ImpactService service, String themeId, Map<String, List<String>> params) {
    RankingRequest ranking = RankingRequest.parse(params, false);
    TrendRequest trend = TrendRequest.parse(params);
    return service
        .detail(themeId, ranking.filter(), ranking.options(), trend.options())
        .map(
            d -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("numbers", theme(d.impact(), d.context().metric()));
              List<Object> points = new ArrayList<>();
              for (TrendAnalyzer.Period p : d.trend().periods()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("period", p.label());
                x.put("start", p.start().toString());
                x.put("end", p.end().toString());
                x.put("responses", p.responses());
                TrendAnalyzer.ThemePoint t =
                    p.themes().stream()
                        .filter(tp -> tp.id().equals(d.impact().id()))
                        .findFirst()
                        .orElse(null);
                x.put("mentions", t == null ? 0L : t.mentions());
                x.put("share", t == null ? (p.responses() == 0 ? null : 0.0) : rate(t.share()));
                x.put("detractorRate", t == null ? null : rate(t.detractorRate()));
                x.put("lowVolume", p.lowVolume());
                points.add(x);
              }
              m.put("trend", points);
              Map<String, Object> context = new LinkedHashMap<>();
              ThemeRanking r = d.context();
              context.put("metric", r.metric().wireName());
              context.put("count", r.count());
              context.put("detractors", r.detractors());
              context.put("score", headline(r.score()));
              context.put("minMentions", r.minMentions());
              context.put("interval", d.trend().interval().wireName());
              context.put("methods", methods(r));
              m.put("context", context);
              return m;
            });
  }

  /**
   * The CSV header; the same columns whatever the data. {@code parentId} and {@code parentName}
   * (empty at the top level) come last, after the figures, so a sheet or script that reads the
   * earlier columns by position reads them where it always did.
   */
  public static List<String> csvHeader(Metric metric) {
    return List.of(
        "rank",
        "id",
        "name",
        "ranked",
        "mentions",
        "share",
        "detractors",
        "detractorRate",
        "detractorRateWithout",
        "difference",
        "differenceLow",
        "differenceHigh",
        "pValue",
        "test",
        "qValue",
        ScoreTally.impactField(metric),
        "attributableDetractors",
        "attributableLow",
        "attributableHigh",
        "coefficient",
        "coefficientLow",
        "coefficientHigh",
        "sentimentPositive",
        "sentimentNeutral",
        "sentimentNegative",
        "parentId",
        "parentName");
  }

  /**
   * The list as CSV (RFC 4180, header row, one row per theme), spreadsheet-ready; each sub-theme
   * names its theme from {@code catalog} (the {@code parentId} and {@code parentName} columns), so
   * a sheet sorted by any figure still says that "large" is a sub-theme of "size".
   */
  public static String csv(ThemeRanking r, ThemeCatalog catalog) {
    Parents parents = new Parents(catalog);
    StringWriter out = new StringWriter();
    // Missing figures print as empty cells; a null (not "") keeps a leading empty cell unquoted.
    CSVFormat format = CSVFormat.RFC4180.builder().setNullString("").get();
    try (CSVPrinter p = new CSVPrinter(out, format)) {
      p.printRecord(csvHeader(r.metric()));
      for (ThemeImpact t : r.themes()) {
        List<Object> row = new ArrayList<>();
        row.add(t.rank());
        row.add(cell(t.id()));
        row.add(cell(t.name()));
        row.add(t.ranked());
        row.add(t.mentions());
        row.add(rate(t.share()));
        row.add(t.detractors());
        row.add(rate(t.detractorRate()));
        row.add(rate(t.detractorRateWithout()));
        row.add(rate(t.difference()));
        row.add(t.differenceCi() == null ? null : rate(t.differenceCi().low()));
        row.add(t.differenceCi() == null ? null : rate(t.differenceCi().high()));
        row.add(significant(t.pValue()));
        row.add(t.test());
        row.add(significant(t.qValue()));
        row.add(fixed(t.scoreImpact(), 3));
        row.add(fixed(t.attributable(), 1));
        row.add(t.attributableCi() == null ? null : fixed(t.attributableCi().low(), 1));
        row.add(t.attributableCi() == null ? null : fixed(t.attributableCi().high(), 1));
        row.add(fixed(t.coefficient(), 3));
        row.add(t.coefficientCi() == null ? null : fixed(t.coefficientCi().low(), 3));
        row.add(t.coefficientCi() == null ? null : fixed(t.coefficientCi().high(), 3));
        row.add(t.sentiment() == null ? null : t.sentiment().positive());
        row.add(t.sentiment() == null ? null : t.sentiment().neutral());
        row.add(t.sentiment() == null ? null : t.sentiment().negative());
        String parentId = parents.id(t.id());
        String parentName = parents.name(t.id());
        row.add(parentId == null ? null : cell(parentId));
        row.add(parentName == null ? null : cell(parentName));
        p.printRecord(row.stream().map(v -> v == null ? null : plain(v)).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The document of {@code GET /api/v1/trends}. */
  public static Map<String, Object> trends(TrendAnalyzer.TrendReport r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("metric", r.metric().wireName());
    doc.put("interval", r.interval().wireName());
    doc.put("minResponses", r.minResponses());
    doc.put("periods", periods(r));
    doc.put("compared", r.compared());
    List<Object> emerging = new ArrayList<>();
    for (TrendAnalyzer.Emerging e : r.emerging()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("name", e.name());
      m.put("previousShare", rate(e.previousShare()));
      m.put("share", rate(e.share()));
      m.put("previousMentions", e.previousMentions());
      m.put("mentions", e.mentions());
      m.put("pValue", significant(e.pValue()));
      m.put("test", e.test());
      m.put("qValue", significant(e.qValue()));
      emerging.add(m);
    }
    doc.put("emerging", emerging);
    List<Object> growing = new ArrayList<>();
    String impact = ScoreTally.impactField(r.metric());
    for (TrendAnalyzer.ImpactChange c : r.impactGrowing()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("name", c.name());
      m.put("previousDifference", rate(c.previousDifference()));
      m.put("difference", rate(c.difference()));
      m.put(
          "previous" + Character.toUpperCase(impact.charAt(0)) + impact.substring(1),
          fixed(c.previousScoreImpact(), 3));
      m.put(impact, fixed(c.scoreImpact(), 3));
      m.put("pValue", significant(c.pValue()));
      m.put("qValue", significant(c.qValue()));
      growing.add(m);
    }
    doc.put("impactGrowing", growing);
    Map<String, Object> methods = new LinkedHashMap<>();
    methods.put("periods", "UTC; ISO weeks start on Monday; months are calendar months");
    methods.put(
        "lowVolume", "fewer than " + r.minResponses() + " responses: shown, never compared");
    methods.put("emerging", TrendAnalyzer.EMERGING_TEST);
    methods.put("impactGrowing", TrendAnalyzer.IMPACT_TEST);
    doc.put("methods", methods);
    return doc;
  }

  /** The periods of a report, as in the trends document. */
  public static List<Object> periods(TrendAnalyzer.TrendReport r) {
    List<Object> periods = new ArrayList<>();
    for (TrendAnalyzer.Period p : r.periods()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("period", p.label());
      m.put("start", p.start().toString());
      m.put("end", p.end().toString());
      m.put("responses", p.responses());
      m.put("score", fixed(p.score(), 3));
      m.put("detractors", p.detractors());
      m.put("detractorRate", rate(p.detractorRate()));
      m.put("lowVolume", p.lowVolume());
      List<Object> themes = new ArrayList<>();
      for (TrendAnalyzer.ThemePoint t : p.themes()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("id", t.id());
        x.put("mentions", t.mentions());
        x.put("share", rate(t.share()));
        x.put("detractorRate", rate(t.detractorRate()));
        themes.add(x);
      }
      m.put("themes", themes);
      periods.add(m);
    }
    return periods;
  }

  private static Map<String, Object> valueWithCi(Double value, Interval ci, int decimals) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", value);
    m.put("ci95", ci(ci, decimals));
    return m;
  }

  private static List<Double> ci(Interval ci, int decimals) {
    if (ci == null) {
      return null;
    }
    return java.util.Arrays.asList(fixed(ci.low(), decimals), fixed(ci.high(), decimals));
  }

  static Double rate(double v) {
    return fixed(v, 4);
  }

  static Double fixed(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    double r = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    return r == 0.0 ? 0.0 : r; // no "-0.0"
  }

  static Double significant(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    if (v == 0) {
      return 0.0;
    }
    return new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN)).doubleValue();
  }

  /**
   * Text as a spreadsheet shows it, not as a formula: a cell starting with =, +, -, @, tab or CR
   * gets a leading apostrophe (OWASP's advice against CSV injection; theme names are user input).
   */
  static String cell(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  private static String plain(Object v) {
    if (v instanceof Double d) {
      // Plain decimals read everywhere; tiny p-values stay in E notation, which spreadsheets read.
      return d != 0 && Math.abs(d) < 1e-4
          ? d.toString()
          : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }
}
