package dev.earful.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The word lists that shape phrase candidates, read from {@code /corpora/phrases/} on the
 * classpath: stop words, generic nouns, light verbs, judging words (and those of them that praise)
 * and time units. See corpora/README.md for what each list is for.
 */
public record PhraseLexicon(
    Set<String> stopWords,
    Set<String> genericNouns,
    Set<String> lightVerbs,
    Set<String> evaluative,
    Set<String> praising,
    Set<String> timeUnits) {

  public PhraseLexicon {
    stopWords = Set.copyOf(stopWords);
    genericNouns = Set.copyOf(genericNouns);
    lightVerbs = Set.copyOf(lightVerbs);
    evaluative = Set.copyOf(evaluative);
    praising = Set.copyOf(praising);
    if (!evaluative.containsAll(praising)) {
      throw new IllegalArgumentException("a praising word must also be a judging word");
    }
    timeUnits = Set.copyOf(timeUnits);
  }

  private static final PhraseLexicon DEFAULT =
      new PhraseLexicon(
          read("stopwords.txt"),
          read("generic-nouns.txt"),
          read("light-verbs.txt"),
          read("evaluative.txt"),
          read("praising.txt"),
          read("time-units.txt"));

  /** The lists shipped in the jar. */
  public static PhraseLexicon standard() {
    return DEFAULT;
  }

  /** True when {@code lemma} may name a theme: a content word that is not generic or judging. */
  public boolean canName(String lemma) {
    return canNameVerb(lemma) && !genericNouns.contains(lemma);
  }

  /**
   * True when a verb's lemma may name a theme: the generic nouns name nothing as nouns ("a pair",
   * "the end", "an answer"), but the verb of the same word is an issue's own ("won't pair", "nobody
   * answered", "the call ended"); a bare verb that only tells the story is set aside by discovery
   * on its own evidence.
   */
  public boolean canNameVerb(String lemma) {
    return !stopWords.contains(lemma) && !evaluative.contains(lemma) && !lightVerbs.contains(lemma);
  }

  static Set<String> read(String name) {
    String resource = "/corpora/phrases/" + name;
    InputStream in = PhraseLexicon.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("word list " + resource + " is not on the classpath");
    }
    Set<String> words = new TreeSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String w = line.strip().toLowerCase(Locale.ROOT);
        if (!w.isEmpty() && !w.startsWith("#")) {
          words.add(w);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return words;
  }
}
