package dev.earful.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.search.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
      Set.of("category", "sentiment", "sentences", "themes", "analysis", "highlights");

  private static final String EXPECTED =
      "expected id, metric, score, comment, submittedAt, segments, customer, account";

  private final ObjectMapper mapper;

  public JsonResponseReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public JsonResponseReader() {
    this(new ObjectMapper());
  }

  /** Reads a JSON array of records (or a single record object); records in order. */
  public List<RawResponse> readArray(InputStream in) {
    List<RawResponse> out = new ArrayList<>();
    try (JsonParser p = mapper.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InputFormatException(
            1, 1, "the body is empty; expected a JSON array of responses");
      }
      if (first == JsonToken.START_OBJECT) {
        out.add(toRaw(mapper.readTree(p)));
      } else if (first == JsonToken.START_ARRAY) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == null) {
            throw malformed(p.currentLocation(), "the JSON array is not closed");
          }
          JsonNode node = mapper.readTree(p);
          out.add(toRaw(node));
        }
      } else {
        throw malformed(p.currentLocation(), "expected a JSON array of responses");
      }
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw malformed(
            p.currentLocation(),
            "unexpected content after the JSON array (for one object per line use"
                + " Content-Type: application/x-ndjson)");
      }
    } catch (JsonProcessingException e) {
      throw malformed(e.getLocation(), e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Reads NDJSON from a body: every non-blank line is one record. */
  public List<RawResponse> readNdjson(InputStream in) {
    List<RawResponse> out = new ArrayList<>();
    readNdjson(in, false, (line, raw) -> out.add(raw));
    return out;
  }

  /**
   * Streams NDJSON: calls {@code consumer} with each record and its line number. Blank lines are
   * skipped. A line that is not a JSON object throws {@link InputFormatException} with its number,
   * unless {@code lenient}: then it becomes a record with a read error, so one broken line of a
   * large file is reported and the rest still goes in.
   */
  public void readNdjson(InputStream in, boolean lenient, RecordConsumer consumer) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder))) {
      String line;
      long number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        RawResponse raw;
        try {
          raw = parseLine(line, number);
        } catch (InputFormatException e) {
          if (!lenient) {
            throw e;
          }
          raw =
              new RawResponse(
                  null,
                  null,
                  null,
                  null,
                  null,
                  Map.of(),
                  List.of(new FieldError("record", "not a JSON object: " + e.getMessage())));
        }
        consumer.accept(number, raw);
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputFormatException("the input is not valid UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RawResponse parseLine(String line, long number) {
    try (JsonParser p = mapper.createParser(line)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InputFormatException(
            number, p.currentLocation().getColumnNr(), "expected a JSON object on this line");
      }
      JsonNode node = mapper.readTree(p);
      if (p.nextToken() != null) {
        throw new InputFormatException(
            number,
            p.currentLocation().getColumnNr(),
            "unexpected content after the JSON object (one object per line)");
      }
      return toRaw(node);
    } catch (JsonProcessingException e) {
      long column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new InputFormatException(number, column, e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputFormatException malformed(JsonLocation at, String message) {
    long line = at == null ? 0 : Math.max(at.getLineNr(), 0);
    long column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
    return new InputFormatException(line, column, message);
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
