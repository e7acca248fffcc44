package dev.earful.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as one self-contained printable HTML page: inline CSS (A4, print-friendly), the trend
 * chart as a PNG data URI, no scripts, nothing fetched. Every figure is printed from the model by
 * {@link ReportNumbers}, so it reads the same digits as the JSON.
 */
public final class ReviewHtml {

  private static final String CSS =
      """
      @page { size: A4; margin: 14mm; }
      body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 10pt;
             color: #1a1a1a; max-width: 182mm; margin: 0 auto; line-height: 1.35; }
      h1 { font-size: 18pt; margin: 0 0 2mm; color: #1f4e79; }
      h2 { font-size: 12pt; margin: 5mm 0 2mm; color: #1f4e79; border-bottom: 1px solid #c8d3e0; }
      .scope { color: #555; margin-bottom: 3mm; }
      .headline { display: flex; gap: 8mm; align-items: baseline; }
      .big { font-size: 28pt; font-weight: bold; color: #1f4e79; }
      .sig { font-weight: bold; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 1mm 2mm; border-bottom: 1px solid #e3e3e3;
               vertical-align: top; }
      th { font-weight: 600; background: #f2f5f9; }
      td.n, th.n { text-align: right; white-space: nowrap; }
      blockquote { margin: 1mm 0 1mm 4mm; padding-left: 3mm; border-left: 3px solid #c8d3e0;
                   color: #333; font-style: italic; }
      .chart { width: 100%; height: auto; }
      .muted { color: #666; }
      .methods { font-size: 8pt; color: #555; margin-top: 6mm; border-top: 1px solid #ccc; }
      section { break-inside: avoid; }
      """;

  private ReviewHtml() {}

  public static String render(ReviewReport r) {
    StringBuilder h = new StringBuilder(16_384);
    h.append(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n")
        .append("<title>")
        .append(esc(r.title() + " - " + scopeText(r)))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(r.title())).append("</h1>\n");
    h.append("<div class=\"scope\" id=\"scope\">")
        .append(esc(scopeText(r)))
        .append("<br>")
        .append(esc(periodText(r)))
        .append("</div>\n");

    // Headline and change.
    ReviewReport.Headline now = r.headline();
    h.append("<section id=\"headline\"><div class=\"headline\"><span class=\"big\">")
        .append(esc(r.headlineName()))
        .append(" ")
        .append(ReportNumbers.score(now.value()))
        .append("</span><span>95% CI ")
        .append(ReportNumbers.scoreInterval(now.ci95()))
        .append("</span><span>")
        .append(groups(r, now))
        .append("</span></div>\n<p>")
        .append(esc(comparisonLine(r)))
        .append("</p>\n<p id=\"change\">")
        .append(esc(changeText(r)))
        .append("</p></section>\n");

    // Targets set for this metric and scope.
    if (!r.targets().isEmpty()) {
      h.append("<section id=\"targets\"><h2>Targets</h2><ul>");
      for (ReviewReport.TargetProgress t : r.targets()) {
        h.append("<li class=\"target\" data-status=\"")
            .append(esc(t.status()))
            .append("\">")
            .append(esc(targetText(r, t)))
            .append("</li>");
      }
      h.append("</ul></section>\n");
    }

    // Trend.
    if (!r.trend().points().isEmpty()) {
      h.append("<section id=\"trend\"><h2>Trend by ")
          .append(esc(r.trend().interval()))
          .append("</h2><img class=\"chart\" alt=\"")
          .append(esc(r.headlineName()))
          .append(" by ")
          .append(esc(r.trend().interval()))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(TrendChart.png(r)))
          .append("\"></section>\n");
    }

    // Pain points.
    h.append("<section id=\"pain-points\"><h2>Top pain points</h2>\n");
    if (r.otherLanguagesNote() != null) {
      h.append("<p class=\"muted\" id=\"other-languages\">")
          .append(esc(r.otherLanguagesNote()))
          .append("</p>\n");
    }
    if (r.painPoints().isEmpty()) {
      h.append("<p class=\"muted\" id=\"no-pain-points\">")
          .append(esc(r.painPointsNote() == null ? NO_PAIN_POINTS : r.painPointsNote()))
          .append("</p>");
    } else {
      h.append(
          "<table><tr><th class=\"n\">#</th><th>theme</th><th class=\"n\">mentions</th>"
              + "<th class=\"n\">share %</th><th class=\"n\">detractor rate %</th>"
              + "<th class=\"n\">attributable detractors [95% CI]</th></tr>\n");
      for (ReviewReport.PainPoint p : r.painPoints()) {
        h.append("<tr><td class=\"n\">")
            .append(p.rank())
            .append("</td><td>")
            .append(esc(themeName(p.name(), p.parentName())))
            .append("</td><td class=\"n\">")
            .append(ReportNumbers.count(p.mentions()))
            .append("</td><td class=\"n\">")
            .append(ReportNumbers.percentText(p.sharePercent()))
            .append("</td><td class=\"n\">")
            .append(ReportNumbers.percentText(p.detractorPercent()))
            .append("</td><td class=\"n\">")
            .append(attributable(p))
            .append("</td></tr>\n");
        if (!p.comments().isEmpty()) {
          h.append("<tr><td></td><td colspan=\"5\">");
          for (ReviewReport.Comment c : p.comments()) {
            h.append(quote(r, c));
          }
          h.append("</td></tr>\n");
        }
      }
      h.append("</table>");
    }
    h.append("</section>\n");

