package dev.earful.devtools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earful.ingest.ColumnMapping;
import dev.earful.ingest.CsvResponseReader;
import dev.earful.ingest.RawResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code earful-dev bench-http --refining CSV}: what a person opening the ranked list waits for
 * while the server re-scores the stored responses with the cascade in the background (review R6 of
 * session 21: GET /themes p90 0.6-1.6 s while refining, about 20 ms without). A new server with
 * {@code --sentiment-stage refine} and no quiet period imports the first reviews of the women's
 * clothing reviews file over HTTP, discovery runs, and then one client asks for the ranking of a
 * department every 0.4 s (the three departments in turn, so each request's previous ranking is two
 * requests old), first while refinement runs, then once it is done. Prints p50, p90 and max of each
 * window and how many answers said they were behind the index. Given a folder served before ({@code
 * --data} not empty) it imports nothing and measures the same while the server refines what its
 * model did not (after {@code earful train-sentiment --data}, another model file).
 */
final class RefiningBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Requests of each window not timed: the first of each ranking is computed cold. */
  private static final int UNTIMED = 6;

  private static final List<String> RANKINGS =
      List.of(
          "/api/v1/themes?limit=20&segment.department=Tops",
          "/api/v1/themes?limit=20&segment.department=Dresses",
          "/api/v1/themes?limit=20&segment.department=Bottoms");

  private RefiningBench() {}

  static int run(BenchHttpCommand bench, Path folder) throws Exception {
    boolean reused = false;
    if (Files.isDirectory(folder)) {
      try (var entries = Files.list(folder)) {
        reused = entries.findAny().isPresent();
      }
    }
    List<String> bodies =
        reused ? List.of() : bodies(bench.refiningFile, bench.refiningCount, 1000);
    try (BenchHttpCommand.ServerProcess server =
        BenchHttpCommand.ServerProcess.start(
            folder,
            bench.serverJavaOpts.split(" +"),
            List.of(
                "--discovery-debounce-seconds",
                "1",
                "--sentiment-stage",
                "refine",
                "--refine-quiet-seconds",
                "0"))) {
      String url = server.url;
      System.out.printf(Locale.ROOT, "server: %s (pid %d)%n", url, server.pid());
      long t0 = System.nanoTime();
      long imported = 0;
      for (String body : bodies) {
        JsonNode answer = bench.post(url + "/api/v1/responses", body);
        imported += answer.path("indexed").asLong() + answer.path("updated").asLong();
      }
      System.out.printf(
          Locale.ROOT,
          reused
              ? "a folder served before: nothing imported; waiting for the discovery%n"
              : "imported %,d reviews in %.1f s; waiting for the discovery%n",
          imported,
          (System.nanoTime() - t0) / 1e9);
      while (true) {
        JsonNode d = bench.get(url + RANKINGS.get(0)).path("discovery");
        if (d.path("themes").asInt() > 0
            && !d.path("running").asBoolean()
            && !d.path("pending").asBoolean()) {
          break;
        }
        Thread.sleep(500);
      }
      JsonNode before = refinement(bench, url);
      if (!"running".equals(before.path("state").asText())
          && before.path("pending").asLong() == 0) {
        System.err.println(
            "refinement was done before the first window: import more reviews, or give a folder"
                + " a retrained model would refine again");
        return 1;
      }
      window(bench, url, "while refining", bench.refiningSeconds);
      JsonNode at = refinement(bench, url);
      System.out.printf(
          Locale.ROOT,
          "  refinement at the window's end: %s, %,d of %,d refined%n",
          at.path("state").asText(),
          at.path("refined").asLong(),
          at.path("total").asLong());
      long waited = System.nanoTime();
      while (!"done".equals(refinement(bench, url).path("state").asText())) {
        Thread.sleep(2000);
      }
      System.out.printf(
          Locale.ROOT,
          "refinement done %.0f s after the window; discovery after it: waiting%n",
          (System.nanoTime() - waited) / 1e9);
      while (true) {
        JsonNode d = bench.get(url + RANKINGS.get(0)).path("discovery");
        if (!d.path("running").asBoolean() && !d.path("pending").asBoolean()) {
          break;
        }
        Thread.sleep(500);
      }
      window(bench, url, "after refining", bench.refiningSeconds);
    }
    return 0;
  }

  private static JsonNode refinement(BenchHttpCommand bench, String url) throws Exception {
    return bench.get(url + "/api/v1/sentiment/model").path("refinement");
  }

  /** One client, a ranking every 0.4 s for {@code seconds}; prints the figures. */
  private static void window(BenchHttpCommand bench, String url, String name, int seconds)
      throws Exception {
    List<Double> times = new ArrayList<>();
    int behind = 0;
    long maxBehind = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    double load0 = BenchHttpCommand.loadAverage();
    for (int i = 0; System.nanoTime() < end; i++) {
      long t0 = System.nanoTime();
      JsonNode page = bench.get(url + RANKINGS.get(i % RANKINGS.size()));
      double ms = (System.nanoTime() - t0) / 1e6;
      if (i >= UNTIMED) {
        times.add(ms);
        JsonNode f = page.path("freshness");
        if (!f.path("current").asBoolean(true)) {
          behind++;
          maxBehind = Math.max(maxBehind, f.path("behind").asLong());
        }
      }
      long rest = 400 - (long) ms;
      if (rest > 0) {
        Thread.sleep(rest);
      }
    }
    double[] s = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "GET /themes %s (one request every 0.4 s, %d untimed first; load average %.2f at start,"
            + " %.2f at end): n=%d p50 %.1f ms, p90 %.1f ms, max %.1f ms; %d answers behind the"
            + " index (most: %d)%n",
        name,
        UNTIMED,
        load0,
        BenchHttpCommand.loadAverage(),
        s.length,
        s.length == 0 ? 0 : BenchIndexCommand.at(s, 0.50),
        s.length == 0 ? 0 : BenchIndexCommand.at(s, 0.90),
        s.length == 0 ? 0 : s[s.length - 1],
        behind,
        maxBehind);
  }

  /**
   * The first {@code count} reviews of the women's clothing reviews file as NDJSON bodies of {@code
   * batch}: id the row number, CSAT the rating, the title and text as the comment, the department a
   * segment; no time (the server's clock).
   */
  private static List<String> bodies(Path file, int count, int batch) throws Exception {
    ColumnMapping mapping =
        new ColumnMapping(
            "#0",
            "Rating",
            List.of("Title", "Review Text"),
            null,
            List.of("Department Name=department"),
            null,
            null,
            0);
    List<ObjectNode> records = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      CsvResponseReader reader =
          new CsvResponseReader(in, StandardCharsets.UTF_8, file.getFileName().toString(), mapping);
      reader.forEach(
          (line, raw) -> {
            if (records.size() < count && usable(raw)) {
              ObjectNode o = JSON.createObjectNode();
              o.put("id", "w" + raw.id());
              o.put("metric", "csat");
              o.put("score", Integer.parseInt(raw.score().strip()));
              o.put("comment", raw.comment());
              ObjectNode segments = o.putObject("segments");
              raw.segments().forEach(segments::put);
              records.add(o);
            }
          });
    }
    List<String> bodies = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < records.size(); i++) {
      out.append(JSON.writeValueAsString(records.get(i))).append('\n');
      if ((i + 1) % batch == 0 || i == records.size() - 1) {
        bodies.add(out.toString());
        out.setLength(0);
      }
    }
    return bodies;
  }

  private static boolean usable(RawResponse raw) {
    return raw.readErrors().isEmpty()
        && raw.id() != null
        && raw.score() != null
        && raw.comment() != null
        && !raw.comment().isBlank()
        && raw.segments().values().stream().noneMatch(v -> v == null || v.isBlank());
  }
}
