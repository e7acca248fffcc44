package dev.earful.devtools;

import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.ThemeCatalog;
import dev.earful.fixtures.ResponseGenerator;
import dev.earful.impact.MetricsCalculator;
import dev.earful.search.BulkWriter;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import dev.earful.search.SearchRequest;
import dev.earful.search.SearchService;
import dev.earful.search.SortOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the index: imports generated responses without NLP (see {@link ResponseGenerator}), then
 * runs mixed searches and metrics and prints throughput, latency percentiles and peak heap.
 */
@Command(
    name = "bench-index",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the index: import N generated responses (no NLP), then time mixed searches"
          + " (words, phrases, OR, exclusions, prefixes, filters, facets) and metrics.",
      "Prints import throughput, search latency p50/p95/p99 (warm) and peak heap used."
    })
public final class BenchIndexCommand implements Callable<Integer> {

  @Option(
      names = "--count",
      defaultValue = "100000",
      description = "responses to generate (default ${DEFAULT-VALUE})")
  long count;

  @Option(
      names = "--searches",
      defaultValue = "300",
      description = "timed searches (default ${DEFAULT-VALUE})")
  int searches;

  @Option(
      names = "--warmup",
      defaultValue = "100",
      description = "untimed searches first (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "generator and query seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "import threads; 0 = one per core (default)")
  int threads;

  @Option(
      names = "--batch",
      defaultValue = "1000",
      description = "responses per import batch (default ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--commit-every",
      defaultValue = "200000",
      description = "import commit interval (default ${DEFAULT-VALUE})")
  int commitEvery;

  @Option(
      names = "--reuse",
      description =
          "with --data: keep the folder, and reuse an index that already holds --count responses")
  boolean reuse;

