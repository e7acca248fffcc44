package dev.earful.http;

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

/**
 * {@code GET /api/v1/sentiment/model}: which sentiment model this data folder uses (its own,
 * written by {@code earful train-sentiment --data}, or the built-in one), what it is made of, and
 * how it scored on held-out data when it was built ({@code scores}: set name to figures, as the
 * model file records them), and what the last {@code earful train-sentiment} run on this folder
 * measured ({@code lastTraining}: both models on the folder's own held-out responses, and which one
 * was kept; null when none ran), and which feature set the model was trained on against the one
 * this release computes ({@code featureSet}: a model trained on other features, such as a folder's
 * own from an older release, is read with today's features and says so in {@code warning}). Read
 * keys may call it.
 */
public final class SentimentController implements Controller {

  static final String PATH = "/api/v1/sentiment/model";

  private final SentimentScorer scorer;
  private final Path dataDir;

  public SentimentController(SentimentScorer scorer, Path dataDir) {
    this.scorer = scorer;
    this.dataDir = dataDir;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get(PATH, this::model, ApiRole.READ);
  }

  private void model(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
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
      // The model carries the stage; the setting (--sentiment-stage) says whether it runs.
      s.put("used", scorer.cascade());
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
