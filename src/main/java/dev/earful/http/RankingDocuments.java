package dev.earful.http;

import dev.earful.domain.ThemeCatalog;
import dev.earful.impact.ImpactDocuments;
import dev.earful.impact.ImpactService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON documents of the rankings served last, so that a ranking served again (from the
 * service's cache, or behind the index under a writer) is not written out again: building one
 * rounds every figure of 50 themes through {@code BigDecimal}, and in a profile of bench-http's 16
 * readers + 1 writer (1M responses) that was two thirds of a ranking request's CPU. Keyed on the
 * page itself (the service hands out the same object for the same ranking), the cursor and the
 * taxonomy version (parents and names come from the taxonomy). Thread-safe; the documents returned
 * are shared and must not be modified.
 */
final class RankingDocuments {

  /** Documents kept: the service keeps as many rankings. */
  static final int KEPT = 32;

  private record Key(PageRef page, String cursor, long taxonomyVersion) {}

  /** The page by identity: two equal rankings computed apart are cheap to render twice. */
  private static final class PageRef {
    private final ImpactService.RankedPage page;

    PageRef(ImpactService.RankedPage page) {
      this.page = page;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PageRef p && p.page == page;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(page);
    }
  }

  // Least recently used first; guarded by itself.
  private final Map<Key, Map<String, Object>> documents =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Map<String, Object>> eldest) {
          return size() > KEPT;
        }
      };

  /** Forgets every document (after a deletion: a document may quote the deleted comment). */
  void clear() {
    synchronized (documents) {
      documents.clear();
    }
  }

  /** {@link ImpactDocuments#ranking(ImpactService.RankedPage, String, ThemeCatalog)}, kept. */
  Map<String, Object> document(ImpactService.RankedPage page, String cursor, ThemeCatalog themes) {
    long version = themes.version();
    Key key = new Key(new PageRef(page), cursor, version);
    synchronized (documents) {
      Map<String, Object> kept = documents.get(key);
      if (kept != null) {
        return kept;
      }
    }
    Map<String, Object> doc = ImpactDocuments.ranking(page, cursor, themes);
    if (themes.version() == version) { // not kept if the taxonomy changed while it was built
      synchronized (documents) {
        documents.put(key, doc);
      }
    }
    return doc;
  }
}
