package dev.earful.followup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.Metric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A follow-up as a map of wire names (the API's shape and the journal's line are the same), and
 * back from JSON. One definition, so what is stored is what is served.
 */
public final class FollowupCodec {

  private final ObjectMapper mapper;

  public FollowupCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The follow-up's fields, in wire names. */
  public static Map<String, Object> toMap(Followup f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("responseId", f.responseId());
    m.put("kind", f.kind().wireName());
    m.put("ruleId", f.ruleId());
    m.put("status", f.status().wireName());
    m.put("assignee", f.assignee());
    m.put("due", f.due().toString());
    m.put("createdAt", f.createdAt().toString());
    m.put("updatedAt", f.updatedAt().toString());
    m.put("metric", f.metric().wireName());
    m.put("score", f.score());
    m.put("category", f.metric().categorize(f.score()).wireName());
    m.put("customer", f.customer());
    m.put("account", f.account());
    m.put("submittedAt", f.submittedAt().toString());
    m.put("excerpt", f.excerpt());
    List<Map<String, Object>> notes = new ArrayList<>();
    for (Followup.Note n : f.notes()) {
      Map<String, Object> nm = new LinkedHashMap<>();
      nm.put("at", n.at().toString());
      nm.put("by", n.by());
      nm.put("text", n.text());
      notes.add(nm);
    }
    m.put("notes", notes);
    List<Map<String, Object>> history = new ArrayList<>();
    for (Followup.Change c : f.history()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("at", c.at().toString());
      cm.put("by", c.by());
      cm.put("field", c.field());
      cm.put("from", c.from());
      cm.put("to", c.to());
      history.add(cm);
    }
    m.put("history", history);
    return m;
  }

  /** One journal line. */
  String line(Followup f) {
    try {
      return mapper.writeValueAsString(toMap(f));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a follow-up always serialises", e);
    }
  }

  /** Reads a journal line back. */
  Followup parse(String line) {
    JsonNode n;
    try {
      n = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a follow-up journal line is not JSON", e);
    }
    List<Followup.Note> notes = new ArrayList<>();
    for (JsonNode x : n.path("notes")) {
      notes.add(
          new Followup.Note(Instant.parse(x.path("at").asText()), text(x, "by"), text(x, "text")));
    }
    List<Followup.Change> history = new ArrayList<>();
    for (JsonNode x : n.path("history")) {
      history.add(
          new Followup.Change(
              Instant.parse(x.path("at").asText()),
              text(x, "by"),
              text(x, "field"),
              text(x, "from"),
              text(x, "to")));
    }
    return new Followup(
        text(n, "id"),
        text(n, "responseId"),
        FollowupKind.parse(text(n, "kind")),
        text(n, "ruleId"),
        FollowupStatus.parse(text(n, "status")),
        text(n, "assignee"),
        Instant.parse(text(n, "due")),
        Instant.parse(text(n, "createdAt")),
        Instant.parse(text(n, "updatedAt")),
        Metric.parse(text(n, "metric")),
        n.path("score").asInt(),
        text(n, "customer"),
        text(n, "account"),
        Instant.parse(text(n, "submittedAt")),
        text(n, "excerpt"),
        notes,
        history);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
