package dev.earful.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.domain.ThemeCatalog;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.search.ResponseIndex;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-customer adaptation from responses stored in a real index in a temp folder. */
class CustomerTrainingTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  private static List<AnalyzedResponse> responses(int count) {
    List<SentimentCorpora.Review> reviews =
        SentimentCorpora.womensReviews(dev.earful.TestData.womensReviews());
    List<AnalyzedResponse> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SentimentCorpora.Review r = reviews.get(i);
      Response response =
          new Response("r" + i, Metric.CSAT, r.rating(), r.text(), Instant.EPOCH, Map.of());
      out.add(new AnalyzedResponse(response, ANALYZER.analyze(r.text())));
    }
    return out;
  }

  @Test
  void comparesTheNewModelWithTheCurrentOneAndSwitchesOnlyWhenBetter(@TempDir Path data) {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(responses(400));
    }
    List<AnalyzedResponse> stored = new ArrayList<>();
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.scan(stored::add);
    }
    assertEquals(400, stored.size());
    java.io.StringWriter log = new java.io.StringWriter();
    CustomerTraining.Outcome outcome =
        new CustomerTraining(ANALYZER, SentimentTrainer.DEFAULT_SEED, new PrintWriter(log, true))
            .run(stored, SentimentScorer.load(data, false), data);
    assertEquals(80, outcome.current().model().count());
    assertEquals(80, outcome.candidate().model().count());
    boolean better = outcome.candidate().model().macroF1() > outcome.current().model().macroF1();
    assertEquals(better, outcome.switched());
    assertEquals(better, Files.isRegularFile(SentimentScorer.overrideIn(data)));
    String printed = log.toString();
    assertTrue(printed.contains("current model (classpath:/models/sentiment-en.bin)"), printed);
    assertTrue(printed.contains("new model"), printed);
    if (better) {
      assertEquals(
          SentimentScorer.overrideIn(data).toString(), SentimentScorer.load(data, false).source());
    }
  }

  @Test
  void refusesTooFewResponses(@TempDir Path data) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CustomerTraining(
                        ANALYZER, 1L, new PrintWriter(new java.io.StringWriter(), true))
                    .run(responses(20), SentimentScorer.loadDefault(false), data));
    assertTrue(
        e.getMessage().startsWith("only 20 stored responses have a comment"), e.getMessage());
  }
}
