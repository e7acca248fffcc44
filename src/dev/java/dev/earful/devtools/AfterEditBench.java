package dev.earful.devtools;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * {@code earful-dev bench-http --after-edit N}: what the page's first requests wait for after the
 * themes change (session 25: each department's first GET /themes after a discovery computed its
 * ranking while the user waited, 0.5-0.7 s at 100,000). On the generated folder, N rounds of: a
 * taxonomy edit (the first theme renamed, and back in the next round: a new taxonomy version, so no
 * ranking of the old one answers, with the same matching), a pause in which nobody asks ({@code
 * --after-edit-wait}), then the page's two first requests, {@code GET /api/v1/themes?limit=100}
 * (its pain points) and {@code ?limit=1000} (its list of themes), timed. The server's CPU is read
 * around the pause (what the edit set off without a request) and around the whole round.
 */
final class AfterEditBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Untimed rankings first, under other filters (their own cache entries): the JIT compiles. */
  private static final int WARM_UP = 12;

  private AfterEditBench() {}

  static int run(BenchHttpCommand bench, Path folder) throws Exception {
    ThemedDataFolder.prepare(folder, bench.responses, bench.themes, bench.seed);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    try (BenchHttpCommand.ServerProcess server =
        BenchHttpCommand.ServerProcess.start(folder, bench.serverJavaOpts.split(" +"))) {
      String url = server.url;
      System.out.printf(Locale.ROOT, "server: %s (pid %d)%n", url, server.pid());
      for (int i = 0; i < WARM_UP; i++) {
        bench.get(url + "/api/v1/themes?limit=99&minMentions=" + (2 + i));
      }
      var top = bench.get(url + "/api/v1/themes?limit=1").at("/themes/0");
      String id = top.path("id").asText();
      String name = top.path("name").asText();
      int rounds = bench.afterEditRounds;
      double[] idleCpu = new double[rounds];
      double[] roundCpu = new double[rounds];
      double[] first = new double[rounds];
      double[] list = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long cpu0 = server.cpuNanos();
        String renamed = r % 2 == 0 ? name + " (edited)" : name;
        HttpResponse<String> edit =
            client.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/themes/" + id))
                    .timeout(Duration.ofMinutes(1))
                    .header("Content-Type", "application/json")
                    .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                            JSON.writeValueAsString(Map.of("name", renamed))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (edit.statusCode() != 200) {
          throw new IllegalStateException(
              "PATCH answered " + edit.statusCode() + ": " + edit.body());
        }
        Thread.sleep(bench.afterEditWaitSeconds * 1000L);
        idleCpu[r] = (server.cpuNanos() - cpu0) / 1e9;
        long t0 = System.nanoTime();
        var page = bench.get(url + "/api/v1/themes?limit=100");
        first[r] = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        bench.get(url + "/api/v1/themes?limit=1000");
        list[r] = (System.nanoTime() - t1) / 1e6;
        roundCpu[r] = (server.cpuNanos() - cpu0) / 1e9;
        boolean named = page.toString().contains(JSON.writeValueAsString(renamed));
        System.out.printf(
            Locale.ROOT,
            "round %d: server CPU %.2f s in the %d s after the edit, %.2f s in the round; GET"
                + " limit=100 %.1f ms (current %s, the new name %s), limit=1000 %.1f ms; load %.2f%n",
            r + 1,
            idleCpu[r],
            bench.afterEditWaitSeconds,
            roundCpu[r],
            first[r],
            page.at("/freshness/current").asBoolean(),
            named ? "listed" : "MISSING",
            list[r],
            BenchHttpCommand.loadAverage());
      }
      System.out.printf(
          Locale.ROOT,
          "after an edit: GET /themes?limit=100 %s%n  GET /themes?limit=1000 %s%n  server CPU in"
              + " the pause after the edit: median %.2f s; in the whole round: median %.2f s%n",
          BenchHttpCommand.percentiles(first),
          BenchHttpCommand.percentiles(list),
          median(idleCpu),
          median(roundCpu));
    }
    return 0;
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
