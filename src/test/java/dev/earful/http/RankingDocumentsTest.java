package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.fixtures.Fixtures;
import dev.earful.impact.AdjustedEffects;
import dev.earful.impact.ImpactDocuments;
import dev.earful.impact.ImpactRanker;
import dev.earful.impact.ImpactService;
import dev.earful.impact.RankingSort;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import dev.earful.search.TestCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ranking served again is not written out again: the same page, cursor and taxonomy version give
 * the document built the first time, equal to what ImpactDocuments builds; another page, cursor or
 * a taxonomy edit gives a new one.
 */
class RankingDocumentsTest {

  @Test
  void theSamePageCursorAndTaxonomyGiveTheDocumentBuiltTheFirstTime(@TempDir Path data) {
    TestCatalog catalog =
        new TestCatalog(List.of(TestCatalog.theme("t-late", "late delivery", "late delivery")));
    try (ResponseIndex index = ResponseIndex.open(data, catalog)) {
      List<AnalyzedResponse> batch = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        batch.add(Fixtures.nps("d" + i, i % 3 == 0 ? 2 : 9, i % 2 == 0 ? "Late delivery." : "Ok."));
      }
      index.upsert(batch);
      ImpactService impact = new ImpactService(index);
      ImpactRanker.Options options =
          new ImpactRanker.Options(5, RankingSort.ATTRIBUTABLE, AdjustedEffects.Settings.DEFAULT);
      ImpactService.RankedPage page = impact.rank(Filter.ALL, options, 0, 50);
      RankingDocuments documents = new RankingDocuments();

      Map<String, Object> first = documents.document(page, null, catalog);
      assertEquals(ImpactDocuments.ranking(page, null, catalog), first);
      assertEquals(30L, ((Map<?, ?>) ((List<?>) first.get("themes")).get(0)).get("mentions"));
      assertSame(first, documents.document(impact.rank(Filter.ALL, options, 0, 50), null, catalog));
      assertNotSame(first, documents.document(page, "next", catalog));

      catalog.replace(TestCatalog.theme("t-late", "late deliveries", "late delivery"));
      Map<String, Object> renamed = documents.document(page, null, catalog);
      assertNotSame(first, renamed);
      assertEquals(ImpactDocuments.ranking(page, null, catalog), renamed);

      // After a deletion nothing built before is kept (it may quote the deleted comment).
      documents.clear();
      assertNotSame(renamed, documents.document(page, null, catalog));
    }
  }
}
