package dev.earful.devtools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.Metric;
import dev.earful.followup.Followup;
import dev.earful.followup.FollowupCodec;
import dev.earful.followup.FollowupKind;
import dev.earful.followup.FollowupPatch;
import dev.earful.followup.FollowupQuery;
import dev.earful.followup.FollowupQueue;
import dev.earful.followup.FollowupStatus;
import dev.earful.http.Json;
import dev.earful.search.Filter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures what paging the follow-up queue costs: opens a real {@link FollowupQueue} of N generated
 * follow-ups (open, due over the last and next ten days, one response each), then reads the first
 * pages of an every-status list one after another, each with the cursor of the page before, as
 * {@code GET /api/v1/followups} does ({@link FollowupQueue#listed}, then {@link
 * FollowupQuery#page}), and prints per page the median and range of both parts over the rounds.
 */
@Command(
    name = "bench-followups",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark follow-up paging: the first pages of an every-status list of N follow-ups,",
      "each read with the cursor of the one before; prints per page the time to list the queue",
      "and to cut the page (median and range over the rounds, the first round not counted)."
    })
public final class BenchFollowupsCommand implements Callable<Integer> {

  @Option(
      names = "--count",
      defaultValue = "100000",
      description = "follow-ups in the queue (default ${DEFAULT-VALUE})")
  int count;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "rows per page (default ${DEFAULT-VALUE})")
  int limit;

  @Option(
      names = "--pages",
      defaultValue = "3",
      description = "pages read one after another per round (default ${DEFAULT-VALUE})")
  int pages;

  @Option(
      names = "--rounds",
      defaultValue = "11",
      description = "rounds; the first is a warm-up and not counted (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(
      names = "--changes",
      defaultValue = "0",
      description = {
        "follow-ups changed before each page but the first (a new due time, so each moves in the",
        "queue), as a team working through the queue changes it between pages; not timed",
        "(default ${DEFAULT-VALUE})"
      })
  int changes;

  @Mixin GeneratorSeed seed;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || limit < 1 || pages < 1 || rounds < 2 || changes < 0) {
      System.err.println(
          "--count, --limit and --pages must be positive, --rounds at least 2, --changes not"
              + " negative");
      return 2;
    }
    Path dir = Files.createTempDirectory("earful-bench-followups");
    ObjectMapper mapper = Json.newMapper();
    Instant now = Instant.now();
    write(dir, mapper, now);
    FollowupQueue.ResponseMatcher noIndex =
        new FollowupQueue.ResponseMatcher() {
          @Override
          public Set<String> matchingIds(Filter filter, Collection<String> responseIds) {
            throw new IllegalStateException("an every-status list asks no response filter");
          }

          @Override
          public Set<String> withheldIds(Collection<String> responseIds) {
            return Set.of();
          }
        };
    long[][] listing = new long[pages][rounds - 1];
    long[][] cutting = new long[pages][rounds - 1];
    SplittableRandom changing = new SplittableRandom(seed.value() + 1);
    // the thread's CPU too: on a shared box the wall time of the opening is mostly the others'
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long opening = System.nanoTime();
    long openingCpu = threads.getCurrentThreadCpuTime();
    try (FollowupQueue queue = FollowupQueue.open(dir, noIndex, Clock.systemUTC(), mapper)) {
      opening = System.nanoTime() - opening;
      openingCpu = threads.getCurrentThreadCpuTime() - openingCpu;
      for (int r = 0; r < rounds; r++) {
        String cursor = null;
        for (int p = 0; p < pages; p++) {
          if (p > 0) {
            change(queue, changing, now);
          }
          Map<String, List<String>> params =
              cursor == null
                  ? Map.of("limit", List.of(Integer.toString(limit)))
                  : Map.of("limit", List.of(Integer.toString(limit)), "cursor", List.of(cursor));
          long t0 = System.nanoTime();
          FollowupQuery query = FollowupQuery.parse(params);
          FollowupQueue.Listed listed = queue.listed(query);
          long t1 = System.nanoTime();
          Map<String, Object> page = query.page(listed);
          long t2 = System.nanoTime();
          if (r > 0) {
            listing[p][r - 1] = t1 - t0;
            cutting[p][r - 1] = t2 - t1;
          }
          cursor = (String) page.get("nextCursor");
          if (cursor == null) {
            break;
          }
        }
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
    System.out.printf(
        Locale.ROOT,
        "%,d follow-ups, every-status list, limit %d, %d changed before each page after the"
            + " first, %d rounds counted%n",
        count,
        limit,
        changes,
        rounds - 1);
    System.out.printf(
        Locale.ROOT,
        "queue opened from its journal in %.1f ms, %.1f ms of its thread's CPU (one run)%n",
        opening / 1e6,
        openingCpu / 1e6);
    for (int p = 0; p < pages; p++) {
      System.out.printf(
          Locale.ROOT,
          "page %d: list %s, cut %s, total %s%n",
          p + 1,
          summary(listing[p]),
          summary(cutting[p]),
          summary(sum(listing[p], cutting[p])));
    }
    return 0;
  }

  /** {@link #changes} follow-ups given a new due time over the same twenty days. */
  private void change(FollowupQueue queue, SplittableRandom random, Instant now) {
    for (int i = 0; i < changes; i++) {
      String id = String.format(Locale.ROOT, "fu-%08d", random.nextInt(count));
      Instant due = now.plusSeconds(random.nextInt(-86_400 * 10, 86_400 * 10));
      queue.update(id, new FollowupPatch(null, false, null, due, null), "bench");
    }
  }

  /** N follow-ups written as the queue's journal, so the queue opens them as it would its own. */
  private void write(Path dir, ObjectMapper mapper, Instant now) throws Exception {
    SplittableRandom random = new SplittableRandom(seed.value());
    List<String> lines = new ArrayList<>(count);
    Instant created = now.minus(Duration.ofDays(30));
    for (int i = 0; i < count; i++) {
      Instant submitted = created.minusSeconds(random.nextInt(86_400 * 30));
      Instant due = now.plusSeconds(random.nextInt(-86_400 * 10, 86_400 * 10));
      String id = String.format(Locale.ROOT, "fu-%08d", i);
      Followup f =
          new Followup(
              id,
              "r" + i,
              FollowupKind.RECOVER,
              "detractors",
              FollowupStatus.OPEN,
              null,
              due,
              created,
              created,
              Metric.NPS,
              random.nextInt(7),
              "customer" + random.nextInt(count),
              "account" + random.nextInt(5000),
              submitted,
              "A generated comment " + i,
              List.of(),
              List.of(new Followup.Change(created, "rule:detractors", "status", null, "open")),
              null);
      lines.add(mapper.writeValueAsString(FollowupCodec.toMap(f)));
    }
    Files.write(dir.resolve(FollowupQueue.JOURNAL), lines);
  }

  private static long[] sum(long[] a, long[] b) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  /** "median ms (min-max)". */
  private static String summary(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return String.format(
        Locale.ROOT,
        "%.1f ms (%.1f-%.1f)",
        s[s.length / 2] / 1e6,
        s[0] / 1e6,
        s[s.length - 1] / 1e6);
  }
}
