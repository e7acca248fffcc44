package dev.earful.search;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.nlp.TextAnalyzer;
import java.time.Instant;
import java.util.Map;

/** Responses analysed by the real OpenNLP pipeline, for tests of the search package. */
public final class Fixtures {

  private static TextAnalyzer analyzer;

  private Fixtures() {}

  public static synchronized TextAnalyzer analyzer() {
    if (analyzer == null) {
      analyzer = new TextAnalyzer();
    }
    return analyzer;
  }

  public static AnalyzedResponse analyzed(Response r) {
    return new AnalyzedResponse(r, analyzer().analyze(r.comment()));
  }

  public static AnalyzedResponse nps(String id, int score, String comment) {
    return analyzed(
        new Response(
            id, Metric.NPS, score, comment, Instant.parse("2024-01-01T00:00:00Z"), Map.of()));
  }

  public static AnalyzedResponse response(
      String id,
      Metric metric,
      int score,
      String comment,
      String at,
      Map<String, String> segments) {
    return analyzed(new Response(id, metric, score, comment, Instant.parse(at), segments));
  }
}
