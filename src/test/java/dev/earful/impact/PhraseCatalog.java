package dev.earful.impact;

import dev.earful.domain.Analysis;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.domain.ThemeMention;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.themes.ThemeMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ThemeCatalog for tests of the impact package: themes from phrases, lemmatised with the real
 * analyser; mentions as the product's {@link ThemeMatcher} finds them (the impact package itself
 * may not import themes; its tests may).
 */
final class PhraseCatalog implements ThemeCatalog {

  private final List<Theme> themes = new ArrayList<>();

  PhraseCatalog(TextAnalyzer analyzer, String... idNamePhrases) {
    for (String spec : idNamePhrases) {
      String[] parts = spec.split("\\|");
      List<String> phrases = List.of(parts[2].split(","));
      themes.add(
          new Theme(
              parts[0],
              parts[1],
              phrases,
              phrases.stream().map(analyzer::lemmasOf).toList(),
              null,
              "edited"));
    }
  }

  @Override
  public List<Theme> all() {
    return themes;
  }

  @Override
  public Optional<Theme> find(String id) {
    return themes.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  @Override
  public long version() {
    return 1;
  }

  /** The product's own matcher, so tests see the mentions the service would find. */
  @Override
  public List<ThemeMention> mentionsIn(Analysis analysis) {
    return new ThemeMatcher(themes).mentionsIn(analysis);
  }
}
