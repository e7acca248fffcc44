package dev.earful.impact;

import dev.earful.domain.Analysis;
import dev.earful.domain.CharSpan;
import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.domain.ThemeMention;
import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hand-written ThemeCatalog for tests of the impact package (which may not import themes): themes
 * from phrases, lemmatised with the real analyser; a mention is a consecutive run of the phrase's
 * lemmas inside one sentence, with the polarity of the clause holding its first token.
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

  @Override
  public List<ThemeMention> mentionsIn(Analysis analysis) {
    List<ThemeMention> out = new ArrayList<>();
    for (Theme theme : themes) {
      List<CharSpan> spans = new ArrayList<>();
      Polarity polarity = null;
      for (Sentence s : analysis.sentences()) {
        List<Token> tokens = s.tokens();
        for (List<String> phrase : theme.lemmaPhrases()) {
          for (int i = 0; i + phrase.size() <= tokens.size(); i++) {
            boolean match = true;
            for (int j = 0; j < phrase.size() && match; j++) {
              match = tokens.get(i + j).lemma().equals(phrase.get(j));
            }
            if (match) {
              spans.add(
                  new CharSpan(tokens.get(i).start(), tokens.get(i + phrase.size() - 1).end()));
              if (polarity == null) {
                polarity = polarityAt(s, i);
              }
            }
          }
        }
      }
      if (!spans.isEmpty()) {
        out.add(new ThemeMention(theme.id(), theme.name(), polarity, spans));
      }
    }
    return out;
  }

  private static Polarity polarityAt(Sentence s, int token) {
    for (Clause c : s.clauses()) {
      if (token >= c.tokenFrom() && token < c.tokenTo()) {
        return c.sentiment().label();
      }
    }
    return Polarity.NEUTRAL;
  }
}
