package dev.earful.impact;

import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v1/themes} and {@code earful themes} ask for, read from the same parameters:
 * the filters of every read endpoint plus {@code minMentions} (default 30), {@code sort}
 * (attributable, mentions, npsImpact, detractorRate), {@code limit} (1-1000; default 50, or every
 * theme for CSV) and {@code cursor} (the {@code nextCursor} of the previous page).
 */
public record RankingRequest(Filter filter, ImpactRanker.Options options, int offset, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  /**
   * @param csv whether the answer is CSV, whose default is the whole list
   * @throws InvalidRequestException naming every bad parameter
   */
  public static RankingRequest parse(Map<String, List<String>> params, boolean csv) {
    List<FieldError> errors = new ArrayList<>();
    Filter filter = null;
    try {
      filter = Filter.parse(params);
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
    }
    int minMentions =
        intParam(
            params,
            "minMentions",
            ImpactRanker.Options.DEFAULT_MIN_MENTIONS,
            1,
            Integer.MAX_VALUE,
            errors);
    RankingSort sort = RankingSort.ATTRIBUTABLE;
    String sortText = single(params, "sort");
    if (sortText != null) {
      try {
        sort = RankingSort.parse(sortText);
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "sort",
                "must be attributable, mentions, npsImpact or detractorRate, got '"
                    + sortText
                    + "'"));
      }
    }
    int limit = intParam(params, "limit", csv ? MAX_LIMIT : DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
    int offset = 0;
    String cursor = single(params, "cursor");
    if (cursor != null) {
      Integer decoded = decodeCursor(cursor);
      if (decoded == null) {
        errors.add(new FieldError("cursor", "is not a cursor of this list"));
      } else {
        offset = decoded;
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new RankingRequest(
        filter,
        new ImpactRanker.Options(minMentions, sort, AdjustedEffects.Settings.DEFAULT),
        offset,
        limit);
  }

  /** The opaque cursor of the page starting at {@code offset}, or null. */
  public static String cursor(Integer offset) {
    if (offset == null) {
      return null;
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("themes:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static Integer decodeCursor(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!s.startsWith("themes:")) {
        return null;
      }
      int offset = Integer.parseInt(s.substring("themes:".length()));
      return offset >= 0 ? offset : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String single(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty() || v.get(0).isBlank()) {
      return null;
    }
    return v.get(0).strip();
  }

  static int intParam(
      Map<String, List<String>> params,
      String name,
      int defaultValue,
      int min,
      int max,
      List<FieldError> errors) {
    String v = single(params, name);
    if (v == null) {
      return defaultValue;
    }
    List<String> all = params.get(name);
    if (all.size() > 1 && all.stream().map(String::strip).distinct().count() > 1) {
      errors.add(new FieldError(name, "given more than once"));
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
}
