package dev.earful.themes;

import dev.earful.domain.Analysis;
import dev.earful.domain.CharSpan;
import dev.earful.domain.Clause;
import dev.earful.domain.LemmaPhrases;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.domain.ThemeMention;
import dev.earful.domain.Token;
import dev.earful.nlp.PhraseExtractor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds themes in an analysed comment: a theme is mentioned where one of its lemma phrases occurs
 * inside one sentence as {@link LemmaPhrases} defines it, the definition the index's theme queries
 * use too, so highlights and counts agree. Immutable and thread-safe; built once per taxonomy
 * version.
 */
public final class ThemeMatcher {

  /** A theme's phrase, {@linkplain LemmaPhrases#trimmed trimmed} to its first and last word. */
  private record Entry(int theme, List<String> lemmas) {}

  private final List<Theme> themes;
  private final Map<String, List<Entry>> byFirstLemma = new HashMap<>();

  public ThemeMatcher(List<Theme> themes) {
    this.themes = List.copyOf(themes);
    for (int t = 0; t < this.themes.size(); t++) {
      for (List<String> phrase : this.themes.get(t).lemmaPhrases()) {
        List<String> trimmed = LemmaPhrases.trimmed(phrase);
        if (!trimmed.isEmpty()) {
          byFirstLemma
              .computeIfAbsent(trimmed.get(0), k -> new ArrayList<>())
              .add(new Entry(t, List.copyOf(trimmed)));
        }
      }
    }
  }

  /**
   * These themes as a fixed catalog (version 1) whose mentions this matcher finds: for tools and
   * tests that hold a taxonomy that never changes.
   */
  public ThemeCatalog asCatalog() {
    return new ThemeCatalog() {
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
        return ThemeMatcher.this.mentionsIn(analysis);
      }
    };
  }

  /**
   * The themes the comment mentions, ordered by their first mention. Each carries the character
   * spans of its matches (overlapping matches joined) and one polarity: negative when any clause
   * holding a mention is negative, else positive when any is positive, else neutral, so a complaint
   * inside praise is not lost.
   */
  public List<ThemeMention> mentionsIn(Analysis analysis) {
    if (byFirstLemma.isEmpty()) {
      return List.of();
    }
    Map<Integer, List<CharSpan>> spans = new TreeMap<>();
    Map<Integer, Polarity> polarity = new HashMap<>();
    for (Sentence s : analysis.sentences()) {
      List<Token> tokens = s.tokens();
      for (int i = 0; i < tokens.size(); i++) {
        List<Entry> entries = byFirstLemma.get(tokens.get(i).lemma());
        if (entries == null) {
          continue;
        }
        for (Entry e : entries) {
          int len = e.lemmas().size();
          if (!LemmaPhrases.matchesAt(tokens, i, e.lemmas())) {
            continue;
          }
          spans
              .computeIfAbsent(e.theme(), k -> new ArrayList<>())
              .add(new CharSpan(tokens.get(i).start(), tokens.get(i + len - 1).end()));
          polarity.merge(e.theme(), clausePolarity(s, i), ThemeMatcher::stronger);
        }
      }
    }
    List<ThemeMention> out = new ArrayList<>();
    for (Map.Entry<Integer, List<CharSpan>> e : spans.entrySet()) {
      Theme theme = themes.get(e.getKey());
      out.add(
          new ThemeMention(theme.id(), theme.name(), polarity.get(e.getKey()), join(e.getValue())));
    }
    out.sort(
        Comparator.comparingInt((ThemeMention m) -> m.spans().get(0).start())
            .thenComparing(ThemeMention::themeId));
    return out;
  }

  /** The polarity of the clause holding {@code token}; discovery judges its themes by it too. */
  static Polarity clausePolarity(Sentence s, int token) {
    for (Clause c : s.clauses()) {
      if (token >= c.tokenFrom() && token < c.tokenTo()) {
        return c.sentiment().label();
      }
    }
    return s.sentiment().label();
  }

  /**
   * Whether the clause holding {@code token} (the sentence, when no clause holds it) is negated: it
   * holds a negation ({@link PhraseExtractor#isNegation}) anywhere, "I can't wear a bra with it",
   * "it does not wrinkle", "no holes after a year".
   */
  static boolean clauseNegated(Sentence s, int token) {
    int from = 0;
    int to = s.tokens().size();
    for (Clause c : s.clauses()) {
      if (token >= c.tokenFrom() && token < c.tokenTo()) {
        from = c.tokenFrom();
        to = c.tokenTo();
        break;
      }
    }
    for (int i = from; i < to; i++) {
      if (PhraseExtractor.isNegation(s.tokens().get(i).lemma())) {
        return true;
      }
    }
    return false;
  }

  static Polarity stronger(Polarity a, Polarity b) {
    if (a == Polarity.NEGATIVE || b == Polarity.NEGATIVE) {
      return Polarity.NEGATIVE;
    }
    if (a == Polarity.POSITIVE || b == Polarity.POSITIVE) {
      return Polarity.POSITIVE;
    }
    return Polarity.NEUTRAL;
  }

  /** Sorts spans and joins the ones that overlap or touch. */
  static List<CharSpan> join(List<CharSpan> spans) {
    List<CharSpan> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingInt(CharSpan::start).thenComparingInt(CharSpan::end));
    List<CharSpan> out = new ArrayList<>();
    for (CharSpan s : sorted) {
      if (!out.isEmpty() && s.start() <= out.get(out.size() - 1).end()) {
        CharSpan last = out.remove(out.size() - 1);
        out.add(new CharSpan(last.start(), Math.max(last.end(), s.end())));
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
