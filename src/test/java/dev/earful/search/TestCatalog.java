package dev.earful.search;

import dev.earful.domain.Analysis;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.domain.ThemeMention;
import dev.earful.themes.ThemeMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A catalog for tests: fixed themes, mentions found by the product's {@link ThemeMatcher}. */
public final class TestCatalog implements ThemeCatalog {

  private final List<Theme> themes;
  private long version = 1;

  public TestCatalog(List<Theme> themes) {
    this.themes = new ArrayList<>(themes);
  }

  /** A theme whose phrases are given as space-separated lemmas. */
  public static Theme theme(String id, String name, String... lemmaPhrases) {
    List<List<String>> lemmas = new ArrayList<>();
    for (String p : lemmaPhrases) {
      lemmas.add(List.of(p.split(" ")));
    }
    return new Theme(id, name, List.of(lemmaPhrases), lemmas, null, "edited");
  }

  public synchronized void replace(Theme theme) {
    themes.removeIf(t -> t.id().equals(theme.id()));
    themes.add(theme);
    version++;
  }

  @Override
  public synchronized List<Theme> all() {
    return List.copyOf(themes);
  }

  @Override
  public synchronized Optional<Theme> find(String id) {
    return themes.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  @Override
  public synchronized long version() {
    return version;
  }

  /** The product's own matcher, so tests see the mentions the service would find. */
  @Override
  public synchronized List<ThemeMention> mentionsIn(Analysis analysis) {
    return new ThemeMatcher(themes).mentionsIn(analysis);
  }
}
