package dev.earful.devtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earful.ServerAddressFile;
import dev.earful.domain.Response;
import dev.earful.fixtures.ResponseGenerator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earful-dev bench-http}: latency of search and ranking as a client sees it, over HTTP from
 * a real server process, alone and under 16 readers + 1 writer; or, with {@code --import}, the
 * throughput of importing short comments through {@code POST /api/v1/responses} with the shipped
 * analysis and durable acknowledgements. The server runs as a child JVM (its own heap and GC, and
 * {@code --server-java-opts} can add a flight recording), on a data folder built once by {@link
 * ThemedDataFolder} and reused with {@code --data}.
 */
@Command(
    name = "bench-http",
    mixinStandardHelpOptions = true,
    description = {
      "Measure search and ranking latency over HTTP against a real server process: the data folder"
          + " holds N generated responses with planted themes (built once; reused with --data),"
          + " and the command prints p50, p95 and p99 for a search (20 hits, highlights, facets)"
          + " and a ranking, first alone, then under concurrent readers and one writer.",
      "With --import N it measures instead how fast a new server imports N short comments sent"
          + " as NDJSON batches, with the shipped analysis and durable answers.",
      "With --refining CSV it measures instead GET /themes while the background refinement of"
          + " sentiment runs and after it is done, on a new server that imported the first"
          + " --refining-count reviews of the women's clothing reviews file."
    })
public final class BenchHttpCommand implements Callable<Integer> {

  @Option(
      names = "--responses",
      defaultValue = "1000000",
      description = "Responses in the data folder (default ${DEFAULT-VALUE}).")
  long responses;

