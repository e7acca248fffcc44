package dev.earful.search;

import static dev.earful.search.SearchServiceTest.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterTest {

  @Test
  void noParametersMeanEverything() {
    assertEquals(Filter.ALL, Filter.parse(Map.of()));
    assertTrue(Filter.parse(params("limit", "5", "cursor", "x", "q", "  ")).isAll());
  }

  @Test
  void aDateToIncludesTheWholeDayAndAFromStartsIt() {
    Filter f = Filter.parse(params("from", "2024-03-01", "to", "2024-03-31"));
    assertEquals(Instant.parse("2024-03-01T00:00:00Z"), f.from());
    assertEquals(Instant.parse("2024-03-31T23:59:59.999999999Z"), f.to());
  }

  @Test
  void instantsOffsetsAndLocalTimesAreRead() {
    assertEquals(
        Instant.parse("2024-03-01T10:00:00Z"),
        Filter.parse(params("from", "2024-03-01T10:00:00Z")).from());
    assertEquals(
        Instant.parse("2024-03-01T08:00:00Z"),
        Filter.parse(params("from", "2024-03-01T10:00:00+02:00")).from());
    assertEquals(
        Instant.parse("2024-03-01T10:00:00Z"),
        Filter.parse(params("to", "2024-03-01T10:00:00")).to());
  }

  @Test
  void categoriesOfEveryMetricMapToTheirGroup() {
    assertEquals(
        Set.of(Category.Group.NEGATIVE),
        Filter.parse(params("category", "detractor")).categories());
    assertEquals(
        Set.of(Category.Group.NEGATIVE),
        Filter.parse(params("category", "Dissatisfied")).categories());
    assertEquals(
        Set.of(Category.Group.NEGATIVE),
        Filter.parse(params("category", "difficult")).categories());
    assertEquals(
        Set.of(Category.Group.MIDDLE), Filter.parse(params("category", "passive")).categories());
    assertEquals(
        Set.of(Category.Group.POSITIVE, Category.Group.MIDDLE),
        Filter.parse(params("category", "promoter,neutral")).categories());
    assertEquals(
        Set.of(Category.Group.POSITIVE), Filter.parse(params("category", "positive")).categories());
  }

  @Test
  void repeatedAndCommaSeparatedValuesCombineButSegmentValuesKeepTheirCommas() {
    Filter f =
        Filter.parse(
            params(
                "theme",
                "t1,t2",
                "theme",
                "t3",
                "theme",
                "t1",
                "sentiment",
                "negative",
                "sentiment",
                "neutral",
                "segment.team",
                "Sales, EMEA",
                "segment.team",
                "Support"));
    assertEquals(List.of("t1", "t2", "t3"), f.themeIds());
    assertEquals(Set.of(Polarity.NEGATIVE, Polarity.NEUTRAL), f.sentiments());
    assertEquals(Map.of("team", List.of("Sales, EMEA", "Support")), f.segments());
  }

  @Test
  void theQueryKeepsItsSpacesAndOtherValuesAreTrimmed() {
    Filter f =
        Filter.parse(params("q", " \"late delivery\" ", "metric", " NPS ", "minScore", " 3 "));
    assertEquals(" \"late delivery\" ", f.q());
    assertEquals(Metric.NPS, f.metric());
    assertEquals(3, f.minScore());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                Filter.parse(
                    params(
                        "metric",
                        "nps",
                        "metric",
                        "csat",
                        "minScore",
                        "11",
                        "maxScore",
                        "x",
                        "from",
                        "2024-02-30",
                        "q",
                        "q".repeat(1001),
                        "segment.k",
                        "v".repeat(257))));
    assertEquals(
        List.of(
            new FieldError("metric", "given more than once"),
            new FieldError(
                "from",
                "must be a date (2024-03-31) or an ISO-8601 instant (2024-03-31T12:00:00Z), got '2024-02-30'"),
            new FieldError("maxScore", "must be a whole number, got 'x'"),
            new FieldError("segment.k", "is longer than 256 characters"),
            new FieldError("minScore", "must be within 0-10"),
            new FieldError("q", "is longer than 1000 characters")),
        e.errors());
  }

  @Test
  void tooManyValuesForOneParameterAreRefused() {
    String many = String.join(",", java.util.Collections.nCopies(101, "t"));
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> Filter.parse(params("theme", many)));
    assertEquals(List.of(new FieldError("theme", "given more than 100 times")), e.errors());
  }
}
