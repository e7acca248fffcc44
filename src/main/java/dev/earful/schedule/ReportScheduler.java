package dev.earful.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.alert.Webhook;
import dev.earful.alert.WebhookDispatcher;
import dev.earful.domain.PersonalData;
import dev.earful.report.ReviewDocuments;
import dev.earful.report.ReviewReport;
import dev.earful.report.ReviewReporter;
import dev.earful.report.ReviewRequest;
import dev.earful.search.InvalidRequestException;
import dev.earful.store.AtomicFiles;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the report schedules: every {@code tick} (and once at start) each schedule whose latest week
 * or month has ended and has no recorded run gets one. The run builds the review report for that
 * period (the period is given, so the report reads no clock: the same data give the same bytes),
 * writes each format to {@code <folder>/<schedule id>-<from>_<to>.<ext>} (a temporary file forced
 * to disk, then moved over), POSTs each format to the webhook, and records the run.
 *
 * <p>Only the latest ended period runs: a server that was down for three weeks writes the last
 * week's report once at start (trigger "startup"), not three. A run is recorded when it has
 * finished, so a process killed in the middle of one runs it again at start: files and deliveries
 * are at least once, and the {@code X-Earful-Run} header (the same on every attempt and re-run)
 * lets a receiver deduplicate.
 *
 * <p>Delivery reuses the alerts' webhook settings and signature ({@code X-Earful-Signature:
 * sha256=<hex HMAC-SHA256 of the body>}); a failed attempt is retried within the run after the
 * webhook's backoff, doubled after each failure, until 2xx or {@code maxAttempts}. One thread runs
 * everything: schedules are few and a report at 1M responses takes about a second.
 */
