package dev.earful.search;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.store.IndexStore;
import dev.earful.store.IndexStoreException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The stored responses: upsert, get, delete, scan, and read-only {@link Snapshot}s for search,
 * metrics and impact. Writes are durable when they return (group commit, see {@link IndexStore}).
 * Thread-safe; one instance per data folder (Lucene's write lock enforces it across processes).
 */
public final class ResponseIndex implements Closeable {

  /** Past this many changes not yet visible to searchers, the upsert path refreshes. */
  private static final int MAX_PENDING = 200_000;

  private final IndexStore store;
  private final ThemeCatalog themes;

  /**
   * Ids written (true) or deleted (false) since the searcher last caught up: lets an upsert tell
   * new from replaced without refreshing after every batch. Guarded by {@code writeLock}.
   */
  private final Map<String, Boolean> pending = new HashMap<>();

  private final Object writeLock = new Object();

  private final Map<IndexReader.CacheKey, DocColumns> leafColumns = new ConcurrentHashMap<>();
  private final Map<IndexReader.CacheKey, SegmentFacetColumns> leafFacets =
      new ConcurrentHashMap<>();
  private volatile Cached<DocColumns> columns;

  private volatile ThemeBits themeBits;

  private record Cached<T>(IndexReader.CacheKey key, T value) {}

  private record ThemeBits(IndexReader.CacheKey key, long version, Map<String, FixedBitSet> bits) {}

  private ResponseIndex(IndexStore store, ThemeCatalog themes) {
    this.store = store;
    this.themes = themes;
  }

  /**
   * Opens the index under {@code <dataDir>/index}.
   *
   * @throws dev.earful.store.IndexLockedException when another process (a server) holds it
   */
  public static ResponseIndex open(Path dataDir, ThemeCatalog themes) {
    return new ResponseIndex(
        IndexStore.open(dataDir.resolve("index"), Schema.commentAnalyzer()), themes);
  }

  public ThemeCatalog themes() {
    return themes;
  }

  /** The stored format named in the index's last commit, 0 when none (written before formats). */
  public int storedFormat() {
    return store.storedFormat();
  }

  /** Records {@code format} in the index's commit data (committed now). */
  public void markFormat(int format) {
    store.markFormat(format);
  }

  /** The index folder. */
  public Path indexDir() {
    return store.indexDir();
  }

  // ---------------------------------------------------------------- writes

  /**
   * Adds or replaces each response (by id), in order; durable and visible to searches on return.
   */
  public UpsertResult upsert(List<AnalyzedResponse> responses) {
    if (responses.isEmpty()) {
      return UpsertResult.NONE;
    }
    List<Document> docs = new ArrayList<>(responses.size());
    for (AnalyzedResponse r : responses) {
      docs.add(Schema.toDocument(r)); // outside the lock: the CPU-heavy part of a write
    }
    UpsertResult result;
    synchronized (writeLock) {
      boolean[] existed = classify(responses);
      for (int i = 0; i < docs.size(); i++) {
        store.update(Schema.idTerm(responses.get(i).response().id()), docs.get(i));
      }
      result = count(existed);
    }
    store.commitDurably();
    store.refresh();
    return result;
  }

  /**
   * Deletes the response with this id; durable and gone from search, metrics and themes on return.
   *
   * @return whether it existed
   */
  public boolean delete(String id) {
    boolean existed;
    synchronized (writeLock) {
      existed = exists(id);
      if (existed) {
        store.delete(Schema.idTerm(id));
        pending.put(id, false);
      }
    }
    if (existed) {
      store.commitDurably();
      store.refresh();
      scheduleExpunge();
    }
    return existed;
  }

  /**
   * The longest a deleted comment's text stays in the index files: deletions are batched for this
   * long, then every segment holding one is rewritten (see {@link IndexStore#expungeDeletes()}),
   * and at close.
   */
  public static final java.time.Duration EXPUNGE_DELAY = java.time.Duration.ofSeconds(10);

  private final Object expungeLock = new Object();
  private java.util.concurrent.ScheduledExecutorService expunger; // guarded by expungeLock
  private java.util.concurrent.ScheduledFuture<?> expungeDue; // guarded by expungeLock
  private volatile boolean deletedSinceExpunge;

  private void scheduleExpunge() {
    deletedSinceExpunge = true;
    synchronized (expungeLock) {
      if (expungeDue != null) {
        return; // the run already due covers this deletion too
      }
      if (expunger == null) {
        expunger =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "earful-expunge-deletes");
                  t.setDaemon(true);
                  return t;
                });
      }
      expungeDue =
          expunger.schedule(
              () -> {
                synchronized (expungeLock) {
                  expungeDue = null;
                }
                expungeQuietly();
                return null;
              },
              EXPUNGE_DELAY.toMillis(),
              java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /** Rewrites the segments holding deleted documents now (tests, shutdown). */
  public void expungeDeletes() {
    store.expungeDeletes();
  }

  private void expungeQuietly() {
    try {
      deletedSinceExpunge = false;
      store.expungeDeletes();
    } catch (RuntimeException e) {
      deletedSinceExpunge = true;
      org.slf4j.LoggerFactory.getLogger(ResponseIndex.class)
          .error("could not rewrite segments holding deleted comments; retried at close", e);
    }
  }

  /**
   * A bulk writer for imports: no commit per batch, a commit every {@code commitEvery} responses
   * and at {@link BulkWriter#close()}. Batches may be added from several threads; records of one
   * batch are applied in order, batches of different threads in no defined order.
   */
  public BulkWriter bulk(int commitEvery) {
    return new BulkWriter(commitEvery);
  }

  /** See {@link #bulk(int)}. */
  public final class BulkWriter implements Closeable {
    private final int commitEvery;
    private long sinceCommit; // guarded by writeLock
    private UpsertResult total = UpsertResult.NONE; // guarded by writeLock

    private BulkWriter(int commitEvery) {
      if (commitEvery < 1) {
        throw new IllegalArgumentException("commitEvery must be positive");
      }
      this.commitEvery = commitEvery;
    }

    /** Writes a batch (not yet durable: see {@link #close()}). */
    public UpsertResult add(List<AnalyzedResponse> responses) {
      List<Document> docs = new ArrayList<>(responses.size());
      for (AnalyzedResponse r : responses) {
        docs.add(Schema.toDocument(r));
      }
      // Deduplicate the batch so that writes outside the lock cannot reorder its own ids.
      Map<String, Integer> last = new HashMap<>();
      for (int i = 0; i < responses.size(); i++) {
        last.put(responses.get(i).response().id(), i);
      }
      UpsertResult result;
      boolean commitNow;
      synchronized (writeLock) {
        result = count(classify(responses));
        total = total.plus(result);
        sinceCommit += responses.size();
        commitNow = sinceCommit >= commitEvery;
        if (commitNow) {
          sinceCommit = 0;
        }
      }
      for (int i = 0; i < docs.size(); i++) {
        String id = responses.get(i).response().id();
        if (last.get(id) == i) {
          store.update(Schema.idTerm(id), docs.get(i));
        }
      }
      if (commitNow) {
        store.commit();
      }
      return result;
    }

    /** Everything added so far. */
    public UpsertResult total() {
      synchronized (writeLock) {
        return total;
      }
    }

    /** Commits and refreshes: everything added is durable and searchable on return. */
    @Override
    public void close() {
      store.commitDurably();
      store.refresh();
    }
  }

  /** Marks each response's id as written and says whether it existed before. Holds writeLock. */
  private boolean[] classify(List<AnalyzedResponse> responses) {
    if (pending.size() > MAX_PENDING) {
      store.refresh();
      pending.clear(); // the searcher now reflects every write made under this lock
    }
    boolean[] existed = new boolean[responses.size()];
    IndexSearcher searcher = store.acquire();
    try {
      for (int i = 0; i < responses.size(); i++) {
        String id = responses.get(i).response().id();
        Boolean known = pending.get(id);
        existed[i] = known != null ? known : existsIn(searcher, id);
        pending.put(id, true);
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    } finally {
      store.release(searcher);
    }
    return existed;
  }

  private boolean exists(String id) {
    Boolean known = pending.get(id);
    if (known != null) {
      return known;
    }
    IndexSearcher searcher = store.acquire();
    try {
      return existsIn(searcher, id);
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    } finally {
      store.release(searcher);
    }
  }

  private static boolean existsIn(IndexSearcher searcher, String id) throws IOException {
    BytesRef term = new BytesRef(id);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(Schema.ID);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(term)) {
        continue;
      }
      PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
      Bits live = leaf.reader().getLiveDocs();
      for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
        if (live == null || live.get(d)) {
          return true;
        }
      }
    }
    return false;
  }

  private static UpsertResult count(boolean[] existed) {
    int updated = 0;
    for (boolean e : existed) {
      if (e) {
        updated++;
      }
    }
    return new UpsertResult(existed.length - updated, updated);
  }

  // ---------------------------------------------------------------- reads

  /** The response with this id and its stored analysis. */
  public Optional<AnalyzedResponse> get(String id) {
    try (Snapshot s = snapshot()) {
      TopDocs top = s.searcher().search(new TermQuery(Schema.idTerm(id)), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.of(s.load(top.scoreDocs[0].doc));
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
  }

  /** How many responses are stored. */
  public int count() {
    try (Snapshot s = snapshot()) {
      return s.searcher().getIndexReader().numDocs();
    }
  }

  /**
   * Calls {@code consumer} with every stored response, in id order (byte order of the UTF-8 ids),
   * from one consistent snapshot.
   */
  public void scan(Consumer<AnalyzedResponse> consumer) {
    try (Snapshot s = snapshot()) {
      IndexReader reader = s.searcher().getIndexReader();
      Terms terms = MultiTerms.getTerms(reader, Schema.ID);
      if (terms == null) {
        return;
      }
      Bits live = MultiBits.getLiveDocs(reader);
      TermsEnum te = terms.iterator();
      PostingsEnum postings = null;
      for (BytesRef term = te.next(); term != null; term = te.next()) {
        postings = te.postings(postings, PostingsEnum.NONE);
        for (int d = postings.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS;
            d = postings.nextDoc()) {
          if (live == null || live.get(d)) {
            consumer.accept(s.load(d));
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
  }

  /** The current state of the index; close it (try-with-resources) to release the searcher. */
  public Snapshot snapshot() {
    return new Snapshot(store.acquire());
  }

  /** The Lucene query of a filter (text, fields and themes); match-all when nothing is set. */
  public Query query(Filter filter) {
    return FilterQueries.toQuery(filter, themes);
  }

  @Override
  public void close() {
    java.util.concurrent.ScheduledExecutorService running;
    synchronized (expungeLock) {
      running = expunger;
      expunger = null;
      expungeDue = null;
    }
    if (running != null) {
      running.shutdown(); // a run in progress finishes; one still waiting is dropped
      try {
        running.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.shutdownNow();
    }
    if (deletedSinceExpunge) {
      expungeQuietly(); // a deletion never outlives the process in the files
    }
    store.close();
  }

  /**
   * A point-in-time view of the index for reads: the searcher, documents matching a filter as a bit
   * set, the doc-value columns, stored responses. Not thread-safe; close it once.
   */
  public final class Snapshot implements AutoCloseable {
    private final IndexSearcher searcher;
    private StoredFields storedFields;
    private boolean closed;

    private Snapshot(IndexSearcher searcher) {
      this.searcher = searcher;
    }

    public IndexSearcher searcher() {
      return searcher;
    }

    public ThemeCatalog themes() {
      return themes;
    }

    public int maxDoc() {
      return searcher.getIndexReader().maxDoc();
    }

    /** Live documents matching {@code filter}, by doc id. */
    public FixedBitSet matching(Filter filter) {
      return matching(query(filter));
    }

    /** Live documents matching {@code query}, by doc id. */
    public FixedBitSet matching(Query query) {
      FixedBitSet bits = new FixedBitSet(Math.max(1, maxDoc()));
      try {
        searcher.search(query, new BitSetCollectorManager(bits));
      } catch (IOException e) {
        throw new IndexStoreException("cannot search the index", e);
      }
      return bits;
    }

    /**
     * Live documents mentioning {@code theme} in {@code field} (see {@link ThemeQueries}). Cached
     * per reader and taxonomy version, and built from per-segment sets that survive refreshes, so
     * after a write only the new segments run the theme's query. Do not modify the returned set.
     */
    public FixedBitSet mentioning(Theme theme, String field) {
      IndexReader reader = searcher.getIndexReader();
      IndexReader.CacheKey key = reader.getReaderCacheHelper().getKey();
      long version = themes.version();
      ThemeBits cache = themeBits;
      if (cache == null || cache.key() != key || cache.version() != version) {
        cache = new ThemeBits(key, version, new ConcurrentHashMap<>());
        themeBits = cache;
      }
      String cacheKey = themeKey(theme, field);
      FixedBitSet bits = cache.bits().get(cacheKey);
      if (bits == null) {
        bits = new FixedBitSet(Math.max(1, reader.maxDoc()));
        try {
          Weight weight = null;
          for (LeafReaderContext leaf : reader.leaves()) {
            FixedBitSet leafBits = leafThemeBits(leaf, cacheKey, version);
            if (leafBits == null) {
              if (weight == null) {
                weight =
                    searcher.createWeight(
                        searcher.rewrite(ThemeQueries.forTheme(theme, field)),
                        ScoreMode.COMPLETE_NO_SCORES,
                        1f);
              }
              leafBits = computeLeafThemeBits(leaf, weight, cacheKey, version);
            }
            Bits live = leaf.reader().getLiveDocs();
            int base = leaf.docBase;
            BitSetIterator it = new BitSetIterator(leafBits, 0);
            for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
              if (live == null || live.get(d)) {
                bits.set(base + d);
              }
            }
          }
        } catch (IOException e) {
          throw new IndexStoreException("cannot search the index", e);
        }
        cache.bits().put(cacheKey, bits);
      }
      return bits;
    }

    /** Metric, score, category group, sentiment and time of every document, by doc id. */
    public DocColumns columns() {
      IndexReader reader = searcher.getIndexReader();
      IndexReader.CacheKey key = reader.getReaderCacheHelper().getKey();
      Cached<DocColumns> cached = columns;
      if (cached != null && cached.key() == key) {
        return cached.value();
      }
      List<LeafReaderContext> leaves = reader.leaves();
      DocColumns[] parts = new DocColumns[leaves.size()];
      int[] bases = new int[leaves.size()];
      try {
        for (int i = 0; i < leaves.size(); i++) {
          LeafReaderContext leaf = leaves.get(i);
          bases[i] = leaf.docBase;
          parts[i] = leafColumns(leaf);
        }
      } catch (IOException e) {
        throw new IndexStoreException("cannot read the index", e);
      }
      DocColumns all = DocColumns.concat(reader.maxDoc(), bases, parts);
      columns = new Cached<>(key, all);
      return all;
    }

    /** Each segment's facet columns with its doc base, built once per segment. */
    List<LeafFacets> segmentFacets() {
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      List<LeafFacets> out = new ArrayList<>(leaves.size());
      try {
        for (LeafReaderContext leaf : leaves) {
          out.add(new LeafFacets(leaf.docBase, leaf.reader().maxDoc(), leafFacets(leaf)));
        }
      } catch (IOException e) {
        throw new IndexStoreException("cannot read the index", e);
      }
      return out;
    }

    /** The stored response and analysis of a document. */
    public AnalyzedResponse load(int doc) {
      try {
        if (storedFields == null) {
          storedFields = searcher.storedFields();
        }
        Document d = storedFields.document(doc);
        String id = d.get(Schema.ID);
        String comment = d.get(Schema.COMMENT);
        Response response =
            AnalysisCodec.decodeRecord(
                d.getBinaryValue(Schema.RECORD),
                id,
                comment,
                d.get(Schema.CUSTOMER),
                d.get(Schema.ACCOUNT));
        Analysis analysis = AnalysisCodec.decode(d.getBinaryValue(Schema.ANALYSIS), comment);
        return new AnalyzedResponse(response, analysis);
      } catch (IOException e) {
        throw new IndexStoreException("cannot read the index", e);
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        store.release(searcher);
      }
    }
  }

  /** What a theme's bit set depends on: the field and the phrases (not the id or name). */
  private static String themeKey(Theme theme, String field) {
    return field + '\u0000' + theme.lemmaPhrases();
  }

  /**
   * Per segment core: the taxonomy version and theme key to the segment's matches (deleted too).
   */
  private record LeafThemes(long version, Map<String, FixedBitSet> bits) {}

  private final Map<IndexReader.CacheKey, LeafThemes> leafThemes = new ConcurrentHashMap<>();

  private FixedBitSet leafThemeBits(LeafReaderContext leaf, String themeKey, long version) {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper == null) {
      return null;
    }
    LeafThemes cached = leafThemes.get(helper.getKey());
    return cached == null || cached.version() != version ? null : cached.bits().get(themeKey);
  }

  private FixedBitSet computeLeafThemeBits(
      LeafReaderContext leaf, Weight weight, String themeKey, long version) throws IOException {
    FixedBitSet bits = new FixedBitSet(Math.max(1, leaf.reader().maxDoc()));
    Scorer scorer = weight.scorer(leaf);
    if (scorer != null) {
      DocIdSetIterator it = scorer.iterator();
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        bits.set(d);
      }
    }
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper != null) {
      boolean[] first = {false};
      LeafThemes entry =
          leafThemes.compute(
              helper.getKey(),
              (k, old) -> {
                first[0] = old == null;
                return old == null || old.version() != version
                    ? new LeafThemes(version, new ConcurrentHashMap<>())
                    : old;
              });
      entry.bits().put(themeKey, bits);
      if (first[0]) {
        helper.addClosedListener(leafThemes::remove);
      }
    }
    return bits;
  }

  /** One segment's facet columns and where its documents start. */
  record LeafFacets(int docBase, int maxDoc, SegmentFacetColumns columns) {}

  private SegmentFacetColumns leafFacets(LeafReaderContext leaf) throws IOException {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper == null) {
      return SegmentFacetColumns.read(leaf.reader());
    }
    IndexReader.CacheKey key = helper.getKey();
    SegmentFacetColumns c = leafFacets.get(key);
    if (c == null) {
      c = SegmentFacetColumns.read(leaf.reader());
      if (leafFacets.putIfAbsent(key, c) == null) {
        helper.addClosedListener(leafFacets::remove);
      }
    }
    return c;
  }

  private DocColumns leafColumns(LeafReaderContext leaf) throws IOException {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper == null) {
      return DocColumns.read(leaf.reader());
    }
    IndexReader.CacheKey key = helper.getKey();
    DocColumns c = leafColumns.get(key);
    if (c == null) {
      c = DocColumns.read(leaf.reader());
      if (leafColumns.putIfAbsent(key, c) == null) {
        helper.addClosedListener(leafColumns::remove);
      }
    }
    return c;
  }

  /** Sets the bit of every collected document. */
  private static final class BitSetCollectorManager
      implements CollectorManager<SimpleCollector, FixedBitSet> {
    private final FixedBitSet bits;

    BitSetCollectorManager(FixedBitSet bits) {
      this.bits = bits;
    }

    @Override
    public SimpleCollector newCollector() {
      return new SimpleCollector() {
        private int base;

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
          base = context.docBase;
        }

        @Override
        public void collect(int doc) {
          bits.set(base + doc);
        }

        @Override
        public ScoreMode scoreMode() {
          return ScoreMode.COMPLETE_NO_SCORES;
        }
      };
    }

    @Override
    public FixedBitSet reduce(Collection<SimpleCollector> collectors) {
      return bits;
    }
  }

  /** Builds the Lucene query of a {@link Filter}. */
  static final class FilterQueries {
    private FilterQueries() {}

    static Query toQuery(Filter f, ThemeCatalog themes) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      boolean any = false;
      Query text = QuerySyntax.forComments().parse(f.q());
      if (text != null) {
        b.add(text, BooleanClause.Occur.MUST);
        any = true;
      }
      for (Query q : filterClauses(f, themes)) {
        b.add(q, BooleanClause.Occur.FILTER);
        any = true;
      }
      return any ? b.build() : new MatchAllDocsQuery();
    }

    /** The non-text conditions of a filter, each a FILTER clause. */
    static List<Query> filterClauses(Filter f, ThemeCatalog themes) {
      List<FieldError> problems = f.problems();
      if (!problems.isEmpty()) {
        throw new InvalidRequestException(problems);
      }
      List<Query> out = new ArrayList<>();
      if (f.metric() != null) {
        out.add(new TermQuery(new Term(Schema.METRIC, f.metric().wireName())));
      }
      if (f.from() != null || f.to() != null) {
        long from = f.from() == null ? Long.MIN_VALUE : f.from().toEpochMilli();
        long to = f.to() == null ? Long.MAX_VALUE : f.to().toEpochMilli();
        out.add(LongField.newRangeQuery(Schema.SUBMITTED_AT, from, to));
      }
      if (f.minScore() != null || f.maxScore() != null) {
        int min = f.minScore() == null ? Integer.MIN_VALUE : f.minScore();
        int max = f.maxScore() == null ? Integer.MAX_VALUE : f.maxScore();
        out.add(IntField.newRangeQuery(Schema.SCORE, min, max));
      }
      if (!f.categories().isEmpty()) {
        out.add(
            anyOf(Schema.GROUP, f.categories().stream().map(Category.Group::wireName).toList()));
      }
      if (!f.sentiments().isEmpty()) {
        out.add(anyOf(Schema.SENTIMENT, f.sentiments().stream().map(Polarity::wireName).toList()));
      }
      for (Map.Entry<String, List<String>> e : f.segments().entrySet()) {
        out.add(anyOf(Schema.segmentField(e.getKey()), e.getValue()));
      }
      if (!f.customers().isEmpty()) {
        out.add(anyOf(Schema.CUSTOMER, f.customers()));
      }
      if (!f.accounts().isEmpty()) {
        out.add(anyOf(Schema.ACCOUNT, f.accounts()));
      }
      if (!f.themeIds().isEmpty()) {
        List<FieldError> unknown = new ArrayList<>();
        BooleanQuery.Builder anyTheme = new BooleanQuery.Builder();
        for (String id : f.themeIds()) {
          Optional<Theme> theme = themes.find(id);
          if (theme.isEmpty()) {
            unknown.add(new FieldError("theme", "unknown theme '" + id + "'"));
          } else {
            anyTheme.add(
                ThemeQueries.forTheme(theme.get(), Schema.LEMMA), BooleanClause.Occur.SHOULD);
          }
        }
        if (!unknown.isEmpty()) {
          throw new InvalidRequestException(unknown);
        }
        out.add(anyTheme.build());
      }
      return out;
    }

    private static Query anyOf(String field, List<String> values) {
      if (values.size() == 1) {
        return new TermQuery(new Term(field, values.get(0)));
      }
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (String v : values) {
        b.add(new TermQuery(new Term(field, v)), BooleanClause.Occur.SHOULD);
      }
      return b.build();
    }
  }
}
