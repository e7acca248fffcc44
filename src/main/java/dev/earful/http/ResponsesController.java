package dev.earful.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.PersonalData;
import dev.earful.domain.ThemeCatalog;
import dev.earful.ingest.DateOrder;
import dev.earful.ingest.ImportOptions;
import dev.earful.ingest.ImportRequestLimits;
import dev.earful.ingest.IngestReport;
import dev.earful.ingest.JsonResponseReader;
import dev.earful.ingest.RawResponse;
import dev.earful.ingest.RecordConsumer;
import dev.earful.ingest.ResponseIngestor;
import dev.earful.ingest.ResponseValidator;
import dev.earful.ingest.ScaleProbe;
import dev.earful.ingest.SourceRecord;
import dev.earful.search.FieldError;
import dev.earful.search.QueryParameters;
import dev.earful.search.ResponseIndex;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/responses} (JSON array or NDJSON, upsert by id, partial acceptance), {@code
 * GET} and {@code DELETE /api/v1/responses/{id}}. Ids may contain slashes.
 */
public final class ResponsesController implements Controller {

  static final String PATH = "/api/v1/responses";
  private static final Set<String> JSON = Set.of("application/json");
  private static final Set<String> NDJSON =
      Set.of("application/x-ndjson", "application/ndjson", "application/jsonl");
  private static final String ACCEPTED = "application/json (an array) or application/x-ndjson";

  private final ResponseIndex index;
  private final ResponseIngestor ingestor;
  private final ThemeCatalog themes;
  private final ResponseValidator validator;
  private final JsonResponseReader reader;
  private final long maxBodyBytes;
  private final ImportRequestLimits limits;
  private final Supplier<List<PersonalData>> personalData;

  /**
   * @param limits the records and text one import request may hold (the operator's settings)
   * @param personalData every store besides the index that may hold a copy of a response (the
   *     follow-up queue, the alerts), asked at each deletion so a deleted comment leaves them too
   */
  public ResponsesController(
      ResponseIndex index,
      ResponseIngestor ingestor,
      ThemeCatalog themes,
      ResponseValidator validator,
      ObjectMapper mapper,
      long maxBodyBytes,
      ImportRequestLimits limits,
      Supplier<List<PersonalData>> personalData) {
    this.limits = limits;
    this.personalData = personalData;
    this.index = index;
    this.ingestor = ingestor;
    this.themes = themes;
    this.validator = validator;
    this.reader = new JsonResponseReader(mapper);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.post(PATH, this::post);
    config.routes.get(PATH + "/<id>", this::get);
    config.routes.delete(PATH + "/<id>", this::delete);
  }

