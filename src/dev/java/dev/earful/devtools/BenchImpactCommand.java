package dev.earful.devtools;

import dev.earful.fixtures.ThemedResponseGenerator;
import dev.earful.impact.ImpactRanker;
import dev.earful.impact.ImpactService;
import dev.earful.impact.ThemeImpact;
import dev.earful.impact.TrendAnalyzer;
import dev.earful.search.BulkWriter;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code earful-dev bench-impact}: ranking and trend latency over generated responses with themes
 * (see {@link ThemedResponseGenerator}), imported through the index's bulk path without NLP. Prints
 * the import rate, the first (cold) ranking, then warm p50 / p95 over a mix of filters, and weekly
 * and monthly trends over the two years.
 */
@Command(
    name = "bench-impact",
    mixinStandardHelpOptions = true,
    description = {
      "Measure theme ranking and trends: generated NPS responses with themes at realistic rates,",
      "bulk-imported without NLP, then warm p50/p95 latencies of GET /themes and GET /trends work."
    })
public final class BenchImpactCommand implements Callable<Integer> {

  @Option(
      names = "--responses",
      defaultValue = "1000000",
      description = "responses (default ${DEFAULT-VALUE})")
  long responses;

  @Option(
      names = "--themes",
      defaultValue = "200",
      description = "themes, 1-200 (default ${DEFAULT-VALUE})")
  int themes;

  @Mixin GeneratorSeed seed;

