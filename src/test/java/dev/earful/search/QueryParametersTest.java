package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.earful.impact.RankingRequest;
import dev.earful.impact.TrendAnalyzer;
import dev.earful.report.ReviewRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  @Test
  void everyBadParameterIsNamedInOneAnswer() {
    QueryParameters p =
        new QueryParameters(
            Map.of(
                "limit", List.of("ten"),
                "top", List.of("0"),
                "interval", List.of("day"),
                "minMentions", List.of("5", "6"),
                "minScore", List.of("x")));
    assertEquals(50, p.integer("limit", 50, 1, 100));
    assertEquals(5, p.integer("top", 5, 1, 10));
    assertEquals(
        TrendAnalyzer.Interval.WEEK,
        p.choice(
            "interval",
            TrendAnalyzer.Interval.values(),
            TrendAnalyzer.Interval::wireName,
            TrendAnalyzer.Interval.WEEK));
    assertEquals(30, p.integer("minMentions", 30, 1, Integer.MAX_VALUE));
    assertEquals(Filter.ALL, p.filter());
    InvalidRequestException e = assertThrows(InvalidRequestException.class, p::check);
    assertEquals(
        List.of(
            new FieldError("limit", "must be a whole number, got 'ten'"),
            new FieldError("top", "must be within 1-10, got 0"),
            new FieldError("interval", "must be week or month, got 'day'"),
            new FieldError("minMentions", "given more than once"),
            new FieldError("minScore", "must be a whole number, got 'x'")),
        e.errors());
  }

  @Test
  void aRepeatedParameterWithTheSameValueIsOneValue() {
    QueryParameters p = new QueryParameters(Map.of("limit", List.of(" 7", "7 ")));
    assertEquals(7, p.integer("limit", 50, 1, 100));
    p.check();
  }

  @Test
  void aCursorBelongsToItsOwnList() {
    String next = QueryParameters.offsetCursor("themes", 40);
    assertEquals("dGhlbWVzOjQw", next);
    assertNull(QueryParameters.offsetCursor("themes", null));
    assertEquals(40, RankingRequest.parse(Map.of("cursor", List.of(next)), false).offset());
    QueryParameters foreign =
        new QueryParameters(
            Map.of("cursor", List.of(QueryParameters.offsetCursor("accounts", 40))));
    assertEquals(0, foreign.offsetCursor("themes"));
    QueryParameters garbage = new QueryParameters(Map.of("cursor", List.of("%%%")));
    assertEquals(0, garbage.offsetCursor("themes"));
    QueryParameters negative =
        new QueryParameters(Map.of("cursor", List.of(QueryParameters.offsetCursor("themes", -3))));
    assertEquals(0, negative.offsetCursor("themes"));
    for (QueryParameters p : List.of(foreign, garbage, negative)) {
      assertEquals(
          List.of(new FieldError("cursor", "is not a cursor of this list")),
          assertThrows(InvalidRequestException.class, p::check).errors());
    }
  }

  @Test
  void theReportAndTheRankingWordTheirChoicesAlike() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                ReviewRequest.parse(
                    Map.of("format", List.of("docx"), "compareTo", List.of("month"))));
    assertEquals(
        List.of(
            new FieldError("compareTo", "must be previous or year, got 'month'"),
            new FieldError("format", "must be json, html or pdf, got 'docx'")),
        e.errors());
    InvalidRequestException r =
        assertThrows(
            InvalidRequestException.class,
            () -> RankingRequest.parse(Map.of("limit", List.of("1001")), false));
    assertEquals(List.of(new FieldError("limit", "must be within 1-1000, got 1001")), r.errors());
  }
}
