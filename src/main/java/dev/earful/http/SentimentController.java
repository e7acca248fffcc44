package dev.earful.http;

import dev.earful.config.AppConfig;
import dev.earful.ingest.SentimentRefiner;
import dev.earful.sentiment.CustomerTraining;
import dev.earful.sentiment.SentimentFeatures;
import dev.earful.sentiment.SentimentModel;
import dev.earful.sentiment.SentimentScorer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/sentiment/model}: which sentiment model this data folder uses (its own,
 * written by {@code earful train-sentiment --data}, or the built-in one), what it is made of, and
 * how it scored on held-out data when it was built ({@code scores}: set name to figures, as the
 * model file records them), and what the last {@code earful train-sentiment} run on this folder
 * measured ({@code lastTraining}: both models on the folder's own held-out responses, and which one
 * was kept; null when none ran), and which feature set the model was trained on against the one
 * this release computes ({@code featureSet}: a model trained on other features, such as a folder's
 * own from an older release, is read with today's features and says so in {@code warning}), the
 * {@code --sentiment-stage} {@code setting}, and, with {@code refine}, how far the background
 * refinement of stored responses has come ({@code refinement}). Read keys may call it.
 */
public final class SentimentController implements Controller {

  static final String PATH = "/api/v1/sentiment/model";

  private final SentimentScorer scorer;
  private final AppConfig.SentimentStage setting;
  private final Supplier<SentimentRefiner.Status> refinement;
  private final Path dataDir;

  /**
   * @param scorer the scorer of imports
   * @param setting {@code --sentiment-stage}
   * @param refinement the background refinement's state, or null when none runs
   */
  public SentimentController(
      SentimentScorer scorer,
      AppConfig.SentimentStage setting,
      Supplier<SentimentRefiner.Status> refinement,
      Path dataDir) {
    this.scorer = scorer;
    this.setting = setting;
    this.refinement = refinement;
    this.dataDir = dataDir;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get(PATH, this::model, ApiRole.READ);
  }

  private void model(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("setting", setting.name().toLowerCase(java.util.Locale.ROOT));
    body.put("refinement", refinement == null ? null : refinement(refinement.get()));
    body.put("source", scorer.source());
    body.put("own", !scorer.source().startsWith("classpath:"));
    body.put("fast", scorer.model().algorithm());
    var stage = scorer.model().stage();
    if (stage == null) {
      body.put("stage", null);
    } else {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put(
          "encoder",
          dev.earful.embed.SentenceEncoder.title(stage.encoder())
              + " (quantized), "
              + stage.dimensions()
              + " dimensions");
      s.put("threshold", stage.threshold());
      s.put("mix", stage.mix());
      // true: the stage refines only which way a clause leans; the fast model says whether it is
      // neutral.
      s.put("leanOnly", stage.polarOnly());
      // true: clauses with a negator go to the stage too; false: they stay with the fast model.
      s.put("readsNegations", stage.readsNegations());
      // The model carries the stage; the setting (--sentiment-stage) says whether it runs: on
      // import (cascade), or on what imports stored and on texts analysed on request (refine).
      s.put("used", setting.cascadeInTheEnd());
      s.put("onImport", scorer.cascade());
      body.put("stage", s);
    }
    Map<String, String> about = scorer.model().about();
    body.put("built", about.getOrDefault("built", null));
    Map<String, String> scores = new TreeMap<>();
    for (Map.Entry<String, String> e : about.entrySet()) {
      if (e.getKey().startsWith("score.")) {
        scores.put(e.getKey().substring("score.".length()), e.getValue());
      }
    }
    body.put("scores", scores);
    body.put("featureSet", featureSet(scorer.model()));
    // Read per request: a small file, and it says why a folder still uses the built-in model.
    body.put(
        "lastTraining",
        CustomerTraining.lastRun(dataDir).map(SentimentController::training).orElse(null));
    ctx.json(body);
  }

  /**
   * The refinement's state: {@code state} (done, waiting, running, failed), {@code reason} (what it
   * waits for), {@code refined} and {@code pending} of {@code total} stored responses, {@code
   * secondsLeft} (an estimate at this process's rate so far; null before the first batch), {@code
   * setAside} (responses the scorer failed on, left on the fast labels), and the page's sentence
   * {@code note} (null when nothing is pending).
   */
  static Map<String, Object> refinement(SentimentRefiner.Status s) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
    r.put("reason", s.reason());
    r.put("refined", s.refined());
    r.put("pending", s.pending());
    r.put("total", s.total());
    r.put("secondsLeft", s.secondsLeft());
    r.put("setAside", s.setAside());
    r.put(
        "note",
        s.pending() == 0
            ? null
            : "sentiment refined for " + s.refined() + " of " + s.total() + " comments");
    return r;
  }

  private static Map<String, Object> featureSet(SentimentModel model) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("model", model.featureSet() == SentimentModel.UNRECORDED ? null : model.featureSet());
    f.put("code", SentimentFeatures.VERSION);
    f.put("current", model.readsItsOwnFeatures());
    f.put("warning", model.featureSetWarning().orElse(null));
    return f;
  }

  private static Map<String, Object> training(Map<String, String> record) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("responses", Integer.parseInt(record.getOrDefault("responses", "0")));
    t.put("kept", record.getOrDefault("kept", "current"));
    t.put("currentSource", record.getOrDefault("current.source", null));
    t.put("current", record.getOrDefault("current", null));
    t.put("new", record.getOrDefault("new", null));
    return t;
  }
}
