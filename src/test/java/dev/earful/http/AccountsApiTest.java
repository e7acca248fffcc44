package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Account rollups, a customer's history and erasure, against a real server and index. */
class AccountsApiTest {

  @TempDir Path data;
  private TestServer server;

  private static final String AS_OF = "asOf=2024-03-31T00:00:00Z&periodDays=30";

  @BeforeEach
  void start() {
    server = TestServer.start(data);
    HttpResponse<String> r =
        server.postNdjson(
            line("a1", 3, "2024-02-10", "ann", "Acme")
                + line("a2", 10, "2024-03-10", "ann", "Acme")
                + line("a3", 9, "2024-02-15", "bob", "Acme")
                + line("a4", 5, "2024-03-12", "bob", "Acme")
                + line("a5", 6, "2024-03-20", null, "Acme")
                + line("g1", 9, "2024-03-05", "cy", "Globex")
                + line("g2", 10, "2024-03-06", "di", "Globex")
                + "{\"id\":\"i1\",\"metric\":\"csat\",\"score\":2,\"customer\":\"ed\","
                + "\"account\":\"Initech\",\"submittedAt\":\"2024-03-07T00:00:00Z\"}\n"
                + line("r0", 0, "2024-03-08", "ann", null));
    assertEquals(9, TestServer.json(r).path("indexed").asInt(), r.body());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String line(String id, int score, String day, String customer, String account) {
    return "{\"id\":\""
        + id
        + "\",\"score\":"
        + score
        + ",\"comment\":\"comment of "
        + id
        + "\",\"submittedAt\":\""
        + day
        + "T12:00:00Z\""
        + (customer == null ? "" : ",\"customer\":\"" + customer + "\"")
        + (account == null ? "" : ",\"account\":\"" + account + "\"")
        + "}\n";
  }

  private JsonNode accounts(String query) {
    HttpResponse<String> r = server.get("/api/v1/accounts?" + AS_OF + "&" + query);
    assertEquals(200, r.statusCode(), r.body());
    return TestServer.json(r);
  }

  private static List<String> names(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("accounts").forEach(a -> out.add(a.path("account").asText()));
    return out;
  }

  @Test
  void rollsUpEachAccountWithItsMetricChangeDetractorShareAndCustomersLatestScores() {
    JsonNode page = accounts("");
    assertEquals("nps", page.path("metric").asText());
    assertEquals(2, page.path("total").asInt());
    assertEquals(List.of("Acme", "Globex"), names(page));
    assertEquals(
        "[\"2024-03-01T00:00:00Z\",\"2024-03-31T00:00:00Z\"]",
        page.path("periods").path("current").toString());
    JsonNode acme = page.path("accounts").get(0);
    assertEquals(5, acme.path("responses").asInt());
    assertEquals(-20.0, acme.path("value").asDouble());
    JsonNode metrics = TestServer.json(server.get("/api/v1/metrics?metric=nps&account=Acme"));
    assertEquals(metrics.path("npsCi95").toString(), acme.path("ci95").toString());
    assertEquals(0.0, acme.path("previous").path("nps").asDouble());
    assertEquals(-33.33, acme.path("current").path("nps").asDouble());
    assertEquals(-33.33, acme.path("change").asDouble());
    assertEquals(0.6, acme.path("detractorShare").asDouble());
    assertEquals("a5", acme.path("lastResponse").path("id").asText());
    assertEquals("2024-03-20T12:00:00Z", acme.path("lastResponse").path("submittedAt").asText());
    assertEquals(2, acme.path("customerCount").asInt());
    assertEquals(
        "[{\"customer\":\"bob\",\"score\":5,\"category\":\"detractor\",\"responseId\":\"a4\","
            + "\"submittedAt\":\"2024-03-12T12:00:00Z\"},"
            + "{\"customer\":\"ann\",\"score\":10,\"category\":\"promoter\",\"responseId\":\"a2\","
            + "\"submittedAt\":\"2024-03-10T12:00:00Z\"}]",
        acme.path("customers").toString());
    JsonNode globex = page.path("accounts").get(1);
    assertEquals(100.0, globex.path("value").asDouble());
    assertTrue(globex.path("previous").isNull());
    assertTrue(globex.path("change").isNull());
    assertEquals(0.0, globex.path("detractorShare").asDouble());
  }

  @Test
  void sortsFiltersAndPages() {
    assertEquals(List.of("Acme", "Globex"), names(accounts("sort=change")));
    assertEquals(List.of("Globex", "Acme"), names(accounts("sort=account&order=desc")));
    assertEquals(List.of("Globex", "Acme"), names(accounts("sort=risk&order=desc")));
    assertEquals(List.of("Acme", "Globex"), names(accounts("sort=responses")));
    assertEquals(List.of("Acme", "Globex"), names(accounts("sort=lastResponse")));
    assertEquals(List.of("Acme"), names(accounts("minResponses=3")));
    assertEquals(List.of("Globex"), names(accounts("account=Globex")));
    assertEquals(List.of("Initech"), names(accounts("metric=csat")));
    JsonNode first = accounts("limit=1");
    assertEquals(List.of("Acme"), names(first));
    JsonNode second = accounts("limit=1&cursor=" + first.path("nextCursor").asText());
    assertEquals(List.of("Globex"), names(second));
    assertTrue(second.path("nextCursor").isNull());
  }

  @Test
  void answersBadParametersWithEveryFieldAtFault() {
    HttpResponse<String> r =
        server.get("/api/v1/accounts?sort=bogus&periodDays=0&asOf=yesterday&order=up&cursor=x");
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    List<String> fields = new ArrayList<>();
    TestServer.json(r).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertEquals(List.of("periodDays", "asOf", "sort", "order", "cursor"), fields);
  }

  @Test
  void showsACustomersHistoryInTimeOrder() {
    JsonNode ann = TestServer.json(server.get("/api/v1/customers/ann"));
    assertEquals(3, ann.path("count").asInt());
    List<String> ids = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    ann.path("responses")
        .forEach(
            x -> {
              ids.add(x.path("id").asText());
              categories.add(x.path("category").asText());
            });
    assertEquals(List.of("a1", "r0", "a2"), ids);
    assertEquals(List.of("detractor", "detractor", "promoter"), categories);
    assertEquals("[\"Acme\"]", ann.path("accounts").toString());
    assertEquals(404, server.get("/api/v1/customers/nobody").statusCode());
  }

  @Test
  void erasesACustomerEverywhere() {
    HttpResponse<String> r = server.delete("/api/v1/customers/ann");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(3, TestServer.json(r).path("erased").path("responses").asInt(), r.body());
    assertEquals(404, server.get("/api/v1/customers/ann").statusCode());
    assertEquals(404, server.get("/api/v1/responses/a1").statusCode());
    assertEquals(
        0, TestServer.json(server.get("/api/v1/search?customer=ann")).path("total").asInt());
    JsonNode acme = accounts("account=Acme").path("accounts").get(0);
    assertEquals(3, acme.path("responses").asInt());
    assertEquals(1, acme.path("customerCount").asInt());
    assertEquals(
        0,
        TestServer.json(server.delete("/api/v1/customers/ann"))
            .path("erased")
            .path("responses")
            .asInt());
  }

  /**
   * The change is the difference of the two periods' scores, rounded once: current NPS 33.333 (1
   * promoter, 2 passives) against 16.667 (1 promoter, 5 passives) is 16.67; main gave 16.66, the
   * difference of 33.33 and 16.67 (session 27's audit).
   */
  @Test
  void theChangeIsRoundedOnceFromTheTwoPeriodsScores() {
    server.postNdjson(
        line("h1", 9, "2024-03-05", null, "Hooli")
            + line("h2", 7, "2024-03-06", null, "Hooli")
            + line("h3", 8, "2024-03-07", null, "Hooli")
            + line("h4", 9, "2024-02-05", null, "Hooli")
            + line("h5", 7, "2024-02-06", null, "Hooli")
            + line("h6", 7, "2024-02-07", null, "Hooli")
            + line("h7", 8, "2024-02-08", null, "Hooli")
            + line("h8", 8, "2024-02-09", null, "Hooli")
            + line("h9", 7, "2024-02-10", null, "Hooli"));
    JsonNode hooli = accounts("account=Hooli").path("accounts").get(0);
    assertEquals(33.33, hooli.path("current").path("nps").asDouble());
    assertEquals(16.67, hooli.path("previous").path("nps").asDouble());
    assertEquals(16.67, hooli.path("change").asDouble(), hooli.toString());
  }
}
