package dev.earful.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.fixtures.PlantedComments;
import dev.earful.impact.AdjustedEffects;
import dev.earful.impact.ImpactRanker;
import dev.earful.impact.ImpactService;
import dev.earful.impact.RankingSort;
import dev.earful.impact.ThemeImpact;
import dev.earful.nlp.PhraseExtractor;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import dev.earful.sentiment.SentimentScorer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on planted data: real analysis, discovery with the real encoder, a real index and the
 * ranking. The five planted drivers must come out as the top five ranked themes in the order of
 * their true effect on detractors, and the confounder that only rides along with billing errors
 * must stay outside them.
 */
class PlantedRankingTest {

  @TempDir Path dir;

  /**
   * The planted issues in the order of their true attributable detractors: over the comments that
   * mention an issue, the sum of P(detractor) with and without its planted effect, from the
   * generator's own logits.
   */
  static List<String> trueTopFive(List<PlantedComments.Comment> comments) {
    Map<String, Double> attributable = new HashMap<>();
    for (PlantedComments.Comment c : comments) {
      double logit = PlantedComments.BASE_LOGIT;
      for (PlantedComments.Planted p : PlantedComments.THEMES) {
        if (c.planted().contains(p.id())) {
          logit += p.effect();
        }
      }
      for (PlantedComments.Planted p : PlantedComments.THEMES) {
        if (c.planted().contains(p.id())) {
          double with = 1 / (1 + Math.exp(-logit));
          double without = 1 / (1 + Math.exp(-(logit - p.effect())));
          attributable.merge(p.id(), with - without, Double::sum);
        }
      }
    }
    return attributable.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(5)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The planted issues behind the top five top-level themes, best ranked first; computed once. */
  private static List<String> topFive;

  private static List<PlantedComments.Comment> comments;

  private List<String> rankTopFive() throws Exception {
    if (topFive != null) {
      return topFive;
    }
    TextAnalyzer analyzer = new TextAnalyzer();
    SentimentScorer sentiment = SentimentScorer.loadDefault(false);
    comments = PlantedComments.generate(21, 2400);
    List<Analysis> analyses = new ArrayList<>();
    for (PlantedComments.Comment c : comments) {
      analyses.add(sentiment.score(analyzer.analyze(c.text())));
    }
    Taxonomy taxonomy = Taxonomy.inMemory(analyzer::lemmasOf);
    taxonomy.applyDiscovery(
        new ThemeDiscoverer(new PhraseExtractor(), DiscoverySettings.DEFAULTS)
            .discover(AnalysisSource.of(analyses))
            .themes());
    Map<String, String> issueOfTheme = new HashMap<>();
    PlantedScores.bestMatches(comments, analyses, taxonomy)
        .forEach((issue, m) -> issueOfTheme.put(m.theme(), issue));

    try (ResponseIndex index = ResponseIndex.open(dir, taxonomy)) {
      List<AnalyzedResponse> batch = new ArrayList<>();
      Instant start = Instant.parse("2025-01-06T09:00:00Z");
      for (int i = 0; i < comments.size(); i++) {
        PlantedComments.Comment c = comments.get(i);
        Response r =
            new Response(
                "p" + i, Metric.NPS, c.score(), c.text(), start.plusSeconds(600L * i), Map.of());
        batch.add(new AnalyzedResponse(r, analyses.get(i)));
      }
      index.upsert(batch);
      List<ThemeImpact> ranked =
          new ImpactService(index)
              .rank(
                  Filter.ALL,
                  new ImpactRanker.Options(
                      20, RankingSort.ATTRIBUTABLE, AdjustedEffects.Settings.DEFAULT),
                  0,
                  50)
              .ranking()
              .themes();
      List<String> found = new ArrayList<>();
      // The issues are the top-level themes; sub-themes are listed beneath them.
      List<ThemeImpact> issues =
          ranked.stream()
              .filter(t -> taxonomy.find(t.id()).orElseThrow().parentId() == null)
              .toList();
      for (ThemeImpact t : issues.subList(0, 5)) {
        found.add(issueOfTheme.getOrDefault(t.name(), t.name()));
      }
      topFive = List.copyOf(found);
      return topFive;
    }
  }

  @Test
  void ranksTheFiveDriversAsTheTopFiveWithTheConfounderOutside() throws Exception {
    List<String> found = rankTopFive();
    assertEquals(
        List.of("delivery", "billing", "staff", "performance", "price"), trueTopFive(comments));
    assertEquals(Set.copyOf(trueTopFive(comments)), Set.copyOf(found), found.toString());
    assertEquals("delivery", found.get(0), found.toString());
    assertFalse(found.contains("loyalty"));
  }

  @Test
  void ranksTheTrueTopFiveDriversFirstInOrderWithTheConfounderOutside() throws Exception {
    List<String> found = rankTopFive();
    assertEquals(trueTopFive(comments), found);
  }
}
