package dev.earful.search;

import java.util.Locale;

/** How search hits are ordered; ties always break on the response id so paging is stable. */
public enum SortOrder {
  /** Best BM25 match first; without a query the same as {@link #NEWEST}. */
  RELEVANCE,
  NEWEST,
  OLDEST,
  SCORE_DESC,
  SCORE_ASC;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "relevance", "newest", "oldest", "score_desc" (or "score"), "score_asc"; "-" works as "_". */
  public static SortOrder parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    if (t.equals("score")) {
      return SCORE_DESC;
    }
    for (SortOrder s : values()) {
      if (s.wireName().equals(t)) {
        return s;
      }
    }
    throw new InvalidRequestException(
        "sort", "must be relevance, newest, oldest, score_desc or score_asc, got '" + text + "'");
  }
}
