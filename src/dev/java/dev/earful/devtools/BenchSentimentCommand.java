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
 * timed; prints the throughput of analysis alone and of analysis + sentiment, and the overhead.
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

  @Override
  public Integer call() {
    if (limit < 1 || rounds < 1) {
      System.err.println("error: --limit and --rounds must be at least 1");
      return 2;
    }
    List<String> texts =
        SentimentCorpora.womensReviews(sharedData.resolve(SentimentCorpora.WOMENS_REVIEWS)).stream()
            .limit(limit)
            .map(SentimentCorpora.Review::text)
            .toList();
    TextAnalyzer analyzer = new TextAnalyzer();
    SentimentScorer scorer = SentimentScorer.loadDefault();
    System.out.printf(
        Locale.ROOT,
        "%d reviews, %d rounds each, one thread; model %s (%s)%n",
        texts.size(),
        rounds,
        scorer.source(),
        scorer.model().description());
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
    sink += throughput(texts, analyzer, scorer, "with the cascade");
    if (scorer.model().stage() != null) {
      // What the cascade costs: the same run with the fast model alone.
      sink +=
          throughput(
              texts,
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

  /** Comments/s of analysis + sentiment on {@code threads} threads, each taking every n-th text. */
  private long throughput(
      List<String> texts, TextAnalyzer analyzer, SentimentScorer scorer, String which) {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      long t0 = System.nanoTime();
      List<java.util.concurrent.Future<Long>> parts = new java.util.ArrayList<>();
      for (int k = 0; k < threads; k++) {
        int first = k;
        parts.add(
            pool.submit(
                () -> {
                  long n = 0;
                  for (int i = first; i < texts.size(); i += threads) {
                    n += scorer.score(analyzer.analyze(texts.get(i))).sentences().size();
                  }
                  return n;
                }));
      }
      long n = 0;
      for (var f : parts) {
        n += f.get();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%d threads: analysis + sentiment (%s) %.0f comments/s%n",
          threads,
          which,
          texts.size() / seconds);
      return n;
    } catch (Exception e) {
      throw new IllegalStateException("the throughput run failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