  private void post(Context ctx) {
    boolean ndjson = mediaType(ctx);
    ImportOptions options = importOptions(ctx);
    Map<String, String> fixed = fixedSegments(ctx);
    byte[] body = RequestBodies.read(ctx, maxBodyBytes);
    List<RawResponse> raws = new ArrayList<>();
    long[] text = {0};
    // counted as the body is read, so a body over a bound is refused before it is all parsed
    RecordConsumer bounded =
        (line, raw) -> {
          if (raws.size() == limits.maxRecords()) {
            throw tooManyRecords();
          }
          text[0] += ImportRequestLimits.analysedLength(raw.comment());
          if (text[0] > limits.maxCommentChars()) {
            throw tooMuchText(raws.size() + 1);
          }
          String clash = raw.clashingSegment(fixed);
          if (clash != null) {
            throw segmentClash(raws.size() + 1, clash, raw.segments().get(clash), fixed);
          }
          raws.add(raw.withSegments(fixed));
        };
    if (ndjson) {
      reader.readNdjson(
          new ByteArrayInputStream(body),
          false,
          JsonResponseReader.DEFAULT_MAX_RECORD_BYTES,
          bounded);
    } else {
      reader.readArray(
          new ByteArrayInputStream(body),
          false,
          JsonResponseReader.DEFAULT_MAX_RECORD_BYTES,
          bounded);
    }
    List<SourceRecord> records = new ArrayList<>(raws.size());
    for (int i = 0; i < raws.size(); i++) {
      records.add(new SourceRecord(i, raws.get(i)));
    }
    DateOrder.Decision dates = dateOrder(ctx, raws, ndjson);
    IngestReport report =
        ingestor.ingest(
            records, dates == null ? validator : validator.withDayFirst(dates.dayFirst()), options);
    Map<String, Object> answer = Views.ingestReport(report);
    if (dates != null) {
      answer.put("dates", Map.of("order", dates.order(), "reason", dates.reason()));
    }
    // A body that names no metric is read as NPS: 0/1 labels or a 1-5 rating become detractors
    // all, each opening a follow-up. The CLI refuses such a file without --metric; a client's
    // batch is imported as sent (one of a feed's batches cannot be taken back) and told so.
    ScaleProbe scale = new ScaleProbe();
    raws.forEach(scale::observe);
    String notNps = scale.likelyNotNps();
    if (notNps != null) {
      answer =
          Views.withWarnings(
              answer,
              List.of(
                  new FieldError(
                      "score",
                      notNps
                          + ", but no record names its metric, so the scores were read as NPS"
                          + " (0-10), where 0-6 is a detractor: every response is one. "
                          + (scale.looksLikeZeroOneLabels()
                              ? "A label is not a survey's score: send the survey's score as"
                                  + " the score, or name the metric in each record (\"metric\":"
                                  + " \"nps\") to keep them as NPS"
                              : "Name the metric in each record (\"metric\": \""
                                  + scale.suggestedMetric()
                                  + "\"), or send a survey's score as the score"))));
    }
    ctx.json(answer);
  }

  private ProblemException tooManyRecords() {
    return new ProblemException(
        413,
        "too-many-records",
        "Too many records",
        "one request may hold at most "
            + limits.maxRecords()
            + " records; nothing of this body was imported: send it in smaller batches",
        List.of());
  }

  private ProblemException tooMuchText(int records) {
    return new ProblemException(
        413,
        "too-much-text",
        "Too much text",
        "one request may hold at most "
            + limits.maxCommentChars()
            + " characters of comments in all, which the first "
            + records
            + " records of this body pass; nothing of it was imported: send it in smaller batches",
        List.of());
  }

  private static ProblemException segmentClash(
      int record, String key, String own, Map<String, String> fixed) {
    return new ProblemException(
        400,
        "segment-clash",
        "A record holds another value of a segment given to every record",
        "record "
            + record
            + " of the body has its own segments."
            + key
            + " '"
            + own
            + "', which segment."
            + key
            + "="
            + fixed.get(key)
            + " would replace; nothing of this body was imported: drop the parameter, or the"
            + " records' own value",
        List.of());
  }

  /** The prefix of a segment given to every record of the body ({@code segment.source=amazon}). */
  private static final String SEGMENT = "segment.";

  /**
   * The {@code segment.KEY=VALUE} parameters, given to every record of the body (a feed whose
   * records do not say their source). An empty key or value, one given twice, or one past the
   * limits of a record's segments is refused before the body is read; a record holding another
   * value of the key refuses the body (see {@link #segmentClash}).
   */
  private static Map<String, String> fixedSegments(Context ctx) {
    QueryParameters p = new QueryParameters(QueryNames.of(ctx));
    Map<String, String> fixed = new java.util.LinkedHashMap<>();
    QueryNames.of(ctx)
        .forEach(
            (name, values) -> {
              if (!name.startsWith(SEGMENT)) {
                return;
              }
              String key = name.substring(SEGMENT.length()).strip();
              if (key.isEmpty() || values.size() != 1 || values.get(0).isBlank()) {
                p.error(name, "expected one value and a key: segment.KEY=VALUE");
              } else {
                fixed.put(key, values.get(0).strip());
              }
            });
    String problem = ResponseValidator.fixedSegmentsProblem(fixed);
    if (problem != null) {
      p.error("segment", problem);
    }
    p.check();
    return fixed;
  }

