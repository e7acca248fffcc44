package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query parameter a route does not take is a 400 that names it and what the route takes, on every
 * route (the names read from openapi.json): a misspelt filter used to answer the unfiltered figures
 * as if filtered.
 */
class UnknownQueryParameterTest {

  private static final String FILTER =
      "q, metric, from, to, minScore, maxScore, category, theme, sentiment, segment.KEY, customer,"
          + " account";

  @TempDir Path data;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(data);
    HttpResponse<String> r =
        server.postNdjson(
            "{\"id\":\"a\",\"score\":2,\"comment\":\"Support never answered.\","
                + "\"segments\":{\"plan\":\"business\"}}\n"
                + "{\"id\":\"b\",\"score\":10,\"comment\":\"Love it.\","
                + "\"segments\":{\"plan\":\"free\"}}\n");
    assertEquals(200, r.statusCode(), r.body());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Asserts a 400 problem whose only error is {@code field} with {@code message}. */
  private static void refused(HttpResponse<String> r, String field, String message) {
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode problem = TestServer.json(r);
    assertEquals(1, problem.path("errors").size(), r.body());
    assertEquals(field, problem.at("/errors/0/field").asText(), r.body());
    assertEquals(message, problem.at("/errors/0/message").asText(), r.body());
  }

  @Test
  void aMisspeltFilterIsRefusedOnMetricsThemesSearchAndFollowups() {
    refused(
        server.get("/api/v1/metrics?segmnet.plan=business"),
        "segmnet.plan",
        "unknown parameter (expected " + FILTER + ")");
    refused(
        server.get("/api/v1/themes?catgory=detractor"),
        "catgory",
        "unknown parameter (expected " + FILTER + ", minMentions, sort, limit, cursor)");
    refused(
        server.get("/api/v1/search?q=support&sentimnet=negative"),
        "sentimnet",
        "unknown parameter (expected q, metric, from, to, minScore, maxScore, category, theme,"
            + " sentiment, segment.KEY, customer, account, sort, limit, cursor)");
    refused(
        server.get("/api/v1/followups?stauts=open"),
        "stauts",
        "unknown parameter (expected status, kind, assignee, account, customer, id, overdue, q,"
            + " metric, from, to, minScore, maxScore, category, theme, sentiment, segment.KEY,"
            + " limit, cursor, format)");
  }

  @Test
  void everyUnknownNameIsNamedOnceAndHeadIsRefusedAsItsGet() {
    HttpResponse<String> two = server.get("/api/v1/metrics?fom=2026-01-01&metric=nps&tto=x");
    assertEquals(400, two.statusCode(), two.body());
    assertEquals("fom", TestServer.json(two).at("/errors/0/field").asText());
    assertEquals("tto", TestServer.json(two).at("/errors/1/field").asText());
    assertEquals(2, TestServer.json(two).path("errors").size(), two.body());
    HttpResponse<String> head =
        server.send(
            server
                .request("/api/v1/metrics?segmnet.plan=business")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(400, head.statusCode());
  }

  @Test
  void aRouteThatTakesNoParameterSaysSoAndOneThatTakesSomeListsThem() {
    refused(
        server.get("/api/v1/followup-rules?all=true"),
        "all",
        "unknown parameter (this route takes none)");
    refused(
        server.get("/api/v1/responses/a?token=true"),
        "token",
        "unknown parameter (expected tokens)");
    refused(
        server.get("/api/v1/targets?period=30"), "period", "unknown parameter (expected from, to)");
  }

  @Test
  void theSegmentFilterIsTakenInBothFormsAndStillFilters() {
    assertEquals(2, count("/api/v1/metrics"));
    assertEquals(1, count("/api/v1/metrics?segment.plan=business"));
    assertEquals(1, count("/api/v1/metrics?segment%5Bplan%5D=business"));
    // A name that only starts like the filter is not it.
    refused(
        server.get("/api/v1/metrics?segment=business"),
        "segment",
        "unknown parameter (expected " + FILTER + ")");
    refused(
        server.get("/api/v1/metrics?segments.plan=business"),
        "segments.plan",
        "unknown parameter (expected " + FILTER + ")");
  }

  private int count(String path) {
    HttpResponse<String> r = server.get(path);
    assertEquals(200, r.statusCode(), r.body());
    return TestServer.json(r).path("count").asInt();
  }
}
