package dev.earful.themes;

import dev.earful.domain.Analysis;
import dev.earful.domain.Clause;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Seeded synthetic comments for benchmarks, built from the sentence banks under {@code
 * /corpora/generator/} (positive, negative and neutral sentences with an {@code {item}} slot, and
 * the items). Each distinct sentence is analysed once; comment {@code i} is 1-4 of them drawn with
 * a generator seeded by {@code (seed, i)}, so any number of comments can be streamed again and
 * again in the same order without keeping them in memory.
 */
public final class GeneratedComments implements AnalysisSource {

  private static final String BANKS = "/corpora/generator/";

  private final List<String> sentences;
  private final List<Analysis> analysed;
  private final long seed;
  private final int count;

  public GeneratedComments(TextAnalyzer analyzer, long seed, int count) {
    List<String> items = read("items.txt");
    List<String> out = new ArrayList<>();
    for (String bank : List.of("positive.txt", "negative.txt", "neutral.txt")) {
      for (String template : read(bank)) {
        if (template.contains("{item}")) {
          for (String item : items) {
            out.add(template.replace("{item}", item));
          }
        } else {
          out.add(template);
        }
      }
    }
    this.sentences = List.copyOf(out);
    this.analysed = sentences.stream().map(analyzer::analyze).toList();
    this.seed = seed;
    this.count = count;
  }

  /** Distinct sentences the comments are made of. */
  public int distinctSentences() {
    return sentences.size();
  }

  /** The text of comment {@code i}. */
  public String text(int i) {
    StringBuilder b = new StringBuilder();
    for (int s : pick(i)) {
      if (!b.isEmpty()) {
        b.append(' ');
      }
      b.append(sentences.get(s));
    }
    return b.toString();
  }

  @Override
  public void forEach(Consumer<Analysis> sink) {
    for (int i = 0; i < count; i++) {
      sink.accept(analysis(i));
    }
  }

  /** The analysis of comment {@code i}: its sentences' analyses, shifted to their offsets. */
  public Analysis analysis(int i) {
    List<Sentence> out = new ArrayList<>();
    int offset = 0;
    for (int s : pick(i)) {
      for (Sentence sentence : analysed.get(s).sentences()) {
        out.add(shift(sentence, offset));
      }
      offset += sentences.get(s).length() + 1;
    }
    return new Analysis(out, Sentiment.NEUTRAL);
  }

  private int[] pick(int i) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
    int[] picks = new int[1 + random.nextInt(4)];
    for (int k = 0; k < picks.length; k++) {
      picks[k] = random.nextInt(sentences.size());
    }
    return picks;
  }

  private static Sentence shift(Sentence s, int by) {
    if (by == 0) {
      return s;
    }
    List<Token> tokens = new ArrayList<>(s.tokens().size());
    for (Token t : s.tokens()) {
      tokens.add(new Token(t.start() + by, t.end() + by, t.text(), t.tag(), t.lemma()));
    }
    List<Clause> clauses = s.clauses();
    return new Sentence(s.start() + by, s.end() + by, tokens, s.sentiment(), clauses);
  }

  private static List<String> read(String name) {
    InputStream in = GeneratedComments.class.getResourceAsStream(BANKS + name);
    if (in == null) {
      throw new IllegalStateException("sentence bank " + BANKS + name + " is not on the classpath");
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          out.add(l);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BANKS + name, e);
    }
    return out;
  }
}