public final class ReportScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);
  public static final Duration DEFAULT_TICK = Duration.ofMinutes(1);
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ScheduleStore store;
  private final ReviewReporter reporter;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Duration tick;
  private final HttpClient client;
  private final ScheduledThreadPoolExecutor executor;

  public ReportScheduler(
      ScheduleStore store,
      ReviewReporter reporter,
      ObjectMapper mapper,
      Clock clock,
      Duration tick) {
    this.store = store;
    this.reporter = reporter;
    this.mapper = mapper;
    this.clock = clock;
    this.tick = tick;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "earful-report-schedules");
              t.setDaemon(true);
              return t;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Runs what was missed while the server was down, then checks every tick. */
  public void start() {
    executor.execute(() -> runDueSafely("startup"));
    executor.scheduleWithFixedDelay(
        () -> runDueSafely("schedule"), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runDueSafely(String trigger) {
    try {
      runDue(trigger);
    } catch (RuntimeException e) {
      LOG.error("running the report schedules failed unexpectedly", e);
    }
  }

  /** Runs every schedule that is due now; returns the runs made (recorded). */
  public synchronized List<ScheduleRun> runDue(String trigger) {
    Instant now = clock.instant();
    List<ScheduleRun> made = new ArrayList<>();
    for (ReportSchedule s : store.schedules()) {
      Every.Period p = s.every().lastCompleted(now);
      if (s.covers(p) && !store.hasRun(s.id(), p.from()) && store.schedule(s.id()).isPresent()) {
        ScheduleRun run = run(s, p, trigger, now);
        if (Thread.currentThread().isInterrupted()) {
          return made; // closing mid-run: not recorded, so it runs again at the next start
        }
        store.record(run);
        made.add(run);
        LOG.info(
            "report schedule {} ({}): {} to {}, {}",
            s.id(),
            s.name(),
            p.from(),
            p.to(),
            run.outcome());
      }
    }
    return made;
  }

  private ScheduleRun run(ReportSchedule s, Every.Period p, String trigger, Instant now) {
    String runId = s.id() + "-" + p.from();
    Map<String, List<String>> params = new TreeMap<>(s.report());
    params.put("from", List.of(p.from().toString()));
    params.put("to", List.of(p.to().toString()));
    ReviewReport report;
    try {
      report = reporter.build(ReviewRequest.parse(params)).orElseThrow();
    } catch (RuntimeException e) {
      LOG.warn("report schedule {}: the report could not be made", s.id(), e);
      return new ScheduleRun(
          runId,
          s.id(),
          now,
          trigger,
          p.from(),
          p.to(),
          "failed",
          List.of(),
          List.of(),
          "the report could not be made: "
              + (e instanceof InvalidRequestException invalid
                  ? invalid.getMessage()
                  : e.getClass().getSimpleName()));
    }
    List<ScheduleRun.FileWritten> files = new ArrayList<>();
    List<ScheduleRun.Delivery> deliveries = new ArrayList<>();
    for (ReviewRequest.Format format : s.formats()) {
      byte[] bytes = ReviewDocuments.render(report, format, mapper);
      String fileName = s.id() + "-" + p.from() + "_" + p.to() + "." + format.extension();
      if (s.folder() != null) {
        files.add(write(Path.of(s.folder()), fileName, format, bytes));
      }
      if (s.webhook() != null) {
        deliveries.add(post(s.webhook(), runId, p, fileName, format, bytes));
      }
    }
    long good =
        files.stream().filter(f -> f.error() == null).count()
            + deliveries.stream().filter(ScheduleRun.Delivery::delivered).count();
    String outcome =
        good == files.size() + deliveries.size() ? "ok" : good == 0 ? "failed" : "partial";
    return new ScheduleRun(
        runId, s.id(), now, trigger, p.from(), p.to(), outcome, files, deliveries, null);
  }

  /**
   * The report files this scheduler wrote, as a store of personal data: a report names customers
   * (success stories, falling scores) and quotes comments, and its file stays in the schedule's
   * folder. After a customer or a response is erased from the index, every file of a recorded run
   * that is still there is made again for its period from what the index now holds, so no copy is
   * left; a report already posted to a webhook cannot be called back (README says so).
   */
  public PersonalData writtenFiles() {
    return new PersonalData() {
      @Override
      public String kind() {
        return "reportFiles";
      }

      @Override
      public int eraseCustomer(String customer) {
        return rewriteWrittenFiles();
      }

      @Override
      public int eraseResponse(String responseId) {
        return rewriteWrittenFiles();
      }
    };
  }

  /**
   * Makes every still-present file of every recorded run again, from the index as it is now;
   * returns how many files changed. One report is built per run, whatever its formats.
   */
  synchronized int rewriteWrittenFiles() {
    int changed = 0;
    for (ScheduleRun run : store.runs(null)) {
      List<ScheduleRun.FileWritten> present =
          run.files().stream()
              .filter(f -> f.error() == null && Files.isRegularFile(Path.of(f.path())))
              .toList();
      if (present.isEmpty()) {
        continue;
      }
      ReportSchedule s = store.schedule(run.scheduleId()).orElse(null);
      Map<String, List<String>> params = new TreeMap<>(s == null ? Map.of() : s.report());
      params.put("from", List.of(run.from().toString()));
      params.put("to", List.of(run.to().toString()));
      ReviewReport report;
      try {
        report = reporter.build(ReviewRequest.parse(params)).orElse(null);
      } catch (RuntimeException e) {
        report = null;
      }
      for (ScheduleRun.FileWritten f : present) {
        Path path = Path.of(f.path());
        try {
          if (report == null || s == null) {
            // Nothing left to report on (or the schedule is gone): the old file must not stay.
            Files.delete(path);
            changed++;
            continue;
          }
          ReviewRequest.Format format = formatOf(f.format());
          byte[] bytes = ReviewDocuments.render(report, format, mapper);
          if (!java.util.Arrays.equals(bytes, Files.readAllBytes(path))) {
            ScheduleRun.FileWritten rewritten =
                write(path.getParent(), path.getFileName().toString(), format, bytes);
            if (rewritten.error() != null) {
              Files.delete(path);
            }
            changed++;
          }
        } catch (IOException e) {
          LOG.error("report file {} could not be rewritten after an erasure", path, e);
        }
      }
    }
    return changed;
  }

  private static ReviewRequest.Format formatOf(String wireName) {
    for (ReviewRequest.Format f : ReviewRequest.Format.values()) {
      if (f.wireName().equals(wireName)) {
        return f;
      }
    }
    throw new IllegalStateException("a run names a format it wrote: " + wireName);
  }

  /** Writes atomically and durably ({@link AtomicFiles}): a reader never sees half a report. */
  private static ScheduleRun.FileWritten write(
      Path folder, String fileName, ReviewRequest.Format format, byte[] bytes) {
    Path target = folder.resolve(fileName);
    try {
      AtomicFiles.write(target, bytes);
      return new ScheduleRun.FileWritten(format.wireName(), target.toString(), bytes.length, null);
    } catch (IOException e) {
      return new ScheduleRun.FileWritten(
          format.wireName(),
          target.toString(),
          0,
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private ScheduleRun.Delivery post(
      Webhook hook,
      String runId,
      Every.Period p,
      String fileName,
      ReviewRequest.Format format,
      byte[] bytes) {
    int status = 0;
    String error = null;
    int attempt = 0;
    while (attempt < hook.maxAttempts()) {
      attempt++;
      try {
        HttpRequest request =
            HttpRequest.newBuilder(hook.url())
                .timeout(TIMEOUT)
                .header("Content-Type", format.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("User-Agent", "Earful-Webhooks")
                .header("X-Earful-Signature", WebhookDispatcher.signature(hook.secret(), bytes))
                .header("X-Earful-Run", runId)
                .header("X-Earful-Period", p.from() + "/" + p.to())
                .header("X-Earful-Attempt", String.valueOf(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        error = status >= 200 && status <= 299 ? null : "HTTP " + status;
      } catch (IOException e) {
        status = 0;
        error =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ScheduleRun.Delivery(
            format.wireName(), hook.url().toString(), status, attempt, false, "interrupted");
      }
      if (error == null) {
        break;
      }
      if (attempt < hook.maxAttempts()) {
        try {
          Thread.sleep(hook.backoffAfter(attempt).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return new ScheduleRun.Delivery(
        format.wireName(), hook.url().toString(), status, attempt, error == null, error);
  }

  /** Stops checking; waits for a run under way. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    client.close();
  }
}
