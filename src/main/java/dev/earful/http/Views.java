package dev.earful.http;

import dev.earful.alert.AlertRule;
import dev.earful.alert.AlertRules;
import dev.earful.alert.AlertStore;
import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.CharSpan;
import dev.earful.domain.Clause;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.ThemeCatalog;
import dev.earful.domain.ThemeMention;
import dev.earful.domain.Token;
import dev.earful.impact.AccountRequest;
import dev.earful.impact.AccountRollups;
import dev.earful.impact.MetricValues;
import dev.earful.impact.MetricsCalculator;
import dev.earful.ingest.IngestReport;
import dev.earful.ingest.Rejection;
import dev.earful.search.FieldError;
import dev.earful.search.SearchHit;
import dev.earful.search.SearchResult;
import dev.earful.targets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of PRODUCT.md, built as ordered maps from the domain: the wire names live here,
 * not in the core records, so the core never imports Jackson.
 */
public final class Views {
  private Views() {}

  /** {@code {label, score, confidence}}. */
  public static Map<String, Object> sentiment(Sentiment s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", s.label().wireName());
    m.put("score", round(s.score()));
    m.put("confidence", round(s.confidence()));
    return m;
  }

  /** The client's fields of a response, as it would post them. */
  public static Map<String, Object> response(Response r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("metric", r.metric().wireName());
    m.put("score", r.score());
    m.put("category", r.category().wireName());
    m.put("comment", r.comment());
    m.put("submittedAt", r.submittedAt().toString());
    m.put("segments", r.segments());
    m.put("customer", r.customer());
    m.put("account", r.account());
    return m;
  }

  /**
   * A stored response with its analysis: overall sentiment, sentences with character spans,
   * sentiment and clauses (as character spans too), optionally tokens, and theme mentions with
   * their spans.
   */
  public static Map<String, Object> analyzedResponse(
      AnalyzedResponse ar, List<ThemeMention> themes, boolean tokens) {
    Map<String, Object> m = response(ar.response());
    Analysis a = ar.analysis();
    m.put("sentiment", sentiment(a.sentiment()));
    // fast: the fast model's label, which a refinement may still change; cascade: final
    m.put("sentimentStage", a.stage().wireName());
    m.put("language", language(ar.response().comment(), a));
    m.put("sentences", sentences(a, tokens));
    m.put("themes", themes.stream().map(Views::themeMention).toList());
    return m;
  }

  /**
   * The comment's language (ISO 639-3), null without a comment. Beside the sentiment and themes it
   * says why a comment in another language has neutral sentiment and no theme: Earful reads English
   * only, and a French detractor's "neutral" read as a verdict on the comment.
   */
  public static String language(String comment, Analysis a) {
    return comment == null || comment.isBlank() ? null : a.language();
  }

