package dev.earful.report;

import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code GET /api/v1/reports/review} and {@code earful report} ask for, from the same
 * parameters: every read filter ({@code from} and {@code to} are the reported period; without them,
 * the three months up to the newest matching response), {@code compareTo} ({@code previous}: the
 * period of the same length just before, the default; {@code year}: the same dates a year earlier),
 * {@code top} (pain points, 1-10, default 5), {@code minMentions} (themes with fewer mentions are
 * not ranked, default 30) and {@code format} (json, html or pdf; default json).
 */
public record ReviewRequest(
    Filter filter, CompareTo compareTo, int top, int minMentions, Format format) {

  public static final int DEFAULT_TOP = 5;
  public static final int MAX_TOP = 10;
  public static final int DEFAULT_MIN_MENTIONS = 30;

  /** Which period the current one is compared with. */
  public enum CompareTo {
    PREVIOUS,
    YEAR;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The report's format. */
  public enum Format {
    JSON("application/json", "json"),
    HTML("text/html; charset=utf-8", "html"),
    PDF("application/pdf", "pdf");

    private final String contentType;
    private final String extension;

    Format(String contentType, String extension) {
      this.contentType = contentType;
      this.extension = extension;
    }

    public String contentType() {
      return contentType;
    }

    public String extension() {
      return extension;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @throws InvalidRequestException naming every bad parameter
   */
  public static ReviewRequest parse(Map<String, List<String>> params) {
    List<FieldError> errors = new ArrayList<>();
    Filter filter = null;
    try {
      filter = Filter.parse(params);
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
    }
    CompareTo compareTo =
        choice(params, "compareTo", CompareTo.values(), CompareTo.PREVIOUS, errors);
    Format format = choice(params, "format", Format.values(), Format.JSON, errors);
    int top = intParam(params, "top", DEFAULT_TOP, 1, MAX_TOP, errors);
    int minMentions =
        intParam(params, "minMentions", DEFAULT_MIN_MENTIONS, 1, Integer.MAX_VALUE, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new ReviewRequest(filter, compareTo, top, minMentions, format);
  }

  private static <E extends Enum<E>> E choice(
      Map<String, List<String>> params,
      String name,
      E[] values,
      E defaultValue,
      List<FieldError> errors) {
    String v = single(params, name, errors);
    if (v == null) {
      return defaultValue;
    }
    for (E e : values) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : values) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    errors.add(new FieldError(name, "must be " + String.join(" or ", names) + ", got '" + v + "'"));
    return defaultValue;
  }

  private static int intParam(
      Map<String, List<String>> params,
      String name,
      int defaultValue,
      int min,
      int max,
      List<FieldError> errors) {
    String v = single(params, name, errors);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        errors.add(
            new FieldError(
                name,
                max == Integer.MAX_VALUE
                    ? "must be at least " + min + ", got " + n
                    : "must be within " + min + "-" + max + ", got " + n));
        return defaultValue;
      }
      return n;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "must be a whole number, got '" + v + "'"));
      return defaultValue;
    }
  }

  private static String single(
      Map<String, List<String>> params, String name, List<FieldError> errors) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty() || v.get(0).isBlank()) {
      return null;
    }
    if (v.stream().map(String::strip).distinct().count() > 1) {
      errors.add(new FieldError(name, "given more than once"));
      return null;
    }
    return v.get(0).strip();
  }
}
