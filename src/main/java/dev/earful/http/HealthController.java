package dev.earful.http;

import dev.earful.ingest.SentimentRefiner;
import dev.earful.search.ResponseIndex;
import dev.earful.store.FormatUpgrade;
import dev.earful.store.IndexStore;
import dev.earful.themes.DiscoveryScheduler;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/health}: liveness (the process answers) and readiness, with the number of
 * stored responses and the version. 200 when ready, 503 otherwise; {@code notReady} names what is
 * not ready and {@code checks} says the state of each part. A server opened on a folder of an older
 * stored format listens while the folder is upgraded: health then answers 503 with {@code upgrade:
 * {from, to, done, total}}, and every other API route (the OpenAPI document aside) answers 503
 * {@code upgrading} with {@code Retry-After}, since the responses are being rewritten under it. A
 * discovery in progress is shown ({@code checks.discovery.state}) but does not make the server
 * unready: queries are answered with the themes of the last run until it ends; nor does the
 * background sentiment refinement ({@code checks.sentimentRefinement}: refined and pending counts,
 * state, time left), whose responses keep the fast model's labels until it reaches them. Open
 * without an API key (see {@link ApiKeyAuth}).
 */
public final class HealthController implements Controller {

  /** Seconds a client is asked to wait before it asks again during an upgrade. */
  static final int UPGRADE_RETRY_AFTER_SECONDS = 5;

  private final ResponseIndex index;
  private final DiscoveryScheduler discovery;
  private final String version;
  private final FormatUpgrade upgrade;
  private final java.util.function.Supplier<SentimentRefiner.Status> refinement;

  /**
   * @param upgrade the stored-format upgrade this folder needs, or null when it needs none
   * @param refinement the background sentiment refinement's state, or null when none runs
   */
  public HealthController(
      ResponseIndex index,
      DiscoveryScheduler discovery,
      String version,
      FormatUpgrade upgrade,
      java.util.function.Supplier<SentimentRefiner.Status> refinement) {
    this.index = index;
    this.discovery = discovery;
    this.version = version;
    this.upgrade = upgrade;
    this.refinement = refinement;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get(ApiKeyAuth.HEALTH_PATH, this::health);
    if (upgrade != null) {
      config.routes.before(this::refuseWhileUpgrading);
    }
  }

  private boolean upgrading() {
    return upgrade != null && !upgrade.finished();
  }

  /** The API waits for the upgrade: its answers would mix old and new analyses. */
  private void refuseWhileUpgrading(Context ctx) {
    String path = ctx.path();
    if (!upgrading()
        || !path.startsWith("/api/")
        || path.equals(ApiKeyAuth.HEALTH_PATH)
        || path.equals(OpenApiController.PATH)) {
      return;
    }
    ctx.header("Retry-After", Integer.toString(UPGRADE_RETRY_AFTER_SECONDS));
    throw new ProblemException(
        503,
        "upgrading",
        "Upgrade in progress",
        "the data folder is being upgraded to this release's stored format ("
            + upgrade.done()
            + " of "
            + upgrade.total()
            + " responses re-analysed); GET /api/v1/health says how far it has come",
        List.of());
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> checks = new LinkedHashMap<>();
    List<String> notReady = new ArrayList<>();
    Map<String, Object> indexState = new LinkedHashMap<>();
    try {
      int count = index.count();
      Throwable writeFailure = index.writeFailure();
      indexState.put("ready", writeFailure == null);
      indexState.put("open", true);
      indexState.put("writable", writeFailure == null);
      indexState.put("responses", count);
      if (writeFailure != null) {
        // Lucene closed its writer for good: without a restart every write would fail forever
        // while this check said ready (a full disk).
        notReady.add(
            "index: writes fail since "
                + IndexStore.describe(writeFailure)
                + " stopped the index writer; what was acknowledged before is kept: free space"
                + " (or fix the data folder) and restart the server");
      }
    } catch (RuntimeException e) {
      indexState.put("ready", false);
      indexState.put("open", false);
      notReady.add("index: the index cannot be read");
    }
    checks.put("index", indexState);
    Map<String, Object> discoveryState = new LinkedHashMap<>();
    discoveryState.put("ready", true);
    Instant runsAt = discovery.runsAt();
    discoveryState.put(
        "state", discovery.running() ? "running" : runsAt != null ? "scheduled" : "idle");
    if (runsAt != null) {
      discoveryState.put("runsAt", runsAt.toString());
    }
    Instant lastRunAt = discovery.lastRunAt();
    if (lastRunAt != null) {
      discoveryState.put("lastRunAt", lastRunAt.toString());
    }
    checks.put("discovery", discoveryState);
    if (refinement != null && !upgrading()) {
      // Shown, never unready: reads answer with the fast model's labels until it is done.
      Map<String, Object> refinementState = new LinkedHashMap<>();
      refinementState.put("ready", true);
      try {
        refinementState.putAll(SentimentController.refinement(refinement.get()));
      } catch (RuntimeException e) {
        refinementState.put("state", "unknown");
      }
      checks.put("sentimentRefinement", refinementState);
    }
    Map<String, Object> upgradeState = null;
    if (upgrading()) {
      upgradeState = new LinkedHashMap<>();
      upgradeState.put("from", upgrade.from());
      upgradeState.put("to", upgrade.to());
      upgradeState.put("done", upgrade.done());
      upgradeState.put("total", upgrade.total());
      notReady.add(
          "upgrade: the data folder is being upgraded from stored format "
              + upgrade.from()
              + " to "
              + upgrade.to()
              + ", "
              + upgrade.done()
              + " of "
              + upgrade.total()
              + " responses re-analysed");
      Map<String, Object> check = new LinkedHashMap<>(upgradeState);
      check.put("ready", false);
      checks.put("upgrade", check);
    }
    boolean ready = notReady.isEmpty();
    body.put("status", ready ? "up" : "down");
    body.put("live", true);
    body.put("ready", ready);
    body.put("notReady", notReady);
    body.put(
        "index",
        Map.of(
            "open", indexState.get("open"), "responses", indexState.getOrDefault("responses", 0)));
    if (upgradeState != null) {
      body.put("upgrade", upgradeState);
    }
    body.put("checks", checks);
    body.put("version", version);
    ctx.status(ready ? 200 : 503).json(body);
  }
}