    // Improvements and risks.
    h.append("<section id=\"improvements\"><h2>Improvements</h2>")
        .append(shifts(r.improvements(), "No theme's share or detractor rate fell significantly."))
        .append("</section>\n");
    h.append("<section id=\"risks\"><h2>Risks</h2>")
        .append("<h3>Emerging themes</h3>")
        .append(shifts(r.risks().emergingThemes(), "No theme's share rose significantly."))
        .append("<h3>Worsening themes</h3>")
        .append(
            shifts(r.risks().worseningThemes(), "No theme's detractor rate rose significantly."))
        .append("<h3>Customers whose score fell</h3>")
        .append(changes(r, r.risks().customersFalling(), "None."))
        .append("<h3>Accounts at risk</h3>")
        .append(accounts(r.risks().accountsAtRisk()))
        .append("</section>\n");
    h.append("<section id=\"success-stories\"><h2>Success stories</h2>");
    if (r.successStories().isEmpty()) {
      h.append("<p class=\"muted\">No customer went from a low score to a high one.</p>");
    }
    for (ReviewReport.SuccessStory s : r.successStories()) {
      h.append("<div class=\"story\"><b>")
          .append(esc(who(r, s.customer(), s.account())))
          .append("</b>")
          .append(quote(r, s.before()))
          .append(quote(r, s.after()))
          .append("</div>");
    }
    h.append("</section>\n");
    h.append("<section id=\"references\"><h2>Promoters who may act as references</h2>");
    if (r.references().isEmpty()) {
      h.append("<p class=\"muted\">None in the period.</p>");
    }
    for (ReviewReport.Comment c : r.references()) {
      h.append(quote(r, c));
    }
    h.append("</section>\n");

    // Methods.
    ReviewReport.Methods m = r.methods();
    h.append("<section class=\"methods\" id=\"methods\"><p><b>Methods.</b> Data from ")
        .append(esc(String.valueOf(m.dataFrom())))
        .append(" to ")
        .append(esc(String.valueOf(m.dataTo())))
        .append(". Headline: ")
        .append(esc(m.headline()))
        .append(". Change: ")
        .append(esc(m.change()))
        .append(". Pain points: ")
        .append(esc(m.painPoints()))
        .append(". Improvements and risks: ")
        .append(esc(m.themeShifts()))
        .append(". Success stories: ")
        .append(esc(m.successStories()))
        .append(". References: ")
        .append(esc(m.references()))
        .append(". Periods: ")
        .append(esc(m.periods()))
        .append(".</p></section>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  static String scopeText(ReviewReport r) {
    Map<String, List<String>> scope = r.scope();
    String filters =
        scope.isEmpty()
            ? "all responses"
            : scope.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
                .collect(Collectors.joining(", "));
    return headline(r) + ", " + filters;
  }

  /**
   * What the headline number is, naming the metric once: "NPS", "mean CES", "% satisfied (CSAT)"
   * (the header read "NPS (nps)").
   */
  static String headline(ReviewReport r) {
    String metric = r.metric().toUpperCase(java.util.Locale.ROOT);
    return r.headlineName().contains(metric)
        ? r.headlineName()
        : r.headlineName() + " (" + metric + ")";
  }

  static String periodText(ReviewReport r) {
    return r.period().from()
        + " to "
        + r.period().to()
        + ", compared with "
        + r.comparison().from()
        + " to "
        + r.comparison().to()
        + " ("
        + comparisonName(r)
        + ")";
  }

  static String comparisonName(ReviewReport r) {
    return r.comparison().kind().equals("year") ? "a year earlier" : "the previous period";
  }

