package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.TestData;
import dev.earful.devtools.CommentFiles;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.Theme;
import dev.earful.fixtures.Fixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cached theme bit sets, assembled by words from per-segment sets, equal the theme's query run
 * over the whole index (live documents only), on real reviews spread over several segments with
 * deletions and replacements, before and after a refresh that reuses the cached segments.
 */
class ThemeMatchCacheTest {

  @TempDir Path data;

  private static final List<Theme> THEMES =
      List.of(
          TestCatalog.theme("t1", "dress", "dress"),
          TestCatalog.theme("t2", "size", "size", "true to size"),
          TestCatalog.theme("t3", "fabric", "fabric", "material"),
          TestCatalog.theme("t4", "colour", "color"),
          TestCatalog.theme("t5", "fit", "fit", "run small"));

  /** The first 500 women's reviews of the committed sample, analysed, ids in file order. */
  private static List<AnalyzedResponse> womensResponses() throws java.io.IOException {
    List<String> reviews =
        CommentFiles.readComments(TestData.womensReviews(), List.of("Review Text"), 500);
    List<AnalyzedResponse> responses = new ArrayList<>();
    for (int i = 0; i < reviews.size(); i++) {
      responses.add(response(i, reviews.get(i)));
    }
    return responses;
  }

  @Test
  void cachedThemeSetsEqualTheThemeQueryOverEverySegmentWithDeletions() throws Exception {
    List<AnalyzedResponse> responses = womensResponses();
    try (ResponseIndex index = ResponseIndex.open(data, new TestCatalog(THEMES))) {
      for (int from = 0; from < responses.size(); from += 100) {
        index.upsert(responses.subList(from, Math.min(responses.size(), from + 100)));
      }
      for (int i = 3; i < responses.size(); i += 23) {
        assertTrue(index.delete(id(i)));
      }
      // Replaced: the old document is deleted in its segment, the new one is in a new segment.
      List<AnalyzedResponse> replaced = new ArrayList<>();
      for (int i = 5; i < 100; i += 10) {
        replaced.add(response(i, responses.get(responses.size() - 1 - i).response().comment()));
      }
      index.upsert(replaced);
      int compared = assertSameAsQuery(index);
      // Pinned, so that a change of what the query finds shows too.
      assertEquals(1_414, compared);

      index.upsert(List.of(response(9_999, "The dress runs small and the fabric is thin.")));
      assertEquals(compared + 6, assertSameAsQuery(index));
    }
  }

  /**
   * Searches arriving together on a new reader (under a writer, every refresh) assemble each
   * theme's set once and share it; a search still on the reader before the refresh keeps that
   * reader's sets instead of evicting the new reader's.
   */
  @Test
  void eachReadersThemeSetsAreAssembledOnceForConcurrentSearchesAndTheReaderBefore()
      throws Exception {
    List<AnalyzedResponse> responses = womensResponses();
    try (ResponseIndex index = ResponseIndex.open(data, new TestCatalog(THEMES))) {
      index.upsert(responses);
      ThemeMatchCache cache = new ThemeMatchCache();
      int threads = 8;
      try (ResponseIndex.Snapshot before = index.snapshot()) {
        List<List<FixedBitSet>> seen =
            AtOnce.results(
                threads,
                () -> {
                  List<FixedBitSet> sets = new ArrayList<>();
                  for (Theme theme : THEMES) {
                    sets.add(cache.mentioning(before.searcher(), theme, Schema.LEMMA, 1));
                  }
                  return sets;
                });
        assertEquals(threads, seen.size());
        assertEquals(THEMES.size(), cache.assembled());
        for (List<FixedBitSet> sets : seen) {
          for (int i = 0; i < sets.size(); i++) {
            org.junit.jupiter.api.Assertions.assertSame(seen.get(0).get(i), sets.get(i));
          }
        }

        index.upsert(List.of(response(9_999, "The dress runs small and the fabric is thin.")));
        try (ResponseIndex.Snapshot after = index.snapshot()) {
          FixedBitSet dressAfter =
              cache.mentioning(after.searcher(), THEMES.get(0), Schema.LEMMA, 1);
          assertEquals(seen.get(0).get(0).cardinality() + 1, dressAfter.cardinality());
          org.junit.jupiter.api.Assertions.assertSame(
              seen.get(0).get(0),
              cache.mentioning(before.searcher(), THEMES.get(0), Schema.LEMMA, 1));
          org.junit.jupiter.api.Assertions.assertSame(
              dressAfter, cache.mentioning(after.searcher(), THEMES.get(0), Schema.LEMMA, 1));
          assertEquals(THEMES.size() + 1, cache.assembled());
        }
      }
    }
  }

  /** Compares every theme and field; returns how many (theme, field, document) matches agree. */
  private static int assertSameAsQuery(ResponseIndex index) {
    int total = 0;
    try (ResponseIndex.Snapshot s = index.snapshot()) {
      for (Theme theme : THEMES) {
        List<String> fields = new ArrayList<>(List.of(Schema.LEMMA));
        for (Polarity p : Polarity.values()) {
          fields.add(Schema.lemmaField(p));
        }
        for (String field : fields) {
          FixedBitSet cached = s.mentioning(theme, field);
          FixedBitSet direct = s.matching(ThemeQueries.forTheme(theme, field));
          assertEquals(direct, cached, theme.id() + " in " + field);
          total += direct.cardinality();
        }
      }
    }
    return total;
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "r%04d", i);
  }

  private static AnalyzedResponse response(int i, String comment) {
    return Fixtures.analyzed(
        new Response(
            id(i),
            Metric.CSAT,
            1 + i % 5,
            comment,
            Instant.parse("2024-01-01T00:00:00Z"),
            Map.of()));
  }
}
