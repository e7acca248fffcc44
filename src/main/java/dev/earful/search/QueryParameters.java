package dev.earful.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the parameters of one read request, the same map whether it came from an HTTP query string
 * or from a command's options, and collects one {@link FieldError} per bad parameter so that the
 * answer names them all at once ({@link #check}). Every request record ({@code SearchRequest},
 * {@code RankingRequest}, {@code ReviewRequest}...) parses through it, so a bad number, a choice
 * out of its set, a repeated parameter or a foreign cursor is worded the same everywhere.
 */
public final class QueryParameters {

  private final Map<String, List<String>> params;
  private final List<FieldError> errors = new ArrayList<>();

  public QueryParameters(Map<String, List<String>> params) {
    this.params = params;
  }

  /** The filter every read endpoint takes ({@link Filter#parse}); {@link Filter#ALL} if bad. */
  public Filter filter() {
    try {
      return Filter.parse(params);
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
      return Filter.ALL;
    }
  }

  /**
   * The parameter's one value, stripped, or null when absent or blank. Given more than once with
   * different values is an error (which one was meant cannot be told).
   */
  public String text(String name) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty() || v.get(0).isBlank()) {
      return null;
    }
    if (v.size() > 1 && v.stream().map(String::strip).distinct().count() > 1) {
      error(name, "given more than once");
      return null;
    }
    return v.get(0).strip();
  }

  /** {@code true} or {@code false}, or null when absent (or bad: the error says so). */
  public Boolean bool(String name) {
    String v = text(name);
    if (v == null) {
      return null;
    }
    return switch (v) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> {
        error(name, "must be true or false, got '" + v + "'");
        yield null;
      }
    };
  }

  /** A whole number within {@code min..max}, or {@code defaultValue} when absent (or bad). */
  public int integer(String name, int defaultValue, int min, int max) {
    String v = text(name);
    if (v == null) {
      return defaultValue;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      error(name, "must be a whole number, got '" + v + "'");
      return defaultValue;
    }
    if (n < min || n > max) {
      error(
          name,
          max == Integer.MAX_VALUE
              ? "must be at least " + min + ", got " + n
              : "must be within " + min + "-" + max + ", got " + n);
      return defaultValue;
    }
    return n;
  }

  /**
   * One of {@code values}, matched case-insensitively on its wire name, or {@code defaultValue}
   * when absent (or bad: the error lists the choices).
   */
  public <E extends Enum<E>> E choice(
      String name, E[] values, Function<E, String> wireName, E defaultValue) {
    String v = text(name);
    if (v == null) {
      return defaultValue;
    }
    List<String> names = new ArrayList<>();
    for (E e : values) {
      if (wireName.apply(e).equalsIgnoreCase(v)) {
        return e;
      }
      names.add(wireName.apply(e));
    }
    String choices =
        names.size() == 1
            ? names.get(0)
            : String.join(", ", names.subList(0, names.size() - 1))
                + " or "
                + names.get(names.size() - 1);
    error(name, "must be " + choices + ", got '" + v + "'");
    return defaultValue;
  }

  /**
   * The offset that the {@code cursor} parameter carries for the list named {@code list}, or 0 when
   * absent. A cursor of another list, or not a cursor at all, is an error.
   */
  public int offsetCursor(String list) {
    String cursor = text("cursor");
    if (cursor == null) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (s.startsWith(list + ":")) {
        int offset = Integer.parseInt(s.substring(list.length() + 1));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // not base64 or not a number: the same answer as a cursor of another list
    }
    error("cursor", "is not a cursor of this list");
    return 0;
  }

  /**
   * The opaque cursor of the page of list {@code list} that starts at {@code offset}, or null when
   * there is no next page.
   */
  public static String offsetCursor(String list, Integer offset) {
    if (offset == null) {
      return null;
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((list + ":" + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** Records a problem with a parameter that the caller checked itself. */
  public void error(String name, String message) {
    errors.add(new FieldError(name, message));
  }

  /** Records the problems of a nested parse (a sort order, a date). */
  public void errors(List<FieldError> more) {
    errors.addAll(more);
  }

  /**
   * @throws InvalidRequestException naming every problem recorded so far, if there is one
   */
  public void check() {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
