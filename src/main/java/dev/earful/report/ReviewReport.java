package dev.earful.report;

import java.util.List;
import java.util.Map;

/**
 * The business-review report, every figure already rounded: the JSON document of {@code GET
 * /api/v1/reports/review?format=json} is this record serialised as it is, and the HTML and PDF
 * print these values (through {@link ReportNumbers}) and no others. Percentages are in percent
 * (41.2 means 41.2%); proportions are never shown. A figure that does not exist is null.
 *
 * @param scope the filter as query parameters (without the periods), e.g. {@code
 *     {"segment.region":["EU"]}}
 * @param headlineName what the headline number is: "NPS", "% satisfied" or "mean CES"
 * @param painPointsNote why {@code painPoints} is empty, and what to change when it is the minimum
 *     of mentions; null when there are pain points
 * @param otherLanguagesNote how many of the period's comments are not in English, so in no theme
 *     and without sentiment (Earful reads English only); null when all are in English
 */
public record ReviewReport(
    String title,
    Map<String, List<String>> scope,
    String metric,
    String headlineName,
    Window period,
    Window comparison,
    Headline headline,
    Headline comparisonHeadline,
    Change change,
    List<TargetProgress> targets,
    Trend trend,
    List<PainPoint> painPoints,
    List<ThemeShift> improvements,
    Risks risks,
    List<SuccessStory> successStories,
    List<Comment> references,
    Methods methods,
    String painPointsNote,
    String otherLanguagesNote) {

  /**
   * A period: {@code from} and {@code to} as asked (dates, both inclusive, UTC), {@code first} and
   * {@code last} the days of the first and last response in it (null when none).
   *
   * @param kind "current", "previous" or "year" (the same dates a year earlier)
   */
  public record Window(String kind, String from, String to, String first, String last) {}

  /**
   * The headline metric of a period: its value with a 95% interval, and the groups of the metric
   * (promoters / passives / detractors for NPS; satisfied / neutral / dissatisfied for CSAT; easy /
   * neutral / difficult for CES).
   */
  public record Headline(
      Double value,
      List<Double> ci95,
      long responses,
      long promoters,
      long passives,
      long detractors,
      Double detractorPercent) {}

  /**
   * Current minus comparison, with its 95% interval and p-value.
   *
   * @param significant p &lt; 0.05
   * @param test the test's short name ("nps-difference-z", "two-proportion-z", "fisher", "welch-z")
   */
  public record Change(
      Double value, List<Double> ci95, Double pValue, boolean significant, String test) {}

  /**
   * A target set for the report's metric and scope (the same filter, period aside), read over the
   * report's period: the headline against the goal.
   *
   * @param distance headline minus goal
   * @param ci95 the distance's 95% interval: the headline's interval minus the goal
   * @param goalInInterval the goal lies inside the headline's 95% interval
   * @param status "above" (the whole interval above the goal), "below", "within" or "no-data"
   */
  public record TargetProgress(
      String id,
      String name,
      double goal,
      Double value,
      Double distance,
      List<Double> ci95,
      boolean goalInInterval,
      String status) {}

  /** The trend chart's series: one point per week or month. */
  public record Trend(String interval, List<Point> points) {}

  /** One period of the trend; {@code lowVolume}: fewer responses than the trend's minimum. */
  public record Point(
      String period, String start, long responses, Double score, boolean lowVolume) {}

  /**
   * A ranked pain point of the current period.
   *
   * @param parentName the theme of a sub-theme ("size" of "large"), null for a theme: the pain
   *     points are ranked, not grouped, so a sub-theme is named with its theme, "large (in size)"
   * @param attributableDetractors how many detractors fewer there would be without the theme's
   *     effect, with its 95% interval
   */
  public record PainPoint(
      int rank,
      String id,
      String name,
      String parentName,
      long mentions,
      Double sharePercent,
      Double detractorPercent,
      ValueWithInterval attributableDetractors,
      List<Comment> comments) {}

  public record ValueWithInterval(Double value, List<Double> ci95) {}

  /** A response quoted verbatim (trimmed only when very long, with an ellipsis). */
  public record Comment(
      String id, String customer, String account, int score, String date, String text) {}

  /**
   * A theme whose share (of responses mentioning it) or detractor rate (among them) changed
   * significantly between the periods.
   *
   * @param parentName the theme of a sub-theme, null for a theme
   * @param measure "share" or "detractorRate"
   */
  public record ThemeShift(
      String id,
      String name,
      String parentName,
      String measure,
      Double previousPercent,
      Double currentPercent,
      long previousMentions,
      long currentMentions,
      Double pValue,
      Double qValue,
      String test) {}

  /**
   * What may go wrong: themes emerging (share rose significantly), themes worsening (detractor rate
   * rose significantly), customers whose score fell, and the accounts with the highest risk.
   */
  public record Risks(
      List<ThemeShift> emergingThemes,
      List<ThemeShift> worseningThemes,
      List<CustomerChange> customersFalling,
      List<AccountRisk> accountsAtRisk) {}

  /**
   * An account's health (0-100, 100 healthiest) and risk (0-1), with the parts they are made of
   * (see {@code impact.AccountHealth}): each part's figure and its risk.
   *
   * @param level the headline score of the recent window
   * @param trend its change from the window before
   * @param detractors the recent detractor share, in percent
   * @param recency days since the account's last response
   */
  public record AccountRisk(
      String account,
      Double health,
      Double risk,
      long recentResponses,
      long previousResponses,
      HealthPart level,
      HealthPart trend,
      HealthPart detractors,
      HealthPart recency) {}

  /** One part of an account's health: its figure (null when unknown) and its risk in [0, 1]. */
  public record HealthPart(Double value, Double risk) {}

  /** A customer's earlier and later response. */
  public record CustomerChange(String customer, String account, Comment before, Comment after) {}

  /** A customer who gave a low score earlier and a high one in the period, with both comments. */
  public record SuccessStory(String customer, String account, Comment before, Comment after) {}

  /** How every figure was made, and the data's date range. */
  public record Methods(
      String headline,
      String change,
      String painPoints,
      String themeShifts,
      String successStories,
      String references,
      String periods,
      String dataFrom,
      String dataTo,
      double alpha) {}
}
