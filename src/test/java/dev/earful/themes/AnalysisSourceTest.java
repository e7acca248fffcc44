package dev.earful.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.earful.domain.Analysis;
import dev.earful.domain.Metric;
import dev.earful.nlp.TextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisSourceTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();

  @Test
  void aDetractorIsTheNegativeGroupOfItsMetric() {
    assertEquals(Outcome.DETRACTOR, Outcome.of(Metric.NPS.categorize(6)));
    assertEquals(Outcome.NOT_DETRACTOR, Outcome.of(Metric.NPS.categorize(7)));
    assertEquals(Outcome.DETRACTOR, Outcome.of(Metric.CSAT.categorize(2)));
    assertEquals(Outcome.NOT_DETRACTOR, Outcome.of(Metric.CSAT.categorize(3)));
    assertEquals(Outcome.DETRACTOR, Outcome.of(Metric.CES.categorize(3)));
    assertEquals(Outcome.NOT_DETRACTOR, Outcome.of(Metric.CES.categorize(4)));
    assertEquals(Outcome.UNKNOWN, Outcome.of(null));
  }

  @Test
  void aSourceHandsEachCommentWithItsOutcomeAndOneWithoutScoresHandsUnknown() {
    List<Analysis> analyses =
        List.of(
            ANALYZER.analyze("The parcel never arrived."),
            ANALYZER.analyze("Lovely staff."),
            ANALYZER.analyze("Fine."));
    List<Outcome> outcomes = List.of(Outcome.DETRACTOR, Outcome.NOT_DETRACTOR, Outcome.UNKNOWN);
    List<String> seen = new ArrayList<>();
    AnalysisSource.of(analyses, outcomes)
        .forEachWithOutcome((a, o) -> seen.add(a.sentences().size() + ":" + o));
    assertEquals(List.of("1:DETRACTOR", "1:NOT_DETRACTOR", "1:UNKNOWN"), seen);
    List<Analysis> plain = new ArrayList<>();
    AnalysisSource.of(analyses, outcomes).forEach(plain::add);
    assertEquals(analyses, plain);

    List<Outcome> unscored = new ArrayList<>();
    AnalysisSource.of(analyses).forEachWithOutcome((a, o) -> unscored.add(o));
    assertEquals(List.of(Outcome.UNKNOWN, Outcome.UNKNOWN, Outcome.UNKNOWN), unscored);
    assertThrows(
        IllegalArgumentException.class,
        () -> AnalysisSource.of(analyses, List.of(Outcome.DETRACTOR)));
  }
}
