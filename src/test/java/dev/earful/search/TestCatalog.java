package dev.earful.search;

import dev.earful.domain.Analysis;
import dev.earful.domain.CharSpan;
import dev.earful.domain.Sentence;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.domain.ThemeMention;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A hand-written catalog for tests: fixed themes, mentions found by exact lemma sequences. */
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

  @Override
  public synchronized List<ThemeMention> mentionsIn(Analysis analysis) {
    List<ThemeMention> out = new ArrayList<>();
    for (Theme t : themes) {
      List<CharSpan> spans = new ArrayList<>();
      for (Sentence s : analysis.sentences()) {
        for (List<String> phrase : t.lemmaPhrases()) {
          for (int i = 0; i + phrase.size() <= s.tokens().size(); i++) {
            boolean match = true;
            for (int k = 0; k < phrase.size() && match; k++) {
              match = phrase.get(k).equals(s.tokens().get(i + k).lemma());
            }
            if (match) {
              spans.add(
                  new CharSpan(
                      s.tokens().get(i).start(), s.tokens().get(i + phrase.size() - 1).end()));
            }
          }
        }
      }
      if (!spans.isEmpty()) {
        out.add(new ThemeMention(t.id(), t.name(), s0(analysis).sentiment().label(), spans));
      }
    }
    return out;
  }

  private static Sentence s0(Analysis a) {
    return a.sentences().get(0);
  }
}
