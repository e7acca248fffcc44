package dev.earful.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Analysis;
import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import java.nio.file.Files;
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

    List<Analysis> first = AnalysisCache.load(file, texts, "code-1", v1, all1);
    List<Analysis> again = AnalysisCache.load(file, texts, "code-1", v1, all1);
    assertEquals(1, full.get(), "the second run reads the file");
    assertEquals(first, again);
    assertEquals(texts.stream().map(v1).toList(), again);

    List<String> other = new ArrayList<>(texts);
    other.set(3, "a different comment");
    AnalysisCache.load(file, other, "code-1", v1, all1);
    assertEquals(2, full.get(), "other texts are analysed afresh");

    // Analysis code that lemmatises differently (a changed model) no longer agrees with the file.
    Function<String, Analysis> v2 = t -> analysis(t, w -> w.endsWith("e") ? "x" : w);
    AtomicInteger full2 = new AtomicInteger();
    List<Analysis> rebuilt =
        AnalysisCache.load(
            file,
            other,
            "code-1",
            v2,
            ts -> {
              full2.incrementAndGet();
              return ts.stream().map(v2).toList();
            });
    assertEquals(1, full2.get());
    assertEquals(other.stream().map(v2).toList(), rebuilt);
  }

  @Test
  void rebuildsWhenTheCodeFingerprintDiffersEvenIfEverySampledCommentAgrees(@TempDir Path dir)
      throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      texts.add("the zipper broke after " + i + " days");
    }
    // v2 differs from v1 on one comment only, which lies between two sampled ones (every 10th).
    String changed = texts.get(5);
    Function<String, Analysis> v1 = t -> analysis(t, w -> w.toLowerCase(Locale.ROOT));
    Function<String, Analysis> v2 = t -> analysis(t, w -> t.equals(changed) ? "x" : w);
    Path file = dir.resolve("womens.analyses.gz");
    AnalysisCache.load(file, texts, "code-1", v1, ts -> ts.stream().map(v1).toList());

    List<Analysis> same =
        AnalysisCache.load(file, texts, "code-1", v2, ts -> ts.stream().map(v2).toList());
    assertEquals(v1.apply(changed), same.get(5), "same fingerprint: the sample agrees, file read");
    List<Analysis> rebuilt =
        AnalysisCache.load(file, texts, "code-2", v2, ts -> ts.stream().map(v2).toList());
    assertEquals(v2.apply(changed), rebuilt.get(5), "another fingerprint: analysed afresh");
    assertNotEquals(v1.apply(changed), rebuilt.get(5));
  }

  @Test
  void theFingerprintFollowsTheAnalysisCodeAndIgnoresDiscovery(@TempDir Path root)
      throws Exception {
    Path nlp = Files.createDirectories(root.resolve("dev/earful/nlp"));
    Path themes = Files.createDirectories(root.resolve("dev/earful/themes"));
    Path models = Files.createDirectories(root.resolve("models"));
    Files.write(nlp.resolve("TextAnalyzer.class"), new byte[] {1, 2, 3});
    Files.write(themes.resolve("ThemeDiscoverer.class"), new byte[] {4, 5, 6});
    Files.write(models.resolve("sentiment-en.bin"), new byte[] {7, 8});
    String before = AnalysisCache.fingerprint(root);
    assertEquals(before, AnalysisCache.fingerprint(root), "deterministic");

    Files.write(themes.resolve("ThemeDiscoverer.class"), new byte[] {4, 5, 9});
    assertEquals(before, AnalysisCache.fingerprint(root), "a discovery change keeps the cache");

    Files.write(nlp.resolve("TextAnalyzer.class"), new byte[] {1, 2, 4});
    String afterCode = AnalysisCache.fingerprint(root);
    assertNotEquals(before, afterCode, "an analysis class change");

    Files.write(models.resolve("sentiment-en.bin"), new byte[] {7, 9});
    String afterModel = AnalysisCache.fingerprint(root);
    assertNotEquals(afterCode, afterModel, "a model change");

    // Sentiment asks the sentence encoder, so the encoder's code is analysis code too.
    Path embed = Files.createDirectories(root.resolve("dev/earful/embed"));
    Files.write(embed.resolve("MiniLmEncoder.class"), new byte[] {3});
    assertNotEquals(afterModel, AnalysisCache.fingerprint(root), "an encoder change");
  }

  @Test
  void theProcessesFingerprintReadsItsOwnAnalysisClasses(@TempDir Path empty) throws Exception {
    Path classes =
        Path.of(Analysis.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isRegularFile(classes.resolve("dev/earful/nlp/TextAnalyzer.class")));
    assertNotEquals(AnalysisCache.fingerprint(empty), AnalysisCache.fingerprint(classes));
    assertEquals(AnalysisCache.codeFingerprint(), AnalysisCache.codeFingerprint());
  }
}
