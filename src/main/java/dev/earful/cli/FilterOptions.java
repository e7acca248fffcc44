package dev.earful.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The filters every reading command shares (PRODUCT.md's read filters but {@code q}), as a picocli
 * mixin. They become the API's query parameters, so the command line and HTTP go through one parser
 * ({@code search.Filter.parse}).
 */
final class FilterOptions {

  @Option(
      names = "--metric",
      paramLabel = "METRIC",
      description = "Only this metric: nps, csat or ces.")
  String metric;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "Only responses from this date or instant on.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Only responses up to this date or instant.")
  String to;

  @Option(names = "--min-score", paramLabel = "N", description = "Only scores of at least N.")
  String minScore;

  @Option(names = "--max-score", paramLabel = "N", description = "Only scores of at most N.")
  String maxScore;

  @Option(
      names = "--category",
      paramLabel = "CATEGORY",
      description = "Only this category, e.g. detractor, passive or promoter (repeatable).")
  List<String> categories = new ArrayList<>();

  @Option(
      names = "--theme",
      paramLabel = "THEME_ID",
      description = "Only responses that mention this theme (repeatable).")
  List<String> themes = new ArrayList<>();

  @Option(
      names = "--sentiment",
      paramLabel = "LABEL",
      description = "Only this overall sentiment: positive, neutral or negative.")
  String sentiment;

  @Option(
      names = "--segment",
      paramLabel = "KEY=VALUE",
      description = "Only responses with this segment value, e.g. region=EU (repeatable).")
  List<String> segments = new ArrayList<>();

  @Option(
      names = "--customer",
      paramLabel = "CUSTOMER",
      description = "Only this customer's responses (repeatable).")
  List<String> customers = new ArrayList<>();

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      description = "Only this account's responses (repeatable).")
  List<String> accounts = new ArrayList<>();

  /** Adds the filters given to {@code params}, named as the API's query parameters. */
  void addTo(Map<String, List<String>> params) {
    put(params, "metric", metric);
    put(params, "from", from);
    put(params, "to", to);
    put(params, "minScore", minScore);
    put(params, "maxScore", maxScore);
    if (!categories.isEmpty()) {
      params.put("category", categories);
    }
    if (!themes.isEmpty()) {
      params.put("theme", themes);
    }
    put(params, "sentiment", sentiment);
    if (!customers.isEmpty()) {
      params.put("customer", customers);
    }
    if (!accounts.isEmpty()) {
      params.put("account", accounts);
    }
    for (String s : segments) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new CliException("--segment must be KEY=VALUE, got '" + s + "'", 2);
      }
      params
          .computeIfAbsent("segment." + s.substring(0, eq), k -> new ArrayList<>())
          .add(s.substring(eq + 1));
    }
  }

  /** Puts a single-valued parameter when it was given. */
  static void put(Map<String, List<String>> params, String key, String value) {
    if (value != null) {
      params.put(key, List.of(value));
    }
  }
}
