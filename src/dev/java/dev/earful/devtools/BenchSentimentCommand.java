package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.sentiment.SentimentCorpora;
import dev.earful.sentiment.SentimentScorer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earful-dev bench-sentiment}: what sentiment adds to the analysis of a comment. On one
 * thread, after a warm-up pass, each review is analysed by TextAnalyzer and then scored, each step
 * timed, every pass on reviews that no earlier pass read; prints the throughput of analysis alone
 * and of analysis + sentiment, and the overhead.
 */
@Command(
    name = "bench-sentiment",
    mixinStandardHelpOptions = true,
    description =
        "Measures comments/s of TextAnalyzer alone vs TextAnalyzer + SentimentScorer on the women's"
            + " reviews (one thread) and the overhead of sentiment in percent (median of rounds).")
public final class BenchSentimentCommand implements Callable<Integer> {

  @Option(
      names = "--shared-data",
      defaultValue = "../shared/data",
      description = "folder with womens-clothing-reviews.csv (default: ${DEFAULT-VALUE})")
  Path sharedData;

  @Option(
      names = "--limit",
      defaultValue = "5000",
      description = "reviews per round (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description = "timed rounds of each (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description =
          "threads of the closing throughput run, analysis + sentiment together (default:"
              + " ${DEFAULT-VALUE})")
  int threads;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "a model file to time instead of the shipped one (models/sentiment-en.bin)")
  Path model;

  @Option(
      names = "--stage",
      defaultValue = "fast",
      description =
          "what scores: fast (the fast model alone: the import path under the default"
              + " --sentiment-stage refine and under fast) or cascade (also the embedding stage: the"
              + " refinement's, /analyze's and --sentiment-stage cascade's imports) (default:"
              + " ${DEFAULT-VALUE})")
  String stage;