  @Option(
      names = "--themes",
      defaultValue = "60",
      description = "Planted themes in the data folder, 1-200 (default ${DEFAULT-VALUE}).")
  int themes;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the data and of the request mix (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Keep the data folder in DIR and reuse it on later runs with the same settings (default:"
              + " a temporary folder, deleted at the end).")
  Path data;

  @Option(
      names = "--searches",
      defaultValue = "200",
      description = "Timed searches by one client alone (default ${DEFAULT-VALUE}).")
  int searches;

  @Option(
      names = "--rankings",
      defaultValue = "60",
      description = "Timed rankings by one client alone (default ${DEFAULT-VALUE}).")
  int rankings;

  @Option(
      names = "--warmup",
      defaultValue = "1000",
      description =
          "Untimed requests of each kind first, with a page one shorter so that no timed request"
              + " is answered from their results; they let the JIT compile the server's code"
              + " (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--readers",
      defaultValue = "16",
      description =
          "Concurrent reading clients in the load phase; 0 skips it (default ${DEFAULT-VALUE}).")
  int readers;

  @Option(
      names = "--load-seconds",
      defaultValue = "60",
      description = "How long the load phase runs, in seconds (default ${DEFAULT-VALUE}).")
  int loadSeconds;

  @Option(
      names = "--load-warmup-seconds",
      defaultValue = "30",
      description =
          "Untimed seconds of the load phase's own mix first (the readers and the writer, pages one"
              + " shorter): the writer's import path, the refreshes it causes and the caches they"
              + " rebuild run only under the writer, and a server compiles that code in its first"
              + " minute of it; 0 measures from the first second (default ${DEFAULT-VALUE}).")
  int loadWarmupSeconds;

  @Option(
      names = "--writer-batch",
      defaultValue = "100",
      description =
          "Responses per request of the one writer in the load phase; 0 runs without a writer"
              + " (default ${DEFAULT-VALUE}).")
  int writerBatch;

  @Option(
      names = "--import",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Measure import throughput instead: a new server in a new folder receives N short"
              + " comments (default 0: measure search and ranking).")
  long importCount;

  @Option(
      names = "--import-batch",
      defaultValue = "5000",
      description = "Responses per NDJSON request with --import (default ${DEFAULT-VALUE}).")
  int importBatch;

  @Option(
      names = "--refining",
      paramLabel = "CSV",
      description =
          "Measure GET /themes while refinement runs instead: a new server (--sentiment-stage"
              + " refine, no quiet period) in a new folder imports the first --refining-count rows"
              + " of this file (the women's clothing reviews' columns), waits for the discovery,"
              + " then asks for rankings by department every 0.4 s while refining and again after"
              + " (default: none). A --data folder that is not empty is served as it is, nothing"
              + " imported (a folder whose model was retrained is refined again).")
  Path refiningFile;

  @Option(
      names = "--refining-count",
      defaultValue = "2000",
      description = "Reviews imported with --refining (default ${DEFAULT-VALUE}).")
  int refiningCount;

  @Option(
      names = "--refining-seconds",
      defaultValue = "30",
      description =
          "How long each timed window of --refining lasts, in seconds (default ${DEFAULT-VALUE}).")
  int refiningSeconds;

  @Option(
      names = "--after-edit",
      paramLabel = "ROUNDS",
      defaultValue = "0",
      description =
          "Measure instead what the page's first requests wait for after the themes change: ROUNDS"
              + " times, rename a theme, wait --after-edit-wait seconds, then time GET"
              + " /api/v1/themes?limit=100 and ?limit=1000, with the server's CPU (default:"
              + " none).")
  int afterEditRounds;

  @Option(
      names = "--after-edit-wait",
      defaultValue = "3",
      description =
          "Seconds between an edit and the requests of --after-edit (default ${DEFAULT-VALUE}).")
  int afterEditWaitSeconds;

  @Option(
      names = "--server-java-opts",
      defaultValue = "-Xmx2g",
      description =
          "JVM options of the server process, split at spaces, e.g. '-Xmx2g"
              + " -XX:StartFlightRecording=filename=server.jfr' (default ${DEFAULT-VALUE}).")
  String serverJavaOpts;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Override
  public Integer call() throws Exception {
    if (responses < 1
        || themes < 1
        || themes > 200
        || searches < 1
        || rankings < 1
        || warmup < 0
        || readers < 0
        || loadSeconds < 1
        || writerBatch < 0
        || loadWarmupSeconds < 0
        || importCount < 0
        || importBatch < 1
        || afterEditRounds < 0
        || afterEditWaitSeconds < 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--responses, --searches, --rankings, --load-seconds and --import-batch must be positive,"
              + " --themes within 1-200, --warmup, --load-warmup-seconds, --readers,"
              + " --writer-batch, --import, --after-edit and --after-edit-wait not negative");
    }
    boolean temporary = data == null;
    Path folder = temporary ? Files.createTempDirectory("earful-bench-http") : data;
    System.out.printf(
        Locale.ROOT,
        "bench-http: %d cores, JDK %s; load average at start %.2f (shared machine: figures vary);"
            + " server JVM options: %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        serverJavaOpts);
    try {
      if (importCount > 0) {
        return benchImport(folder);
      }
      if (refiningFile != null) {
        return RefiningBench.run(this, folder);
      }
      if (afterEditRounds > 0) {
        return AfterEditBench.run(this, folder);
      }
      ThemedDataFolder.prepare(folder, responses, themes, seed);
      try (ServerProcess server = ServerProcess.start(folder, serverJavaOpts.split(" +"))) {
        System.out.printf(Locale.ROOT, "server: %s (pid %d)%n", server.url, server.pid());
        benchReads(server);
      }
      return 0;
    } finally {
      if (temporary) {
        deleteTree(folder);
      }
    }
  }

  // ------------------------------------------------------------------ search and ranking

  /** The words the themed comments are made of: theme words and the fillers around them. */
  private static final String[] WORDS = {
    "delivery", "checkout", "agent", "app", "invoice", "refund", "parcel", "password", "menu",
    "seat", "slow", "late", "rude", "broken", "confusing", "expensive", "friendly", "helpful",
    "annoyed", "liked", "ordered", "ticket", "thanks", "years"
  };

  private void benchReads(ServerProcess server) throws Exception {
    String url = server.url;
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> searchMix = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      searchMix.add(searchPath(rnd, i));
    }
    List<String> rankingMix = rankingPaths();
    JsonNode first = get(url + rankingMix.get(0));
    System.out.printf(
        Locale.ROOT,
        "ranking over all: %d themes listed; search for '%s': %,d of %,d responses%n",
        first.path("discovery").path("themes").asInt(),
        WORDS[0],
        get(url + "/api/v1/search?q=" + WORDS[0] + "&limit=1").path("total").asLong(),
        get(url + "/api/v1/metrics").path("count").asLong());
    // The warm-up asks the same shapes for a page of 19 hits and 49 themes: the same code runs and
    // the JIT compiles it (a server measured in its first minute spends about half its CPU
    // compiling), but no timed search is answered from a result the warm-up computed, since the
    // result cache keys on the whole request, page size included.
    for (int i = 0; i < warmup; i++) {
      get(url + warmPath(searchMix.get(i % searchMix.size())));
      get(url + warmPath(rankingMix.get(i % rankingMix.size())));
    }
    double[] search = new double[searches];
    double load0 = loadAverage();
    long[] results0 = searchResults(url);
    long cpu0 = server.cpuNanos();
    for (int i = 0; i < searches; i++) {
      search[i] = timeGet(url + searchMix.get(i % searchMix.size()));
    }
    double searchCpu = (server.cpuNanos() - cpu0) / 1e9;
    long[] results1 = searchResults(url);
    double[] ranking = new double[rankings];
    long cpu1 = server.cpuNanos();
    for (int i = 0; i < rankings; i++) {
      ranking[i] = timeGet(url + rankingMix.get(i % rankingMix.size()));
    }
    double rankingCpu = (server.cpuNanos() - cpu1) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "alone (one client, after %d warm-up requests of each kind with pages one shorter; load average %.2f at start,"
            + " %.2f at end):%n  search  %s (target p95 <= 20 ms); server CPU %.2f s = %.1f ms per"
            + " search; %s%n  ranking %s (target p95 <= 100 ms); server CPU %.2f s = %.1f ms per"
            + " ranking%n",
        warmup,
        load0,
        loadAverage(),
        percentiles(search),
        searchCpu,
        searchCpu * 1000 / searches,
        cached(results0, results1),
        percentiles(ranking),
        rankingCpu,
        rankingCpu * 1000 / rankings);
    if (readers > 0) {
      if (loadWarmupSeconds > 0) {
        // The same load with the warm-up's pages first, untimed: the writer's import path, the
        // refreshes it causes and the per-reader caches rebuilt after them run only under a
        // writer, and a server compiles that code during its first minute of it (a profile of
        // the load phase: the JIT compiling for more than the phase's own length).
        loadPhase(server, warmMix(searchMix), warmMix(rankingMix), loadWarmupSeconds, false);
      }
      loadPhase(server, searchMix, rankingMix, loadSeconds, true);
    }
  }

  /** The warm-up twins of a mix, in its order (the load phase's warm-up runs them). */
  static List<String> warmMix(List<String> mix) {
    return mix.stream().map(BenchHttpCommand::warmPath).toList();
  }

  /** A timed request's warm-up twin: one hit or theme fewer per page, otherwise the same. */
  static String warmPath(String path) {
    String warm = path.replace("limit=20", "limit=19").replace("limit=50", "limit=49");
    if (warm.equals(path)) {
      throw new IllegalArgumentException("no page size to change in " + path);
    }
    return warm;
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * Searches people run: one or two words, an exclusion, with and without filters, by relevance and
   * by date; 20 hits with highlights and facets (the API's defaults).
   */
  static String searchPath(SplittableRandom rnd, int i) {
    String w1 = WORDS[rnd.nextInt(WORDS.length)];
    String w2 = WORDS[rnd.nextInt(WORDS.length)];
    String q =
        switch (i % 5) {
          case 0, 1 -> w1;
          case 2 -> w1 + " " + w2;
          case 3 -> w1 + " -" + w2;
          default -> w1 + " OR " + w2;
        };
    String filter =
        switch (i % 4) {
          case 0 -> "";
          case 1 -> "&category=detractor";
          case 2 -> "&segment.region=EU";
          default -> "&sort=newest";
        };
    return "/api/v1/search?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + filter;
  }

  /** The filters of bench-impact's ranking mix, as GET /themes requests for a page of 50. */
  static List<String> rankingPaths() {
    return List.of(
        "/api/v1/themes?limit=50",
        "/api/v1/themes?limit=50&segment.region=EU",
        "/api/v1/themes?limit=50&segment.plan=pro",
        "/api/v1/themes?limit=50&from=2025-07-04&to=2025-12-31",
        "/api/v1/themes?limit=50&segment.region=US&from=2025-01-01");
  }

  /**
   * {@code readers} clients and one writer for {@code seconds}; prints the figures when {@code
   * report}, else one line saying it ran (the untimed warm-up of the load).
   */
  private void loadPhase(
      ServerProcess server,
      List<String> searchMix,
      List<String> rankingMix,
      int seconds,
      boolean report)
      throws Exception {
    String url = server.url;
    AtomicLong behindRankings = new AtomicLong();
    List<Double> searchTimes = new CopyOnWriteArrayList<>();
    List<Double> rankingTimes = new CopyOnWriteArrayList<>();
    Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < readers; r++) {
      int reader = r;
      threads.add(
          Thread.ofPlatform()
              .name("reader-" + r)
              .start(
                  () -> {
                    // Readers start with the timed window, after the writer's untimed first
                    // write: searches run while that write loads the models are not the load.
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    // Each reader runs three searches to one ranking, from its own place in the
                    // mix.
                    for (int i = reader * 7; !stop.get(); i++) {
                      try {
                        if (i % 4 == 3) {
                          long t0 = System.nanoTime();
                          JsonNode ranked = get(url + rankingMix.get(i % rankingMix.size()));
                          rankingTimes.add((System.nanoTime() - t0) / 1e6);
                          if (!ranked.path("freshness").path("current").asBoolean(true)) {
                            behindRankings.incrementAndGet();
                          }
                        } else {
                          searchTimes.add(timeGet(url + searchMix.get(i % searchMix.size())));
                        }
                      } catch (Exception e) {
                        errors
                            .computeIfAbsent(e.toString(), k -> new AtomicLong())
                            .incrementAndGet();
                      }
                    }
                  }));
    }
    AtomicLong written = new AtomicLong();
    List<Double> writeTimes = new CopyOnWriteArrayList<>();
    // New ids on every run (a run on a kept folder must add, not replace: a replacement makes every
    // ranking current at once, and the folder is meant to be reused).
    String writerPrefix = "w" + Long.toString(System.currentTimeMillis(), 36) + "-";
    if (writerBatch > 0) {
      ResponseGenerator generator = new ResponseGenerator(seed + 1);
      // One untimed write first: the server loads its language and analysis models on the first
      // import (tens of seconds on a busy box), which is start-up, not the cost of a write.
      post(url + "/api/v1/responses", ndjson(generator, writerPrefix + "warm-", 0, writerBatch));
      threads.add(
          Thread.ofPlatform()
              .name("writer")
              .start(
                  () -> {
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    for (long next = 0; !stop.get(); next += writerBatch) {
                      try {
                        String body = ndjson(generator, writerPrefix, next, writerBatch);
                        long t0 = System.nanoTime();
                        post(url + "/api/v1/responses", body);
                        writeTimes.add((System.nanoTime() - t0) / 1e6);
                        written.addAndGet(writerBatch);
                      } catch (Exception e) {
                        errors
                            .computeIfAbsent(e.toString(), k -> new AtomicLong())
                            .incrementAndGet();
                      }
                    }
                  }));
    }
    double load0 = loadAverage();
    long[] results0 = searchResults(url);
    long cpu0 = server.cpuNanos();
    long start = System.nanoTime();
    go.countDown();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (!report) {
      System.out.printf(
          Locale.ROOT,
          "load warm-up: %.0f s of the same %d readers + %s with pages one shorter, untimed"
              + " (%d searches and rankings, %,d responses written, %d errors)%n",
          elapsed,
          readers,
          writerBatch > 0 ? "1 writer" : "no writer",
          searchTimes.size() + rankingTimes.size(),
          written.get(),
          errors.values().stream().mapToLong(AtomicLong::get).sum());
      return;
    }
    double cpu = (server.cpuNanos() - cpu0) / 1e9;
    long[] results1 = searchResults(url);
    System.out.printf(
        Locale.ROOT,
        "under %d readers + %s for %.0f s (each reader: 3 searches to 1 ranking; load average %.2f"
            + " at start, %.2f at end; server CPU %.1f s = %.2f cores, %.1f ms per read):%n  search  %s (target p95 <="
            + " 50 ms); %s%n  ranking %s (target p95 <= 150 ms); %d of them answered a ranking behind"
            + " the index (freshness.current false)%n",
        readers,
        writerBatch > 0 ? "1 writer (" + writerBatch + " new responses per request)" : "no writer",
        elapsed,
        load0,
        loadAverage(),
        cpu,
        cpu / elapsed,
        cpu * 1000 / Math.max(1, searchTimes.size() + rankingTimes.size()),
        percentiles(toArray(searchTimes)),
        cached(results0, results1),
        percentiles(toArray(rankingTimes)),
        behindRankings.get());
    if (writerBatch > 0) {
      System.out.printf(
          Locale.ROOT,
          "  writer: %,d responses in %.0f s = %,.0f/s; per request %s%n",
          written.get(),
          elapsed,
          written.get() / elapsed,
          writeTimes.isEmpty() ? "none" : percentiles(toArray(writeTimes)));
    }
    errors.forEach((e, n) -> System.out.printf(Locale.ROOT, "  errors: %d x %s%n", n.get(), e));
  }

  // ------------------------------------------------------------------ import

  private int benchImport(Path folder) throws Exception {
    if (Files.isDirectory(folder)) {
      try (var entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          System.err.println("--import needs a new or empty --data folder: " + folder);
          return 2;
        }
      }
    }
    ResponseGenerator generator = new ResponseGenerator(seed);
    List<String> bodies = new ArrayList<>();
    for (long from = 0; from < importCount; from += importBatch) {
      bodies.add(ndjson(generator, "i", from, (int) Math.min(importBatch, importCount - from)));
    }
    try (ServerProcess server = ServerProcess.start(folder, serverJavaOpts.split(" +"))) {
      System.out.printf(Locale.ROOT, "server: %s (pid %d)%n", server.url, server.pid());
      long cpu0 = server.cpuNanos();
      long start = System.nanoTime();
      double[] perRequest = new double[bodies.size()];
      long indexed = 0;
      for (int b = 0; b < bodies.size(); b++) {
        long t0 = System.nanoTime();
        JsonNode answer = post(server.url + "/api/v1/responses", bodies.get(b));
        perRequest[b] = (System.nanoTime() - t0) / 1e6;
        indexed += answer.path("indexed").asLong() + answer.path("updated").asLong();
        if (answer.path("rejected").size() > 0) {
          throw new IllegalStateException("records rejected: " + answer.path("rejected").get(0));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double serverCpu = (server.cpuNanos() - cpu0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "import over HTTP: %,d short comments in %d NDJSON requests of %,d, one client, durable"
              + " answers: %.1f s = %,.0f responses/s (target >= 6,000/s); server CPU %.1f s ="
              + " %,.0f responses per CPU-second; per request %s%n",
          indexed,
          bodies.size(),
          importBatch,
          seconds,
          indexed / seconds,
          serverCpu,
          indexed / serverCpu,
          percentiles(perRequest));
    }
    return 0;
  }

  /** {@code count} generated responses from number {@code from}, ids prefixed, as NDJSON. */
  private static String ndjson(ResponseGenerator generator, String prefix, long from, int count)
      throws IOException {
    StringBuilder out = new StringBuilder(count * 160);
    for (long i = from; i < from + count; i++) {
      Response r = generator.response(i).response();
      ObjectNode o = JSON.createObjectNode();
      o.put("id", prefix + i);
      o.put("metric", r.metric().wireName());
      o.put("score", r.score());
      o.put("comment", r.comment());
      o.put("submittedAt", r.submittedAt().toString());
      ObjectNode segments = o.putObject("segments");
      r.segments().forEach(segments::put);
      out.append(JSON.writeValueAsString(o)).append('\n');
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ HTTP

  /**
   * The server's searches answered from its result cache and searches run so far, and its JIT
   * compilation time in milliseconds, from {@code /metrics}: a search asked again on an unchanged
   * index is not run again, and the figures say how many were; a server in its first minutes spends
   * much of its CPU compiling (a third to a half in a profile), and the figures say how much.
   */
  private long[] searchResults(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url + "/metrics"))
                .timeout(Duration.ofMinutes(1))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long[] out = new long[3];
    for (String line : r.body().split("\n")) {
      String value = line.substring(line.lastIndexOf(' ') + 1);
      if (line.startsWith("earful_search_results_total{outcome=\"cached\"}")) {
        out[0] = (long) Double.parseDouble(value);
      } else if (line.startsWith("earful_search_results_total{outcome=\"run\"}")) {
        out[1] = (long) Double.parseDouble(value);
      } else if (line.startsWith("jvm_compilation_time_ms_total")) {
        out[2] += (long) Double.parseDouble(value);
      }
    }
    return out;
  }

  private static String cached(long[] before, long[] after) {
    long cached = after[0] - before[0];
    return String.format(
        Locale.ROOT,
        "%,d of %,d answered from the result cache; the server's JIT compiled for %.1f s",
        cached,
        cached + after[1] - before[1],
        (after[2] - before[2]) / 1000.0);
  }

  JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException(
          "GET "
              + url
              + " answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(r.body());
  }

  /** The wall time of a GET that answers 200, body read and parsed, in milliseconds. */
  private double timeGet(String url) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    get(url);
    return (System.nanoTime() - t0) / 1e6;
  }

  JsonNode post(String url, String ndjson) throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException(
          "POST "
              + url
              + " answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(r.body());
  }

  // ------------------------------------------------------------------ figures

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** {@code n=…, p50, p95, p99, max} of wall times in milliseconds (nearest rank). */
  static String percentiles(double[] millis) {
    if (millis.length == 0) {
      return "n=0";
    }
    double[] s = millis.clone();
    Arrays.sort(s);
    return String.format(
        Locale.ROOT,
        "n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
        s.length,
        BenchIndexCommand.at(s, 0.50),
        BenchIndexCommand.at(s, 0.95),
        BenchIndexCommand.at(s, 0.99),
        s[s.length - 1]);
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

  /**
   * The product's server ({@code dev.earful.Earful serve}) in a child JVM on a free port, by
   * default with theme discovery after imports off (it would rewrite the planted taxonomy and take
   * the cores the measurement needs). Its output goes to {@code server.log} beside the data
   * folder's contents.
   */
  static final class ServerProcess implements AutoCloseable {
    final Process process;
    final String url;

    private ServerProcess(Process process, String url) {
      this.process = process;
      this.url = url;
    }

    static ServerProcess start(Path folder, String[] javaOpts) throws Exception {
      // Said, not left to the default (refine): imports score as under refine, and no
      // background refinement runs into the timed phases (the generated folder's tokens
      // carry no tags, which the scorer's rules need; a refining server would set every
      // generated response aside).
      return start(
          folder,
          javaOpts,
          List.of("--discovery-debounce-seconds", "0", "--sentiment-stage", "fast"));
    }

    /** A server with {@code serveOptions} after the folder and the port. */
    static ServerProcess start(Path folder, String[] javaOpts, List<String> serveOptions)
        throws Exception {
      Files.createDirectories(folder);
      Files.deleteIfExists(folder.resolve(ServerAddressFile.NAME));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String o : javaOpts) {
        if (!o.isBlank()) {
          command.add(o);
        }
      }
      command.addAll(
          List.of(
              "--enable-native-access=ALL-UNNAMED",
              "-cp",
              System.getProperty("java.class.path"),
              "dev.earful.Earful",
              "serve",
              "--data",
              folder.toString(),
              "--port",
              "0"));
      command.addAll(serveOptions);
      Path log = folder.resolve("server.log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      Instant deadline = Instant.now().plusSeconds(600);
      while (Instant.now().isBefore(deadline)) {
        var address = ServerAddressFile.read(folder);
        if (address.isPresent() && address.get().pid() == p.pid()) {
          return new ServerProcess(p, address.get().url());
        }
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "the server exited with " + p.exitValue() + " before listening; see " + log);
        }
        Thread.sleep(200);
      }
      p.destroyForcibly();
      throw new IllegalStateException("the server did not listen within 10 minutes; see " + log);
    }

    long pid() {
      return process.pid();
    }

    /** CPU time of the server process so far (all its threads), from the operating system. */
    long cpuNanos() {
      return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy(); // SIGTERM: the server finishes requests in flight and closes the index
      if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
