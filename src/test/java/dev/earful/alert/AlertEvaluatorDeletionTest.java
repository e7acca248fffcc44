package dev.earful.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.ScoringStage;
import dev.earful.domain.Sentiment;
import dev.earful.domain.ThemeCatalog;
import dev.earful.impact.ImpactService;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A response deleted while the new-response rules ask the index which responses they select raises
 * no alert after its deletion answered, neither stored nor sent to the webhook with its comment
 * (review R5 of session 22, the alert half): a real index, store, dispatcher and a webhook receiver
 * on loopback. Each case raises one alert for a second response that stays, and waits for its
 * delivery, so what was sent is read without a sleep.
 */
class AlertEvaluatorDeletionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private static AnalyzedResponse labelled(String id, String comment, Polarity p, ScoringStage s) {
    return new AnalyzedResponse(
        new Response(id, Metric.NPS, 8, comment, Instant.now().minusSeconds(60), Map.of()),
        new Analysis(List.of(), new Sentiment(p, p == Polarity.NEGATIVE ? -0.8 : 0.1, 0.9), "en")
            .withStage(s));
  }

  private static AlertRule rule(String id, Map<String, List<String>> when, URI hook) {
    return new AlertRule(
        id,
        id,
        AlertType.NEW_RESPONSE,
        when,
        Filter.parse(when),
        0,
        0,
        0,
        0,
        0,
        null,
        new Webhook(hook, "s3cret", 1, 1_000),
        Instant.now());
  }

  @Test
  void aResponseDeletedWhileAnImportsRulesAskTheIndexIsNotAlerted() throws Exception {
    run(
        false,
        Map.of(),
        (evaluator, index) -> {
          List<AnalyzedResponse> batch =
              List.of(
                  labelled("r1", "secret of r1", Polarity.NEGATIVE, ScoringStage.FAST),
                  labelled("r2", "the kept one", Polarity.NEGATIVE, ScoringStage.FAST));
          index.upsert(batch);
          return () -> evaluator.onImported(batch);
        });
  }

  @Test
  void aResponseDeletedWhileTheRefinementsRulesAskTheIndexIsNotAlerted() throws Exception {
    run(
        true,
        Map.of("sentiment", List.of("negative")),
        (evaluator, index) -> {
          List<AnalyzedResponse> fast =
              List.of(
                  labelled("r1", "secret of r1", Polarity.POSITIVE, ScoringStage.FAST),
                  labelled("r2", "the kept one", Polarity.POSITIVE, ScoringStage.FAST));
          List<AnalyzedResponse> refined =
              List.of(
                  labelled("r1", "secret of r1", Polarity.NEGATIVE, ScoringStage.CASCADE),
                  labelled("r2", "the kept one", Polarity.NEGATIVE, ScoringStage.CASCADE));
          index.upsert(refined);
          return () -> evaluator.onRefined(fast, refined);
        });
  }

  interface Setup {
    Runnable prepare(AlertEvaluator evaluator, ResponseIndex index) throws Exception;
  }

  /**
   * Sets up a store with one rule on {@code when} whose webhook is a receiver, runs what {@code
   * setup} prepares while the first question to the index deletes r1 as {@code DELETE
   * /responses/r1} does (the index, then the store's erasure), and checks that only r2 is alerted.
   */
  private void run(boolean refined, Map<String, List<String>> when, Setup setup) throws Exception {
    LinkedBlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    AlertStore store = AlertStore.open(data, JSON);
    WebhookDispatcher dispatcher = new WebhookDispatcher(store, Clock.systemUTC());
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      dispatcher.start();
      store.addRule(rule("ar-all", when, hook));
      AtomicBoolean deleteNow = new AtomicBoolean(true);
      AlertEvaluator evaluator =
          new AlertEvaluator(
              store,
              index,
              (filter, ids) -> {
                var found = index.matchingIds(filter, ids);
                if (deleteNow.compareAndSet(true, false)) {
                  index.delete("r1"); // DELETE /responses/r1, as ResponsesController does it
                  store.eraseResponse("r1");
                }
                return found;
              },
              new ImpactService(index),
              dispatcher,
              Clock.systemUTC(),
              JSON);
      setup.prepare(evaluator, index).run();

      assertEquals(1, store.alerts().size(), store.alerts().toString());
      assertEquals(List.of("r2"), store.alerts().getFirst().responseIds());
      String body = bodies.poll(60, TimeUnit.SECONDS);
      assertTrue(body != null, "the alert of r2 was not delivered");
      JsonNode sent = JSON.readTree(body);
      assertEquals("[\"r2\"]", sent.path("responseIds").toString());
      assertFalse(body.contains("secret of r1"), body);
      assertEquals(refined, sent.path("sentimentRefined").asBoolean());
    } finally {
      dispatcher.close();
      store.close();
      receiver.stop(0);
    }
  }
}
