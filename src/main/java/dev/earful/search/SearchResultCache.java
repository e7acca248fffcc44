package dev.earful.search;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of the searches last asked of one index state: a search asked again before anything
 * is written, deleted or merged, and before the taxonomy changes, gets the same result object
 * without being run again. A result is a function of the request, the reader and the taxonomy
 * version alone, so the answer is the one the search would compute (SearchResultCacheTest compares
 * both). Entries of an older reader go as soon as a search on a newer one finishes; the latest
 * {@code capacity} requests are kept, and no more than {@code maxChars} characters of comments in
 * all: a hit holds its comment's whole analysis (a token object per word), so a few pages of 200
 * long comments would otherwise hold gigabytes. A result over the budget on its own is not kept.
 * Thread-safe.
 */
final class SearchResultCache {

  private final int capacity;
  private final long maxChars;
  private long chars; // guarded by this: characters of comments in the results kept
  private Object state; // guarded by this: the reader the entries were computed on
  private long readerVersion = Long.MIN_VALUE; // guarded by this
  private final Map<Key, SearchResult> results;
  private long hits; // guarded by this
  private long misses; // guarded by this

  private record Key(long taxonomyVersion, SearchRequest request) {}

  SearchResultCache(int capacity, long maxChars) {
    this.capacity = capacity;
    this.maxChars = maxChars;
    this.results = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** Characters of comments that {@code result}'s hits hold. */
  static long chars(SearchResult result) {
    long n = 0;
    for (SearchHit hit : result.hits()) {
      String comment = hit.response().response().comment();
      n += comment == null ? 0 : comment.length();
    }
    return n;
  }

  /** The result of {@code request} on this reader and taxonomy version, or null. */
  synchronized SearchResult get(Object state, long taxonomyVersion, SearchRequest request) {
    SearchResult r =
        capacity == 0 || state != this.state
            ? null
            : results.get(new Key(taxonomyVersion, request));
    if (r == null) {
      misses++;
    } else {
      hits++;
    }
    return r;
  }

  /**
   * Keeps a result computed on reader {@code state} (version {@code readerVersion}, which grows
   * with every change of the index) at {@code taxonomyVersion}; a result of a reader older than the
   * entries' is not kept, one of a newer reader replaces them all.
   */
  synchronized void put(
      Object state,
      long readerVersion,
      long taxonomyVersion,
      SearchRequest request,
      SearchResult result) {
    if (capacity == 0) {
      return;
    }
    if (state != this.state) {
      if (readerVersion < this.readerVersion) {
        return;
      }
      results.clear();
      chars = 0;
      this.state = state;
      this.readerVersion = readerVersion;
    }
    long weight = chars(result);
    if (weight > maxChars) {
      return;
    }
    SearchResult replaced = results.put(new Key(taxonomyVersion, request), result);
    chars += weight - (replaced == null ? 0 : chars(replaced));
    Iterator<SearchResult> eldest = results.values().iterator();
    while (results.size() > capacity || chars > maxChars) {
      chars -= chars(eldest.next());
      eldest.remove();
    }
  }

  /**
   * Drops every result kept, and keeps none computed on a reader older than {@code readerVersion}
   * (a search still running on the reader before a deletion): after a deletion no kept result may
   * quote the deleted comment.
   */
  synchronized void dropOlderThan(long readerVersion) {
    results.clear();
    chars = 0;
    state = null;
    this.readerVersion = Math.max(this.readerVersion, readerVersion);
  }

  /** Characters of comments in the results kept. */
  synchronized long chars() {
    return chars;
  }

  /** Searches answered from the cache and searches run, since the start. */
  synchronized long[] hitsAndMisses() {
    return new long[] {hits, misses};
  }
}
