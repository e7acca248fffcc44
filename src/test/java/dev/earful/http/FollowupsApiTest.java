package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.followup.BusinessDays;
import dev.earful.followup.FollowupQueue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follow-up queue against a real server: rules, re-imports, changes, erasure, restart. */
class FollowupsApiTest {

  @TempDir Path data;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(data);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void post(String ndjson) {
    HttpResponse<String> r = server.postNdjson(ndjson);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, TestServer.json(r).path("rejected").size(), r.body());
  }

  private JsonNode list(String query) {
    return list(server, query);
  }

  /** {@code GET /api/v1/followups} + {@code query}, asserted to be a 200. */
  static JsonNode list(TestServer server, String query) {
    HttpResponse<String> r = server.get("/api/v1/followups" + query);
    assertEquals(200, r.statusCode(), r.body());
    return TestServer.json(r);
  }

  /** The response ids of a page's follow-ups, in its order. */
  static List<String> responseIds(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("followups").forEach(f -> out.add(f.path("responseId").asText()));
    return out;
  }

  private HttpResponse<String> patch(String id, String body) {
    return server.send(
        server
            .request("/api/v1/followups/" + id)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpResponse<String> putRules(String body) {
    return server.send(
        server
            .request("/api/v1/followup-rules")
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static final String THREE =
      "{\"id\":\"d1\",\"score\":3,\"comment\":\"Support never answered.\",\"customer\":\"ann@acme.example\",\"account\":\"Acme\"}\n"
          + "{\"id\":\"p1\",\"score\":10,\"comment\":\"Love it.\",\"customer\":\"bob@acme.example\",\"account\":\"Acme\"}\n"
          + "{\"id\":\"c1\",\"metric\":\"csat\",\"score\":1,\"comment\":\"Broken.\",\"account\":\"Globex\"}\n";

  @Test
  void opensOneRecoverFollowUpPerDetractorDueInTwoBusinessDaysAndNoneTwiceOnReimport() {
    post(THREE);
    JsonNode page = list("");
    assertEquals(2, page.path("total").asInt());
    assertEquals(
        List.of("c1", "d1").stream().sorted().toList(),
        responseIds(page).stream().sorted().toList());
    JsonNode d1 = null;
    for (JsonNode f : page.path("followups")) {
      if (f.path("responseId").asText().equals("d1")) {
        d1 = f;
      }
    }
    assertEquals("recover", d1.path("kind").asText());
    assertEquals("open", d1.path("status").asText());
    assertEquals("detractors", d1.path("ruleId").asText());
    assertEquals("ann@acme.example", d1.path("customer").asText());
    assertEquals("Acme", d1.path("account").asText());
    assertEquals(3, d1.path("score").asInt());
    assertEquals("detractor", d1.path("category").asText());
    assertEquals("Support never answered.", d1.path("excerpt").asText());
    Instant created = Instant.parse(d1.path("createdAt").asText());
    assertEquals(BusinessDays.add(created, 2).toString(), d1.path("due").asText());
    assertFalse(d1.path("overdue").asBoolean());
    assertEquals(
        "[{\"at\":\""
            + created
            + "\",\"by\":\"rule:detractors\",\"field\":\"status\",\"from\":null,\"to\":\"open\"}]",
        d1.path("history").toString());

    post(THREE);
    post(THREE.replace("Support never answered.", "Support never answered, again."));
    assertEquals(2, list("").path("total").asInt());
  }

  /**
   * A backlog import says what it set off: the answer counts the follow-ups it opened and the
   * detractors the default rule left alone because they were submitted more than 30 days before the
   * import (a response without a timestamp is taken as submitted now). A rule without maxAgeDays
   * opens them.
   */
  @Test
  void anImportCountsTheFollowUpsItOpenedAndTheDefaultRuleSkipsResponsesOlderThan30Days() {
    Instant now = Instant.now();
    String backlog =
        "{\"id\":\"old\",\"score\":1,\"comment\":\"Awful.\",\"submittedAt\":\""
            + now.minus(Duration.ofDays(31))
            + "\"}\n"
            + "{\"id\":\"recent\",\"score\":2,\"comment\":\"Slow.\",\"submittedAt\":\""
            + now.minus(Duration.ofDays(29))
            + "\"}\n"
            + "{\"id\":\"undated\",\"score\":3,\"comment\":\"Meh.\"}\n"
            + "{\"id\":\"fan\",\"score\":10,\"comment\":\"Love it.\"}\n";
    HttpResponse<String> r = server.postNdjson(backlog);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode answer = TestServer.json(r);
    assertEquals("{\"opened\":2,\"tooOld\":1}", answer.path("followups").toString(), r.body());
    assertEquals("{\"raised\":0,\"tooOld\":0}", answer.path("alerts").toString(), r.body());
    assertEquals(List.of("recent", "undated"), responseIds(list("")).stream().sorted().toList());
    assertEquals(
        30,
        TestServer.json(server.get("/api/v1/followup-rules")).at("/rules/0/maxAgeDays").asInt());

    // Again: nothing new opens, and the old one is still too old for the rule.
    JsonNode again = TestServer.json(server.postNdjson(backlog));
    assertEquals("{\"opened\":0,\"tooOld\":1}", again.path("followups").toString());

    // A rule without an age limit opens it.
    HttpResponse<String> put =
        putRules(
            "{\"rules\":[{\"id\":\"all\",\"kind\":\"recover\",\"when\":{\"category\":\"detractor\"},"
                + "\"maxAgeDays\":null}]}");
    assertEquals(200, put.statusCode(), put.body());
    assertTrue(TestServer.json(put).at("/rules/0/maxAgeDays").isNull(), put.body());
    JsonNode third = TestServer.json(server.postNdjson(backlog));
    assertEquals("{\"opened\":1,\"tooOld\":0}", third.path("followups").toString());
    assertEquals(3, list("").path("total").asInt());

    HttpResponse<String> bad =
        putRules("{\"rules\":[{\"id\":\"x\",\"kind\":\"recover\",\"when\":{},\"maxAgeDays\":0}]}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals("rules[0].maxAgeDays", TestServer.json(bad).at("/errors/0/field").asText());
  }

  /**
   * followups=false opens none for that import and says what the rules would have opened; alerts
   * still fire; the rules stay on, so the same responses imported again without it open theirs. A
   * bad value is refused before anything is imported.
   */
  @Test
  void anImportWithFollowupsFalseOpensNoneAndSaysWhatTheRulesWouldHaveOpened() {
    HttpResponse<String> rule =
        server.post(
            "/api/v1/alert-rules",
            "application/json",
            "{\"name\":\"detractors\",\"type\":\"new_response\","
                + "\"when\":{\"category\":\"detractor\"},\"webhook\":{\"url\":"
                + "\"http://127.0.0.1:9/hook\",\"secret\":\"0123456789abcdef\",\"maxAttempts\":1}}");
    assertEquals(201, rule.statusCode(), rule.body());
    String history =
        "{\"id\":\"old\",\"score\":1,\"comment\":\"Awful.\",\"submittedAt\":\""
            + Instant.now().minus(Duration.ofDays(31))
            + "\"}\n"
            + THREE;
    HttpResponse<String> off =
        server.post("/api/v1/responses?followups=false", "application/x-ndjson", history);
    assertEquals(200, off.statusCode(), off.body());
    JsonNode answer = TestServer.json(off);
    assertEquals(
        "{\"opened\":0,\"tooOld\":1,\"withheld\":2}",
        answer.path("followups").toString(),
        off.body());
    // The alert rule skipped the old detractor as the follow-up rules did, and says so.
    assertEquals("{\"raised\":1,\"tooOld\":1}", answer.path("alerts").toString(), off.body());
    assertEquals(0, list("").path("total").asInt());

    // The rules were never off: the same responses again, without the switch, open theirs.
    JsonNode again = TestServer.json(server.postNdjson(history));
    assertEquals("{\"opened\":2,\"tooOld\":1}", again.path("followups").toString());
    assertEquals(List.of("c1", "d1"), responseIds(list("")).stream().sorted().toList());
    // And with it once more: what is open stays open, nothing more would open.
    JsonNode third =
        TestServer.json(
            server.post("/api/v1/responses?followups=false", "application/x-ndjson", history));
    assertEquals("{\"opened\":0,\"tooOld\":1,\"withheld\":0}", third.path("followups").toString());
    assertEquals(2, list("").path("total").asInt());

    HttpResponse<String> bad =
        server.post(
            "/api/v1/responses?followups=no",
            "application/x-ndjson",
            "{\"id\":\"new\",\"score\":1,\"comment\":\"Bad.\"}\n");
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
    assertEquals("followups", TestServer.json(bad).at("/errors/0/field").asText(), bad.body());
    assertEquals(
        "must be true or false, got 'no'",
        TestServer.json(bad).at("/errors/0/message").asText(),
        bad.body());
    assertEquals(404, server.get("/api/v1/responses/new").statusCode());

    // A misspelt switch imported with the rules on and opened what it was meant to hold back.
    HttpResponse<String> misspelt =
        server.post(
            "/api/v1/responses?followup=false",
            "application/x-ndjson",
            "{\"id\":\"new\",\"score\":1,\"comment\":\"Bad.\"}\n");
    assertEquals(400, misspelt.statusCode(), misspelt.body());
    assertEquals("followup", TestServer.json(misspelt).at("/errors/0/field").asText());
    assertEquals(
        "unknown parameter (expected followups, dates, segment.KEY)",
        TestServer.json(misspelt).at("/errors/0/message").asText());
    assertEquals(404, server.get("/api/v1/responses/new").statusCode());
    assertEquals(2, list("").path("total").asInt());
  }

  @Test
  void appliesConfiguredRulesByScoreThemeAndAccountWithTheirKinds() {
    HttpResponse<String> theme =
        server.post(
            "/api/v1/themes",
            "application/json",
            "{\"name\":\"delivery delays\",\"phrases\":[\"late delivery\",\"delivery was late\"]}");
    assertEquals(201, theme.statusCode(), theme.body());
    String themeId = TestServer.json(theme).path("id").asText();
    HttpResponse<String> put =
        putRules(
            "{\"rules\":["
                + "{\"id\":\"promoters\",\"kind\":\"advocate\",\"when\":{\"minScore\":10,\"metric\":\"nps\"},\"dueBusinessDays\":5},"
                + "{\"id\":\"late-passives\",\"kind\":\"recover\",\"when\":{\"category\":\"passive\",\"theme\":\""
                + themeId
                + "\"},\"dueBusinessDays\":1},"
                + "{\"id\":\"globex\",\"kind\":\"recover\",\"when\":{\"account\":\"Globex\",\"maxScore\":8}}"
                + "]}");
    assertEquals(200, put.statusCode(), put.body());
    post(
        "{\"id\":\"a\",\"score\":10,\"comment\":\"Great.\"}\n"
            + "{\"id\":\"b\",\"score\":9,\"comment\":\"Good.\"}\n"
            + "{\"id\":\"c\",\"score\":7,\"comment\":\"The delivery was late.\"}\n"
            + "{\"id\":\"d\",\"score\":8,\"comment\":\"Fine product.\"}\n"
            + "{\"id\":\"e\",\"score\":8,\"comment\":\"Fine.\",\"account\":\"Globex\"}\n"
            + "{\"id\":\"f\",\"score\":2,\"comment\":\"Bad.\"}\n");
    JsonNode all = list("?limit=50");
    List<String> got = new ArrayList<>();
    all.path("followups")
        .forEach(
            f ->
                got.add(
                    f.path("responseId").asText()
                        + ":"
                        + f.path("kind").asText()
                        + ":"
                        + f.path("ruleId").asText()));
    assertEquals(
        List.of("a:advocate:promoters", "c:recover:late-passives", "e:recover:globex"),
        got.stream().sorted().toList());
    assertEquals(List.of("a"), responseIds(list("?kind=advocate")));

    HttpResponse<String> bad =
        putRules(
            "{\"rules\":[{\"id\":\"x\",\"kind\":\"hug\",\"when\":{\"category\":\"grumpy\",\"colour\":\"red\"},\"dueBusinessDays\":-1}]}");
    assertEquals(400, bad.statusCode(), bad.body());
    List<String> fields = new ArrayList<>();
    TestServer.json(bad).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertEquals(
        List.of(
            "rules[0].kind",
            "rules[0].when.colour",
            "rules[0].when.category",
            "rules[0].dueBusinessDays"),
        fields);
  }

  @Test
  void recordsStatusAssigneeNotesAndDueChangesWithWhoAndWhenAndListsOverdueFirst() {
    post(THREE);
    String d1 =
        TestServer.json(server.get("/api/v1/followups?customer=ann@acme.example"))
            .path("followups")
            .get(0)
            .path("id")
            .asText();
    String c1 = list("?account=Globex").path("followups").get(0).path("id").asText();
    HttpResponse<String> r =
        patch(
            d1,
            "{\"status\":\"contacted\",\"assignee\":\"sam\",\"note\":\"Called, will call back.\",\"by\":\"lee\"}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode f = TestServer.json(r);
    assertEquals("contacted", f.path("status").asText());
    assertEquals("sam", f.path("assignee").asText());
    assertEquals("Called, will call back.", f.path("notes").get(0).path("text").asText());
    assertEquals("lee", f.path("notes").get(0).path("by").asText());
    List<String> history = new ArrayList<>();
    f.path("history").forEach(h -> history.add(changeText(h)));
    assertEquals(
        List.of(
            "rule:detractors status null->open",
            "lee status open->contacted",
            "lee assignee null->sam",
            "lee note null->Called, will call back."),
        history);

    JsonNode overdue = TestServer.json(patch(c1, "{\"due\":\"2020-01-01\",\"by\":\"lee\"}"));
    assertTrue(overdue.path("overdue").asBoolean());
    assertEquals("2020-01-01T23:59:59.999999999Z", overdue.path("due").asText());
    JsonNode page = list("");
    assertEquals(1, page.path("overdue").asInt());
    assertEquals(List.of("c1", "d1"), responseIds(page));
    assertEquals(List.of("c1"), responseIds(list("?overdue=true")));
    assertEquals(List.of("d1"), responseIds(list("?status=contacted")));
    assertEquals(List.of("d1"), responseIds(list("?assignee=sam")));

    assertEquals(
        "resolved",
        TestServer.json(patch(c1, "{\"status\":\"resolved\"}")).path("status").asText());
    assertEquals(List.of("d1", "c1"), responseIds(list("")));

    HttpResponse<String> bad =
        patch(d1, "{\"status\":\"done\",\"colour\":\"red\",\"due\":\"soon\"}");
    assertEquals(400, bad.statusCode());
    List<String> fields = new ArrayList<>();
    TestServer.json(bad).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertEquals(List.of("colour", "status", "due"), fields);
    assertEquals(404, patch("fu-nope", "{\"status\":\"resolved\"}").statusCode());
    assertEquals(404, server.get("/api/v1/followups/fu-nope").statusCode());
    assertEquals(400, server.get("/api/v1/followups?status=maybe&overdue=yes").statusCode());

    HttpResponse<String> csv =
        server.send(server.request("/api/v1/followups").header("Accept", "text/csv").GET().build());
    assertEquals(200, csv.statusCode());
    String[] lines = csv.body().split("\r\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith("id,kind,status,overdue,due,assignee,responseId,"), lines[0]);
    assertTrue(lines[1].startsWith(d1 + ",recover,contacted,false,"), lines[1]);

    // Restart: every change is still there.
    server.close();
    server = TestServer.start(data);
    JsonNode again = TestServer.json(server.get("/api/v1/followups/" + d1));
    assertEquals(f.path("history").toString(), again.path("history").toString());
    assertEquals("sam", again.path("assignee").asText());
  }

  /** The follow-up of response {@code responseId}, read whole. */
  private JsonNode followupOf(String responseId) {
    for (JsonNode f : list("").path("followups")) {
      if (f.path("responseId").asText().equals(responseId)) {
        return TestServer.json(server.get("/api/v1/followups/" + f.path("id").asText()));
      }
    }
    throw new AssertionError("no follow-up for " + responseId);
  }

  /**
   * A file imported as NPS and imported again with its right metric (session 25's trial: 40 CES
   * scores as NPS opened 34 "recover" follow-ups, which the corrected import left open, some for
   * CES 5-6, "easy"). The follow-ups nobody worked on follow the correction: closed (with a note
   * and their new score) when no rule selects their responses now, reopened when one does again;
   * one a person assigned is left open and counted; a response newly a detractor opens one; a
   * deleted response takes its follow-up with it.
   */
  @Test
  void aCorrectedReimportClosesAndReopensTheFollowUpsNobodyWorkedOnAndCountsTheOthers() {
    String nps =
        "{\"id\":\"e1\",\"score\":5,\"comment\":\"Took a while.\"}\n"
            + "{\"id\":\"e2\",\"score\":2,\"comment\":\"Impossible to reach anyone.\"}\n"
            + "{\"id\":\"e3\",\"score\":6,\"comment\":\"Fine in the end.\"}\n"
            + "{\"id\":\"e4\",\"score\":7,\"comment\":\"Form kept failing.\"}\n";
    JsonNode first = TestServer.json(server.postNdjson(nps));
    assertEquals("{\"opened\":3,\"tooOld\":0}", first.path("followups").toString());
    String e3 = followupOf("e3").path("id").asText();
    assertEquals(200, patch(e3, "{\"assignee\":\"lee\",\"by\":\"lee\"}").statusCode());

    // The right metric: e1 (5) and e3 (6) are easy, e2 (2) difficult; e4 was misread as 7.
    String ces =
        nps.replace("\"score\"", "\"metric\":\"ces\",\"score\"")
            .replace("\"score\":7", "\"score\":3");
    HttpResponse<String> corrected = server.postNdjson(ces);
    assertEquals(200, corrected.statusCode(), corrected.body());
    assertEquals(
        "{\"closed\":1,\"keptWorkedOn\":1,\"opened\":1,\"tooOld\":0}",
        TestServer.json(corrected).path("followups").toString());
    assertEquals(
        List.of("e2", "e3", "e4"), responseIds(list("?status=open")).stream().sorted().toList());
    JsonNode e1 = followupOf("e1");
    assertEquals("no_action", e1.path("status").asText());
    assertEquals("ces", e1.path("metric").asText());
    assertEquals(5, e1.path("score").asInt());
    assertEquals("easy", e1.path("category").asText());
    List<String> history = new ArrayList<>();
    e1.path("history").forEach(h -> history.add(changeText(h)));
    assertEquals(
        List.of(
            "rule:detractors status null->open",
            "import status open->no_action",
            "import note null->" + e1.path("notes").get(0).path("text").asText(),
            "import score nps 5->ces 5"),
        history);
    assertEquals(
        "Closed by an import: the response now reads CES 5 (easy), and neither the rule"
            + " 'detractors' that opened this follow-up nor any enabled recover rule selects it."
            + " Nobody had worked on it.",
        e1.path("notes").get(0).path("text").asText());
    // A follow-up a person works on keeps its status and assignee; the copy of the response moves
    // and a note tells its owner (review R3: it showed "nps 6 detractor" for a CES 6, "easy").
    JsonNode kept = followupOf("e3");
    assertEquals("open", kept.path("status").asText());
    assertEquals("lee", kept.path("assignee").asText());
    assertEquals(6, kept.path("score").asInt());
    assertEquals("ces", kept.path("metric").asText());
    assertEquals("easy", kept.path("category").asText());
    assertEquals(
        "An import changed this response: it now reads CES 6 (easy), and neither the rule"
            + " 'detractors' that opened this follow-up nor any enabled recover rule selects it."
            + " Left as it is because someone has worked on it.",
        kept.path("notes").get(0).path("text").asText());
    JsonNode e2 = followupOf("e2");
    assertEquals("ces", e2.path("metric").asText(), "still open, copy moved");
    assertEquals(
        e2.path("history").get(e2.path("history").size() - 1).path("at").asText(),
        e2.path("updatedAt").asText(),
        "updatedAt is the copy's change (review R10)");

    // Imported as NPS again (the correction undone): e1 is a detractor again and reopens, e4 (7,
    // passive) is closed.
    HttpResponse<String> undone = server.postNdjson(nps);
    assertEquals(
        "{\"closed\":1,\"opened\":0,\"reopened\":1,\"tooOld\":0}",
        TestServer.json(undone).path("followups").toString());
    JsonNode again = followupOf("e1");
    assertEquals("open", again.path("status").asText());
    assertEquals("detractor", again.path("category").asText());
    assertEquals(
        BusinessDays.add(Instant.parse(again.path("updatedAt").asText()), 2).toString(),
        again.path("due").asText());
    assertEquals(
        List.of("e1", "e2", "e3"), responseIds(list("?status=open")).stream().sorted().toList());

    // The same file once more changes nothing.
    assertEquals(
        "{\"opened\":0,\"tooOld\":0}",
        TestServer.json(server.postNdjson(nps)).path("followups").toString());

    // A deleted response (a privacy request) takes its follow-up, worked on or not.
    assertEquals(204, server.delete("/api/v1/responses/e3").statusCode());
    assertEquals(404, server.get("/api/v1/followups/" + e3).statusCode());
    assertEquals(
        "{\"closed\":1,\"opened\":0,\"reopened\":1,\"tooOld\":0}",
        TestServer.json(server.postNdjson(ces)).path("followups").toString());
    assertEquals(List.of("e2", "e4"), responseIds(list("?status=open")).stream().sorted().toList());
  }

  /**
   * An unchanged re-send (an integration's nightly sync) decides nothing again: after the rule is
   * narrowed, the follow-ups it opened stay open (review R2: they were closed with a note saying
   * the response "now reads" what it always read). A response that changes is decided on the rule
   * as it stands.
   */
  @Test
  void anUnchangedResendAfterARuleEditLeavesTheFollowUpsAsTheyAre() {
    String body =
        "{\"id\":\"a1\",\"score\":5,\"comment\":\"Took a while.\"}\n"
            + "{\"id\":\"a2\",\"score\":2,\"comment\":\"Impossible to reach anyone.\"}\n";
    post(body);
    HttpResponse<String> put =
        putRules(
            "{\"rules\":[{\"id\":\"detractors\",\"kind\":\"recover\",\"when\":"
                + "{\"maxScore\":3,\"metric\":\"nps\"},\"maxAgeDays\":30}]}");
    assertEquals(200, put.statusCode(), put.body());
    assertEquals(
        "{\"opened\":0,\"tooOld\":0}",
        TestServer.json(server.postNdjson(body)).path("followups").toString());
    assertEquals(List.of("a1", "a2"), responseIds(list("?status=open")).stream().sorted().toList());
    assertEquals(
        "{\"closed\":1,\"opened\":0,\"tooOld\":0}",
        TestServer.json(server.postNdjson(body.replace("\"score\":5", "\"score\":4")))
            .path("followups")
            .toString());
    assertEquals(List.of("a2"), responseIds(list("?status=open")));

    // A change of segment alone is a change too: a rule on the region follows it.
    HttpResponse<String> eu =
        putRules(
            "{\"rules\":[{\"id\":\"eu\",\"kind\":\"advocate\",\"when\":"
                + "{\"segment.region\":\"EU\"}}]}");
    assertEquals(200, eu.statusCode(), eu.body());
    String inEu =
        "{\"id\":\"s1\",\"score\":9,\"comment\":\"Fine.\",\"segments\":{\"region\":\"EU\"}}";
    post(inEu);
    assertEquals(
        "{\"closed\":1,\"opened\":0,\"tooOld\":0}",
        TestServer.json(server.postNdjson(inEu.replace("EU", "US"))).path("followups").toString());
  }

  /**
   * A change signed with a name Earful signs its own changes with is refused: a later import would
   * take that work for Earful's and close the follow-up over it (review R5).
   */
  @Test
  void refusesAChangeSignedAsEarfulItself() {
    post(THREE);
    String id = list("").path("followups").get(0).path("id").asText();
    for (String by : List.of("import", "refinement", "rule:detractors")) {
      HttpResponse<String> r = patch(id, "{\"note\":\"called\",\"by\":\"" + by + "\"}");
      assertEquals(400, r.statusCode(), r.body());
      assertEquals(List.of("by"), errorFields(r));
    }
    assertEquals(200, patch(id, "{\"note\":\"called\",\"by\":\"import team\"}").statusCode());
  }

  @Test
  void erasingACustomerRemovesTheirFollowUpsFromTheQueueAndItsJournal() throws Exception {
    post(THREE);
    String d1 = list("?customer=ann@acme.example").path("followups").get(0).path("id").asText();
    patch(d1, "{\"note\":\"ann@acme.example asked for a call\"}");
    HttpResponse<String> r = server.delete("/api/v1/customers/ann@acme.example");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "{\"responses\":1,\"followups\":1,\"alerts\":0,\"reportFiles\":0}",
        TestServer.json(r).path("erased").toString());
    assertEquals(404, server.get("/api/v1/followups/" + d1).statusCode());
    assertEquals(1, list("").path("total").asInt());
    String journal = Files.readString(data.resolve(FollowupQueue.JOURNAL));
    assertFalse(journal.contains("ann@acme.example"), journal);
    assertTrue(journal.contains("\"c1\""), journal);
  }

  /**
   * A response re-imported with a corrected customer: erasing that customer takes the follow-up
   * that quotes their comment (review R12: it kept the old customer's name, so the erasure left it
   * in the queue and the journal, bob's words under ann's name).
   */
  @Test
  void erasingACorrectedCustomerTakesTheFollowUpQuotingTheirComment() throws Exception {
    String ann =
        "{\"id\":\"r1\",\"score\":2,\"comment\":\"Qwzx my private complaint.\","
            + "\"customer\":\"ann@x.example\",\"account\":\"Acme\"}\n";
    post(ann);
    post(ann.replace("ann@x.example", "bob@x.example").replace("Acme", "Beta"));
    assertEquals(1, list("?account=Beta").path("total").asInt());
    HttpResponse<String> r = server.delete("/api/v1/customers/bob@x.example");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(1, TestServer.json(r).at("/erased/followups").asInt(), r.body());
    assertEquals(0, list("?status=open,contacted,resolved,no_action").path("total").asInt());
    assertFalse(Files.readString(data.resolve(FollowupQueue.JOURNAL)).contains("Qwzx"));
  }

  /**
   * The alerts' side of the same (review R15): a new-response alert raised under the old customer
   * goes when the corrected customer is erased, and its journal keeps no line of the comment.
   */
  @Test
  void erasingACorrectedCustomerTakesTheAlertQuotingTheirComment() throws Exception {
    server.addEveryDetractorAlertRule();
    String ann =
        "{\"id\":\"r1\",\"score\":2,\"comment\":\"Qwzx my private complaint.\","
            + "\"customer\":\"ann@x.example\"}\n";
    post(ann);
    post(ann.replace("ann@x.example", "bob@x.example"));
    HttpResponse<String> r = server.delete("/api/v1/customers/bob@x.example");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(1, TestServer.json(r).at("/erased/alerts").asInt(), r.body());
    assertEquals(0, TestServer.json(server.get("/api/v1/alerts")).path("total").asInt());
    assertFalse(Files.readString(data.resolve("alerts.jsonl")).contains("Qwzx"));
  }

  private HttpResponse<String> patchAll(String query, String body) {
    return server.send(
        server
            .request("/api/v1/followups" + query)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** One history entry as "who field from->to". */
  private static String changeText(JsonNode h) {
    return h.path("by").asText()
        + " "
        + h.path("field").asText()
        + " "
        + h.path("from").asText()
        + "->"
        + h.path("to").asText();
  }

  private static List<String> errorFields(HttpResponse<String> r) {
    List<String> fields = new ArrayList<>();
    TestServer.json(r).path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  /**
   * A bulk change applies the single PATCH's change to every follow-up the list's filter selects,
   * each with its own history entry, in one journal append, and says how many matched and changed;
   * a request without a filter, or with a bad filter or body, is a 400 that changes nothing.
   */
  @Test
  void aBulkChangeChangesEveryFollowUpTheFilterListsWithItsOwnHistoryAndRefusesAnEmptyFilter()
      throws Exception {
    post(
        THREE
            + "{\"id\":\"d2\",\"score\":2,\"comment\":\"Slow.\",\"account\":\"Acme\"}\n"
            + "{\"id\":\"d3\",\"score\":0,\"comment\":\"Rude.\",\"account\":\"Initech\"}\n");
    assertEquals(4, list("").path("total").asInt());
    String d1 = list("?customer=ann@acme.example").path("followups").get(0).path("id").asText();
    assertEquals(200, patch(d1, "{\"status\":\"contacted\"}").statusCode());
    long journalLines = Files.readAllLines(data.resolve(FollowupQueue.JOURNAL)).size();

    // Refused, and nothing changed: no filter, a bad filter, paging, a bad body.
    String close = "{\"status\":\"no_action\",\"note\":\"Backlog, closed.\",\"by\":\"lee\"}";
    HttpResponse<String> none = patchAll("", close);
    assertEquals(400, none.statusCode(), none.body());
    assertTrue(
        none.headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"));
    assertEquals(List.of("all"), errorFields(none));
    assertEquals(List.of("all"), errorFields(patchAll("?status=", close)));
    assertEquals(List.of("all"), errorFields(patchAll("?all=yes&status=open", close)));
    HttpResponse<String> bad =
        patchAll("?status=maybe&limit=5&colour=red", "{\"status\":\"done\",\"size\":1}");
    assertEquals(400, bad.statusCode(), bad.body());
    // Names the bulk change does not take (limit, colour) are refused before anything is read, as
    // on every route; without them, the bad value and the body's errors are named together.
    assertEquals(List.of("limit", "colour"), errorFields(bad));
    assertEquals(
        List.of("status", "size", "status"),
        errorFields(patchAll("?status=maybe", "{\"status\":\"done\",\"size\":1}")));
    assertEquals(List.of("body"), errorFields(patchAll("?status=open", "{\"by\":\"lee\"}")));
    assertEquals(4, list("?status=open,contacted").path("total").asInt());
    assertEquals(journalLines, Files.readAllLines(data.resolve(FollowupQueue.JOURNAL)).size());

    // The open recover follow-ups of Acme and Initech: d2, d3 and c1 (csat), not d1 (contacted).
    HttpResponse<String> r = patchAll("?status=open&kind=recover", close);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("{\"matched\":3,\"changed\":3}", r.body());
    assertEquals(List.of("d1"), responseIds(list("?status=open,contacted")));
    for (JsonNode f : list("?status=no_action").path("followups")) {
      JsonNode one = TestServer.json(server.get("/api/v1/followups/" + f.path("id").asText()));
      JsonNode history = one.path("history");
      assertEquals(3, history.size(), one.toString());
      List<String> changes = new ArrayList<>();
      history.forEach(h -> changes.add(changeText(h)));
      assertEquals(
          List.of(
              "rule:detractors status null->open",
              "lee status open->no_action",
              "lee note null->Backlog, closed."),
          changes);
      assertEquals("Backlog, closed.", one.path("notes").get(0).path("text").asText());
    }
    // One journal line per changed follow-up, none for the others.
    assertEquals(journalLines + 3, Files.readAllLines(data.resolve(FollowupQueue.JOURNAL)).size());

    // Matched but already as asked: counted, not changed, not written.
    HttpResponse<String> again =
        patchAll("?account=Acme", "{\"status\":\"no_action\",\"by\":\"lee\"}");
    assertEquals("{\"matched\":2,\"changed\":1}", again.body());
    assertEquals(List.of(), responseIds(list("?status=open,contacted")));

    // The whole queue, said explicitly; anonymous when nobody is named.
    HttpResponse<String> all = patchAll("?all=true", "{\"assignee\":\"sam\"}");
    assertEquals("{\"matched\":4,\"changed\":4}", all.body());
    assertEquals(4, list("?assignee=sam").path("total").asInt());
    JsonNode h = TestServer.json(server.get("/api/v1/followups/" + d1)).path("history");
    assertEquals("anonymous", h.get(h.size() - 1).path("by").asText());

    // Restart: every change is still there.
    server.close();
    server = TestServer.start(data);
    assertEquals(4, list("?status=no_action&assignee=sam").path("total").asInt());
  }

  /**
   * The page ticks follow-ups by id and shows the count it will change: {@code id} selects those
   * (in GET and PATCH alike), and {@code expected} is the count the person confirmed. When the
   * filter matches another number by the time the change runs (here an import opened one more), the
   * change is a 409 that changes nothing; with the new count it goes through.
   */
  @Test
  void aBulkChangeTakesTheTickedIdsAndRefusesWhenTheConfirmedCountNoLongerHolds() throws Exception {
    post(
        THREE
            + "{\"id\":\"d2\",\"score\":2,\"comment\":\"Slow.\",\"account\":\"Acme\"}\n"
            + "{\"id\":\"d3\",\"score\":0,\"comment\":\"Rude.\",\"account\":\"Initech\"}\n");
    JsonNode open = list("?status=open");
    assertEquals(4, open.path("total").asInt());
    String first = open.path("followups").get(0).path("id").asText();
    String second = open.path("followups").get(1).path("id").asText();
    String snooze = "{\"due\":\"2031-01-15\",\"by\":\"lee\"}";

    // The ticked two, as "id=a,b" or repeated; the list shows the same two.
    assertEquals(2, list("?id=" + first + "," + second).path("total").asInt());
    HttpResponse<String> ticked =
        patchAll("?id=" + first + "&id=" + second + "&expected=2", snooze);
    assertEquals("{\"matched\":2,\"changed\":2}", ticked.body());
    List<String> snoozed = new ArrayList<>();
    for (JsonNode f : list("?status=open").path("followups")) {
      if (f.path("due").asText().startsWith("2031-01-15T23:59:59")) {
        snoozed.add(f.path("id").asText());
      }
    }
    assertEquals(
        List.of(first, second).stream().sorted().toList(), snoozed.stream().sorted().toList());

    // The person saw 4 open and confirmed 4; an import opened a fifth meanwhile.
    post("{\"id\":\"d4\",\"score\":1,\"comment\":\"Lost.\",\"account\":\"Acme\"}\n");
    long journalLines = Files.readAllLines(data.resolve(FollowupQueue.JOURNAL)).size();
    String close = "{\"status\":\"no_action\",\"by\":\"lee\"}";
    HttpResponse<String> stale = patchAll("?status=open&expected=4", close);
    assertEquals(409, stale.statusCode(), stale.body());
    assertTrue(
        stale
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"));
    assertEquals(
        "the filter matches 5 follow-ups now, not the 4 confirmed (expected=4); nothing changed:"
            + " list them again and confirm the new count",
        TestServer.json(stale).path("detail").asText());
    assertEquals(5, list("?status=open").path("total").asInt());
    assertEquals(journalLines, Files.readAllLines(data.resolve(FollowupQueue.JOURNAL)).size());
    assertEquals(List.of("expected"), errorFields(patchAll("?status=open&expected=some", close)));
    assertEquals(List.of("expected"), errorFields(patchAll("?status=open&expected=-1", close)));

    HttpResponse<String> fresh = patchAll("?status=open&expected=5", close);
    assertEquals("{\"matched\":5,\"changed\":5}", fresh.body());
    assertEquals(0, list("?status=open").path("total").asInt());
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("followups").forEach(f -> out.add(f.path("id").asText()));
    return out;
  }

  /**
   * The queue takes every response filter of the read endpoints (PRODUCT.md): a follow-up matches
   * when its response does, from/to on the response's submittedAt. "EU detractors' follow-ups about
   * delivery from last week" lists just those, a bulk change with a segment filter changes just
   * those, and a bad filter value is a 400 naming the field that changes nothing.
   */
  @Test
  void theQueueTakesTheResponseFiltersAndABulkChangeChangesOnlyTheFollowUpsTheySelect()
      throws Exception {
    HttpResponse<String> created =
        server.post(
            "/api/v1/themes",
            "application/json",
            "{\"name\":\"Delivery\",\"phrases\":[\"delivery\"]}");
    assertEquals(201, created.statusCode(), created.body());
    String delivery = TestServer.json(created).path("id").asText();
    Instant now = Instant.now();
    String recent = now.minus(Duration.ofDays(3)).toString();
    String older = now.minus(Duration.ofDays(20)).toString();
    post(
        String.join(
                "\n",
                line("eu-late", 2, "The delivery was late.", recent, "EU"),
                line("eu-old", 1, "The delivery was late again.", older, "EU"),
                line("eu-rude", 3, "Support was rude.", recent, "EU"),
                line("us-late", 0, "The delivery was late.", recent, "US"),
                line("eu-fan", 10, "Fast delivery.", recent, "EU"))
            + "\n");
    assertEquals(4, list("").path("total").asInt());
    String lastWeek = now.minus(Duration.ofDays(7)).toString().substring(0, 10);
    String today = now.toString().substring(0, 10);

    assertEquals(
        List.of("eu-late", "eu-old", "eu-rude"),
        responseIds(list("?segment.region=EU")).stream().sorted().toList());
    assertEquals(
        List.of("eu-late", "eu-rude"),
        responseIds(list("?segment.region=EU&from=" + lastWeek + "&to=" + today)).stream()
            .sorted()
            .toList());
    assertEquals(
        List.of("eu-late"),
        responseIds(list("?segment.region=EU&from=" + lastWeek + "&theme=" + delivery)));
    assertEquals(List.of("eu-rude"), responseIds(list("?status=open&q=rude")));
    assertEquals(List.of("eu-old"), responseIds(list("?to=" + lastWeek)));
    assertEquals(0, list("?segment.region=APAC").path("total").asInt());

    // A bad filter value is a 400 naming the field, on the list and on a bulk change alike.
    long journalLines = Files.readAllLines(data.resolve(FollowupQueue.JOURNAL)).size();
    String close = "{\"status\":\"no_action\",\"by\":\"lee\"}";
    HttpResponse<String> badList = server.get("/api/v1/followups?from=last-week&category=angry");
    assertEquals(400, badList.statusCode(), badList.body());
    assertTrue(
        badList
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"));
    assertEquals(List.of("from", "category"), errorFields(badList));
    HttpResponse<String> badPatch = patchAll("?segment.region=EU&to=someday", close);
    assertEquals(400, badPatch.statusCode(), badPatch.body());
    assertEquals(List.of("to"), errorFields(badPatch));
    assertEquals(List.of("segment."), errorFields(patchAll("?segment.=EU", close)));
    assertEquals(journalLines, Files.readAllLines(data.resolve(FollowupQueue.JOURNAL)).size());
    assertEquals(4, list("?status=open").path("total").asInt());

    // The bulk change with a segment and a period changes the two EU follow-ups of last week only.
    HttpResponse<String> r = patchAll("?segment.region=EU&from=" + lastWeek + "&expected=2", close);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("{\"matched\":2,\"changed\":2}", r.body());
    assertEquals(
        List.of("eu-late", "eu-rude"),
        responseIds(list("?status=no_action")).stream().sorted().toList());
    assertEquals(
        List.of("eu-old", "us-late"), responseIds(list("?status=open")).stream().sorted().toList());
  }

  private static String line(String id, int score, String comment, String at, String region) {
    return "{\"id\":\""
        + id
        + "\",\"score\":"
        + score
        + ",\"comment\":\""
        + comment
        + "\",\"submittedAt\":\""
        + at
        + "\",\"segments\":{\"region\":\""
        + region
        + "\"}}";
  }
}
