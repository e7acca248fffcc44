package dev.earful.search;

import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which responses a read is about: the filters every read endpoint accepts. Every part is optional
 * (null or empty means "any"); the parts combine with AND.
 *
 * <ul>
 *   <li>{@code from} / {@code to}: both inclusive. {@link #parse} turns a date into whole UTC days,
 *       so {@code to=2024-03-31} includes all of March 31st.
 *   <li>{@code categories}: groups, because "detractor" means the negative group of whichever
 *       metric is in view ({@code detractor}, {@code dissatisfied} and {@code difficult} all mean
 *       {@link Category.Group#NEGATIVE}); several values match any of them.
 *   <li>{@code themeIds}: several themes match responses that mention <b>any</b> of them (OR),
 *       which is what clicking a second theme in a facet list usually means.
 *   <li>{@code sentiments}: overall comment sentiment, any of them.
 *   <li>{@code segments}: key to accepted values; values of one key are OR-ed, keys AND-ed.
 *   <li>{@code customers}, {@code accounts}: any of these customers (accounts); exact values, like
 *       segment values.
 * </ul>
 */
public record Filter(
    String q,
    Metric metric,
    Instant from,
    Instant to,
    Integer minScore,
    Integer maxScore,
    Set<Category.Group> categories,
    List<String> themeIds,
    Set<Polarity> sentiments,
    Map<String, List<String>> segments,
    List<String> customers,
    List<String> accounts) {

  /** Matches every response. */
  public static final Filter ALL = builder().build();

  /** Bounds on what a request may ask for, so that a filter cannot be made arbitrarily costly. */
  public static final int MAX_VALUES_PER_PARAMETER = 100;

  public static final int MAX_VALUE_LENGTH = 256;

  /** The parameters {@link #parse} reads, besides {@code segment.KEY}. */
  public static final java.util.Set<String> PARAMETERS =
      java.util.Set.of(
          "q",
          "metric",
          "from",
          "to",
          "minScore",
          "maxScore",
          "category",
          "theme",
          "sentiment",
          "customer",
          "account");

  public Filter {
    q = q == null || q.isBlank() ? null : q;
    categories =
        categories == null || categories.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(categories));
    themeIds = themeIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(themeIds));
    sentiments =
        sentiments == null || sentiments.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(sentiments));
    Map<String, List<String>> seg = new TreeMap<>();
    if (segments != null) {
      segments.forEach(
          (k, v) -> {
            if (v != null && !v.isEmpty()) {
              seg.put(k, List.copyOf(new LinkedHashSet<>(v)));
            }
          });
    }
    segments = Collections.unmodifiableMap(seg);
    customers = customers == null ? List.of() : List.copyOf(new LinkedHashSet<>(customers));
    accounts = accounts == null ? List.of() : List.copyOf(new LinkedHashSet<>(accounts));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this filter's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.q = q;
    b.metric = metric;
    b.from = from;
    b.to = to;
    b.minScore = minScore;
    b.maxScore = maxScore;
    b.categories.addAll(categories);
    b.themeIds.addAll(themeIds);
    b.sentiments.addAll(sentiments);
    segments.forEach((k, v) -> b.segments.put(k, new ArrayList<>(v)));
    b.customers.addAll(customers);
    b.accounts.addAll(accounts);
    return b;
  }

  public Filter withQ(String newQ) {
    return toBuilder().q(newQ).build();
  }

  /** This filter with {@code newSentiments} in place of its sentiments (empty: any sentiment). */
  public Filter withSentiments(Set<Polarity> newSentiments) {
    Builder b = toBuilder();
    b.sentiments.clear();
    b.sentiments.addAll(newSentiments);
    return b.build();
  }

  /** This filter with {@code newThemeIds} in place of its themes (empty: any theme). */
  public Filter withThemeIds(List<String> newThemeIds) {
    Builder b = toBuilder();
    b.themeIds.clear();
    b.themeIds.addAll(newThemeIds);
    return b.build();
  }

  /** True when nothing is filtered. */
  public boolean isAll() {
    return equals(ALL);
  }

  /**
   * Reads a filter from request parameters ({@code q}, {@code metric}, {@code from}, {@code to},
   * {@code minScore}, {@code maxScore}, {@code category}, {@code theme}, {@code sentiment}, {@code
   * segment.KEY}); other parameters are ignored. Collects every problem before throwing.
   *
   * @throws InvalidRequestException naming each bad parameter
   */
  public static Filter parse(Map<String, List<String>> params) {
    List<FieldError> errors = new ArrayList<>();
    Builder b = builder();
    b.q = single(params, "q", errors);
    String metric = single(params, "metric", errors);
    if (metric != null) {
      try {
        b.metric = Metric.parse(metric);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("metric", "must be nps, csat or ces, got '" + metric + "'"));
      }
    }
    String from = single(params, "from", errors);
    if (from != null) {
      b.from = parseTime("from", from, false, errors);
    }
    String to = single(params, "to", errors);
    if (to != null) {
      b.to = parseTime("to", to, true, errors);
    }
    b.minScore = parseScore("minScore", single(params, "minScore", errors), errors);
    b.maxScore = parseScore("maxScore", single(params, "maxScore", errors), errors);
    for (String c : values(params, "category", errors)) {
      try {
        b.categories.add(parseGroup(c));
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "category",
                "unknown category '"
                    + c
                    + "' (expected promoter, passive, detractor, satisfied, neutral, dissatisfied,"
                    + " easy, difficult, positive, middle or negative)"));
      }
    }
    b.themeIds.addAll(values(params, "theme", errors));
    for (String s : values(params, "sentiment", errors)) {
      try {
        b.sentiments.add(Polarity.parse(s));
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError("sentiment", "must be positive, neutral or negative, got '" + s + "'"));
      }
    }
    for (Map.Entry<String, List<String>> e : new TreeMap<>(params).entrySet()) {
      if (e.getKey().startsWith(Schema.SEGMENT_PREFIX)) {
        String key = e.getKey().substring(Schema.SEGMENT_PREFIX.length());
        if (key.isEmpty()) {
          errors.add(new FieldError(e.getKey(), "needs a segment name, e.g. segment.region=EU"));
          continue;
        }
        List<String> v = values(params, e.getKey(), errors);
        if (!v.isEmpty()) {
          b.segments.computeIfAbsent(key, k -> new ArrayList<>()).addAll(v);
        }
      }
    }
    b.customers.addAll(values(params, "customer", errors));
    b.accounts.addAll(values(params, "account", errors));
    Filter f = b.build();
    errors.addAll(f.problems());
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return f;
  }

  /** Problems of combination: ranges the wrong way round, scores outside the metric's range. */
  public List<FieldError> problems() {
    List<FieldError> errors = new ArrayList<>();
    if (from != null && to != null && from.isAfter(to)) {
      errors.add(new FieldError("to", "must not be before from"));
    }
    int low = metric == null ? 0 : metric.min();
    int high = metric == null ? 10 : metric.max();
    String range = metric == null ? "0-10" : low + "-" + high + " for " + metric.wireName();
    if (minScore != null && (minScore < low || minScore > high)) {
      errors.add(new FieldError("minScore", "must be within " + range));
    }
    if (maxScore != null && (maxScore < low || maxScore > high)) {
      errors.add(new FieldError("maxScore", "must be within " + range));
    }
    if (minScore != null && maxScore != null && minScore > maxScore) {
      errors.add(new FieldError("maxScore", "must not be below minScore"));
    }
    if (q != null && q.length() > QuerySyntax.MAX_QUERY_LENGTH) {
      errors.add(
          new FieldError("q", "is longer than " + QuerySyntax.MAX_QUERY_LENGTH + " characters"));
    }
    return errors;
  }

  /** Category and group names alike: "detractor", "dissatisfied", "negative"... */
  public static Category.Group parseGroup(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Category.Group g : Category.Group.values()) {
      if (g.wireName().equals(t)) {
        return g;
      }
    }
    return Category.parse(t).group();
  }

  private static String single(
      Map<String, List<String>> params, String name, List<FieldError> errors) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.size() > 1 && v.stream().filter(s -> !s.isBlank()).distinct().count() > 1) {
      errors.add(new FieldError(name, "given more than once"));
      return null;
    }
    String s = v.get(0).strip();
    if (!name.equals("q") && s.length() > MAX_VALUE_LENGTH) {
      errors.add(new FieldError(name, "is longer than " + MAX_VALUE_LENGTH + " characters"));
      return null;
    }
    return s.isEmpty() ? null : (name.equals("q") ? v.get(0) : s);
  }

  private static List<String> values(
      Map<String, List<String>> params, String name, List<FieldError> errors) {
    List<String> out = new ArrayList<>();
    List<String> v = params.get(name);
    if (v == null) {
      return out;
    }
    for (String raw : v) {
      // "theme=a,b" and "theme=a&theme=b" mean the same, except for segment values, customers and
      // accounts, which may contain commas ("Acme, Inc.").
      boolean whole =
          name.startsWith(Schema.SEGMENT_PREFIX)
              || name.equals("customer")
              || name.equals("account");
      String[] parts = whole ? new String[] {raw} : raw.split(",");
      for (String p : parts) {
        String s = p.strip();
        if (s.isEmpty()) {
          continue;
        }
        if (s.length() > MAX_VALUE_LENGTH) {
          errors.add(new FieldError(name, "is longer than " + MAX_VALUE_LENGTH + " characters"));
          continue;
        }
        out.add(s);
      }
    }
    if (out.size() > MAX_VALUES_PER_PARAMETER) {
      errors.add(new FieldError(name, "given more than " + MAX_VALUES_PER_PARAMETER + " times"));
      return List.of();
    }
    return out;
  }

  private static Integer parseScore(String name, String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "must be a whole number, got '" + value + "'"));
      return null;
    }
  }

  /**
   * A date (whole UTC day: its first instant for {@code from}, its last for {@code to}), an
   * ISO-8601 instant, or a local date-time read as UTC.
   */
  static Instant parseTime(String name, String value, boolean endOfDay, List<FieldError> errors) {
    Instant t = parseInstant(name, value, endOfDay, errors);
    if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
      // the index and the periods count epoch milliseconds: a year like +999999999 overflows them
      errors.add(new FieldError(name, "must be between the years 1 and 9999, got '" + value + "'"));
      return null;
    }
    return t;
  }

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static Instant parseInstant(
      String name, String value, boolean endOfDay, List<FieldError> errors) {
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return endOfDay ? start.plusSeconds(86_400).minusNanos(1) : start;
      }
      if (value.endsWith("Z") || value.endsWith("z")) {
        return Instant.parse(value.toUpperCase(Locale.ROOT));
      }
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeException e) {
        return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeException e) {
      errors.add(
          new FieldError(
              name,
              "must be a date (2024-03-31) or an ISO-8601 instant (2024-03-31T12:00:00Z), got '"
                  + value
                  + "'"));
      return null;
    }
  }

  /** Builds a {@link Filter}; every setter is optional. */
  public static final class Builder {
    private String q;
    private Metric metric;
    private Instant from;
    private Instant to;
    private Integer minScore;
    private Integer maxScore;
    private final Set<Category.Group> categories = EnumSet.noneOf(Category.Group.class);
    private final List<String> themeIds = new ArrayList<>();
    private final Set<Polarity> sentiments = EnumSet.noneOf(Polarity.class);
    private final Map<String, List<String>> segments = new TreeMap<>();
    private final List<String> customers = new ArrayList<>();
    private final List<String> accounts = new ArrayList<>();

    private Builder() {}

    public Builder q(String value) {
      q = value;
      return this;
    }

    public Builder metric(Metric value) {
      metric = value;
      return this;
    }

    public Builder from(Instant value) {
      from = value;
      return this;
    }

    public Builder to(Instant value) {
      to = value;
      return this;
    }

    public Builder minScore(Integer value) {
      minScore = value;
      return this;
    }

    public Builder maxScore(Integer value) {
      maxScore = value;
      return this;
    }

    public Builder category(Category.Group group) {
      categories.add(group);
      return this;
    }

    public Builder theme(String themeId) {
      themeIds.add(themeId);
      return this;
    }

    public Builder sentiment(Polarity polarity) {
      sentiments.add(polarity);
      return this;
    }

    public Builder segment(String key, String value) {
      segments.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      return this;
    }

    public Builder customer(String value) {
      customers.add(value);
      return this;
    }

    public Builder account(String value) {
      accounts.add(value);
      return this;
    }

    public Filter build() {
      return new Filter(
          q,
          metric,
          from,
          to,
          minScore,
          maxScore,
          categories,
          themeIds,
          sentiments,
          segments,
          customers,
          accounts);
    }
  }
}