  /**
   * The comparison period's headline, as the HTML and the PDF print it: "no responses" when it has
   * none (it read "% satisfied n/a , 0 responses: 0 satisfied, ... (n/a%)").
   */
  static String comparisonLine(ReviewReport r) {
    ReviewReport.Headline before = r.comparisonHeadline();
    if (before.responses() == 0) {
      return comparisonName(r) + ": no responses";
    }
    String interval = ReportNumbers.scoreInterval(before.ci95());
    return comparisonName(r)
        + ": "
        + r.headlineName()
        + " "
        + ReportNumbers.score(before.value())
        + (interval.isEmpty() ? "" : " " + interval)
        + ", "
        + groups(r, before);
  }

  /** A pain point's attributable detractors with their interval: "264.7 [176.0, 353.4]". */
  static String attributable(ReviewReport.PainPoint p) {
    ReviewReport.ValueWithInterval a = p.attributableDetractors();
    return ReportNumbers.impact(a.value()) + " " + ReportNumbers.impactInterval(a.ci95());
  }

  static String groups(ReviewReport r, ReviewReport.Headline h) {
    String[][] names =
        switch (r.metric()) {
          case "csat" ->
              new String[][] {
                {"satisfied", "satisfied"}, {"neutral", "neutral"}, {"dissatisfied", "dissatisfied"}
              };
          case "ces" ->
              new String[][] {{"easy", "easy"}, {"neutral", "neutral"}, {"difficult", "difficult"}};
          default ->
              new String[][] {
                {"promoter", "promoters"}, {"passive", "passives"}, {"detractor", "detractors"}
              };
        };
    return counted(ReportNumbers.count(h.responses()), "response", "responses")
        + ": "
        + counted(ReportNumbers.count(h.promoters()), names[0][0], names[0][1])
        + ", "
        + counted(ReportNumbers.count(h.passives()), names[1][0], names[1][1])
        + ", "
        + counted(ReportNumbers.count(h.detractors()), names[2][0], names[2][1])
        + " ("
        + ReportNumbers.percentText(h.detractorPercent())
        + "%)";
  }

  /** One target's line: the goal, the headline, the distance with its interval, the verdict. */
  static String targetText(ReviewReport r, ReviewReport.TargetProgress t) {
    String verdict =
        switch (t.status()) {
          case "above" -> "met: the whole interval is above the goal";
          case "below" -> "missed: the whole interval is below the goal";
          case "within" -> "the goal lies inside the interval: not distinguishable from it yet";
          default -> "no responses in the period";
        };
    return t.name()
        + ": goal "
        + ReportNumbers.score(t.goal())
        + ", "
        + r.headlineName()
        + " "
        + ReportNumbers.score(t.value())
        + ", distance "
        + ReportNumbers.signedScore(t.distance())
        + " "
        + ReportNumbers.scoreInterval(t.ci95())
        + " (95% CI): "
        + verdict
        + ".";
  }

  static String changeText(ReviewReport r) {
    ReviewReport.Change c = r.change();
    if (c.value() == null) {
      // "too few" read wrong when the other period has none at all (an export without dates: every
      // response dated at its import, so the period before is empty).
      return r.comparisonHeadline().responses() == 0
          ? "Change: not computable: " + comparisonName(r) + " has no responses."
          : "Change: not computable (a period has too few responses).";
    }
    return "Change: "
        + ReportNumbers.signedScore(c.value())
        + " "
        + ReportNumbers.scoreInterval(c.ci95())
        + ", p = "
        + ReportNumbers.text(c.pValue())
        + " ("
        + c.test()
        + "): "
        + (c.significant() ? "significant" : "not significant")
        + " at "
        + ReportNumbers.text(r.methods().alpha())
        + ".";
  }

  /** What the pain points say when no theme adds detractors (or none has enough mentions). */
  static final String NO_PAIN_POINTS =
      "No theme adds detractors: no theme with enough mentions to be ranked has attributable"
          + " detractors above zero.";

  /** What the pain points say when no response matches the filter in the period. */
  static final String NO_RESPONSES =
      "No pain points: no response matches the filter in this period.";

  /**
   * A theme as the report names it: a sub-theme with its theme, "large (in size)", as the page's
   * chart and {@code earful themes} do. The report lists themes by rank, never beneath their theme,
   * so a bare "large" would read as a theme of its own.
   */
  static String themeName(String name, String parentName) {
    return parentName == null ? name : name + " (in " + parentName + ")";
  }

  static String shiftText(ReviewReport.ThemeShift s) {
    String what = s.measure().equals("share") ? "share of responses" : "detractor rate";
    return themeName(s.name(), s.parentName())
        + ": "
        + what
        + " "
        + ReportNumbers.percentText(s.previousPercent())
        + "% to "
        + ReportNumbers.percentText(s.currentPercent())
        + "% (of "
        + ReportNumbers.count(s.previousMentions())
        + " then "
        + (s.measure().equals("share")
            ? counted(ReportNumbers.count(s.currentMentions()), "mention", "mentions")
            : ReportNumbers.count(s.currentMentions()) + " mentioning")
        + "), p = "
        + ReportNumbers.text(s.pValue())
        + ", q = "
        + ReportNumbers.text(s.qValue());
  }

