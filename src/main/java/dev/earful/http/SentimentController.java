package dev.earful.http;

import dev.earful.sentiment.SentimentScorer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/sentiment/model}: which sentiment model this data folder uses (its own,
 * written by {@code earful train-sentiment --data}, or the built-in one), what it is made of, and
 * how it scored on held-out data when it was built ({@code scores}: set name to figures, as the
 * model file records them). Read keys may call it.
 */
public final class SentimentController implements Controller {

  static final String PATH = "/api/v1/sentiment/model";

  private final SentimentScorer scorer;

  public SentimentController(SentimentScorer scorer) {
    this.scorer = scorer;
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
      s.put("encoder", "all-MiniLM-L6-v2 (quantized), " + stage.dimensions() + " dimensions");
      s.put("threshold", stage.threshold());
      s.put("mix", stage.mix());
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
    ctx.json(body);
  }
}
