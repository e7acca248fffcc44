package dev.earful.themes;

import java.util.List;

/**
 * A theme as discovery proposes it, before the taxonomy gives it an id.
 *
 * @param name the most representative phrase ("customer service", "runs small")
 * @param key the lemma the theme is built around
 * @param support comments that mention it
 * @param phrases its phrases, most frequent first; the first ones name it
 * @param subThemes narrower themes inside it (empty for a sub-theme)
 */
public record DiscoveredTheme(
    String name, String key, int support, List<Phrase> phrases, List<DiscoveredTheme> subThemes) {

  /**
   * One phrase: its lemmas, the commonest way it is written, how many comments hold it, and whether
   * it can be matched as a lemma phrase (its lemmas are adjacent in the text).
   */
  public record Phrase(List<String> lemmas, String surface, int support, boolean matchable) {
    public Phrase {
      lemmas = List.copyOf(lemmas);
    }

    public String text() {
      return String.join(" ", lemmas);
    }
  }

  public DiscoveredTheme {
    phrases = List.copyOf(phrases);
    subThemes = List.copyOf(subThemes);
  }

  /** The lemma phrases to match comments with: this theme's and its sub-themes'. */
  public List<List<String>> matchPhrases() {
    java.util.LinkedHashSet<List<String>> out = new java.util.LinkedHashSet<>();
    for (Phrase p : phrases) {
      if (p.matchable()) {
        out.add(p.lemmas());
      }
    }
    for (DiscoveredTheme sub : subThemes) {
      out.addAll(sub.matchPhrases());
    }
    return List.copyOf(out);
  }
}