  public static List<Map<String, Object>> sentences(Analysis a, boolean withTokens) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Sentence s : a.sentences()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", s.start());
      m.put("end", s.end());
      m.put("sentiment", sentiment(s.sentiment()));
      List<Map<String, Object>> clauses = new ArrayList<>();
      for (Clause c : s.clauses()) {
        if (c.tokenFrom() >= c.tokenTo() || c.tokenTo() > s.tokens().size()) {
          continue;
        }
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("start", s.tokens().get(c.tokenFrom()).start());
        cm.put("end", s.tokens().get(c.tokenTo() - 1).end());
        cm.put("sentiment", sentiment(c.sentiment()));
        clauses.add(cm);
      }
      m.put("clauses", clauses);
      if (withTokens) {
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (Token t : s.tokens()) {
          Map<String, Object> tm = new LinkedHashMap<>();
          tm.put("start", t.start());
          tm.put("end", t.end());
          tm.put("text", t.text());
          tm.put("tag", t.tag());
          tm.put("lemma", t.lemma());
          tokens.add(tm);
        }
        m.put("tokens", tokens);
      }
      out.add(m);
    }
    return out;
  }

  /** {@code {id, name, sentiment, spans:[[start,end],...]}}. */
  public static Map<String, Object> themeMention(ThemeMention t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.themeId());
    m.put("name", t.name());
    m.put("sentiment", t.sentiment().wireName());
    m.put("spans", t.spans().stream().map(Views::span).toList());
    return m;
  }

  private static List<Integer> span(CharSpan s) {
    return List.of(s.start(), s.end());
  }

  /**
   * {@code {received, indexed, updated, rejected:[{index, id, errors}], languages:{eng: n, ...},
   * followups:{opened, tooOld}, alerts:{raised}}}: what the import set off, one object per group of
   * {@link IngestReport#effects()} ({@code "followups.opened"} is {@code followups.opened}).
   */
  public static Map<String, Object> ingestReport(IngestReport report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("received", report.received());
    m.put("indexed", report.indexed());
    m.put("updated", report.updated());
    List<Map<String, Object>> rejected = new ArrayList<>();
    for (Rejection r : report.rejected()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("index", r.position());
      rm.put("id", r.id());
      rm.put("errors", r.errors());
      rejected.add(rm);
    }
    m.put("rejected", rejected);
    m.put("languages", report.languages());
    report
        .effects()
        .forEach(
            (name, n) -> {
              int dot = name.indexOf('.');
              @SuppressWarnings("unchecked")
              Map<String, Object> group =
                  (Map<String, Object>)
                      m.computeIfAbsent(name.substring(0, dot), g -> new LinkedHashMap<>());
              group.put(name.substring(dot + 1), n);
            });
    return m;
  }

  /**
   * The warnings of a stored rule, target or schedule whose filter names themes the taxonomy no
   * longer has (deleted, or dropped by a later discovery): the rule selects no response by them
   * ({@code ResponseIndex.asNow}), and without a word it would go quiet.
   */
  static List<FieldError> goneThemes(String field, List<String> themeIds, ThemeCatalog themes) {
    List<String> gone = themeIds.stream().filter(id -> themes.find(id).isEmpty()).toList();
    List<FieldError> out = new ArrayList<>();
    for (String id : gone) {
      out.add(
          new FieldError(
              field,
              "theme "
                  + id
                  + " no longer exists (deleted, or dropped by a discovery): "
                  + (gone.size() == themeIds.size()
                      ? "this selects no response"
                      : "this selects no response by it")));
    }
    return out;
  }

  /**
   * An alert rule as the API shows it ({@link AlertRules#toView}), with a warning for each theme of
   * its filter that is gone: one definition for {@code GET /alert-rules} and {@code earful alerts}
   * on a data folder.
   */
  public static Map<String, Object> alertRule(AlertRule r, AlertStore store, ThemeCatalog themes) {
    return withWarnings(
        AlertRules.toView(r, store), goneThemes("when.theme", r.filter().themeIds(), themes));
  }

  /**
   * A target's view ({@code TargetTracker.view}) with a warning for each theme of its filter that
   * is gone: one definition for {@code GET /targets} and {@code earful targets} on a data folder.
   */
  public static Map<String, Object> target(
      Map<String, Object> view, Target t, ThemeCatalog themes) {
    return withWarnings(view, goneThemes("when.theme", t.filter().themeIds(), themes));
  }

  /**
   * Adds {@code warnings: [{field, message}]} (the shape of a problem's {@code errors}) to a read
   * answer when there are any: things the client asked for that exist nowhere, such as an unknown
   * segment key, which make the answer empty without making the request wrong.
   */
  public static Map<String, Object> withWarnings(
      Map<String, Object> doc, List<FieldError> warnings) {
    if (warnings.isEmpty()) {
      return doc;
    }
    Map<String, Object> out = new LinkedHashMap<>(doc);
    List<Map<String, Object>> list = new ArrayList<>();
    for (FieldError w : warnings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("field", w.field());
      m.put("message", w.message());
      list.add(m);
    }
    out.put("warnings", list);
    return out;
  }

  /** The search answer of PRODUCT.md. */
  public static Map<String, Object> searchResult(SearchResult result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", result.total());
    m.put("hits", result.hits().stream().map(Views::hit).toList());
    m.put("facets", result.facets());
    m.put("nextCursor", result.nextCursor());
    return m;
  }

  private static Map<String, Object> hit(SearchHit h) {
    Response r = h.response().response();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("metric", r.metric().wireName());
    m.put("score", r.score());
    m.put("category", h.category().wireName());
    m.put("comment", r.comment());
    m.put("highlights", h.highlights());
    List<Map<String, Object>> themes = new ArrayList<>();
    for (ThemeMention t : h.themes()) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("id", t.themeId());
      tm.put("name", t.name());
      tm.put("sentiment", t.sentiment().wireName());
      themes.add(tm);
    }
    m.put("themes", themes);
    m.put("sentiment", sentiment(h.response().analysis().sentiment()));
    m.put("submittedAt", r.submittedAt().toString());
    m.put("segments", r.segments());
    m.put("customer", r.customer());
    m.put("account", r.account());
    // fast: the fast model's label, which the background refinement may still change
    m.put("sentimentStage", h.response().analysis().stage().wireName());
    // After the fields of PRODUCT.md's shape, which keep their order.
    m.put("language", language(r.comment(), h.response().analysis()));
    if (!Float.isNaN(h.relevance())) {
      m.put("relevance", round(h.relevance()));
    }
    return m;
  }

  /**
   * The metrics answer: the top level describes one metric (the one asked for, else the one most of
   * the responses have, NPS then CSAT on a tie, as GET /themes and the review choose it) in
   * PRODUCT.md's shape, e.g. {@code {metric, count, promoters, passives, detractors, nps,
   * npsCi95}}; {@code metrics} lists the summary of every metric present, since scores of different
   * scales are never mixed. It was NPS whenever NPS was present: a folder of 23,488 CSAT reviews
   * and 2,997 NPS responses had the page's header say NPS above pain points ranked on CSAT.
   */
  public static Map<String, Object> metrics(
      MetricsCalculator.Report report, java.util.function.Supplier<Metric> whenNone) {
    List<Map<String, Object>> all = report.metrics().stream().map(Views::summary).toList();
    Map<String, Object> primary;
    if (!all.isEmpty()) {
      int most = 0;
      for (int i = 1; i < all.size(); i++) {
        if (report.metrics().get(i).count() > report.metrics().get(most).count()) {
          most = i;
        }
      }
      primary = new LinkedHashMap<>(all.get(most));
    } else {
      // nothing matched and no metric was asked for: the empty summary of the metric most of all
      // responses use (it said NPS: "nps, 0 responses" for a CSAT survey's misspelt segment)
      primary = summary(MetricsCalculator.summarize(whenNone.get(), new long[11]));
    }
    primary.put("metrics", all);
    return primary;
  }

  static Map<String, Object> summary(MetricsCalculator.Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", s.metric().wireName());
    m.put("count", s.count());
    switch (s) {
      case MetricsCalculator.Nps n -> {
        m.put("promoters", n.promoters());
        m.put("passives", n.passives());
        m.put("detractors", n.detractors());
        m.put("nps", n.nps());
        m.put("npsCi95", interval(n.npsCi95()));
      }
      case MetricsCalculator.Csat c -> {
        m.put("satisfied", c.satisfied());
        m.put("neutral", c.neutral());
        m.put("dissatisfied", c.dissatisfied());
        m.put("csat", c.percentSatisfied());
        m.put("csatCi95", interval(c.percentSatisfiedCi95()));
        m.put("mean", c.mean());
      }
      case MetricsCalculator.Ces c -> {
        m.put("easy", c.easy());
        m.put("neutral", c.neutral());
        m.put("difficult", c.difficult());
        m.put("ces", c.mean());
        m.put("cesCi95", interval(c.meanCi95()));
        m.put("percentEasy", c.percentEasy());
        m.put("percentEasyCi95", interval(c.percentEasyCi95()));
      }
    }
    return m;
  }

  private static List<Double> interval(MetricsCalculator.Interval i) {
    return i == null ? null : i.toList();
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /**
   * {@code GET /accounts}: {@code {metric, periods:{current:[from,to], previous:[from,to]}, total,
   * accounts:[{account, responses, value, ci95, summary, current, previous, change, detractorShare,
   * lastResponse:{id, submittedAt}, customerCount, customers:[...]}], nextCursor}}.
   */
  public static Map<String, Object> accounts(AccountRollups.Page page) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", page.metric().wireName());
    Map<String, Object> periods = new LinkedHashMap<>();
    periods.put("current", List.of(page.currentFrom().toString(), page.asOf().toString()));
    periods.put("previous", List.of(page.previousFrom().toString(), page.currentFrom().toString()));
    m.put("periods", periods);
    m.put("total", page.total());
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (AccountRollups.Rollup r : page.accounts()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("account", r.account());
      a.put("responses", r.responses());
      a.put("value", roundOrNull(MetricValues.value(r.summary())));
      a.put("ci95", interval(MetricValues.interval(r.summary())));
      a.put("summary", summary(r.summary()));
      a.put("current", r.current() == null ? null : summary(r.current()));
      a.put("previous", r.previous() == null ? null : summary(r.previous()));
      a.put("change", roundOrNull(r.change()));
      a.put("detractorShare", round(r.detractorShare()));
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("id", r.lastResponseId());
      last.put("submittedAt", r.lastResponseAt().toString());
      a.put("lastResponse", last);
      a.put("customerCount", r.customerCount());
      List<Map<String, Object>> customers = new ArrayList<>();
      for (AccountRollups.CustomerScore c : r.customers()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("customer", c.customer());
        cm.put("score", c.score());
        cm.put("category", c.category().wireName());
        cm.put("responseId", c.responseId());
        cm.put("submittedAt", c.submittedAt().toString());
        customers.add(cm);
      }
      a.put("customers", customers);
      accounts.add(a);
    }
    m.put("accounts", accounts);
    m.put("nextCursor", AccountRequest.cursor(page.nextOffset()));
    return m;
  }

  private static Double roundOrNull(Double v) {
    return v == null ? null : round(v);
  }
}
