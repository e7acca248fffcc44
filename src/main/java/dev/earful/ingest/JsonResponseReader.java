package dev.earful.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.search.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads responses written as JSON: a JSON array of objects (or one object), or NDJSON with one
 * object per line. Syntax errors end the read with an {@link InputFormatException} naming the line;
 * a well-formed record with wrong field types becomes a {@link RawResponse} with read errors, so
 * the validator can report it with the rest of the batch.
 */
public final class JsonResponseReader {

  /** The fields a client writes. */
  static final Set<String> FIELDS =
      Set.of("id", "metric", "score", "comment", "submittedAt", "segments", "customer", "account");

  /**
   * Fields Earful itself returns (GET /responses/{id}, search hits): ignored on the way in, so a
   * response read from the API can be posted back unchanged.
   */
  static final Set<String> READ_ONLY_FIELDS =
      Set.of(
          "category",
          "sentiment",
          "sentimentStage",
          "language",
          "sentences",
          "themes",
          "analysis",
          "highlights");

  private static final String EXPECTED =
      "expected id, metric, score, comment, submittedAt, segments, customer, account";

  private final ObjectMapper mapper;

  public JsonResponseReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public JsonResponseReader() {
    this(new ObjectMapper());
  }

  /**
   * The largest record read by default, in bytes: a JSON object, or an NDJSON line. A comment holds
   * at most 20,000 characters, so a valid record is far smaller; the bound only keeps a damaged or
   * hostile file from being held in memory.
   */
  public static final int DEFAULT_MAX_RECORD_BYTES = 8 << 20;

  /** Reads a JSON array of records (or a single record object); records in order. */
  public List<RawResponse> readArray(InputStream in) {
    List<RawResponse> out = new ArrayList<>();
    readArray(in, false, DEFAULT_MAX_RECORD_BYTES, (position, raw) -> out.add(raw));
    return out;
  }

  /**
   * Streams a JSON array of records (or a single record object): calls {@code consumer} with each
   * record and the line its element starts on. Each element is parsed on its own: one longer than
   * {@code maxRecordBytes} becomes a record with a read error (it is never held in memory), and so
   * does one that does not parse when {@code lenient} (else it throws {@link
   * InputFormatException}); when lenient, reading goes on at the next element after a broken one
   * ({@link JsonArraySplitter} says how it is found). An array that is not closed, or a string that
   * runs to the end of the input, ends the read with an InputFormatException after the elements
   * before it.
   *
   * @return how many elements could not be read at all (too long, or broken when lenient)
   */
  public long readArray(
      InputStream in, boolean lenient, int maxRecordBytes, RecordConsumer consumer) {
    JsonArraySplitter splitter = new JsonArraySplitter(in, maxRecordBytes);
    long unreadable = 0;
    JsonArraySplitter.Element e;
    while ((e = splitter.next()) != null) {
      RawResponse raw = null;
      String problem = e.problem();
      if (e.damage() != null) {
        if (!lenient) {
          throw e.damage();
        }
        problem = notAnObject(e.line(), e.damage());
      } else if (problem == null) {
        try {
          raw = parseElement(e.bytes(), e.line());
        } catch (InputFormatException broken) {
          if (!lenient) {
            throw broken;
          }
          problem = notAnObject(e.line(), broken);
        }
      }
      if (problem != null) {
        raw = unreadable(problem);
        unreadable++;
      }
      consumer.accept(e.line(), raw);
    }
    return unreadable;
  }

  /** Reads NDJSON from a body: every non-blank line is one record. */
  public List<RawResponse> readNdjson(InputStream in) {
    List<RawResponse> out = new ArrayList<>();
    readNdjson(in, false, DEFAULT_MAX_RECORD_BYTES, (line, raw) -> out.add(raw));
    return out;
  }

