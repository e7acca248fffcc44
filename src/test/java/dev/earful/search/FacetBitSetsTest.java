package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.TestData;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.fixtures.Fixtures;
import dev.earful.sentiment.SentimentScorer;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facets counted from the values' bit sets equal the count document by document (the way before the
 * sets), on the real reviews (department and class as segments, the shipped sentiment model's fast
 * path) in several segments with deletions, for words, phrases, exclusions and filters; with every
 * dimension in sets, and with the class (over 8 values) counted per document beside the others.
 */
class FacetBitSetsTest {

  @TempDir Path data;

  @Test
  void facetsFromBitSetsEqualTheCountDocumentByDocumentOnRealReviews() throws Exception {
    List<AnalyzedResponse> responses = reviews();
    try (ResponseIndex index =
        ResponseIndex.open(
            data,
            new TestCatalog(
                List.of(
                    TestCatalog.theme("t1", "dress", "dress"),
                    TestCatalog.theme("t2", "size", "size", "true to size"))))) {
      for (int from = 0; from < responses.size(); from += 120) {
        index.upsert(responses.subList(from, Math.min(responses.size(), from + 120)));
      }
      for (int i = 7; i < responses.size(); i += 31) {
        assertTrue(index.delete(responses.get(i).response().id()));
      }
      SearchService byDocument = new SearchService(index, 0);
      SearchService mixed = new SearchService(index, 8);
      SearchService bySets = new SearchService(index);
      List<Filter> filters = new ArrayList<>();
      for (String q :
          new String[] {
            null,
            "dress",
            "love",
            "size small",
            "fit OR fabric",
            "dress -love",
            "\"true to size\"",
            "comfort*"
          }) {
        filters.add(Filter.builder().q(q).build());
        filters.add(Filter.builder().q(q).segment("department", "Tops").build());
        filters.add(Filter.builder().q(q).category(Category.Group.NEGATIVE).build());
        filters.add(Filter.builder().q(q).sentiment(Polarity.POSITIVE).build());
      }
      int nonEmpty = 0;
      for (Filter f : filters) {
        SearchResult expected = byDocument.search(SearchRequest.of(f));
        assertEquals(expected.facets(), bySets.search(SearchRequest.of(f)).facets(), f.toString());
        assertEquals(expected.facets(), mixed.search(SearchRequest.of(f)).facets(), f.toString());
        nonEmpty += expected.total() > 0 ? 1 : 0;
      }
      assertEquals(31, nonEmpty);
      // Pinned: the whole facets of one search, so that a change in both ways at once shows. The
      // sentiment counts are the built-in model's fast path, as the service scores by default
      // (83/23/6 with its bge-small embedding stage, --sentiment-stage cascade; 82/24/6 under
      // session 11's MiniLM stage, 81/26/5 under the file before).
      assertEquals(
          "{category={satisfied=87, neutral=17, dissatisfied=8}, sentiment={positive=83,"
              + " neutral=25, negative=4}, themes={t1=111, t2=40}, language={eng=112},"
              + " segment.class={Dresses=78, Jackets=8, Blouses=7, Lounge=5, Fine gauge=3, Knits=3,"
              + " Skirts=2, Trend=2, Intimates=1, Pants=1, Sleep=1, Sweaters=1},"
              + " segment.department={Dresses=78, Tops=14, Jackets=8, Intimate=7, Bottoms=3,"
              + " Trend=2}}",
          bySets.search(SearchRequest.of(Filter.builder().q("dress").build())).facets().toString());
    }
  }

  /** The 500 reviews: rating as CSAT, title and text as the comment, department and class. */
  static List<AnalyzedResponse> reviews() throws Exception {
    SentimentScorer sentiment = SentimentScorer.loadDefault(false);
    List<AnalyzedResponse> out = new ArrayList<>();
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true)
            .get();
    try (Reader reader = Files.newBufferedReader(TestData.womensReviews(), StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      for (CSVRecord record : parser) {
        String title = record.get("Title").strip();
        String text = record.get("Review Text").strip();
        String comment = title.isEmpty() ? text : text.isEmpty() ? title : title + ". " + text;
        Map<String, String> segments = new LinkedHashMap<>();
        if (!record.get("Department Name").isBlank()) {
          segments.put("department", record.get("Department Name").strip());
        }
        if (!record.get("Class Name").isBlank()) {
          segments.put("class", record.get("Class Name").strip());
        }
        Response r =
            new Response(
                "review-" + record.get(0),
                Metric.CSAT,
                Integer.parseInt(record.get("Rating")),
                comment,
                Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * out.size()),
                segments);
        out.add(new AnalyzedResponse(r, sentiment.score(Fixtures.analyzer().analyze(comment))));
      }
    }
    return out;
  }
}
