package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.domain.Sentence;
import dev.earful.domain.Token;
import dev.earful.fixtures.GeneratedComments;
import dev.earful.nlp.PhraseExtractor;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.themes.DiscoverySettings;
import dev.earful.themes.ThemeDiscoverer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures the analysis pipeline and discovery: comments per second on every core (cold and warm
 * lemma cache), how often the lemma cache agrees with the lemmatizer run on whole sentences, and
 * discovery time on generated comments.
 */
@Command(
    name = "bench-analysis",
    mixinStandardHelpOptions = true,
    description = {
      "Analysis throughput (comments/s on all cores) on a CSV's comments and on generated text,",
      "lemma-cache agreement, and discovery time on generated comments. Prints figures only."
    })
public final class BenchAnalysisCommand implements Callable<Integer> {

  @Option(names = "--csv", description = "CSV of real comments (e.g. womens-clothing-reviews.csv)")
  Path csv;

  @Option(
      names = "--text-column",
      split = ",",
      defaultValue = "comment",
      description = "comment column(s) of --csv, joined in order (default ${DEFAULT-VALUE})")
  List<String> textColumns;

  @Option(
      names = "--generated",
      defaultValue = "20000",
      description = "generated comments to analyse (default ${DEFAULT-VALUE})")
  int generated;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description =
          "timed runs; the median of the warm ones is reported (default ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "analysis threads; 0 = one per core")
  int threads;

  @Option(
      names = "--agreement",
      defaultValue = "3000",
      description =
          "CSV comments compared with and without the lemma cache (default ${DEFAULT-VALUE})")
  int agreement;

  @Option(
      names = "--discovery",
      split = ",",
      defaultValue = "100000,1000000",
      description = "generated comment counts to time discovery on (default ${DEFAULT-VALUE})")
  List<Integer> discoverySizes;

  @Mixin GeneratorSeed seed;

  @Override
  public Integer call() throws Exception {
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    System.out.printf(
        "bench-analysis: %d analysis threads, %d cores visible, max heap %d MB, Java %s%n",
        n,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.version());
    long t0 = System.nanoTime();
    TextAnalyzer analyzer = new TextAnalyzer();
    System.out.printf("models loaded in %.2f s%n%n", (System.nanoTime() - t0) / 1e9);

    List<Analysis> real = List.of();
    if (csv != null) {
      List<String> texts = CommentFiles.readComments(csv, textColumns, Integer.MAX_VALUE);
      real = throughput("csv " + csv.getFileName(), texts, n, runs);
      lemmaAgreement(texts.subList(0, Math.min(agreement, texts.size())));
    }
    if (generated > 0) {
      GeneratedComments bank = new GeneratedComments(analyzer, seed.value(), generated);
      List<String> gen = new ArrayList<>(generated);
      for (int i = 0; i < generated; i++) {
        gen.add(bank.text(i));
      }
      throughput("generated (" + bank.distinctSentences() + " distinct sentences)", gen, n, runs);
    }

    for (int size : real.isEmpty() ? List.<Integer>of() : discoverySizes) {
      List<Analysis> reviews = real;
      // Real comments, cycled to the size: the vocabulary and length of real text, in bounded
      // memory.
      dev.earful.themes.AnalysisSource cycled =
          sink -> {
            for (int i = 0; i < size; i++) {
              sink.accept(reviews.get(i % reviews.size()));
            }
          };
      ThemeDiscoverer discoverer =
          new ThemeDiscoverer(new PhraseExtractor(), DiscoverySettings.DEFAULTS);
      System.gc();
      long start = System.nanoTime();
      ThemeDiscoverer.Result result = discoverer.discover(cycled);
      double seconds = (System.nanoTime() - start) / 1e9;
      long used = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
      System.out.printf(
          "discovery over %,d comments cycling the CSV's %,d analysed ones: %.1f s (%,.0f comments/s over two passes), %d themes, heap in use after %d MB%n",
          size, reviews.size(), seconds, size / seconds, result.themes().size(), used);
    }
    for (int size : discoverySizes) {
      GeneratedComments source = new GeneratedComments(analyzer, seed.value(), size);
      // The sentence encoder loads once per process; load it before the clock starts.
      ThemeDiscoverer discoverer =
          new ThemeDiscoverer(new PhraseExtractor(), DiscoverySettings.DEFAULTS);
      System.gc();
      resetPeakHeap();
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      ThemeDiscoverer.Result result = discoverer.discover(source);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (processCpuNanos() - cpuStart) / 1e9;
      long used = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
      System.out.printf(
          "discovery over %,d generated comments: %.1f s wall, %.1f CPU-s (%,.0f comments/s over two passes), %d themes, heap in use after %d MB, peak heap %d MB (max %d MB)%n",
          size,
          seconds,
          cpu,
          size / seconds,
          result.themes().size(),
          used,
          peakHeapMb(),
          Runtime.getRuntime().maxMemory() >> 20);
    }
    return 0;
  }