  /** {@link #readNdjson(InputStream, boolean, int, RecordConsumer)} with the default bound. */
  public long readNdjson(InputStream in, boolean lenient, RecordConsumer consumer) {
    return readNdjson(in, lenient, DEFAULT_MAX_RECORD_BYTES, consumer);
  }

  /**
   * Streams NDJSON: calls {@code consumer} with each record and its line number. Blank lines are
   * skipped. Each line is read as bytes up to {@code maxRecordBytes}: a longer one becomes a record
   * with a read error, counted and skipped without being held. A line that is JSON but not an
   * object is a record rejected as such. A line that is not UTF-8 or not JSON throws {@link
   * InputFormatException} with its number, unless {@code lenient}: then it becomes a record with a
   * read error, so one broken line of a large file is reported and the rest still goes in.
   *
   * @return how many lines could not be read at all (too long, or broken when lenient)
   */
  public long readNdjson(
      InputStream in, boolean lenient, int maxRecordBytes, RecordConsumer consumer) {
    BoundedLineReader lines =
        new BoundedLineReader(
            in,
            StandardCharsets.UTF_8,
            maxRecordBytes,
            "",
            " (JSON is UTF-8: save the file as UTF-8)");
    long unreadable = 0;
    BoundedLineReader.Line line;
    while ((line = lines.next()) != null) {
      long number = line.number();
      RawResponse raw = null;
      String problem = line.problem();
      if (problem != null && !lenient && !line.tooLong()) {
        // not UTF-8: the body as a whole is not what its media type says
        throw new InputFormatException(number, 0, problem);
      }
      if (problem == null) {
        if (line.text().isBlank()) {
          continue;
        }
        try {
          raw = parseLine(line.text(), number);
        } catch (InputFormatException e) {
          if (!lenient) {
            throw e;
          }
          problem = "not a JSON object: " + e.getMessage();
        }
      }
      if (problem != null) {
        raw = unreadable(problem);
        unreadable++;
      }
      consumer.accept(number, raw);
    }
    return unreadable;
  }

  /**
   * Why an element that starts on {@code line} is not JSON: the reason, with the line of the damage
   * when it is not the element's first.
   */
  private static String notAnObject(long line, InputFormatException damage) {
    return "not a JSON object: "
        + (damage.line() > line ? "line " + damage.line() + ": " : "")
        + damage.getMessage();
  }

  /** A record that could not be read at all, with why. */
  private static RawResponse unreadable(String problem) {
    return new RawResponse(
        null, null, null, null, null, Map.of(), List.of(new FieldError("record", problem)));
  }

