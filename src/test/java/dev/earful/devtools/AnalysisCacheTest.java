package dev.earful.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Analysis;
import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisCacheTest {

  /**
   * A stand-in analyser: one sentence of one token per word, tagged and lemmatised by {@code
   * lemma}.
   */
  private static Analysis analysis(String text, Function<String, String> lemma) {
    List<Token> tokens = new ArrayList<>();
    int at = 0;
    for (String w : text.split(" ")) {
      tokens.add(new Token(at, at + w.length(), w, "NOUN", lemma.apply(w)));
      at += w.length() + 1;
    }
    Sentiment s = new Sentiment(Polarity.NEGATIVE, -0.25 * text.length() / 40.0, 0.75);
    return new Analysis(
        List.of(new Sentence(0, text.length(), tokens, s, List.of(new Clause(0, 1, s)))),
        s,
        text.startsWith("pas") ? "fra" : Analysis.ENGLISH);
  }

  @Test
  void readsBackWhatItWroteAndRebuildsWhenTheTextsOrTheAnalysisDiffer(@TempDir Path dir)
      throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      texts.add(i % 7 == 0 ? "pas mal " + i : "the zipper broke after " + i + " days");
    }
    Function<String, Analysis> v1 = t -> analysis(t, w -> w.toLowerCase(Locale.ROOT));
    AtomicInteger full = new AtomicInteger();
    Function<List<String>, List<Analysis>> all1 =
        ts -> {
          full.incrementAndGet();
          return ts.stream().map(v1).toList();
        };
    Path file = dir.resolve("womens.analyses.gz");

    List<Analysis> first = AnalysisCache.load(file, texts, v1, all1);
    List<Analysis> again = AnalysisCache.load(file, texts, v1, all1);
    assertEquals(1, full.get(), "the second run reads the file");
    assertEquals(first, again);
    assertEquals(texts.stream().map(v1).toList(), again);

    List<String> other = new ArrayList<>(texts);
    other.set(3, "a different comment");
    AnalysisCache.load(file, other, v1, all1);
    assertEquals(2, full.get(), "other texts are analysed afresh");

    // Analysis code that lemmatises differently (a changed model) no longer agrees with the file.
    Function<String, Analysis> v2 = t -> analysis(t, w -> w.endsWith("e") ? "x" : w);
    AtomicInteger full2 = new AtomicInteger();
    List<Analysis> rebuilt =
        AnalysisCache.load(
            file,
            other,
            v2,
            ts -> {
              full2.incrementAndGet();
              return ts.stream().map(v2).toList();
            });
    assertEquals(1, full2.get());
    assertEquals(other.stream().map(v2).toList(), rebuilt);
  }
}
