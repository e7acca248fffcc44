package dev.earful.http;

import dev.earful.ingest.ResponseIngestor;
import dev.earful.ingest.SentimentRefiner;
import dev.earful.search.ResponseIndex;
import dev.earful.search.SearchService;
import dev.earful.themes.DiscoveryScheduler;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the operator's figures in the Prometheus text format, through Micrometer.
 *
 * <ul>
 *   <li>{@code http_server_requests_seconds} (count, sum, max, buckets from 5 ms to 10 s) per
 *       {@code method}, {@code route} (the route's pattern, so ids do not make new series; {@code
 *       unmatched} for a path no route has, {@code page} for the web page's files) and {@code
 *       status};
 *   <li>{@code earful_import_records_total} by {@code outcome} (received, indexed, updated,
 *       rejected);
 *   <li>{@code earful_index_responses}, {@code earful_index_size_bytes}, {@code
 *       earful_index_comments} by {@code language};
 *   <li>{@code earful_index_refreshes_total}, {@code earful_index_refresh_waits_total};
 *   <li>{@code earful_index_commits_seconds} and {@code earful_discovery_runs_seconds} (count and
 *       total time), {@code earful_discovery_running};
 *   <li>{@code earful_requests_in_flight} by {@code kind} (all, heavy);
 *   <li>{@code earful_sentiment_refinement_pending}: responses whose sentiment the background
 *       refinement has still to re-score with the cascade (with {@code --sentiment-stage refine});
 *   <li>JVM memory, GC, threads, classes, CPU and uptime (Micrometer's binders).
 * </ul>
 *
 * The core packages keep plain counters; they are read here, when Prometheus scrapes, so no core
 * class depends on Micrometer. Every request is also one access event in the log (logger {@code
 * dev.earful.http.access}: off in text logs, on in JSON logs), named by its request id.
 */
public final class PrometheusMetrics implements Controller, AutoCloseable {

  static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.earful.http.access");
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /** The stored comments by language, read when Prometheus scrapes; null until bound. */
  private volatile Runnable languages;

  public PrometheusMetrics(
      ResponseIndex index,
      ResponseIngestor ingestor,
      DiscoveryScheduler discovery,
      SentimentRefiner refinement) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    // The JIT compiler's time: in the first minutes of a server it takes a third to a half of the
    // CPU (a profile of bench-http at a million responses), which latency figures should say.
    new JvmCompilationMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    for (String outcome : new String[] {"received", "indexed", "updated", "rejected"}) {
      ToDoubleFunction<ResponseIngestor> count =
          i -> {
            ResponseIngestor.Totals t = i.totals();
            return switch (outcome) {
              case "received" -> t.received();
              case "indexed" -> t.indexed();
              case "updated" -> t.updated();
              default -> t.rejected();
            };
          };
      FunctionCounter.builder("earful.import.records", ingestor, count)
          .description("records received by imports and what became of them")
          .tag("outcome", outcome)
          .register(registry);
    }
    if (refinement != null) {
      Gauge.builder("earful.sentiment.refinement.pending", refinement, r -> r.status().pending())
          .description(
              "stored responses still carrying the fast model's sentiment, waiting for the"
                  + " cascade's (--sentiment-stage refine)")
          .register(registry);
    }
    Gauge.builder("earful.index.responses", index, ResponseIndex::count)
        .description("responses stored in the index")
        .register(registry);
    Gauge.builder("earful.index.size", index, i -> i.store().sizeInBytes())
        .description("bytes of the index files on disk")
        .baseUnit("bytes")
        .register(registry);
    ToLongFunction<ResponseIndex> commits = i -> i.store().commits();
    FunctionTimer.builder(
            "earful.index.commits",
            index,
            commits,
            i -> i.store().commitNanos(),
            TimeUnit.NANOSECONDS)
        .description("index commits (each an fsync) and their time")
        .register(registry);
    FunctionCounter.builder("earful.index.refreshes", index, i -> i.store().refreshes())
        .description("index refreshes: new index states for reads, each emptying their caches")
        .register(registry);
    FunctionCounter.builder("earful.index.refresh.waits", index, i -> i.store().deferredRefreshes())
        .description(
            "writes that waited for the refresh interval because reads were running before"
                + " answering")
        .register(registry);
    ToLongFunction<DiscoveryScheduler> runs = DiscoveryScheduler::runs;
    FunctionTimer.builder(
            "earful.discovery.runs",
            discovery,
            runs,
            DiscoveryScheduler::runMillis,
            TimeUnit.MILLISECONDS)
        .description("theme discovery runs and their time")
        .register(registry);
    Gauge.builder("earful.discovery.running", discovery, d -> d.running() ? 1 : 0)
        .description("1 while a theme discovery runs")
        .register(registry);
  }

  /**
   * Counts the searches answered from the result cache and the searches run, and the stored
   * comments by language ({@code earful_index_comments{language="fra"}}; the languages come and go
   * with the data, so the gauge's rows are set at each scrape).
   */
  public void bind(SearchService search) {
    MultiGauge comments =
        MultiGauge.builder("earful.index.comments")
            .description(
                "stored comments by language (ISO 639-3); Earful finds themes and sentiment in"
                    + " English (eng) only")
            .register(registry);
    languages =
        () ->
            comments.register(
                search.storedLanguages().counts().entrySet().stream()
                    .map(e -> MultiGauge.Row.of(Tags.of("language", e.getKey()), e.getValue()))
                    .toList(),
                true);
    FunctionCounter.builder("earful.search.results", search, s -> s.cacheHitsAndMisses()[0])
        .description("searches answered: from the result cache of the same index state, or run")
        .tag("outcome", "cached")
        .register(registry);
    FunctionCounter.builder("earful.search.results", search, s -> s.cacheHitsAndMisses()[1])
        .description("searches answered: from the result cache of the same index state, or run")
        .tag("outcome", "run")
        .register(registry);
  }

  /** Counts the requests in flight as {@code limits} sees them. */
  void bind(RequestLimits limits) {
    Gauge.builder("earful.requests.in.flight", limits, RequestLimits::inFlight)
        .description("API requests being served")
        .tag("kind", "all")
        .register(registry);
    Gauge.builder("earful.requests.in.flight", limits, RequestLimits::heavyInFlight)
        .description("API requests being served")
        .tag("kind", "heavy")
        .register(registry);
    ReadGate reads = limits.reads();
    Gauge.builder("earful.reads.waiting", reads, ReadGate::waiting)
        .description(
            "API reads waiting for their turn (at most " + reads.permits() + " run at once)")
        .register(registry);
    FunctionTimer.builder(
            "earful.reads.wait",
            reads,
            ReadGate::admitted,
            ReadGate::waitNanos,
            TimeUnit.NANOSECONDS)
        .description("API reads let in, and the time they waited for their turn")
        .register(registry);
    FunctionCounter.builder("earful.reads.refused", reads, ReadGate::refused)
        .description("API reads answered 429 because their wait for a turn ran out")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get(PATH, this::scrape);
  }

  private void scrape(Context ctx) {
    Runnable refresh = languages;
    if (refresh != null) {
      refresh.run();
    }
    ctx.contentType(CONTENT_TYPE).result(registry.scrape());
  }

  /** After every request Javalin served (Javalin's request logger): its meter and log event. */
  void record(Context ctx, Float millis) {
    try {
      String route = route(ctx);
      int status = ctx.statusCode();
      long nanos = (long) (millis * 1_000_000.0);
      Timer.builder("http.server.requests")
          .description("HTTP requests answered, by route, method and status")
          .tag("method", ctx.method().name())
          .tag("route", route)
          .tag("status", Integer.toString(status))
          .serviceLevelObjectives(BUCKETS)
          .register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
      if (ACCESS.isInfoEnabled()) {
        ACCESS
            .atInfo()
            .addKeyValue("method", ctx.method().name())
            .addKeyValue("path", ctx.path())
            .addKeyValue("route", route)
            .addKeyValue("status", status)
            .addKeyValue("millis", Math.round(millis * 10) / 10.0)
            .log(
                "{} {} {} in {} ms",
                ctx.method().name(),
                ctx.path(),
                status,
                String.format(java.util.Locale.ROOT, "%.1f", millis));
      }
    } finally {
      RequestIds.clear();
    }
  }

  /** The matched route's pattern: a bounded set of values, whatever paths clients ask for. */
  static String route(Context ctx) {
    Endpoint matched = null;
    try {
      matched = ctx.endpoints().matchedHttpEndpoint();
    } catch (RuntimeException none) {
      // no route matched
    }
    if (matched != null && !matched.path.equals("*") && !matched.path.isEmpty()) {
      return matched.path.replace('<', '{').replace('>', '}'); // as the OpenAPI document writes it
    }
    return ctx.path().startsWith("/api/") || ctx.path().equals(PATH) ? "unmatched" : "page";
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
