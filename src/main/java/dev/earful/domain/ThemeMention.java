package dev.earful.domain;

import java.util.List;

/**
 * A theme found in one comment: which theme, the polarity of the clause(s) that mention it, and the
 * character spans of the matched words.
 */
public record ThemeMention(String themeId, String name, Polarity sentiment, List<CharSpan> spans) {

  public ThemeMention {
    spans = List.copyOf(spans);
  }
}
