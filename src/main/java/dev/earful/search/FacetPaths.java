package dev.earful.search;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.lucene.util.BytesRef;

/**
 * The field names and facet values of segments, and the facet values of languages, each made once
 * per distinct key and value: building a facet value ({@link Schema#facetPath}, the escaping of
 * {@code FacetsConfig.pathToString} and then UTF-8) was 1.9% of the server's CPU in a profile of an
 * HTTP import, where a few distinct segment values repeat in every document. Bounded: past {@link
 * #MAX} keys and values together, new ones are built each time and not kept, so a segment with a
 * distinct value per response costs what it did before and no more memory. Thread-safe.
 *
 * <p>A returned {@link BytesRef} is shared by every document with that value: Lucene copies a doc
 * value's bytes when it indexes it and never changes them, and nothing else may either.
 */
final class FacetPaths {

  static final int MAX = 10_000;

  private final ConcurrentHashMap<String, Dimension> segments = new ConcurrentHashMap<>();
  private final Dimension languages = new Dimension(Schema.FACET_LANGUAGE);
  private final AtomicInteger kept = new AtomicInteger();

  /** {@link Schema#segmentField} of {@code key}. */
  String segmentField(String key) {
    return segment(key).name;
  }

  /** {@link Schema#facetPath} of the segment {@code key}'s {@code value}. */
  BytesRef segment(String key, String value) {
    return segment(key).path(value);
  }

  /** {@link Schema#facetPath} of a language. */
  BytesRef language(String language) {
    return languages.path(language);
  }

  private Dimension segment(String key) {
    return kept(segments, key, k -> new Dimension(Schema.segmentField(k)));
  }

  /**
   * {@code map}'s value for {@code key}, else {@code make}'s, kept in {@code map} while fewer than
   * {@link #MAX} keys and values are kept in all.
   */
  private <V> V kept(ConcurrentHashMap<String, V> map, String key, Function<String, V> make) {
    V v = map.get(key);
    if (v != null) {
      return v;
    }
    v = make.apply(key);
    if (kept.get() < MAX) {
      V before = map.putIfAbsent(key, v);
      if (before != null) {
        return before;
      }
      kept.incrementAndGet();
    }
    return v;
  }

  /** One facet dimension: its name and the paths of its values. */
  private final class Dimension {
    final String name;
    final ConcurrentHashMap<String, BytesRef> paths = new ConcurrentHashMap<>();
    private final Function<String, BytesRef> pathOf;

    Dimension(String name) {
      this.name = name;
      this.pathOf = value -> Schema.facetPath(name, value);
    }

    BytesRef path(String value) {
      return kept(paths, value, pathOf);
    }
  }
}