  /**
   * The {@code followups} parameter: {@code false} opens no follow-ups for this import (a history
   * without dates would open one per detractor, all due the same day); {@code true} or absent, the
   * rules apply. Read before the body, so a bad value imports nothing. An unknown parameter is
   * refused too: a misspelt switch ({@code followup=false}) would otherwise import with the rules
   * on and open the follow-ups it was meant to hold back ({@link QueryContract} refuses it, as any
   * route's, from the parameters openapi.json lists for the import).
   */
  private static ImportOptions importOptions(Context ctx) {
    QueryParameters p = new QueryParameters(QueryNames.of(ctx));
    Boolean open = p.bool("followups");
    p.check();
    return Boolean.FALSE.equals(open) ? ImportOptions.NO_FOLLOWUPS : ImportOptions.DEFAULT;
  }

  /**
   * How this body's slashed dates ({@code 21/02/2018}) are read, or null when it has none: as the
   * {@code dates} parameter says, else from the body's own dates as the CLI does for a column (a
   * value over 12 settles it; one order for the whole body, never one per item), month first when
   * every date fits either. The answer says which and why.
   */
  private static DateOrder.Decision dateOrder(Context ctx, List<RawResponse> raws, boolean ndjson) {
    QueryParameters p = new QueryParameters(QueryNames.of(ctx));
    DateOrderParameter asked =
        p.choice("dates", DateOrderParameter.values(), DateOrderParameter::wireName, null);
    p.check();
    DateOrder order = new DateOrder(ndjson ? "line" : "item", LocalDate.now(ZoneOffset.UTC));
    for (int i = 0; i < raws.size(); i++) {
      order.observe(ndjson ? i + 1 : i, raws.get(i).submittedAt());
    }
    if (!order.matters()) {
      return null;
    }
    if (asked != null) {
      return new DateOrder.Decision(
          asked == DateOrderParameter.DAY_FIRST,
          "read " + asked.wireName().replace('-', ' ') + " (dates=" + asked.wireName() + ")");
    }
    return order.decide("dates=day-first");
  }

  /** The {@code dates} parameter of {@code POST /responses}. */
  private enum DateOrderParameter {
    DAY_FIRST,
    MONTH_FIRST;

    String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** True for NDJSON, false for a JSON array; 415 for anything else. */
  private static boolean mediaType(Context ctx) {
    String header = ctx.header("Content-Type");
    if (header == null || header.isBlank()) {
      throw ProblemException.unsupportedMediaType("(none)", ACCEPTED);
    }
    String[] parts = header.split(";", -1);
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=")) {
        String charset = p.substring(8).replace("\"", "").strip();
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          throw ProblemException.unsupportedMediaType(header.strip(), ACCEPTED + ", in UTF-8");
        }
      }
    }
    if (JSON.contains(type)) {
      return false;
    }
    if (NDJSON.contains(type)) {
      return true;
    }
    throw ProblemException.unsupportedMediaType(header.strip(), ACCEPTED);
  }

  private void get(Context ctx) {
    String id = responseId(ctx);
    AnalyzedResponse found =
        index
            .get(id)
            .orElseThrow(() -> ProblemException.notFound("no response with id '" + id + "'"));
    boolean tokens = "true".equalsIgnoreCase(ctx.queryParam("tokens"));
    ctx.json(Views.analyzedResponse(found, themes.mentionsIn(found.analysis()), tokens));
  }

  private void delete(Context ctx) {
    String id = responseId(ctx);
    if (!index.delete(id)) {
      throw ProblemException.notFound("no response with id '" + id + "'");
    }
    for (PersonalData store : personalData.get()) {
      store.eraseResponse(id);
    }
    ctx.status(204);
  }

  /**
   * The id of the path as an import stores it: stripped of the spaces around it, as the import
   * strips a record's id (a CSV cell " r1 "). A client that sent " r1 " read 404 for it, and its
   * privacy deletion by that id answered 404 while the response stayed stored.
   */
  private static String responseId(Context ctx) {
    return ctx.pathParam("id").strip();
  }
}
