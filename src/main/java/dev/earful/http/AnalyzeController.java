package dev.earful.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.Analysis;
import dev.earful.domain.ThemeCatalog;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.search.FieldError;
import dev.earful.sentiment.SentimentScorer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/analyze}: stateless analysis. One object {@code {"text": "..."}} gives one
 * result; an array gives an array in the same order. A result holds the overall sentiment, the
 * sentences (character spans, sentiment, clauses, tokens with spans, tags and lemmas) and the
 * themes of the current taxonomy with their spans and polarity; each sentence also names the words
 * that carried its label ({@code carriers}, the fast model's) and, where the embedding stage read
 * one of its clauses, that stage's sentence encoder ({@code readBy}, else null). Nothing is stored,
 * so read keys may call it.
 */
public final class AnalyzeController implements Controller {

  static final String PATH = "/api/v1/analyze";

  /** Texts per request: larger batches belong in {@code POST /responses}. */
  static final int MAX_TEXTS = 1000;

  static final int MAX_TEXT_CHARS = 20_000;

  /** Characters of all texts of one request together (about a second of analysis). */
  static final int MAX_TOTAL_CHARS = 100_000;

  private final TextAnalyzer analyzer;
  private final java.util.function.Supplier<SentimentScorer> sentiment;
  private final ThemeCatalog themes;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;

  public AnalyzeController(
      TextAnalyzer analyzer,
      java.util.function.Supplier<SentimentScorer> sentiment,
      ThemeCatalog themes,
      ObjectMapper mapper,
      long maxBodyBytes) {
    this.analyzer = analyzer;
    this.sentiment = sentiment;
    this.themes = themes;
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.post(PATH, this::analyze, ApiRole.READ);
  }

  private void analyze(Context ctx) {
    JsonNode body = RequestBodies.json(ctx, mapper, maxBodyBytes);
    if (body != null && body.isObject()) {
      String text = text(body, "text");
      ctx.json(result(text));
      return;
    }
    if (body == null || !body.isArray()) {
      throw ProblemException.malformedBody(
          "send an object {\"text\": \"...\"} or an array of such objects");
    }
    if (body.size() > MAX_TEXTS) {
      throw ProblemException.invalid(
          "at most " + MAX_TEXTS + " texts per request",
          List.of(
              new FieldError("body", "has " + body.size() + " items; the limit is " + MAX_TEXTS)));
    }
    List<String> texts = new ArrayList<>(body.size());
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode item = body.get(i);
      if (!item.isObject()) {
        errors.add(new FieldError("[" + i + "]", "must be an object with a text"));
        continue;
      }
      try {
        texts.add(text(item, "[" + i + "].text"));
      } catch (ProblemException e) {
        errors.add(new FieldError("[" + i + "].text", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("some items are not valid; see errors", errors);
    }
    long total = texts.stream().mapToLong(String::length).sum();
    if (total > MAX_TOTAL_CHARS) {
      // Analysis costs about 0.1 s per 2,000 characters on one core: this bounds one request.
      throw new ProblemException(
          413,
          "too-much-text",
          "Too much text",
          "one request may analyse at most "
              + MAX_TOTAL_CHARS
              + " characters in all, got "
              + total
              + "; split the texts over several requests",
          List.of());
    }
    List<Map<String, Object>> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(result(text));
    }
    ctx.json(out);
  }

  private static String text(JsonNode item, String field) {
    JsonNode t = item.get("text");
    if (t == null || t.isNull() || !t.isTextual()) {
      throw ProblemException.invalid(
          "text is required and must be a string",
          List.of(
              new FieldError(
                  field.endsWith("text") ? field : "text", "is required and must be a string")));
    }
    String text = t.asText();
    if (text.length() > MAX_TEXT_CHARS) {
      throw ProblemException.invalid(
          "a text may have at most " + MAX_TEXT_CHARS + " characters",
          List.of(
              new FieldError(
                  field, "has " + text.length() + " characters; the limit is " + MAX_TEXT_CHARS)));
    }
    return text;
  }

  /** The published name of the encoder of the scorer's embedding stage. */
  private static String stageEncoder(SentimentScorer sentiment) {
    return dev.earful.embed.SentenceEncoder.title(sentiment.model().stage().encoder());
  }

  private Map<String, Object> result(String text) {
    SentimentScorer sentiment = this.sentiment.get();
    SentimentScorer.Read read = sentiment.scoreSayingWhatTheStageRead(analyzer.analyze(text));
    Analysis a = read.analysis();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sentiment", Views.sentiment(a.sentiment()));
    m.put("sentimentStage", a.stage().wireName());
    List<Map<String, Object>> sentences = Views.sentences(a, true);
    for (int i = 0; i < sentences.size(); i++) {
      // The words that carried the sentence's label, so a person can see why.
      sentences
          .get(i)
          .put(
              "carriers",
              sentiment.explain(a.sentences().get(i)).stream()
                  .map(c -> Map.of("words", c.words(), "weight", Views.round(c.weight())))
                  .toList());
      // The carriers are the fast model's words; where the sentence encoder also read a clause,
      // its label is more than them (the encoder's name, else null).
      sentences.get(i).put("readBy", read.stageRead().get(i) ? stageEncoder(sentiment) : null);
    }
    m.put("sentences", sentences);
    m.put("themes", themes.mentionsIn(a).stream().map(Views::themeMention).toList());
    // After the fields of PRODUCT.md's /analyze example, which keep their order.
    m.put("language", Views.language(text, a));
    return m;
  }
}