  @Override
  public Integer call() {
    if (limit < 1 || rounds < 1) {
      System.err.println("error: --limit and --rounds must be at least 1");
      return 2;
    }
    List<String> all =
        SentimentCorpora.womensReviews(sharedData.resolve(SentimentCorpora.WOMENS_REVIEWS)).stream()
            .map(SentimentCorpora.Review::text)
            .toList();
    if (!stage.equals("fast") && !stage.equals("cascade")) {
      System.err.println("error: --stage must be fast or cascade, got '" + stage + "'");
      return 2;
    }
    TextAnalyzer analyzer = new TextAnalyzer();
    // The fast stage alone loads no stage encoder.
    boolean cascade = stage.equals("cascade");
    SentimentScorer scorer =
        model == null ? SentimentScorer.loadDefault(cascade) : SentimentScorer.read(model, cascade);
    // Every pass reads reviews that no earlier pass read, as a service meets new comments: the
    // analyzer keeps the part-of-speech tag of every word window it has seen, so a round over
    // the warm-up's own texts would be timed mostly from that cache.
    FreshTexts fresh = new FreshTexts(all, limit, 1 + rounds + rounds * (scorer.cascade() ? 2 : 1));
    System.out.println(fresh.describe());
    List<String> texts = fresh.next();
    System.out.printf(
        Locale.ROOT,
        "%d reviews, %d rounds each, one thread; model %s (%s), %s%n",
        texts.size(),
        rounds,
        scorer.source(),
        scorer.model().description(),
        scorer.cascade() ? "with the embedding stage" : "the fast model alone");
    // Warm-up: JIT, and the analyzer's lemma cache (as it is once a service has run a while).
    for (String t : texts) {
      scorer.score(analyzer.analyze(t));
    }
    // Each comment is analysed and then scored, and the two are timed apart: on a shared machine
    // the load changes from one second to the next, and timing both in the same instant keeps
    // that noise out of their ratio.
    long sink = 0;
    double[] analysisSeconds = new double[rounds];
    double[] sentimentSeconds = new double[rounds];
    double[] overhead = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      texts = fresh.next();
      long analysing = 0;
      long scoring = 0;
      for (String t : texts) {
        long t0 = System.nanoTime();
        Analysis a = analyzer.analyze(t);
        long t1 = System.nanoTime();
        sink += scorer.score(a).sentences().size();
        long t2 = System.nanoTime();
        analysing += t1 - t0;
        scoring += t2 - t1;
      }
      analysisSeconds[r] = analysing / 1e9;
      sentimentSeconds[r] = scoring / 1e9;
      overhead[r] = 100.0 * scoring / analysing;
      System.out.printf(
          Locale.ROOT,
          "round %d: analysis alone %.0f comments/s, analysis + sentiment %.0f comments/s,"
              + " sentiment adds %.1f%%%n",
          r + 1,
          texts.size() / analysisSeconds[r],
          texts.size() / (analysisSeconds[r] + sentimentSeconds[r]),
          overhead[r]);
    }
    double a = median(analysisSeconds);
    double s = median(sentimentSeconds);
    System.out.printf(
        Locale.ROOT,
        "%nmedian of %d rounds: analysis alone %.0f comments/s (%.0f us each); analysis + sentiment"
            + " %.0f comments/s (sentiment %.0f us each)%n",
        rounds,
        texts.size() / a,
        1e6 * a / texts.size(),
        texts.size() / (a + s),
        1e6 * s / texts.size());
    System.out.printf(
        Locale.ROOT,
        "sentiment overhead: %.1f%% of analysis time (median of rounds)%n",
        median(overhead));
    System.out.printf(
        Locale.ROOT,
        "cascade: the embedding stage refined %d of %d clauses (%.1f%%)%n",
        scorer.clausesRefined(),
        scorer.clausesScored(),
        100.0 * scorer.clausesRefined() / Math.max(1, scorer.clausesScored()));
    if (scorer.model().words() != null) {
      System.out.printf(
          Locale.ROOT,
          "word stage: %d words in the model, %d more encoded with MiniLM while scoring%n",
          scorer.model().words().words(),
          scorer.model().words().wordsEncoded());
    }
    sink +=
        throughput(fresh, analyzer, scorer, scorer.cascade() ? "with the cascade" : "fast model");
    if (scorer.cascade()) {
      // What the cascade costs: the same run with the fast model alone.
      sink +=
          throughput(
              fresh,
              analyzer,
              new SentimentScorer(scorer.model(), scorer.source(), null),
              "fast model alone");
    }
    // Heap of the loaded models: what stays reachable after a full collection (the analyzer's
    // OpenNLP models and lemma cache, the sentiment model; MiniLM's ONNX session lives off-heap).
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "heap in use after GC with the models loaded: %.0f MB%n",
        (rt.totalMemory() - rt.freeMemory()) / 1e6);
    if (sink == 42) {
      System.out.println();
    }
    return 0;
  }

  /**
   * Comments/s of analysis + sentiment on {@code threads} threads, each taking every n-th text; as
   * many rounds as the one-thread part, and their medians.
   */
  private long throughput(
      FreshTexts fresh, TextAnalyzer analyzer, SentimentScorer scorer, String which) {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      long n = 0;
      double[] rates = new double[rounds];
      double[] perCpuSecond = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        List<String> texts = fresh.next();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        List<java.util.concurrent.Future<Long>> parts = new java.util.ArrayList<>();
        for (int k = 0; k < threads; k++) {
          int first = k;
          parts.add(
              pool.submit(
                  () -> {
                    long m = 0;
                    for (int i = first; i < texts.size(); i += threads) {
                      m += scorer.score(analyzer.analyze(texts.get(i))).sentences().size();
                    }
                    return m;
                  }));
        }
        for (var f : parts) {
          n += f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        rates[r] = texts.size() / seconds;
        perCpuSecond[r] = texts.size() / cpu;
        System.out.printf(
            Locale.ROOT,
            "%d threads, round %d (%s): %.0f comments/s (wall %.1f s, process CPU %.1f s)%n",
            threads,
            r + 1,
            which,
            rates[r],
            seconds,
            cpu);
      }
      // On the shared box the wall time is mostly waiting for a core; the CPU time is not, and
      // comments per CPU-second times the cores is what an idle machine of that size reaches.
      System.out.printf(
          Locale.ROOT,
          "%d threads: analysis + sentiment (%s) %.0f comments/s, median of %d rounds; %.0f"
              + " comments per CPU-second, so %.0f comments/s on %d idle cores%n",
          threads,
          which,
          median(rates),
          rounds,
          median(perCpuSecond),
          median(perCpuSecond) * threads,
          threads);
      return n;
    } catch (Exception e) {
      throw new IllegalStateException("the throughput run failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Hands out the reviews in slices of {@code size}, each slice new until the reviews run out; then
   * it starts again from the first review and says so.
   */
  static final class FreshTexts {
    private final List<String> all;
    private final int size;
    private final int passes;
    private int next;

    FreshTexts(List<String> all, int size, int passes) {
      if (all.isEmpty()) {
        throw new IllegalArgumentException("no reviews to read");
      }
      this.all = all;
      this.size = Math.min(size, all.size());
      this.passes = passes;
    }

    String describe() {
      long needed = (long) size * passes;
      return needed <= all.size()
          ? String.format(
              Locale.ROOT,
              "%d passes of %d reviews, each pass on reviews no earlier pass read (%d of %d)",
              passes,
              size,
              needed,
              all.size())
          : String.format(
              Locale.ROOT,
              "%d passes of %d reviews need %d reviews but there are %d: passes after pass %d"
                  + " read reviews again (and find their word windows tagged already)",
              passes,
              size,
              needed,
              all.size(),
              all.size() / size);
    }

    List<String> next() {
      if (next + size > all.size()) {
        next = 0;
      }
      List<String> slice = all.subList(next, next + size);
      next += size;
      return slice;
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
