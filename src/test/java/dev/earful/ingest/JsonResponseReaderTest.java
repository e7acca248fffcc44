package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.earful.search.FieldError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonResponseReaderTest {

  private final JsonResponseReader reader = new JsonResponseReader();

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAnArrayOfRecordsWithEveryField() {
    List<RawResponse> r =
        reader.readArray(
            in(
                "[{\"id\":\"r1\",\"metric\":\"csat\",\"score\":4,\"comment\":\"ok\","
                    + "\"submittedAt\":\"2024-03-01T00:00:00Z\",\"segments\":{\"region\":\"EU\"}},"
                    + "{\"id\":7,\"score\":4.0}]"));
    assertEquals(
        new RawResponse(
            "r1", "csat", "4", "ok", "2024-03-01T00:00:00Z", Map.of("region", "EU"), List.of()),
        r.get(0));
    assertEquals(new RawResponse("7", null, "4.0", null, null, Map.of(), List.of()), r.get(1));
  }

  @Test
  void acceptsASingleObjectAsABatchOfOne() {
    assertEquals(1, reader.readArray(in("{\"id\":\"a\",\"score\":1}")).size());
  }

  @Test
  void notesWrongTypesAndUnknownFieldsAsRecordErrors() {
    RawResponse r =
        reader
            .readArray(
                in(
                    "[{\"id\":[1],\"score\":true,\"comment\":5,\"segments\":{\"a\":1},\"coment\":\"x\","
                        + "\"category\":\"promoter\"}, 42]"))
            .get(0);
    assertEquals(
        List.of(
            new FieldError(
                "coment",
                "unknown field (expected id, metric, score, comment, submittedAt, segments, customer, account)"),
            new FieldError("id", "must be a string"),
            new FieldError("score", "must be a whole number"),
            new FieldError("comment", "must be a string"),
            new FieldError("segments.a", "must be a string")),
        r.readErrors());
    assertEquals(
        List.of(new FieldError("record", "must be a JSON object")),
        reader.readArray(in("[42]")).get(0).readErrors());
  }

  @Test
  void reportsTheLineAndColumnOfMalformedJson() {
    InputFormatException e =
        assertThrows(
            InputFormatException.class,
            () -> reader.readArray(in("[\n{\"id\":\"a\",\n\"score\":}\n]")));
    assertEquals(3, e.line());
    assertThrows(InputFormatException.class, () -> reader.readArray(in("")));
    assertThrows(InputFormatException.class, () -> reader.readArray(in("[{\"id\":\"a\"}")));
    assertThrows(InputFormatException.class, () -> reader.readArray(in("[] []")));
    assertThrows(InputFormatException.class, () -> reader.readArray(in("\"text\"")));
  }

  @Test
  void readsNdjsonSkippingBlankLinesAndNamesTheBrokenLine() {
    List<Long> lines = new ArrayList<>();
    reader.readNdjson(
        in("{\"id\":\"a\",\"score\":1}\n\n{\"id\":\"b\",\"score\":2}\r\n"),
        false,
        (line, raw) -> lines.add(line));
    assertEquals(List.of(1L, 3L), lines);
    InputFormatException e =
        assertThrows(
            InputFormatException.class,
            () ->
                reader.readNdjson(
                    in("{\"id\":\"a\",\"score\":1}\n{\"id\":\"b\",\n"), false, (l, r) -> {}));
    assertEquals(2, e.line());
    InputFormatException notObject =
        assertThrows(
            InputFormatException.class,
            () -> reader.readNdjson(in("[1,2]\n"), false, (l, r) -> {}));
    assertEquals("expected a JSON object on this line", notObject.getMessage());
  }

  @Test
  void turnsABrokenNdjsonLineIntoARecordErrorWhenLenient() {
    List<RawResponse> got = new ArrayList<>();
    reader.readNdjson(in("{\"id\":\"a\",\"score\":1}\nnot json\n"), true, (l, r) -> got.add(r));
    assertEquals(2, got.size());
    assertEquals("record", got.get(1).readErrors().get(0).field());
  }
}
