package dev.earful.devtools;

import dev.earful.EarfulApp;
import dev.earful.alert.AlertEvaluator;
import dev.earful.alert.AlertRules;
import dev.earful.config.AppConfig;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Response;
import dev.earful.fixtures.ResponseGenerator;
import dev.earful.ingest.IngestReport;
import dev.earful.ingest.RawResponse;
import dev.earful.ingest.ResponseValidator;
import dev.earful.ingest.SourceRecord;
import dev.earful.search.BulkWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures what alert rules cost an import: builds an index of N generated responses (no NLP, their
 * times ending now, 5,000 accounts), adds one rule of each kind (a new detractor of an account, an
 * NPS dip in a segment, an emerging theme over everything) and three themes, then imports batches
 * of fresh generated comments through the real path (validation, NLP, durable upsert, follow-ups,
 * alert evaluation) and prints, per batch, the import time and the part spent evaluating alerts.
 */
@Command(
    name = "bench-alerts",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark alert evaluation: its cost per import batch on an index of N responses.",
      "Prints import and evaluation times per batch and their medians (target: evaluation under"
          + " 5% of import time at 1,000,000 responses)."
    })
public final class BenchAlertsCommand implements Callable<Integer> {

  @Option(
      names = "--count",
      defaultValue = "1000000",
      description = "responses in the index before the timed batches (default ${DEFAULT-VALUE})")
  long count;

  @Option(
      names = "--batch",
      defaultValue = "1000",
      description = "responses per timed import batch (default ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--batches",
      defaultValue = "7",
      description =
          "timed batches; the first is a warm-up and not counted (default ${DEFAULT-VALUE})")
  int batches;

  @Mixin GeneratorSeed seed;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "analysis threads; 0 = one per core (default)")
  int threads;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || batch < 1 || batches < 2) {
      System.err.println("--count and --batch must be positive, --batches at least 2");
      return 2;
    }
    Path folder = Files.createTempDirectory("earful-bench-alerts-");
    try {
      return run(folder);
    } finally {
      deleteTree(folder);
    }
  }

  private int run(Path folder) throws java.io.IOException {
    AppConfig config =
        AppConfig.fromValues(
            Map.of(),
            Map.of(
                "EARFUL_DATA", folder.toString(),
                "EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "0",
                "EARFUL_ANALYSIS_THREADS", String.valueOf(threads)));
    ResponseGenerator generator = new ResponseGenerator(seed.value());
    Instant now = Instant.now();
    // Generated times span two years from ResponseGenerator.START: shift them to end now.
    Duration shift =
        Duration.between(ResponseGenerator.START.plusSeconds(ResponseGenerator.SPAN_SECONDS), now);
    try (EarfulApp app = EarfulApp.open(config)) {
      long t0 = System.nanoTime();
      try (BulkWriter writer = app.index().bulk(200_000)) {
        List<AnalyzedResponse> chunk = new ArrayList<>(10_000);
        for (long i = 0; i < count; i++) {
          chunk.add(withAccount(generator.response(i), i, shift));
          if (chunk.size() == 10_000) {
            writer.add(chunk);
            chunk = new ArrayList<>(10_000);
          }
        }
        writer.add(chunk);
      }
      System.out.printf(
          Locale.ROOT,
          "index: %,d responses built in %.1f s (no NLP)%n",
          app.index().count(),
          (System.nanoTime() - t0) / 1e9);
      app.taxonomy()
          .create("delivery delays", List.of("delivery was late", "parcel never arrived"), null);
      app.taxonomy()
          .create("checkout problems", List.of("payment page", "checkout is confusing"), null);
      app.taxonomy().create("refunds", List.of("refund", "money back"), null);
      String hook =
          "\"webhook\":{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"bench-secret-0123456789\"}";
      for (String rule :
          List.of(
              "{\"name\":\"acct-7 detractors\",\"type\":\"new_response\","
                  + "\"when\":{\"account\":\"acct-7\",\"category\":\"detractor\"},"
                  + hook
                  + "}",
              "{\"name\":\"EU NPS dip\",\"type\":\"metric_drop\","
                  + "\"when\":{\"segment.region\":\"EU\",\"metric\":\"nps\"},\"minDrop\":5,"
                  + hook
                  + "}",
              "{\"name\":\"emerging\",\"type\":\"emerging_theme\"," + hook + "}")) {
        app.alerts()
            .addRule(
                AlertRules.parse(
                    app.mapper().readTree(rule), "bench-" + app.alerts().rules().size(), now));
      }
      AlertEvaluator evaluator = app.alertEvaluator();
      ResponseValidator validator = ResponseValidator.standard();
      double[] importMs = new double[batches - 1];
      double[] evalMs = new double[batches - 1];
      System.out.println("batch  import ms  alerts ms  share");
      for (int b = 0; b < batches; b++) {
        List<SourceRecord> records = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
          long n = count + (long) b * batch + i;
          Response r = withAccount(generator.response(n), n, shift).response();
          SplittableRandom rnd = new SplittableRandom(seed.value() + n);
          Instant at = now.minusSeconds(rnd.nextLong(30L * 86_400));
          records.add(
              new SourceRecord(
                  i + 1,
                  new RawResponse(
                      r.id(),
                      r.metric().wireName(),
                      String.valueOf(r.score()),
                      r.comment(),
                      at.toString(),
                      r.segments(),
                      List.of(),
                      r.customer(),
                      r.account())));
        }
        long evalBefore = evaluator.evaluationNanos();
        long start = System.nanoTime();
        IngestReport report = app.ingestor().ingest(records, validator);
        double total = (System.nanoTime() - start) / 1e6;
        double eval = (evaluator.evaluationNanos() - evalBefore) / 1e6;
        if (report.imported() != batch) {
          throw new IllegalStateException("batch " + b + " imported " + report.imported());
        }
        System.out.printf(
            Locale.ROOT,
            "%5d  %9.1f  %9.1f  %5.2f%%%s%n",
            b,
            total,
            eval,
            100 * eval / total,
            b == 0 ? "  (warm-up, not counted)" : "");
        if (b > 0) {
          importMs[b - 1] = total;
          evalMs[b - 1] = eval;
        }
      }
      double[] share = new double[importMs.length];
      for (int i = 0; i < share.length; i++) {
        share[i] = evalMs[i] / importMs[i];
      }
      System.out.printf(
          Locale.ROOT,
          "median over %d batches of %,d at %,d responses: import %.1f ms, alert evaluation %.1f"
              + " ms, share %.2f%% (target < 5%%); alerts raised %d, follow-ups %,d%n",
          share.length,
          batch,
          count,
          median(importMs),
          median(evalMs),
          100 * median(share),
          app.alerts().alerts().size(),
          app.followups().size());
    }
    return 0;
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The generated response with a customer and one of 5,000 accounts, its time shifted. */
  private static AnalyzedResponse withAccount(AnalyzedResponse a, long i, Duration shift) {
    Response r = a.response();
    return new AnalyzedResponse(
        new Response(
            r.id(),
            r.metric(),
            r.score(),
            r.comment(),
            r.submittedAt().plus(shift),
            r.segments(),
            "cust-" + (i % 200_000),
            "acct-" + (i % 5_000)),
        a.analysis());
  }
}
