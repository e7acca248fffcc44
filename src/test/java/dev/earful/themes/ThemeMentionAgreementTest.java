package dev.earful.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.domain.Theme;
import dev.earful.fixtures.Fixtures;
import dev.earful.fixtures.PlantedComments;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.search.ResponseIndex;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index's theme counts (filters, ranking) and the matcher's mentions (highlights, chips) come
 * from one definition: for every theme, the responses the index finds are exactly those the matcher
 * finds a mention in, phrases with punctuation included.
 */
class ThemeMentionAgreementTest {

  @TempDir Path data;

  private static final List<String> HAND_WRITTEN =
      List.of(
          "The late delivery was annoying.",
          "Late delivery, again!",
          "Delivery was late.",
          "I had a long wait, time after time.",
          "The wait time was long.",
          "Friendly staff!",
          "The staff were friendly, staff at the desk too.");

  /** Phrases as a person types them; several lemmatise with punctuation inside or at an end. */
  private static final Map<String, String> PHRASES =
      Map.of(
          "late", "late delivery.",
          "wait", "wait, time",
          "staff", "friendly staff!",
          "bill", "bill",
          "crash", "constant crashes",
          "dots", "...");

  @Test
  void indexCountsEqualMatcherMentionsForEveryThemeIncludingPhrasesWithPunctuation() {
    TextAnalyzer analyzer = Fixtures.analyzer();
    List<Theme> themes = new ArrayList<>();
    new TreeMap<>(PHRASES)
        .forEach(
            (id, phrase) ->
                themes.add(
                    new Theme(
                        id,
                        id,
                        List.of(phrase),
                        List.of(analyzer.lemmasOf(phrase)),
                        null,
                        "edited")));
    ThemeMatcher matcher = new ThemeMatcher(themes);

    List<String> comments = new ArrayList<>(HAND_WRITTEN);
    PlantedComments.generate(13, 120).forEach(c -> comments.add(c.text()));
    List<AnalyzedResponse> responses = new ArrayList<>();
    for (int i = 0; i < comments.size(); i++) {
      responses.add(
          Fixtures.analyzed(
              new Response(
                  String.format(Locale.ROOT, "r%03d", i),
                  Metric.NPS,
                  i % 11,
                  comments.get(i),
                  Instant.parse("2024-01-01T00:00:00Z"),
                  Map.of())));
    }

    Map<String, TreeSet<String>> byIndex = new TreeMap<>();
    Map<String, TreeSet<String>> byMatcher = new TreeMap<>();
    try (ResponseIndex index = ResponseIndex.open(data, matcher.asCatalog())) {
      index.upsert(responses);
      try (ResponseIndex.Snapshot s = index.snapshot()) {
        for (Theme theme : themes) {
          TreeSet<String> ids = new TreeSet<>();
          FixedBitSet bits = s.mentioning(theme);
          for (int d = 0; d < bits.length(); d++) {
            if (bits.get(d)) {
              ids.add(s.load(d).response().id());
            }
          }
          byIndex.put(theme.id(), ids);
        }
      }
    }
    for (Theme theme : themes) {
      TreeSet<String> ids = new TreeSet<>();
      for (AnalyzedResponse r : responses) {
        if (matcher.mentionsIn(r.analysis()).stream()
            .anyMatch(m -> m.themeId().equals(theme.id()))) {
          ids.add(r.response().id());
        }
      }
      byMatcher.put(theme.id(), ids);
    }

    assertEquals(byMatcher, byIndex);
    // Known values, so that a change in either definition between runs shows: "late delivery."
    // and "friendly staff!" match without their full stop and exclamation mark, "wait, time" only
    // with a token between its words, "..." nothing. (Repinned when the planted generator changed
    // to
    // issues said in many wordings: its comments no longer say "constant crashes".)
    assertEquals(
        "{bill=[r041, r070, r072, r108], crash=[], dots=[],"
            + " late=[r000, r001, r025, r091], staff=[r005], wait=[r003]}",
        byIndex.toString());
  }
}
