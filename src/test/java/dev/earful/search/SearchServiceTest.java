package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Clause;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import dev.earful.fixtures.Fixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchServiceTest {

  @TempDir Path data;
  ResponseIndex index;
  SearchService search;
  TestCatalog catalog;

  static final Sentiment NEG = new Sentiment(Polarity.NEGATIVE, -0.7, 0.9);
  static final Sentiment POS = new Sentiment(Polarity.POSITIVE, 0.7, 0.9);

  /** The analysed comment with each sentence one clause of the given polarity. */
  static AnalyzedResponse r(
      String id,
      Metric m,
      int score,
      String comment,
      String at,
      Map<String, String> segments,
      Polarity overall,
      Polarity... sentences) {
    Response response = new Response(id, m, score, comment, Instant.parse(at), segments);
    Analysis a = Fixtures.analyzer().analyze(comment);
    List<Sentence> out = new ArrayList<>();
    for (int i = 0; i < a.sentences().size(); i++) {
      Sentence s = a.sentences().get(i);
      Sentiment sent = sentiment(i < sentences.length ? sentences[i] : Polarity.NEUTRAL);
      out.add(
          new Sentence(
              s.start(),
              s.end(),
              s.tokens(),
              sent,
              List.of(new Clause(0, s.tokens().size(), sent))));
    }
    return new AnalyzedResponse(response, new Analysis(out, sentiment(overall)));
  }

  static Sentiment sentiment(Polarity p) {
    return switch (p) {
      case POSITIVE -> POS;
      case NEGATIVE -> NEG;
      case NEUTRAL -> Sentiment.NEUTRAL;
    };
  }

  /** r07's second sentence splits at "but": lovely staff positive, late delivery negative. */
  static AnalyzedResponse r07() {
    AnalyzedResponse base =
        r(
            "r07",
            Metric.CES,
            6,
            "Returning the jacket was easy. The staff were lovely but the delivery was late.",
            "2024-05-01T09:00:00Z",
            Map.of("region", "EU"),
            Polarity.POSITIVE,
            Polarity.POSITIVE);
    Sentence second = base.analysis().sentences().get(1);
    int but = indexOf(second.tokens(), "but");
    Sentence split =
        new Sentence(
            second.start(),
            second.end(),
            second.tokens(),
            NEG,
            List.of(new Clause(0, but, POS), new Clause(but, second.tokens().size(), NEG)));
    return new AnalyzedResponse(
        base.response(),
        new Analysis(
            List.of(base.analysis().sentences().get(0), split), base.analysis().sentiment()));
  }

  static int indexOf(List<Token> tokens, String text) {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).text().equals(text)) {
        return i;
      }
    }
    throw new AssertionError(text + " not in " + tokens);
  }

  @BeforeEach
  void setUp() {
    catalog =
        new TestCatalog(
            List.of(
                TestCatalog.theme("t1", "delivery delays", "late delivery", "delivery be late"),
                TestCatalog.theme("t2", "refunds", "refund", "money back"),
                TestCatalog.theme("t3", "staff", "staff"),
                TestCatalog.theme("t4", "nothing yet")));
    index = ResponseIndex.open(data, catalog);
    search = new SearchService(index);
    index.upsert(
        List.of(
            r(
                "r01",
                Metric.NPS,
                2,
                "The delivery was late and the box was damaged.",
                "2024-01-10T10:00:00Z",
                Map.of("region", "EU", "plan", "pro"),
                Polarity.NEGATIVE,
                Polarity.NEGATIVE),
            r(
                "r02",
                Metric.NPS,
                9,
                "Fast deliveries, lovely staff.",
                "2024-02-10T10:00:00Z",
                Map.of("region", "US", "plan", "free"),
                Polarity.POSITIVE,
                Polarity.POSITIVE),
            r(
                "r03",
                Metric.NPS,
                7,
                "Checkout was confusing.",
                "2024-03-10T10:00:00Z",
                Map.of("region", "EU", "plan", "free"),
                Polarity.NEUTRAL),
            r(
                "r04",
                Metric.CSAT,
                1,
                "My refund never arrived. I want my money back!",
                "2024-03-31T23:30:00Z",
                Map.of("region", "UK"),
                Polarity.NEGATIVE,
                Polarity.NEGATIVE,
                Polarity.NEGATIVE),
            r(
                "r05",
                Metric.CSAT,
                5,
                "Great quality <b>dress</b> & fits well.",
                "2024-04-01T00:00:00Z",
                Map.of("region", "EU", "plan", "pro"),
                Polarity.POSITIVE,
                Polarity.POSITIVE),
            r(
                "r06",
                Metric.CES,
                2,
                "",
                "2024-04-15T12:00:00Z",
                Map.of("region", "US"),
                Polarity.NEUTRAL),
            r07(),
            r(
                "r08",
                Metric.NPS,
                10,
                "Late delivery but great service.",
                "2024-06-01T08:00:00Z",
                Map.of("region", "US"),
                Polarity.POSITIVE,
                Polarity.POSITIVE),
            r(
                "r09",
                Metric.NPS,
                0,
                "The parcel never arrived. Late. Awful.",
                "2024-06-15T08:00:00Z",
                Map.of("region", "UK"),
                Polarity.NEGATIVE,
                Polarity.NEGATIVE,
                Polarity.NEGATIVE,
                Polarity.NEGATIVE),
            r(
                "r10",
                Metric.NPS,
                8,
                "Delivery late? Not really, it was on time.",
                "2024-07-01T08:00:00Z",
                Map.of("region", "EU"),
                Polarity.NEUTRAL)));
  }

  @AfterEach
  void tearDown() {
    index.close();
  }

  static Map<String, List<String>> params(String... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.computeIfAbsent(kv[i], k -> new ArrayList<>()).add(kv[i + 1]);
    }
    return m;
  }

  private SearchResult run(String... kv) {
    return search.search(SearchRequest.parse(params(kv)));
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(h -> h.response().response().id()).toList();
  }

  /** Ids of every match, in the default (newest first) order unless the query sorts otherwise. */
  private List<String> matching(String... kv) {
    List<String> all = new ArrayList<>(List.of(kv));
    all.addAll(List.of("limit", "200", "sort", "newest"));
    SearchResult r = run(all.toArray(String[]::new));
    assertEquals(r.total(), r.hits().size());
    return ids(r);
  }

  private void assertRejected(String field, String... kv) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> run(kv));
    assertEquals(field, e.errors().get(0).field(), e.getMessage());
  }

  @Test
  void wordsAreStemmedAndCombinedWithAnd() {
    assertEquals(List.of("r10", "r08", "r07", "r02", "r01"), matching("q", "delivery"));
    assertEquals(List.of("r10", "r08", "r07", "r01"), matching("q", "late delivery"));
    assertEquals(List.of("r08"), matching("q", "\"late delivery\""));
    assertEquals(List.of("r10", "r08", "r07", "r02", "r01"), matching("q", "deliv*"));
    assertEquals(List.of("r09", "r04"), matching("q", "refund OR parcel"));
    assertEquals(List.of("r10", "r07", "r02", "r01"), matching("q", "delivery -service"));
  }

  @Test
  void aQueryOfExclusionsOnlyMatchesEverythingElse() {
    assertEquals(
        List.of("r06", "r05", "r04", "r03"),
        matching("q", "-delivery -\"delivery late\" OR -late"));
    assertEquals(List.of("r06", "r05", "r04", "r03", "r02"), matching("q", "-late -the"));
  }

  @Test
  void relevanceIsTheDefaultOrderWithAQueryAndScoresEachHit() {
    SearchResult r = run("q", "late");
    assertEquals(5, r.total());
    for (int i = 1; i < r.hits().size(); i++) {
      assertTrue(r.hits().get(i - 1).relevance() >= r.hits().get(i).relevance());
    }
    assertTrue(Float.isNaN(run().hits().get(0).relevance()));
  }

  @Test
  void metricCategoryAndScoreFiltersSelectExactly() {
    assertEquals(List.of("r05", "r04"), matching("metric", "csat"));
    assertEquals(List.of("r09", "r06", "r04", "r01"), matching("category", "detractor"));
    assertEquals(List.of("r09", "r06", "r04", "r01"), matching("category", "difficult"));
    assertEquals(List.of("r09", "r01"), matching("category", "detractor", "metric", "nps"));
    assertEquals(
        List.of("r09", "r08", "r07", "r06", "r05", "r04", "r02", "r01"),
        matching("category", "promoter", "category", "negative"));
    assertEquals(List.of("r10", "r03"), matching("category", "passive"));
    assertEquals(List.of("r08", "r02"), matching("minScore", "9"));
    assertEquals(List.of("r09", "r04"), matching("maxScore", "1"));
    assertEquals(List.of("r10", "r03"), matching("minScore", "7", "maxScore", "8"));
  }

  @Test
  void datesAreWholeUtcDaysAndInstantsAreExact() {
    assertEquals(List.of("r04"), matching("from", "2024-03-31", "to", "2024-03-31"));
    assertEquals(List.of("r04", "r03", "r02", "r01"), matching("to", "2024-03-31"));
    assertEquals(List.of("r10", "r09", "r08", "r07", "r06", "r05"), matching("from", "2024-04-01"));
    assertEquals(
        List.of("r05"), matching("from", "2024-04-01T00:00:00Z", "to", "2024-04-01T00:00:00Z"));
    assertEquals(
        List.of("r05", "r04"),
        matching("from", "2024-03-31T23:30:00Z", "to", "2024-04-01T01:00:00+01:00"));
  }

  @Test
  void segmentValuesOfOneKeyAreOredAndKeysAnded() {
    assertEquals(List.of("r10", "r07", "r05", "r03", "r01"), matching("segment.region", "EU"));
    assertEquals(
        List.of("r10", "r09", "r07", "r05", "r04", "r03", "r01"),
        matching("segment.region", "EU", "segment.region", "UK"));
    assertEquals(List.of("r05", "r01"), matching("segment.region", "EU", "segment.plan", "pro"));
    assertEquals(List.of(), matching("segment.region", "eu"));
    assertEquals(List.of(), matching("segment.nosuchkey", "x"));
  }

  @Test
  void sentimentFiltersOnTheOverallLabel() {
    assertEquals(List.of("r09", "r04", "r01"), matching("sentiment", "negative"));
    assertEquals(
        List.of("r09", "r08", "r07", "r05", "r04", "r02", "r01"),
        matching("sentiment", "negative,positive"));
  }

  @Test
  void severalThemesMatchResponsesMentioningAnyOfThem() {
    assertEquals(List.of("r08", "r07", "r01"), matching("theme", "t1"));
    assertEquals(List.of("r04"), matching("theme", "t2"));
    assertEquals(List.of("r08", "r07", "r04", "r01"), matching("theme", "t1", "theme", "t2"));
    assertEquals(List.of(), matching("theme", "t4"));
    assertEquals(List.of("r07", "r01"), matching("theme", "t1", "q", "the"));
    assertRejected("theme", "theme", "t9");
    // a theme's name where its id belongs says which id it has
    InvalidRequestException byName =
        assertThrows(InvalidRequestException.class, () -> run("theme", "Refunds"));
    assertEquals(
        List.of(
            new FieldError(
                "theme",
                "unknown theme 'Refunds': the filter takes a theme's id, and 'refunds' is t2")),
        byName.errors());
    assertEquals(
        "unknown theme 't9'",
        assertThrows(InvalidRequestException.class, () -> run("theme", "t9"))
            .errors()
            .get(0)
            .message());
  }

  @Test
  void aTaxonomyEditChangesResultsWithoutReindexing() {
    assertEquals(List.of(), matching("theme", "t4"));
    // OpenNLP splits "Checkout" into "Check" "out"
    catalog.replace(TestCatalog.theme("t4", "checkout", "check out"));
    assertEquals(List.of("r03"), matching("theme", "t4"));
    assertEquals(Map.of("t1", 3L, "t4", 1L, "t3", 2L, "t2", 1L), run().facets().get("themes"));
  }

  @Test
  void facetsCountTheFilteredSetExactly() {
    Map<String, Map<String, Long>> f = run().facets();
    assertEquals(
        List.of("category", "sentiment", "themes", "language", "segment.plan", "segment.region"),
        List.copyOf(f.keySet()));
    assertEquals(
        List.of(
            "detractor=2",
            "passive=2",
            "promoter=2",
            "difficult=1",
            "dissatisfied=1",
            "easy=1",
            "satisfied=1"),
        entries(f.get("category")));
    assertEquals(List.of("positive=4", "negative=3", "neutral=3"), entries(f.get("sentiment")));
    assertEquals(List.of("EU=5", "US=3", "UK=2"), entries(f.get("segment.region")));
    assertEquals(List.of("free=2", "pro=2"), entries(f.get("segment.plan")));
    assertEquals(List.of("t1=3", "t3=2", "t2=1"), entries(f.get("themes")));

    Map<String, Map<String, Long>> eu = run("segment.region", "EU", "q", "late").facets();
    assertEquals(List.of("detractor=1", "easy=1", "passive=1"), entries(eu.get("category")));
    assertEquals(List.of("EU=3"), entries(eu.get("segment.region")));
    assertEquals(List.of("pro=1"), entries(eu.get("segment.plan")));
    assertEquals(List.of("t1=2", "t3=1"), entries(eu.get("themes")));
  }

  private static List<String> entries(Map<String, Long> m) {
    return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  @Test
  void hitsHighlightMatchedWordsInEscapedHtml() {
    SearchHit dress = run("q", "dress").hits().get(0);
    assertEquals(
        List.of("Great quality &lt;b&gt;<mark>dress</mark>&lt;/b&gt; &amp; fits well."),
        dress.highlights());
    assertEquals(
        List.of("<mark>Late delivery</mark> but great service."),
        run("q", "\"late delivery\"").hits().get(0).highlights());
    SearchHit refund = run("q", "refund OR money").hits().get(0);
    assertEquals(
        List.of("My <mark>refund</mark> never arrived.", "I want my <mark>money</mark> back!"),
        refund.highlights());
  }

  @Test
  void withoutAQueryHitsShowTheOpeningOfTheComment() {
    SearchResult r = run("sort", "oldest", "limit", "6");
    assertEquals(
        List.of("The delivery was late and the box was damaged."), r.hits().get(0).highlights());
    assertEquals(List.of(), r.hits().get(5).highlights()); // r06 has no comment
    assertEquals("r06", r.hits().get(5).response().response().id());
    String longComment = "word ".repeat(100).strip();
    assertEquals("word ".repeat(40).strip() + " …", SearchService.opening(longComment));
  }

  @Test
  void hitsCarryCategoryAnalysisAndThemes() {
    SearchHit hit = run("q", "jacket").hits().get(0);
    assertEquals(dev.earful.domain.Category.EASY, hit.category());
    assertEquals(r07(), hit.response());
    // In the order the comment mentions them, as the product's matcher gives them.
    assertEquals(List.of("t3", "t1"), hit.themes().stream().map(t -> t.themeId()).toList());
  }

  @Test
  void everyOrderBreaksTiesByIdAndDefaultsSensibly() {
    assertEquals(
        List.of("r10", "r09", "r08", "r07", "r06", "r05", "r04", "r03", "r02", "r01"), ids(run()));
    assertEquals(
        List.of("r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09", "r10"),
        ids(run("sort", "oldest")));
    assertEquals(
        List.of("r08", "r02", "r10", "r03", "r07", "r05", "r06", "r01", "r04", "r09"),
        ids(run("sort", "score_desc")));
    assertEquals(
        List.of("r09", "r04", "r06", "r01", "r05", "r07", "r03", "r10", "r02", "r08"),
        ids(run("sort", "score-asc")));
  }

  @Test
  void cursorsPageThroughEveryOrderWithoutRepeatsOrGaps() {
    for (String sort : List.of("newest", "oldest", "score_desc", "score_asc", "relevance")) {
      for (String q : new String[] {null, "the OR late OR delivery OR staff"}) {
        List<String> kv = new ArrayList<>(List.of("sort", sort, "limit", "200"));
        if (q != null) {
          kv.addAll(List.of("q", q));
        }
        SearchResult all = run(kv.toArray(String[]::new));
        assertNull(all.nextCursor());
        List<String> paged = new ArrayList<>();
        SearchRequest page = SearchRequest.parse(params(kv.toArray(String[]::new))).withLimit(3);
        int pages = 0;
        while (true) {
          SearchResult r = search.search(page);
          assertEquals(all.total(), r.total());
          paged.addAll(ids(r));
          pages++;
          if (r.nextCursor() == null) {
            break;
          }
          page = page.withCursor(r.nextCursor());
        }
        assertEquals(ids(all), paged, sort + " " + q);
        assertEquals(new HashSet<>(paged).size(), paged.size());
        assertEquals((all.total() + 2) / 3, pages, "no empty last page for " + sort);
      }
    }
  }

  @Test
  void aCursorSurvivesWritesAndNeverRepeats() {
    SearchResult first = run("limit", "4");
    index.upsert(
        List.of(
            r(
                "r00",
                Metric.NPS,
                5,
                "Newest of all.",
                "2025-01-01T00:00:00Z",
                Map.of(),
                Polarity.NEUTRAL)));
    SearchRequest next = SearchRequest.parse(params("limit", "4")).withCursor(first.nextCursor());
    assertEquals(List.of("r06", "r05", "r04", "r03"), ids(search.search(next)));
  }

  /**
   * BM25 reads how many comments hold each word and how long comments are: an import between two
   * pages moves both, so without the first page's statistics in the cursor an unchanged comment's
   * relevance moved and the keyset showed it again or skipped it.
   */
  @Test
  void aRelevanceCursorNeitherRepeatsNorSkipsWhileResponsesArrive() {
    String q = "delivery OR late OR staff";
    List<String> before = ids(run("q", q, "limit", "200"));
    assertEquals(6, before.size());
    SearchRequest page = SearchRequest.parse(params("q", q)).withLimit(2);
    List<String> shown = new ArrayList<>();
    for (int round = 0; ; round++) {
      SearchResult r = search.search(page);
      shown.addAll(ids(r));
      if (r.nextCursor() == null) {
        break;
      }
      // Comments of every length holding one word of the query, or none: each word's count and
      // the mean length move, as under a client's import.
      List<AnalyzedResponse> arriving = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String words = round % 2 == 0 ? "Staff " : "Late. ";
        arriving.add(
            r(
                "n" + round + i,
                Metric.NPS,
                5,
                words.repeat(i) + "Nothing else to say about the shop today.",
                "2024-08-01T08:00:00Z",
                Map.of(),
                Polarity.NEUTRAL));
      }
      index.upsert(arriving);
      page = page.withCursor(r.nextCursor());
    }
    assertEquals(new HashSet<>(shown).size(), shown.size(), "shown twice: " + shown);
    assertEquals(before, shown.stream().filter(before::contains).toList());
  }

  @Test
  void limitZeroCountsWithoutHits() {
    SearchResult page = run("category", "detractor");
    SearchResult count = run("category", "detractor", "limit", "0");
    assertEquals(List.of(), count.hits());
    assertNull(count.nextCursor());
    assertEquals(page.total(), count.total());
    assertEquals(page.facets(), count.facets());
    assertTrue(count.total() > 0);
  }

  @Test
  void aTamperedOrForeignCursorIsATypedError() {
    String cursor = run("limit", "2").nextCursor();
    assertNotNull(cursor);
    char[] c = cursor.toCharArray();
    c[3] = c[3] == 'A' ? 'B' : 'A';
    assertRejected("cursor", "limit", "2", "cursor", new String(c));
    assertRejected("cursor", "limit", "2", "cursor", "not-a-cursor!!");
    assertRejected("cursor", "limit", "2", "cursor", cursor, "q", "delivery");
    assertRejected("cursor", "limit", "2", "cursor", cursor, "sort", "oldest");
    assertRejected("cursor", "limit", "2", "cursor", cursor.substring(0, cursor.length() - 2));
    assertEquals(2, run("limit", "2", "cursor", cursor).hits().size());
  }

  @Test
  void badParametersAreTypedErrorsNamingTheField() {
    assertRejected("limit", "limit", "-1");
    assertRejected("limit", "limit", "201");
    assertRejected("limit", "limit", "ten");
    assertRejected("sort", "sort", "sideways");
    assertRejected("q", "q", "!!!");
    assertRejected("metric", "metric", "nsp");
    assertRejected("category", "category", "angry");
    assertRejected("sentiment", "sentiment", "meh");
    assertRejected("minScore", "minScore", "high");
    assertRejected("minScore", "metric", "csat", "minScore", "0");
    assertRejected("maxScore", "minScore", "5", "maxScore", "3");
    assertRejected("from", "from", "yesterday");
    assertRejected("to", "from", "2024-05-01", "to", "2024-04-01");
    assertRejected("segment.", "segment.", "x");
    InvalidRequestException several =
        assertThrows(
            InvalidRequestException.class, () -> run("limit", "-1", "metric", "x", "from", "y"));
    assertEquals(
        Set.of("limit", "metric", "from"),
        Set.copyOf(several.errors().stream().map(FieldError::field).toList()));
  }

  @Test
  void themeCountsFollowWritesAndDeletesAfterTheyWereCached() {
    assertEquals(List.of("t1=3", "t3=2", "t2=1"), entries(run().facets().get("themes")));
    index.upsert(
        List.of(
            r(
                "r11",
                Metric.NPS,
                3,
                "Another late delivery.",
                "2024-08-01T00:00:00Z",
                Map.of(),
                Polarity.NEGATIVE)));
    index.delete("r02");
    index.upsert(
        List.of(
            r(
                "r04",
                Metric.CSAT,
                1,
                "No refund, the staff ignored me.",
                "2024-03-31T23:30:00Z",
                Map.of(),
                Polarity.NEGATIVE)));
    assertEquals(List.of("t1=4", "t3=2", "t2=1"), entries(run().facets().get("themes")));
    assertEquals(List.of("r11", "r08", "r07", "r01"), matching("theme", "t1"));
  }

  @Test
  void aDeletedResponseLeavesSearchAndFacets() {
    index.delete("r04");
    assertEquals(List.of(), matching("q", "refund"));
    assertEquals(9, run().total());
    assertEquals(
        List.of("UK=1"), entries(run("segment.region", "UK").facets().get("segment.region")));
  }

  /** A deleted comment is not kept in memory by the result cache (nor served from it). */
  @Test
  void aDeletionDropsTheKeptResults() {
    assertEquals(List.of("r01"), ids(run("q", "damaged")));
    assertEquals(List.of("r01"), ids(run("q", "damaged"))); // from the cache
    assertTrue(search.cachedChars() > 0);
    assertTrue(index.delete("r01"));
    assertEquals(0, search.cachedChars());
    assertEquals(List.of(), ids(run("q", "damaged")));
  }
}
