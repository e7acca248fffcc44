package dev.earful.search;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.ThemeMention;
import java.util.List;

/**
 * One hit: the stored response and analysis, its category, HTML-escaped snippets of the comment
 * with {@code <mark>} around matched words (or the start of the comment when nothing is
 * highlighted), the themes it mentions, and its BM25 score (NaN when not sorted by relevance).
 */
public record SearchHit(
    AnalyzedResponse response,
    Category category,
    List<String> highlights,
    List<ThemeMention> themes,
    float relevance) {

  public SearchHit {
    highlights = List.copyOf(highlights);
    themes = List.copyOf(themes);
  }
}
