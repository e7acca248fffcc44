package dev.earful.report;

import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import dev.earful.search.QueryParameters;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code GET /api/v1/reports/review} and {@code earful report} ask for, from the same
 * parameters: every read filter ({@code from} and {@code to} are the reported period; without them,
 * the three months up to the newest matching response), {@code compareTo} ({@code previous}: the
 * period of the same length just before, or as many whole calendar months before a period of whole
 * months, the default; {@code year}: the same dates a year earlier), {@code top} (pain points,
 * 1-10, default 5), {@code minMentions} (themes with fewer mentions are not ranked, default 30) and
 * {@code format} (json, html or pdf; default json).
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
    QueryParameters p = new QueryParameters(params);
    Filter filter = p.filter();
    CompareTo compareTo =
        p.choice("compareTo", CompareTo.values(), CompareTo::wireName, CompareTo.PREVIOUS);
    Format format = p.choice("format", Format.values(), Format::wireName, Format.JSON);
    int top = p.integer("top", DEFAULT_TOP, 1, MAX_TOP);
    int minMentions = p.integer("minMentions", DEFAULT_MIN_MENTIONS, 1, Integer.MAX_VALUE);
    p.check();
    return new ReviewRequest(filter, compareTo, top, minMentions, format);
  }
}