  @Option(
      names = "--data",
      description =
          "an empty or new folder to build the index in (default: a temporary folder, deleted afterwards)")
  Path data;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || searches < 1 || batch < 1 || warmup < 0) {
      System.err.println("--count, --searches and --batch must be positive, --warmup not negative");
      return 2;
    }
    boolean temporary = data == null;
    Path folder = temporary ? Files.createTempDirectory("earful-bench-") : data;
    if (!temporary && Files.isDirectory(folder) && !reuse) {
      try (var entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          System.err.println("--data " + folder + " is not empty; give a new or empty folder");
          return 2;
        }
      }
    }
    int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    HeapSampler heap = new HeapSampler();
    heap.start();
    long peak;
    long live;
    try {
      System.out.printf(
          Locale.ROOT,
          "bench-index: %,d responses, seed %d, %d import threads, %d cores, JDK %s, max heap %d MB%n",
          count,
          seed,
          workers,
          Runtime.getRuntime().availableProcessors(),
          Runtime.version(),
          Runtime.getRuntime().maxMemory() >> 20);
      ResponseGenerator generator = new ResponseGenerator(seed);
      try (ResponseIndex index = ResponseIndex.open(folder, ThemeCatalog.EMPTY)) {
        if (reuse && index.count() == count) {
          System.out.printf(
              Locale.ROOT, "import: reusing the %,d responses in %s%n", count, folder);
        } else if (index.count() != 0) {
          System.err.println("--data " + folder + " holds a different index; give a new folder");
          return 2;
        } else {
          importAll(index, generator, workers);
        }
        System.out.printf(
            Locale.ROOT, "index on disk: %d MB%n", sizeOf(folder.resolve("index")) >> 20);
        runSearches(index, generator);
        runMetrics(index);
        peak = heap.peak();
        System.gc(); // only to measure what stays live with the index open and its caches warm
        live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      }
      System.out.printf(
          Locale.ROOT,
          "heap: peak used %d MB (sampled every %d ms, garbage not yet collected included), sum of"
              + " heap pool peaks %d MB, live with the index open after a GC %d MB, max %d MB%n",
          peak >> 20,
          HeapSampler.INTERVAL_MS,
          poolPeaks() >> 20,
          live >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
      return 0;
    } finally {
      heap.interrupt();
      if (temporary) {
        deleteTree(folder);
      }
    }
  }

  private void importAll(ResponseIndex index, ResponseGenerator generator, int workers)
      throws Exception {
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    try (BulkWriter bulk = index.bulk(commitEvery)) {
      GeneratedImport.run(bulk, count, batch, workers, generator::response);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "import (no NLP, generation included, durable at the end): %,d responses in %.1f s = %,.0f"
            + " responses/s; process CPU %.1f s = %,.0f responses per CPU-second%n",
        index.count(),
        seconds,
        count / seconds,
        cpuSeconds,
        count / cpuSeconds);
  }

  private void runSearches(ResponseIndex index, ResponseGenerator generator) {
    SearchService search = new SearchService(index);
    List<Kinded> requests = searchMix(generator, new SplittableRandom(seed), warmup + searches);
    long[] totals = new long[1];
    double[] millis = time(requests, r -> () -> totals[0] += search.search(r.request()).total());
    double[] cpu = lastCpu;
    System.out.printf(
        Locale.ROOT,
        "search (%d mixed, warm after %d, limit 20, facets, highlights): %s%n",
        searches,
        warmup,
        percentiles(millis));
    Map<String, List<Double>> byKind = new TreeMap<>();
    Map<String, List<Double>> cpuByKind = new TreeMap<>();
    for (int i = 0; i < millis.length; i++) {
      String kind = requests.get(warmup + i).kind();
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(millis[i]);
      cpuByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(cpu[i]);
    }
    byKind.forEach(
        (kind, times) -> {
          double[] w = times.stream().mapToDouble(Double::doubleValue).toArray();
          double[] c = cpuByKind.get(kind).stream().mapToDouble(Double::doubleValue).toArray();
          Arrays.sort(w);
          Arrays.sort(c);
          System.out.printf(
              Locale.ROOT,
              "  %-38s wall p50 %6.2f p95 %6.2f ms | CPU p50 %6.2f p95 %6.2f ms%n",
              kind,
              at(w, 0.5),
              at(w, 0.95),
              at(c, 0.5),
              at(c, 0.95));
        });
  }

  /** A benchmark search and what kind it is. */
  record Kinded(String kind, SearchRequest request) {}

  private void runMetrics(ResponseIndex index) {
    MetricsCalculator metrics = new MetricsCalculator(index);
    SplittableRandom rnd = new SplittableRandom(seed + 1);
    List<Filter> filters = new ArrayList<>();
    for (int i = 0; i < warmup + 100; i++) {
      Filter.Builder b = Filter.builder();
      switch (i % 4) {
        case 0 -> b.metric(Metric.NPS);
        case 1 -> b.metric(Metric.NPS).segment("region", "EU");
        case 2 -> {
          Instant from = monthStart(rnd);
          b.from(from).to(from.plus(90, ChronoUnit.DAYS));
        }
        default -> b.q("delivery").category(Category.Group.NEGATIVE);
      }
      filters.add(b.build());
    }
    double[] millis = time(filters, f -> () -> metrics.compute(f));
    System.out.printf(Locale.ROOT, "metrics (100 mixed filters, warm): %s%n", percentiles(millis));
  }

  /**
   * Runs every task; returns the wall times of those after the warm-up, in milliseconds, and prints
   * the percentiles of their CPU time on this thread (what a search costs when the cores are not
   * shared with other processes).
   */
  private double[] lastCpu;

  private <T> double[] time(List<T> inputs, java.util.function.Function<T, Runnable> task) {
    var threads = ManagementFactory.getThreadMXBean();
    double[] out = new double[inputs.size() - warmup];
    double[] cpu = new double[inputs.size() - warmup];
    for (int i = 0; i < inputs.size(); i++) {
      Runnable r = task.apply(inputs.get(i));
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      r.run();
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      if (i >= warmup) {
        out[i - warmup] = (t1 - t0) / 1e6;
        cpu[i - warmup] = (c1 - c0) / 1e6;
      }
    }
    System.out.printf(Locale.ROOT, "  CPU time of the same calls: %s%n", percentiles(cpu));
    lastCpu = cpu;
    return out;
  }

  static String percentiles(double[] millis) {
    double[] s = millis.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(0);
    return String.format(
        Locale.ROOT,
        "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms",
        at(s, 0.50),
        at(s, 0.95),
        at(s, 0.99),
        s[s.length - 1],
        mean);
  }

  /** Nearest-rank percentile of sorted values. */
  static double at(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Searches of every kind people run, built from the phrase banks so that they find things. */
  static List<Kinded> searchMix(ResponseGenerator generator, SplittableRandom rnd, int n) {
    List<String> sentences = new ArrayList<>();
    for (Polarity p : Polarity.values()) {
      sentences.addAll(generator.sentences(p));
    }
    List<String> words = new ArrayList<>(vocabulary(sentences));
    List<Kinded> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String w1 = words.get(rnd.nextInt(words.size()));
      String w2 = words.get(rnd.nextInt(words.size()));
      Filter.Builder f = Filter.builder();
      SortOrder sort = null;
      switch (i % 10) {
        case 0 -> f.q(w1);
        case 1 -> f.q(twoWordsOf(sentences.get(rnd.nextInt(sentences.size())), rnd, false));
        case 2 -> f.q(twoWordsOf(sentences.get(rnd.nextInt(sentences.size())), rnd, true));
        case 3 -> f.q(w1 + " OR " + w2);
        case 4 -> f.q(w1 + " -" + w2);
        case 5 -> f.q(w1).category(Category.Group.NEGATIVE);
        case 6 -> f.metric(Metric.NPS).segment("region", "EU");
        case 7 -> {
          Instant from = monthStart(rnd);
          f.q(w1).from(from).to(from.plus(90, ChronoUnit.DAYS));
        }
        case 8 -> {
          f.metric(Metric.NPS).minScore(0).maxScore(6).segment("plan", "pro");
          sort = SortOrder.SCORE_DESC;
        }
        default ->
            f.q(w1.substring(0, Math.min(4, w1.length())) + "*").sentiment(Polarity.NEGATIVE);
      }
      out.add(
          new Kinded(
              KINDS[i % KINDS.length],
              new SearchRequest(f.build(), sort, SearchRequest.DEFAULT_LIMIT, null, true)));
    }
    return out;
  }

  private static final String[] KINDS = {
    "word",
    "two words",
    "\"phrase\"",
    "word OR word",
    "word -word",
    "word + category=detractor",
    "no q: metric + segment, newest",
    "word + 90-day range",
    "no q: score range + segment, by score",
    "pref* + sentiment=negative"
  };

  private static Set<String> vocabulary(List<String> sentences) {
    Set<String> words = new LinkedHashSet<>();
    for (String s : sentences) {
      for (String w : s.replace("{item}", "").split("[^\\p{L}]+")) {
        if (w.length() >= 4) {
          words.add(w.toLowerCase(Locale.ROOT));
        }
      }
    }
    return words;
  }

  private static String twoWordsOf(String sentence, SplittableRandom rnd, boolean quoted) {
    String[] w =
        Arrays.stream(sentence.replace("{item}", "dress").split("[^\\p{L}']+"))
            .filter(s -> !s.isEmpty())
            .toArray(String[]::new);
    if (w.length < 2) {
      return w.length == 1 ? w[0] : "delivery";
    }
    int k = rnd.nextInt(w.length - 1);
    String pair = w[k] + " " + w[k + 1];
    return quoted ? "\"" + pair + "\"" : pair;
  }

  private static Instant monthStart(SplittableRandom rnd) {
    return ResponseGenerator.START.plus(30L * rnd.nextInt(21), ChronoUnit.DAYS);
  }

  /** CPU time of this process (all threads, JIT and GC included), where the JVM reports it. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static long poolPeaks() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static long sizeOf(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the benchmark folder " + dir, e);
    }
  }

  /** The largest heap use seen, sampled from a daemon thread. */
  private static final class HeapSampler extends Thread {
    static final int INTERVAL_MS = 20;
    private volatile long peak;

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      var memory = ManagementFactory.getMemoryMXBean();
      while (!isInterrupted()) {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(INTERVAL_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long peak() {
      return Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
  }
}
