package dev.earful.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.domain.ThemeCatalog;
import dev.earful.impact.MetricsCalculator.Ces;
import dev.earful.impact.MetricsCalculator.Csat;
import dev.earful.impact.MetricsCalculator.Interval;
import dev.earful.impact.MetricsCalculator.Nps;
import dev.earful.impact.MetricsCalculator.Report;
import dev.earful.search.BulkWriter;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCalculatorTest {

  @TempDir Path data;

  private static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");

  /** Metrics never read the analysis, so these responses skip NLP. */
  private static AnalyzedResponse response(
      String id, Metric m, int score, Map<String, String> segments) {
    return new AnalyzedResponse(new Response(id, m, score, "", AT, segments), Analysis.EMPTY);
  }

  private static List<AnalyzedResponse> handExample() {
    List<AnalyzedResponse> out = new ArrayList<>();
    int i = 0;
    for (int s : new int[] {10, 10, 9, 8, 7, 6, 3, 0, 5, 1}) {
      out.add(response("n" + i++, Metric.NPS, s, Map.of("region", i % 2 == 0 ? "EU" : "US")));
    }
    for (int s : new int[] {5, 5, 4, 4, 4, 3, 2, 1}) {
      out.add(response("c" + i++, Metric.CSAT, s, Map.of()));
    }
    for (int s : new int[] {7, 6, 5, 5, 4, 3, 1}) {
      out.add(response("e" + i++, Metric.CES, s, Map.of()));
    }
    return out;
  }

  /*
   * NPS of 10, 10, 9 | 8, 7 | 6, 3, 0, 5, 1: p = 0.3, d = 0.5, NPS = -20. The adjusted Wald
   * interval adds 3/4 of a promoter and of a detractor and 3/2 of a passive: n' = 13, p' = 3.75 / 13
   * = 0.28846, d' = 5.75 / 13 = 0.44231, centre 100 (p' - d') = -15.385; variance p' + d' - (p' -
   * d')^2 = 0.73077 - 0.02367 = 0.70710; SE = 100 sqrt(0.70710 / 13) = 23.322; 1.96 * 23.322 =
   * 45.71, so the interval is [-61.10, 30.33] (the unadjusted normal one was [-74.03, 34.03]).
   * CSAT of 5, 5, 4, 4, 4, 3, 2, 1: 5 of 8 satisfied = 62.5%; Wilson with z^2 = 3.8415:
   * centre (0.625 + 0.2401) / 1.4802 = 0.5844, half-width 1.96 sqrt(0.02930 + 0.01500) / 1.4802
   * = 0.2788, so [30.57, 86.32]; mean 28 / 8 = 3.5.
   * CES of 7, 6, 5, 5, 4, 3, 1: mean 31 / 7 = 4.43, sample sd sqrt(23.714 / 6) = 1.988,
   * half-width 1.96 * 1.988 / sqrt(7) = 1.473, so [2.96, 5.90]; 4 of 7 easy = 57.14%, Wilson
   * [25.05, 84.18].
   */
  @Test
  void matchesTheHandComputedExampleExactly() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(handExample());
      MetricsCalculator calc = new MetricsCalculator(index);
      assertEquals(
          new Report(Metric.NPS, List.of(new Nps(10, 3, 2, 5, -20.0, new Interval(-61.1, 30.33)))),
          calc.compute(Filter.builder().metric(Metric.NPS).build()));
      assertEquals(
          new Report(
              Metric.CSAT, List.of(new Csat(8, 5, 1, 2, 62.5, new Interval(30.57, 86.32), 3.5))),
          calc.compute(Filter.builder().metric(Metric.CSAT).build()));
      assertEquals(
          new Report(
              Metric.CES,
              List.of(
                  new Ces(
                      7,
                      4,
                      1,
                      2,
                      4.43,
                      new Interval(2.96, 5.9),
                      57.14,
                      new Interval(25.05, 84.18)))),
          calc.compute(Filter.builder().metric(Metric.CES).build()));
    }
  }

  @Test
  void withoutAMetricEachPresentMetricIsReportedOnItsOwnScale() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(handExample());
      MetricsCalculator calc = new MetricsCalculator(index);
      Report all = calc.compute(Filter.ALL);
      assertEquals(
          List.of(Metric.NPS, Metric.CSAT, Metric.CES),
          all.metrics().stream().map(MetricsCalculator.Summary::metric).toList());
      assertEquals(25, all.count());
      Report eu = calc.compute(Filter.builder().segment("region", "EU").build());
      // n0..n9 alternate US, EU, ...: EU holds the scores 10, 8, 6, 0 and 1
      assertEquals(
          List.of(Metric.NPS),
          eu.metrics().stream().map(MetricsCalculator.Summary::metric).toList());
      Nps nps = (Nps) eu.metrics().get(0);
      assertEquals(5, nps.count());
      assertEquals(1, nps.promoters());
      assertEquals(1, nps.passives());
      assertEquals(3, nps.detractors());
      assertEquals(-40.0, nps.nps());
    }
  }

  @Test
  void anEmptySelectionHasCountsOfZeroAndNoNumbers() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      MetricsCalculator calc = new MetricsCalculator(index);
      assertEquals(new Report(null, List.of()), calc.compute(Filter.ALL));
      assertEquals(
          new Report(Metric.NPS, List.of(new Nps(0, 0, 0, 0, null, null))),
          calc.compute(Filter.builder().metric(Metric.NPS).build()));
      index.upsert(handExample());
      assertEquals(
          new Report(Metric.CSAT, List.of(new Csat(0, 0, 0, 0, null, null, null))),
          calc.compute(Filter.builder().metric(Metric.CSAT).segment("region", "nowhere").build()));
    }
  }

  /**
   * Every response a promoter does not make the score certain: three promoters give n' = 6, p' =
   * 3.75 / 6 = 0.625, d' = 0.75 / 6 = 0.125, centre 50, SE = 100 sqrt((0.75 - 0.25) / 6) = 28.868,
   * so [50 - 56.58, 50 + 56.58] clipped to [-6.58, 100]. The unadjusted interval was [100, 100],
   * and 121 promoters of a segment read as a target met with certainty (session 27's audit).
   */
  @Test
  void allPromotersStillHaveAnIntervalOfSomeWidth() {
    assertEquals(
        new Nps(3, 3, 0, 0, 100.0, new Interval(-6.58, 100.0)),
        MetricsCalculator.summarize(Metric.NPS, new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2}));
    long[] promoters121 = new long[11];
    promoters121[10] = 121;
    assertEquals(
        new Interval(94.25, 100.0),
        ((Nps) MetricsCalculator.summarize(Metric.NPS, promoters121)).npsCi95());
  }

  /**
   * One response: the adjusted interval of one promoter is [-48.50, 98.50], short of the score of
   * 100 it is shown beside, so it is widened to reach it; one detractor the same way down.
   */
  @Test
  void theIntervalOfOneResponseHoldsItsScore() {
    assertEquals(
        new Interval(-48.5, 100.0),
        ((Nps)
                MetricsCalculator.summarize(
                    Metric.NPS, new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}))
            .npsCi95());
    assertEquals(
        new Interval(-100.0, 48.5),
        ((Nps)
                MetricsCalculator.summarize(
                    Metric.NPS, new long[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))
            .npsCi95());
  }

  @Test
  void deletedResponsesNoLongerCount() {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      index.upsert(handExample());
      index.delete("n7"); // the 0
      index.upsert(List.of(response("n5", Metric.NPS, 10, Map.of()))); // 6 becomes 10
      Nps nps =
          (Nps)
              new MetricsCalculator(index)
                  .compute(Filter.builder().metric(Metric.NPS).build())
                  .metrics()
                  .get(0);
      assertEquals(new Nps(9, 4, 2, 3, 11.11, nps.npsCi95()), nps);
    }
  }

  @Test
  void theWomensClothingReviewsSampleGivesTheCsatTheFileItselfGives() throws IOException {
    Path csv = dev.earful.TestData.womensReviews();
    List<AnalyzedResponse> responses = new ArrayList<>();
    long[] all = new long[11];
    long[] tops = new long[11];
    long[] dressesRecommendedLow = new long[11];
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      CSVFormat format =
          CSVFormat.RFC4180.builder().setHeader().setAllowMissingColumnNames(true).get();
      for (CSVRecord row : format.parse(in)) {
        int rating = Integer.parseInt(row.get("Rating"));
        String department = row.get("Department Name");
        Map<String, String> segments =
            department.isEmpty() ? Map.of() : Map.of("department", department);
        String comment = (row.get("Title") + " " + row.get("Review Text")).strip();
        // The metrics read doc values only; the analysis is not under test here.
        responses.add(
            new AnalyzedResponse(
                new Response(row.get(0), Metric.CSAT, rating, comment, AT, segments),
                Analysis.EMPTY));
        all[rating]++;
        if (department.equals("Tops")) {
          tops[rating]++;
        }
        if (department.equals("Dresses") && rating <= 3) {
          dressesRecommendedLow[rating]++;
        }
      }
    }
    assertEquals(dev.earful.TestData.WOMENS_REVIEWS_ROWS, responses.size());
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      try (BulkWriter bulk = index.bulk(10_000)) {
        for (int i = 0; i < responses.size(); i += 5_000) {
          bulk.add(responses.subList(i, Math.min(responses.size(), i + 5_000)));
        }
      }
      MetricsCalculator calc = new MetricsCalculator(index);
      Csat overall =
          (Csat) calc.compute(Filter.builder().metric(Metric.CSAT).build()).metrics().get(0);
      assertEquals(MetricsCalculator.summarize(Metric.CSAT, all), overall);
      // and the numbers themselves, from the sample's rating counts (its README lists them):
      // 5: 274, 4: 120, 3: 62, 2: 32, 1: 12
      assertEquals(500, overall.count());
      assertEquals(274 + 120, overall.satisfied());
      assertEquals(62, overall.neutral());
      assertEquals(32 + 12, overall.dissatisfied());
      assertEquals(78.8, overall.percentSatisfied());
      // (5*274 + 4*120 + 3*62 + 2*32 + 12) / 500 = 2112 / 500 = 4.224
      assertEquals(4.22, overall.mean());
      assertEquals(
          MetricsCalculator.summarize(Metric.CSAT, tops),
          calc.compute(Filter.builder().segment("department", "Tops").build()).metrics().get(0));
      assertEquals(
          MetricsCalculator.summarize(Metric.CSAT, dressesRecommendedLow),
          calc.compute(Filter.builder().segment("department", "Dresses").maxScore(3).build())
              .metrics()
              .get(0));
    }
  }
}
