package dev.earful;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.alert.AlertEvaluator;
import dev.earful.alert.AlertStore;
import dev.earful.alert.WebhookDispatcher;
import dev.earful.config.AppConfig;
import dev.earful.config.ConfigException;
import dev.earful.domain.Analysis;
import dev.earful.domain.PersonalData;
import dev.earful.followup.FollowupQueue;
import dev.earful.http.AccountsController;
import dev.earful.http.AlertsController;
import dev.earful.http.AnalyzeController;
import dev.earful.http.Controller;
import dev.earful.http.FollowupsController;
import dev.earful.http.HealthController;
import dev.earful.http.HttpApi;
import dev.earful.http.ImpactController;
import dev.earful.http.Json;
import dev.earful.http.OpenApiController;
import dev.earful.http.PrometheusMetrics;
import dev.earful.http.ReportSchedulesController;
import dev.earful.http.ReportsController;
import dev.earful.http.ResponsesController;
import dev.earful.http.SearchController;
import dev.earful.http.SentimentController;
import dev.earful.http.TargetsController;
import dev.earful.http.ThemesController;
import dev.earful.impact.AccountRollups;
import dev.earful.impact.ImpactService;
import dev.earful.impact.MetricsCalculator;
import dev.earful.impact.ReviewAnalyzer;
import dev.earful.ingest.ImportRequestLimits;
import dev.earful.ingest.Reanalysis;
import dev.earful.ingest.ResponseIngestor;
import dev.earful.ingest.ResponseValidator;
import dev.earful.ingest.SentimentRefiner;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.report.ReviewReporter;
import dev.earful.schedule.ReportScheduler;
import dev.earful.schedule.ScheduleStore;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import dev.earful.search.SearchService;
import dev.earful.sentiment.SentimentScorer;
import dev.earful.store.AtomicFiles;
import dev.earful.store.FormatUpgrade;
import dev.earful.store.StoredFormat;
import dev.earful.store.StoredFormatException;
import dev.earful.store.UpgradeCheckpoint;
import dev.earful.targets.TargetStore;
import dev.earful.targets.TargetTracker;
import dev.earful.themes.DiscoveryScheduler;
import dev.earful.themes.Taxonomy;
import dev.earful.themes.ThemeDiscoverer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every service from an {@link AppConfig} (the NLP pipeline, the
 * sentiment model (the data folder's own, else the default), the index under the data folder,
 * search, metrics, the ingestor, the theme catalog) and, on {@link #startHttp()}, the HTTP API with
 * every controller. Used by {@code serve}, by {@code import} and {@code search} on a data folder,
 * and by tests. {@link #close()} stops the server and closes the index, in that order, once.
 */
public final class EarfulApp implements AutoCloseable {

  public static final String VERSION = "0.1.0";

  /**
   * {@code <data>/discovery-due}: written by a server that stops while a theme discovery after its
   * last imports is waiting or running ({@code DiscoveryScheduler.cancelForStop}), read and removed
   * by the next server's start, which schedules it.
   */
  static final String DISCOVERY_DUE = "discovery-due";

  private final AppConfig config;
  private final ObjectMapper mapper = Json.newMapper();
  private final TextAnalyzer analyzer;
  private final SentimentScorer sentiment;
  private final Taxonomy themes;
  private final DiscoveryScheduler discovery;
  private final ResponseIndex index;
  private final SearchService search;
  private final MetricsCalculator metrics;
  private final ImpactService impact;
  private final ReviewReporter reviews;
  private final TargetStore targets;
  private final ResponseIngestor ingestor;

  /** The scorer of texts analysed on request: the cascade unless the setting is fast. */
  private final java.util.function.Supplier<SentimentScorer> sentimentOnRequest;

  /**
   * Re-scores stored responses with the cascade (refine setting, a model with a stage); or null.
   */
  private final SentimentRefiner refiner;

  private static final Logger LOG = LoggerFactory.getLogger(EarfulApp.class);
  private final Clock clock;
  private final ScheduleStore schedules;
  private final ReportScheduler scheduler;
  private final AccountRollups accounts;
  private final FollowupQueue followups;
  private final AlertStore alerts;
  private final WebhookDispatcher webhooks;
  private final AlertEvaluator alertEvaluator;
  private HttpApi http;
  private PrometheusMetrics prometheus;
  private boolean closed;

  /**
   * The re-analysis an older folder needs before its answers are today's, or null when the folder
   * was new or current. Run in the constructor, or, for a server, after it listens (see {@link
   * #openDeferringUpgrade}) so that health can say how far it has come.
   */
  private final FormatUpgrade upgrade;

  private EarfulApp(AppConfig config, Clock clock, boolean deferUpgrade) {
    this.config = config;
    this.clock = clock;
    LogSetup.apply(config.logFormat());
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new ConfigException(
          "EARFUL_DATA", "cannot create the data folder " + config.dataDir() + ": " + e);
    }
    this.analyzer = new TextAnalyzer();
    // Before anything is opened for writing: a folder of a newer release is refused untouched.
    int storedFormat = StoredFormat.of(config.dataDir());
    this.themes = Taxonomy.open(config.dataDir(), analyzer);
    this.index =
        ResponseIndex.open(
            config.dataDir(), themes, java.time.Duration.ofMillis(config.refreshIntervalMillis()));
    try {
      StoredFormat.requireReadable(config.dataDir(), index.storedFormat());
      this.search = new SearchService(index);
      this.metrics = new MetricsCalculator(index);
      this.impact = new ImpactService(index);
      this.targets = TargetStore.open(config.dataDir(), mapper);
      this.reviews =
          new ReviewReporter(
              new ReviewAnalyzer(index, impact), targets::all, themes, search::commentLanguages);
      this.sentiment =
          SentimentScorer.load(config.dataDir(), config.sentimentStage().cascadeOnImport());
      // Every response written records the model that scored it, so that after a retrain
      // (train-sentiment --data) and a restart the refinement re-scores what the older model did.
      index.scoringModel(sentimentModelId(sentiment.source()));
      // Texts analysed on request, and the refinement, get the labels the folder ends with.
      this.sentimentOnRequest =
          config.sentimentStage().cascadeInTheEnd() ? sentiment.cascadeOnDemand() : () -> sentiment;
      UnaryOperator<Analysis> scoreSentiment = sentiment::score;
      this.ingestor =
          new ResponseIngestor(analyzer, scoreSentiment, index, config.effectiveAnalysisThreads());
      this.discovery =
          new DiscoveryScheduler(
              new ThemeDiscoverer(),
              sink -> index.scan(r -> sink.accept(r.analysis())),
              themes,
              Duration.ofSeconds(config.discoveryDebounceSeconds()));
      if (config.discoveryDebounceSeconds() > 0) {
        ingestor.addAfterImportHook(discovery::requestSoon);
      }
      this.refiner = newRefiner();
      if (refiner != null) {
        ingestor.addAfterImportHook(refiner::importFinished);
      }
      this.accounts = new AccountRollups(index);
      this.followups = FollowupQueue.open(config.dataDir(), index, clock, mapper);
      this.alerts = AlertStore.open(config.dataDir(), mapper);
      alerts.storedResponses(ids -> index.matchingIds(Filter.ALL, ids));
      this.webhooks = new WebhookDispatcher(alerts, clock);
      this.alertEvaluator = new AlertEvaluator(alerts, index, impact, webhooks, clock, mapper);
      this.schedules = ScheduleStore.open(config.dataDir(), mapper);
      this.scheduler =
          new ReportScheduler(schedules, reviews, mapper, clock, ReportScheduler.DEFAULT_TICK);
      // Follow-ups first: they are the durable promise of the import; alerts are told after.
      ingestor.addReportingBatchListener(
          (chunk, options) -> followups.onImported(chunk, options.followups()));
      // Alerts watch what arrives, whatever the import asked of the follow-up queue.
      ingestor.addReportingBatchListener((chunk, options) -> alertEvaluator.onImported(chunk));
      if (refiner != null) {
        // The rules that read sentiment are decided again on the refined labels (review R1).
        refiner.afterWrite(
            (before, after) -> {
              followups.onRefined(before, after);
              alertEvaluator.onRefined(before, after);
            });
      }
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
    try {
      this.upgrade = prepareUpgrade(storedFormat);
      if (upgrade != null && !deferUpgrade) {
        upgrade(LOG::info);
      }
    } catch (RuntimeException e) {
      discovery.close();
      ingestor.close();
      index.close();
      throw e;
    }
  }

  /**
   * The background refinement of stored responses not scored by the cascade, or null: with {@code
   * fast}, or a model without an embedding stage (the fast model's labels are then the final ones).
   * Under {@code cascade} imports are scored by the cascade, so it finds only what was stored
   * before (under fast or refine): the folder still ends with the cascade's labels (review R15).
   */
  private SentimentRefiner newRefiner() {
    if (!config.sentimentStage().cascadeInTheEnd() || sentiment.model().stage() == null) {
      return null;
    }
    return new SentimentRefiner(
        index,
        a -> sentimentOnRequest.get().score(a),
        Duration.ofSeconds(config.refineQuietSeconds()),
        this::upgradePending,
        ingestor::importing,
        () -> {
          // sub-themes read sentiment: themes end as an import with the cascade would give them
          if (config.discoveryDebounceSeconds() > 0) {
            discovery.requestSoon();
          }
        });
  }

  /**
   * An id of the sentiment model file at {@code source} (a path, or {@code classpath:} and a
   * resource): the first 16 hex digits of the SHA-256 of its bytes, so a copy of the same model is
   * the same model and a retrained one is another. Null when it cannot be read (then responses
   * record no model, as before session 24).
   */
  static String sentimentModelId(String source) {
    String classpath = "classpath:";
    try (InputStream in =
        source.startsWith(classpath)
            ? SentimentScorer.class.getResourceAsStream(source.substring(classpath.length()))
            : Files.newInputStream(Path.of(source))) {
      if (in == null) {
        return null;
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (IOException | NoSuchAlgorithmException e) {
      LOG.warn("cannot read the sentiment model {} to name it: responses record no model", source);
      return null;
    }
  }

  /**
   * The upgrade {@code found} needs: none for a current folder; for a new one only the format is
   * recorded, at once; an older one gets a {@link FormatUpgrade} to run.
   */
  private FormatUpgrade prepareUpgrade(int found) {
    if (found == StoredFormat.CURRENT && index.storedFormat() == StoredFormat.CURRENT) {
      // a crash after the format file was written and before the checkpoint was removed
      UpgradeCheckpoint.delete(config.dataDir());
      return null;
    }
    if (found == StoredFormat.EMPTY || found >= StoredFormat.CURRENT) {
      markCurrent();
      return null;
    }
    return new FormatUpgrade(found, StoredFormat.CURRENT, index.count());
  }

  private void markCurrent() {
    index.markFormat(StoredFormat.CURRENT);
    StoredFormat.write(config.dataDir(), StoredFormat.CURRENT, VERSION);
  }

  /**
   * What a stop (Ctrl-C, SIGTERM) does while {@link #upgrade} still runs: the server stops
   * answering and its address file goes at once, without waiting for the re-analysis (which holds
   * this app's lock to its end, minutes at a million responses). The process then ends; the format
   * file is written last, so the next start resumes the upgrade from its last checkpoint. Returns
   * false, and does nothing, when no upgrade is pending or no server runs: then {@link #close} is
   * the way.
   */
  public boolean stopServingIfUpgrading() {
    if (!upgradePending() || http == null) {
      return false;
    }
    http.stop();
    ServerAddressFile.remove(config.dataDir());
    return true;
  }

  /** True while the folder still waits for (or is in) its stored-format upgrade. */
  public boolean upgradePending() {
    return upgrade != null && !upgrade.finished();
  }

  /**
   * Brings a folder of an older stored format to {@link StoredFormat#CURRENT} in place, if it still
   * needs it: every response is re-analysed from its stored raw record (nothing is dropped; the
   * taxonomy file with people's edits is left as it is), then the format is recorded in the index
   * and in the format file, the file last, so an upgrade cut short runs again on the next open,
   * from the last checkpoint it saved ({@link UpgradeCheckpoint}: every 10,000 responses, or every
   * tenth of a smaller folder). {@code say} receives the lines that tell how it goes (a start line,
   * one per tenth done, an end line); the log, or the terminal of a command. A server started
   * before it (see {@link #openDeferringUpgrade}) answers 503 on its API meanwhile, and starts its
   * webhook deliveries and report schedules after it.
   */
  public synchronized void upgrade(Consumer<String> say) {
    if (!upgradePending()) {
      return;
    }
    Reanalysis.Resume from = resumePoint(say);
    if (from.done() == 0) {
      say.accept(
          "upgrading the data folder "
              + config.dataDir()
              + " from stored format "
              + upgrade.from()
              + " to "
              + upgrade.to()
              + ": re-analysing "
              + upgrade.total()
              + " responses");
    } else {
      say.accept(
          "resuming the upgrade of the data folder "
              + config.dataDir()
              + " from stored format "
              + upgrade.from()
              + " to "
              + upgrade.to()
              + " at its checkpoint: "
              + from.done()
              + " of "
              + upgrade.total()
              + " responses were re-analysed before it stopped");
    }
    upgrade.progress(from.done(), upgrade.total());
    long started = System.nanoTime();
    int[] lastTenth = {(int) (from.done() * 100 / Math.max(1, upgrade.total())) / 10};
    UpgradeCheckpoint.Point[] confirmed = {
      from.done() == 0 ? null : new UpgradeCheckpoint.Point(from.done(), from.lastId())
    };
    long rewritten =
        Reanalysis.run(
            index,
            ingestor,
            from,
            followups.withheldInFile(),
            upTo -> {
              // the file first, then the commit that makes the responses and the token durable
              UpgradeCheckpoint.Point point =
                  new UpgradeCheckpoint.Point(upTo.done(), upTo.lastId());
              UpgradeCheckpoint.write(
                  config.dataDir(), upgrade.from(), upgrade.to(), confirmed[0], point);
              index.store().markFormat(upgrade.to(), point.token(upgrade.to()));
              confirmed[0] = point;
            },
            p -> {
              upgrade.progress(p.done(), p.total());
              if (p.percent() / 10 != lastTenth[0]) {
                lastTenth[0] = p.percent() / 10;
                say.accept(
                    "upgrade: "
                        + p.done()
                        + " of "
                        + p.total()
                        + " responses ("
                        + p.percent()
                        + "%)");
              }
            });
    markCurrent();
    // the ids of a folder's followups-withheld.jsonl are stored with the responses now (R12)
    followups.withheldMoved();
    UpgradeCheckpoint.delete(config.dataDir());
    upgrade.finish();
    say.accept(
        "upgrade done: "
            + rewritten
            + " responses re-analysed in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms; the folder is in stored format "
            + StoredFormat.CURRENT);
    if (http != null) {
      startBackgroundWork();
    }
  }

  /**
   * Where the upgrade starts: at the saved checkpoint when the index's last commit carries its
   * token and it belongs to this upgrade (same formats), else from the beginning, discarding the
   * file (see {@link UpgradeCheckpoint} for why both must agree).
   */
  private Reanalysis.Resume resumePoint(Consumer<String> say) {
    UpgradeCheckpoint.Saved saved;
    try {
      saved = UpgradeCheckpoint.read(config.dataDir());
    } catch (StoredFormatException e) {
      say.accept(e.getMessage() + "; the upgrade starts from the beginning");
      UpgradeCheckpoint.delete(config.dataDir());
      return Reanalysis.Resume.START;
    }
    if (saved == null) {
      return Reanalysis.Resume.START;
    }
    String token = index.store().upgradeToken();
    if (saved.from() == upgrade.from() && saved.to() == upgrade.to() && token != null) {
      for (UpgradeCheckpoint.Point p : saved.points()) {
        if (p.token(saved.to()).equals(token) && p.done() <= upgrade.total()) {
          return new Reanalysis.Resume(p.done(), p.lastId());
        }
      }
    }
    say.accept(
        "the upgrade checkpoint "
            + config.dataDir().resolve(UpgradeCheckpoint.FILE_NAME)
            + " does not belong to this index or this upgrade (from stored format "
            + saved.from()
            + " to "
            + saved.to()
            + "); it is discarded and the upgrade starts from the beginning");
    UpgradeCheckpoint.delete(config.dataDir());
    return Reanalysis.Resume.START;
  }

  /**
   * Opens the data folder (creating it when missing) and builds the services, without a server.
   *
   * @throws dev.earful.store.IndexLockedException when another process (a server) holds the folder
   */
  public static EarfulApp open(AppConfig config) {
    return new EarfulApp(config, Clock.systemUTC(), false);
  }

  /**
   * As {@link #open(AppConfig)}, but an older folder's upgrade waits for {@link #upgrade}: a server
   * listens first, so its health check can say how far the upgrade has come, and a command can
   * print its progress.
   */
  public static EarfulApp openDeferringUpgrade(AppConfig config) {
    return new EarfulApp(config, Clock.systemUTC(), true);
  }

  /**
   * As {@link #open(AppConfig)}, with the clock every dated thing reads (follow-ups, alerts, report
   * schedules): tests move it to make a week end.
   */
  public static EarfulApp open(AppConfig config, Clock clock) {
    return new EarfulApp(config, clock, false);
  }

  /** Every store besides the index that names customers or copies responses. */
  private List<PersonalData> personalData() {
    return List.of(followups, alerts, scheduler.writtenFiles());
  }

  /** The routes of every package, in the order they are registered. */
  private List<Controller> controllers() {
    List<Controller> controllers = new ArrayList<>();
    controllers.add(
        new HealthController(
            index, discovery, VERSION, upgrade, refiner == null ? null : refiner::status));
    controllers.add(
        new ResponsesController(
            index,
            ingestor,
            themes,
            ResponseValidator.standard(),
            mapper,
            config.maxBodyBytes(),
            new ImportRequestLimits(config.maxImportRecords(), config.maxImportChars()),
            this::personalData));
    controllers.add(new SearchController(search, metrics));
    controllers.add(
        new ThemesController(themes, discovery, search, impact, mapper, config.maxBodyBytes()));
    controllers.add(
        new AnalyzeController(analyzer, sentimentOnRequest, themes, mapper, config.maxBodyBytes()));
    controllers.add(
        new SentimentController(
            sentiment,
            config.sentimentStage(),
            refiner == null ? null : refiner::status,
            config.dataDir()));
    controllers.add(new ImpactController(impact, search, discovery, themes));
    controllers.add(new OpenApiController());
    controllers.add(new AccountsController(accounts, index, themes, this::personalData, clock));
    controllers.add(
        new FollowupsController(followups, search, themes, mapper, config.maxBodyBytes()));
    controllers.add(new AlertsController(alerts, themes, mapper, config.maxBodyBytes(), clock));
    controllers.add(new ReportsController(reviews, search, mapper));
    controllers.add(
        new TargetsController(
            targets, new TargetTracker(metrics), themes, mapper, config.maxBodyBytes(), clock));
    controllers.add(
        new ReportSchedulesController(
            schedules, themes, mapper, config.maxBodyBytes(), clock, config.dataDir()));
    return controllers;
  }

  /** Starts the HTTP API on the configured host and port (0 picks a free port). */
  public synchronized EarfulApp startHttp() {
    if (http != null) {
      throw new IllegalStateException("already started");
    }
    // A server's language detector loads before it listens, not in its first import: there it took
    // about a second on one thread while the analysis threads waited (3% of the server's CPU and
    // more of the wall time in a profile of bench-http --import 100000). A command that only reads
    // never loads it.
    analyzer.loadLanguageDetector();
    prometheus = new PrometheusMetrics(index, ingestor, discovery, refiner);
    prometheus.bind(search);
    // A server's page asks for the ranking of new themes first thing: it is computed in the
    // background as soon as a discovery or an edit changes them (a command serves no page).
    themes.afterChange(impact::warmFirstPages);
    http =
        new HttpApi(config, mapper, controllers(), prometheus).start(config.host(), config.port());
    HttpApi api = http;
    ingestor.yieldTo(() -> api.readsWaiting() > 0);
    if (refiner != null) {
      // Background work: it gives way to any read in flight, not only to queued ones.
      refiner.yieldTo(
          () -> api.readsWaiting() > 0 || api.readsRunning() > 0 || discovery.running());
      refiner.start();
    }
    try {
      ServerAddressFile.write(config.dataDir(), url());
    } catch (IOException e) {
      // Only the "folder in use" message of other commands misses it; the server itself is fine.
      LOG.warn("cannot write {} in {}: {}", ServerAddressFile.NAME, config.dataDir(), e.toString());
    }
    if (!upgradePending()) {
      startBackgroundWork();
    }
    return this;
  }

  private Path discoveryDueNote() {
    return config.dataDir().resolve(DISCOVERY_DUE);
  }

  private void noteDiscoveryDue() {
    Path note = discoveryDueNote();
    try {
      AtomicFiles.write(
          note,
          "A theme discovery after the last imports was waiting or running when the server stopped; the next start runs it.\n"
              .getBytes(StandardCharsets.UTF_8));
      LOG.info(
          "stopping before the theme discovery after the last imports; the next start runs it");
    } catch (IOException e) {
      LOG.warn(
          "stopping before the theme discovery after the last imports, and cannot note it in {}"
              + " ({}): POST /api/v1/themes/discover runs it",
          note,
          e.toString());
    }
  }

  /** Schedules the discovery a server that stopped left waiting ({@link #noteDiscoveryDue()}). */
  private void runDiscoveryLeftDue() {
    Path note = discoveryDueNote();
    if (!Files.exists(note) || config.discoveryDebounceSeconds() == 0) {
      return;
    }
    discovery.requestSoon();
    LOG.info(
        "the theme discovery the last server left waiting runs in {} s",
        config.discoveryDebounceSeconds());
    try {
      Files.deleteIfExists(note);
    } catch (IOException e) {
      LOG.warn("cannot remove {} ({}): the next start runs discovery again", note, e.toString());
    }
  }

  /** What a server does on its own; not during an upgrade, which rewrites what they read. */
  private void startBackgroundWork() {
    // Alerts raised before (by an import into the folder, or before a restart) go out now.
    webhooks.start();
    // Reports of a week or month that ended while the server was down are written now, once.
    scheduler.start();
    // A dip can start or end while nothing is imported: the windows move with the clock.
    alertEvaluator.startSchedule(AlertEvaluator.SCHEDULE);
    runDiscoveryLeftDue();
  }

  /**
   * The address a client on this machine reaches the server at: the bound port, and the loopback
   * address when the server listens on every interface (0.0.0.0 or ::).
   */
  public String url() {
    String host = config.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** The HTTP API; only after {@link #startHttp()}. */
  public HttpApi http() {
    if (http == null) {
      throw new IllegalStateException("the HTTP API is not started");
    }
    return http;
  }

  /** The bound port; only after {@link #startHttp()}. */
  public int port() {
    if (http == null) {
      throw new IllegalStateException("the HTTP API is not started");
    }
    return http.port();
  }

  public AppConfig config() {
    return config;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public TextAnalyzer analyzer() {
    return analyzer;
  }

  public SentimentScorer sentiment() {
    return sentiment;
  }

  /** The background refinement of stored sentiment, or null when the setting has none. */
  public SentimentRefiner refiner() {
    return refiner;
  }

  public Taxonomy themes() {
    return themes;
  }

  /** The editable taxonomy behind {@link #themes()}. */
  public Taxonomy taxonomy() {
    return themes;
  }

  /** Theme discovery over the stored comments, on request or debounced after imports. */
  public DiscoveryScheduler discovery() {
    return discovery;
  }

  public ResponseIndex index() {
    return index;
  }

  public SearchService search() {
    return search;
  }

  public MetricsCalculator metrics() {
    return metrics;
  }

  public ImpactService impact() {
    return impact;
  }

  /** The business-review report. */
  public ReviewReporter reviews() {
    return reviews;
  }

  /** The report schedules and their runs. */
  public ScheduleStore schedules() {
    return schedules;
  }

  /** Runs the report schedules (started with the HTTP API). */
  public ReportScheduler reportScheduler() {
    return scheduler;
  }

  /** The targets set per metric and filter. */
  public TargetStore targets() {
    return targets;
  }

  public ResponseIngestor ingestor() {
    return ingestor;
  }

  public AccountRollups accounts() {
    return accounts;
  }

  public FollowupQueue followups() {
    return followups;
  }

  public AlertStore alerts() {
    return alerts;
  }

  public AlertEvaluator alertEvaluator() {
    return alertEvaluator;
  }

  /** Stops the server (finishing requests in flight), then closes the ingestor and the index. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (refiner != null) {
        refiner.close(); // before anything it writes to or reads from closes
      }
      if (http != null) {
        http.stop();
        prometheus.close();
        ServerAddressFile.remove(config.dataDir());
      }
      if (http == null) {
        // An import that asked for discovery gets it before the process ends (the CLI's import).
        discovery.flush();
      } else if (discovery.cancelForStop()) {
        // A server does not hold its stop for a whole discovery (48 s at 3,500 comments on two
        // cores; `docker stop` kills after 10 s): it leaves a note, and the next start runs the
        // discovery its last imports asked for. A run in progress is interrupted by
        // discovery.close() below.
        noteDiscoveryDue();
      }
    } finally {
      discovery.close();
      try {
        alertEvaluator.close();
        webhooks.close();
        scheduler.close();
        ingestor.close();
        followups.close();
        alerts.close();
        targets.close();
        schedules.close();
      } finally {
        index.close();
      }
    }
  }
}