  private static String shifts(List<ReviewReport.ThemeShift> list, String none) {
    if (list.isEmpty()) {
      return "<p class=\"muted\">" + esc(none) + "</p>";
    }
    StringBuilder b = new StringBuilder("<ul>");
    for (ReviewReport.ThemeShift s : list) {
      b.append("<li>").append(esc(shiftText(s))).append("</li>");
    }
    return b.append("</ul>").toString();
  }

  /** One line per account: its health and the four parts it is made of, each with its risk. */
  static String accountText(ReviewReport.AccountRisk a) {
    return a.account()
        + ": health "
        + ReportNumbers.impact(a.health())
        + " (risk "
        + ReportNumbers.risk(a.risk())
        + "); level "
        + ReportNumbers.score(a.level().value())
        + " (risk "
        + ReportNumbers.risk(a.level().risk())
        + "), trend "
        + ReportNumbers.signedScore(a.trend().value())
        + " (risk "
        + ReportNumbers.risk(a.trend().risk())
        + "), detractors "
        + ReportNumbers.percentText(a.detractors().value())
        + "% (risk "
        + ReportNumbers.risk(a.detractors().risk())
        + "), last response "
        + counted(ReportNumbers.whole(a.recency().value()), "day", "days")
        + " before the period's end (risk "
        + ReportNumbers.risk(a.recency().risk())
        + "); "
        + counted(ReportNumbers.count(a.recentResponses()), "recent response", "recent responses");
  }

  /** "1 day", "2 days": a count printed with the noun in its number. */
  static String counted(String count, String one, String many) {
    return count + " " + (count.equals("1") ? one : many);
  }

  private static String accounts(List<ReviewReport.AccountRisk> list) {
    if (list.isEmpty()) {
      return "<p class=\"muted\">No account in the data.</p>";
    }
    StringBuilder b = new StringBuilder("<ul>");
    for (ReviewReport.AccountRisk a : list) {
      b.append("<li>").append(esc(accountText(a))).append("</li>");
    }
    return b.append("</ul>").toString();
  }

  private static String changes(
      ReviewReport r, List<ReviewReport.CustomerChange> list, String none) {
    if (list.isEmpty()) {
      return "<p class=\"muted\">" + esc(none) + "</p>";
    }
    StringBuilder b = new StringBuilder();
    for (ReviewReport.CustomerChange c : list) {
      b.append("<div><b>")
          .append(esc(who(r, c.customer(), c.account())))
          .append("</b>")
          .append(quote(r, c.before()))
          .append(quote(r, c.after()))
          .append("</div>");
    }
    return b.toString();
  }

  /**
   * A customer as a quote or a story names them: "user34@... (Globex Corporation)", without the
   * account when the report is filtered to that one account (every response in it is that
   * account's, and the trial's Globex review repeated it after every quote). The JSON keeps it.
   */
  static String who(ReviewReport r, String customer, String account) {
    return account == null || oneAccount(r) ? customer : customer + " (" + account + ")";
  }

  /** Whether the report's filter is one account. */
  static boolean oneAccount(ReviewReport r) {
    List<String> accounts = r.scope() == null ? null : r.scope().get("account");
    return accounts != null && accounts.size() == 1;
  }

  static String commentHead(ReviewReport r, ReviewReport.Comment c) {
    StringBuilder b = new StringBuilder();
    if (c.customer() != null) {
      b.append(who(r, c.customer(), c.account())).append(", ");
    }
    return b.append("score ").append(c.score()).append(", ").append(c.date()).toString();
  }

  /**
   * A response without a comment (a score alone, or a comment blank after trimming) is said to have
   * none, as the page says "(no comment)": the trial's review quoted it as an empty pair of
   * quotation marks, which read as a printing fault.
   */
  static final String NO_COMMENT = "(no comment)";

  /** The comment in quotation marks, or {@link #NO_COMMENT}. */
  static String quoted(ReviewReport.Comment c) {
    return c.text() == null || c.text().isBlank() ? NO_COMMENT : "\u201c" + c.text() + "\u201d";
  }

  private static String quote(ReviewReport r, ReviewReport.Comment c) {
    return "<blockquote>"
        + esc(quoted(c))
        + " <span class=\"muted\">("
        + esc(commentHead(r, c))
        + ")</span></blockquote>";
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