  /** Forgets the heap pools' peaks, so {@link #peakHeapMb} covers what runs next. */
  private static void resetPeakHeap() {
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /**
   * The sum of the heap pools' peak use since {@link #resetPeakHeap}: an upper bound of the heap
   * the work needed at once (the pools peak at different moments).
   */
  private static long peakHeapMb() {
    long bytes = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Wall-clock throughput on all threads, plus comments per CPU-second of this process: on a
   * machine shared with other jobs the wall clock shows the share we got, the CPU figure what the
   * pipeline costs (times the core count: what idle cores would give).
   */
  private static List<Analysis> throughput(
      String label, List<String> texts, int threads, int runs) {
    long tokens = 0;
    List<Double> warm = new ArrayList<>();
    List<Double> warmCpu = new ArrayList<>();
    double cold = 0;
    List<Analysis> result = List.of();
    // A fresh analyzer for the first run (empty lemma cache), then warm runs on the same one.
    TextAnalyzer analyzer = new TextAnalyzer();
    for (int run = 0; run < runs + 1; run++) {
      long start = System.nanoTime();
      long cpu = processCpuNanos();
      List<Analysis> out = CommentFiles.analyze(analyzer, texts, threads);
      result = out;
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
      if (run == 0) {
        cold = texts.size() / seconds;
        for (Analysis a : out) {
          for (Sentence s : a.sentences()) {
            tokens += s.tokens().size();
          }
        }
      } else {
        warm.add(texts.size() / seconds);
        warmCpu.add(texts.size() / cpuSeconds);
      }
    }
    double[] w = warm.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] c = warmCpu.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        "%s: %,d comments, %.1f tokens each%n"
            + "  wall clock, %d threads: cold lemma cache %,.0f comments/s; warm median of %d runs %,.0f comments/s %s%n"
            + "  per CPU-second of this process: warm median %,.0f comments/s (x %d cores = %,.0f comments/s on idle cores)%n%n",
        label,
        texts.size(),
        tokens / (double) Math.max(1, texts.size()),
        threads,
        cold,
        w.length,
        w[w.length / 2],
        Arrays.toString(Arrays.stream(w).map(Math::round).toArray()),
        c[c.length / 2],
        threads,
        c[c.length / 2] * threads);
    return result;
  }

  /**
   * Compares the pipeline as configured (lemma cache, greedy tagger) with the unoptimised one
   * (lemmatizer on every whole sentence, the tagger's own beam of 3), token by token.
   */
  private static void lemmaAgreement(List<String> texts) {
    TextAnalyzer fast = new TextAnalyzer();
    TextAnalyzer exact = new TextAnalyzer(false, 3);
    // Warm the cache on the comments first, as a running service would have.
    texts.forEach(fast::analyze);
    long total = 0;
    long sameLemma = 0;
    long sameTag = 0;
    Map<String, Integer> differences = new TreeMap<>();
    long start = System.nanoTime();
    for (String text : texts) {
      List<Token> a = tokens(fast.analyze(text));
      List<Token> b = tokens(exact.analyze(text));
      for (int i = 0; i < a.size(); i++) {
        total++;
        if (a.get(i).tag().equals(b.get(i).tag())) {
          sameTag++;
        }
        if (a.get(i).lemma().equals(b.get(i).lemma())) {
          sameLemma++;
        } else {
          differences.merge(
              a.get(i).text().toLowerCase(java.util.Locale.ROOT)
                  + "/"
                  + a.get(i).tag()
                  + ": fast "
                  + a.get(i).lemma()
                  + ", exact "
                  + b.get(i).lemma(),
              1,
              Integer::sum);
        }
      }
    }
    System.out.printf(
        "agreement with the unoptimised pipeline on %,d comments (%,d tokens, %.0f s): tags %.3f%%, lemmas %.3f%%%n",
        texts.size(),
        total,
        (System.nanoTime() - start) / 1e9,
        100.0 * sameTag / Math.max(1, total),
        100.0 * sameLemma / Math.max(1, total));
    differences.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(8)
        .forEach(e -> System.out.printf("  %5d x %s%n", e.getValue(), e.getKey()));
    System.out.println();
  }

  private static List<Token> tokens(Analysis a) {
    List<Token> out = new ArrayList<>();
    for (Sentence s : a.sentences()) {
      out.addAll(s.tokens());
    }
    return out;
  }
}