  private RawResponse parseElement(byte[] bytes, long firstLine) {
    try (JsonParser p = mapper.createParser(bytes)) {
      JsonNode node = mapper.readTree(p);
      if (p.nextToken() != null) {
        throw malformed(firstLine, p.currentLocation(), "expected a comma between two elements");
      }
      return toRaw(node);
    } catch (JsonProcessingException e) {
      throw malformed(firstLine, e.getLocation(), reason(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RawResponse parseLine(String line, long number) {
    try (JsonParser p = mapper.createParser(line)) {
      JsonToken first = p.nextToken();
      JsonNode node;
      try {
        node = mapper.readTree(p);
      } catch (JsonProcessingException e) {
        if (first == JsonToken.START_OBJECT) {
          throw e;
        }
        throw new InputFormatException(
            number, p.currentLocation().getColumnNr(), "expected a JSON object on this line");
      }
      if (p.nextToken() != null) {
        throw new InputFormatException(
            number,
            p.currentLocation().getColumnNr(),
            "unexpected content after the JSON object (one object per line)");
      }
      // A line that is JSON but no object (7, null, [1,2]) is one rejected record, as the same
      // value is in a JSON array: it refused the whole body, every other line with it.
      return toRaw(node);
    } catch (JsonProcessingException e) {
      long column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new InputFormatException(number, column, reason(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Jackson's reason without the parser's own account of where, or the library setting behind a
   * limit: an object left open ended "(start marker at [Source: REDACTED
   * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])", a library
   * setting's name and a line counted within the record, beside the line of the body that this
   * reader gives (the API trial of 2026-12-05 read "line 2: ... line: 1").
   */
  public static String reason(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return "not valid JSON";
    }
    return SETTING.matcher(SOURCE.matcher(message).replaceAll("")).replaceAll("").strip();
  }

  private static final Pattern SOURCE =
      Pattern.compile("\\s*\\((?:start marker at )?\\[Source: .*?\\]\\)", Pattern.DOTALL);

  /**
   * The library setting a limit's message names: "exceeds the maximum allowed (1000, from
   * `StreamReadConstraints.getMaxNumberLength()`)" reads "exceeds the maximum allowed (1000)".
   */
  private static final Pattern SETTING = Pattern.compile(", from `[^`]*`");

  /** An error inside an element, on the line of the file it is on. */
  private static InputFormatException malformed(long firstLine, JsonLocation at, String message) {
    long inside = at == null ? 1 : Math.max(at.getLineNr(), 1);
    // on the element's first line Jackson counts columns from the element's start, not the line's
    long column = at == null || inside == 1 ? 0 : Math.max(at.getColumnNr(), 0);
    return new InputFormatException(firstLine + inside - 1, column, message);
  }

  /** Converts one JSON value into a raw record, noting type errors instead of throwing. */
  static RawResponse toRaw(JsonNode node) {
    List<FieldError> errors = new ArrayList<>();
    if (node == null || !node.isObject()) {
      errors.add(new FieldError("record", "must be a JSON object"));
      return new RawResponse(null, null, null, null, null, Map.of(), errors);
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name) && !READ_ONLY_FIELDS.contains(name)) {
        errors.add(
            new FieldError(ResponseValidator.shorten(name), "unknown field (" + EXPECTED + ")"));
      }
    }
    String id = scalar(node, "id", true, errors, "must be a string");
    String metric = scalar(node, "metric", false, errors, "must be a string: nps, csat or ces");
    String score = number(node.get("score"), errors);
    String comment = scalar(node, "comment", false, errors, "must be a string");
    String submittedAt =
        scalar(
            node,
            "submittedAt",
            true,
            errors,
            "must be an ISO-8601 string such as 2024-03-01T14:22:05Z");
    Map<String, String> segments = segments(node.get("segments"), errors);
    String customer = scalar(node, "customer", true, errors, "must be a string (an id or e-mail)");
    String account = scalar(node, "account", true, errors, "must be a string");
    return new RawResponse(
        id, metric, score, comment, submittedAt, segments, errors, customer, account);
  }

  private static String scalar(
      JsonNode node,
      String field,
      boolean integersAllowed,
      List<FieldError> errors,
      String message) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (integersAllowed && v.isIntegralNumber()) {
      return v.asText();
    }
    errors.add(new FieldError(field, message));
    return null;
  }

  private static String number(JsonNode v, List<FieldError> errors) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue()) && !v.isBigDecimal()) {
        // 1e400 parses to an infinite double, which has no decimal value
        errors.add(new FieldError("score", "must be a whole number, got " + v.asText()));
        return null;
      }
      return v.isFloatingPointNumber() ? v.decimalValue().toPlainString() : v.asText();
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    errors.add(new FieldError("score", "must be a whole number"));
    return null;
  }

  private static Map<String, String> segments(JsonNode v, List<FieldError> errors) {
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      errors.add(
          new FieldError("segments", "must be an object of strings, e.g. {\"region\":\"EU\"}"));
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (e.getValue().isTextual()) {
        out.put(e.getKey(), e.getValue().textValue());
      } else {
        errors.add(
            new FieldError(
                "segments." + ResponseValidator.shorten(e.getKey()), "must be a string"));
      }
    }
    return out;
  }
}
