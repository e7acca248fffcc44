package dev.earful.domain;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How many comments of a set of responses are in each language (ISO 639-3 code to count; responses
 * without a comment are not counted), and the sentences that say what that means for themes and
 * sentiment, written once for GET /themes, {@code earful themes} and the business review: Earful
 * reads English only, and a list without themes over French comments said "discovery has not found
 * any" as if the comments had nothing in common.
 */
public record CommentLanguages(Map<String, Long> counts) {

  public static final CommentLanguages NONE = new CommentLanguages(Map.of());

  /** ISO 639-3 (as the language detector names them) to the language's English name. */
  private static final Map<String, String> NAMES = names();

  public CommentLanguages {
    counts = Map.copyOf(counts);
  }

  private static Map<String, String> names() {
    Map<String, String> m = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      Locale l = Locale.of(two);
      m.put(l.getISO3Language(), l.getDisplayLanguage(Locale.ENGLISH));
    }
    return Map.copyOf(m);
  }

  /** "French" for fra; the code itself for one the JDK does not name (cmn). */
  public static String name(String code) {
    return NAMES.getOrDefault(code, code);
  }

  /** Comments in English, the language whose themes and sentiment Earful reads. */
  public long english() {
    return counts.getOrDefault(Analysis.ENGLISH, 0L);
  }

  /** Comments in any other language, most first, then by code. */
  public Map<String, Long> others() {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .filter(e -> !e.getKey().equals(Analysis.ENGLISH) && e.getValue() > 0)
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** How many comments are not in English. */
  public long otherCount() {
    return others().values().stream().mapToLong(Long::longValue).sum();
  }

  /** True when there are comments and none is in English: no theme can be found in them. */
  public boolean noEnglish() {
    return english() == 0 && otherCount() > 0;
  }

  /** "French 12, German 6". */
  private String listed() {
    StringBuilder b = new StringBuilder();
    others()
        .forEach(
            (code, n) ->
                b.append(b.isEmpty() ? "" : ", ").append(name(code)).append(' ').append(n));
    return b.toString();
  }

  /**
   * Why there are no themes when no comment is in English ({@code where}: "stored", "that match
   * these filters", "in this period"), or null when some are.
   */
  public String noEnglishNote(String where) {
    if (!noEnglish()) {
      return null;
    }
    long n = otherCount();
    return (n == 1
            ? "The one comment " + where + " is not in English"
            : "None of the " + n + " comments " + where + " is in English")
        + " ("
        + listed()
        + "): Earful finds themes and sentiment in English only, so there are no themes to rank."
        + " The comments are searchable and their scores counted.";
  }

  /** What the others mean beside English comments' themes, or null when all are in English. */
  public String othersNote() {
    long n = otherCount();
    if (n == 0) {
      return null;
    }
    return n
        + (n == 1 ? " comment is" : " comments are")
        + " not in English ("
        + listed()
        + "): Earful finds themes and sentiment in English only, so they are searchable but in no"
        + " theme, and their sentiment is not read.";
  }
}
