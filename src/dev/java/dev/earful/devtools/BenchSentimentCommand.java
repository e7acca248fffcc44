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
        scorer.model().algorithm());
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
    if (sink == 42) {
      System.out.println();
    }
    return 0;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