  @Option(
      names = "--runs",
      defaultValue = "40",
      description = "timed rankings (default ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--trend-runs",
      defaultValue = "10",
      description = "timed trend reports per interval (default ${DEFAULT-VALUE})")
  int trendRuns;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      description = "untimed runs first (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "import threads, 0 = one per core (default ${DEFAULT-VALUE})")
  int threads;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "keep the generated index in DIR and reuse it on the next run with the same settings"
              + " (default: a temporary folder, deleted at the end)")
  Path data;

  @Override
  public Integer call() throws Exception {
    if (responses < 1 || themes < 1 || themes > 200 || runs < 1 || trendRuns < 1 || warmup < 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--responses, --runs and --trend-runs must be positive, --themes within 1-200, --warmup >= 0");
    }
    boolean temporary = data == null;
    Path folder = temporary ? Files.createTempDirectory("earful-bench-impact") : data;
    ThemedResponseGenerator generator = new ThemedResponseGenerator(seed.value(), themes);
    System.out.printf(
        Locale.ROOT,
        "bench-impact: %,d NPS responses, %d themes, seed %d; %d cores, JDK %s, max heap %d MB;"
            + " load average at start %.2f (the machine is shared with other agents: figures vary)%n",
        responses,
        themes,
        seed.value(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try (ResponseIndex index = ResponseIndex.open(folder, generator.catalog())) {
      Path marker = folder.resolve("bench-impact.properties");
      Properties wanted = new Properties();
      wanted.setProperty("responses", Long.toString(responses));
      wanted.setProperty("themes", Integer.toString(themes));
      wanted.setProperty("seed", Long.toString(seed.value()));
      if (!temporary
          && Files.exists(marker)
          && sameSettings(marker, wanted)
          && index.count() == responses) {
        System.out.printf(Locale.ROOT, "reusing the index in %s%n", folder);
      } else {
        importAll(index, generator);
        if (!temporary) {
          try (var out = Files.newBufferedWriter(marker)) {
            wanted.store(out, "bench-impact data set");
          }
        }
      }
      ImpactService service = new ImpactService(index);
      benchRanking(service, generator);
      benchTrends(service);
    } finally {
      if (temporary) {
        deleteTree(folder);
      }
    }
    return 0;
  }

  private static boolean sameSettings(Path marker, Properties wanted) throws IOException {
    Properties have = new Properties();
    try (var in = Files.newBufferedReader(marker)) {
      have.load(in);
    }
    return have.equals(wanted);
  }

  private void importAll(ResponseIndex index, ThemedResponseGenerator generator) throws Exception {
    int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    double seconds;
    try (BulkWriter bulk = index.bulk(200_000)) {
      seconds = GeneratedImport.run(bulk, responses, 1000, workers, generator::response);
    }
    System.out.printf(
        Locale.ROOT,
        "import (bulk path, no NLP, %d threads): %,d responses in %.1f s = %,.0f responses/s%n",
        workers,
        index.count(),
        seconds,
        responses / seconds);
  }

  private void benchRanking(ImpactService service, ThemedResponseGenerator generator) {
    Map<String, Filter> mix = new LinkedHashMap<>();
    mix.put("all", Filter.ALL);
    mix.put("region=EU", Filter.builder().segment("region", "EU").build());
    mix.put("plan=pro", Filter.builder().segment("plan", "pro").build());
    mix.put(
        "last 180 days",
        Filter.builder()
            .from(Instant.parse("2025-07-04T00:00:00Z"))
            .to(Instant.parse("2025-12-31T23:59:59Z"))
            .build());
    mix.put(
        "region=US, 2025",
        Filter.builder()
            .segment("region", "US")
            .from(Instant.parse("2025-01-01T00:00:00Z"))
            .build());
    ImpactRanker.Options options = ImpactRanker.Options.DEFAULT;
    long t0 = System.nanoTime();
    ImpactService.RankedPage first = service.rank(Filter.ALL, options, 0, 50);
    double cold = (System.nanoTime() - t0) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "first ranking (cold: builds and caches %d theme bit sets x 4 fields): %.0f ms; %,d responses,"
            + " %d themes listed, intervals: %s%n",
        themes,
        cold,
        first.ranking().count(),
        first.total(),
        first.ranking().intervalMethod());
    printTop(first);
    int drivers = generator.drivers();
    List<ThemeImpact> every = service.rank(Filter.ALL, options, 0, 1000).ranking().themes();
    List<ThemeImpact> top = every.subList(0, Math.min(drivers, every.size()));
    long found = top.stream().filter(t -> generator.effect(t.id()) > 0).count();
    long protective =
        every.stream()
            .filter(t -> generator.effect(t.id()) < 0 && t.attributableCi() != null)
            .filter(t -> t.attributableCi().high() < 0)
            .count();
    System.out.printf(
        Locale.ROOT,
        "  recovery: %d of the %d planted drivers are the top %d; %d protective themes have an"
            + " attributable interval below zero (of %d planted)%n",
        found,
        drivers,
        drivers,
        protective,
        every.stream().filter(t -> generator.effect(t.id()) < 0).count());
    List<String> names = new ArrayList<>(mix.keySet());
    for (int i = 0; i < warmup * names.size(); i++) {
      service.rank(mix.get(names.get(i % names.size())), options, 0, 50);
    }
    Map<String, List<Double>> byFilter = new LinkedHashMap<>();
    List<Double> all = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    var threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < runs; i++) {
      String name = names.get(i % names.size());
      Filter f = mix.get(name);
      long c0 = threads.getCurrentThreadCpuTime();
      double ms = time(() -> service.rank(f, options, 0, 50));
      cpu.add((threads.getCurrentThreadCpuTime() - c0) / 1e6);
      byFilter.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
      all.add(ms);
    }
    System.out.printf(
        Locale.ROOT,
        "ranking, warm (full list + adjusted model + intervals + examples for a page of 50), %d runs"
            + " over %d filters: wall p50 %.0f ms, p95 %.0f ms, max %.0f ms; CPU of the calling"
            + " thread p50 %.0f ms, p95 %.0f ms (wall minus CPU is mostly waiting for a core)%n",
        runs,
        names.size(),
        percentile(all, 50),
        percentile(all, 95),
        percentile(all, 100),
        percentile(cpu, 50),
        percentile(cpu, 95));
    for (Map.Entry<String, List<Double>> e : byFilter.entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "  %-16s n=%-3d p50 %.0f ms, p95 %.0f ms%n",
          e.getKey(),
          e.getValue().size(),
          percentile(e.getValue(), 50),
          percentile(e.getValue(), 95));
    }
  }

  private void printTop(ImpactService.RankedPage page) {
    System.out.println(
        "  top 5 by attributable detractors (planted: every tenth theme drives detractors):");
    for (ThemeImpact t :
        page.ranking().themes().subList(0, Math.min(5, page.ranking().themes().size()))) {
      System.out.printf(
          Locale.ROOT,
          "  %2d %-18s mentions %,8d  detractor rate %.3f vs %.3f  attributable %.1f [%.1f, %.1f]%n",
          t.rank(),
          t.name(),
          t.mentions(),
          t.detractorRate(),
          t.detractorRateWithout(),
          t.attributable(),
          t.attributableCi().low(),
          t.attributableCi().high());
    }
  }

  private void benchTrends(ImpactService service) {
    for (TrendAnalyzer.Interval interval : TrendAnalyzer.Interval.values()) {
      TrendAnalyzer.Options options =
          new TrendAnalyzer.Options(interval, TrendAnalyzer.Options.DEFAULT_MIN_RESPONSES, 0.05);
      TrendAnalyzer.TrendReport report = service.trends(Filter.ALL, options);
      for (int i = 0; i < warmup; i++) {
        service.trends(Filter.ALL, options);
      }
      List<Double> times = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      var threads = ManagementFactory.getThreadMXBean();
      for (int i = 0; i < trendRuns; i++) {
        long c0 = threads.getCurrentThreadCpuTime();
        times.add(time(() -> service.trends(Filter.ALL, options)));
        cpu.add((threads.getCurrentThreadCpuTime() - c0) / 1e6);
      }
      System.out.printf(
          Locale.ROOT,
          "trends by %s over all responses: %d periods x %d themes, %d emerging; warm wall p50 %.0f"
              + " ms, p95 %.0f ms; CPU p50 %.0f ms (%d runs)%n",
          interval.wireName(),
          report.periods().size(),
          themes,
          report.emerging().size(),
          percentile(times, 50),
          percentile(times, 95),
          percentile(cpu, 50),
          trendRuns);
    }
  }

  private static double time(Supplier<?> work) {
    long t = System.nanoTime();
    Object result = work.get();
    double ms = (System.nanoTime() - t) / 1e6;
    if (result == null) {
      throw new IllegalStateException("no result");
    }
    return ms;
  }

  /** Nearest-rank percentile. */
  static double percentile(List<Double> values, double p) {
    double[] s = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
