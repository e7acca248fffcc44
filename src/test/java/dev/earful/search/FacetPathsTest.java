package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The kept facet values are the bytes {@link FacetsConfig} would index, made once per value, and a
 * full {@link FacetPaths} still answers right without keeping more.
 */
class FacetPathsTest {

  /** Values with the facet delimiter and escape characters, accents, emoji and spaces. */
  private static final List<String> VALUES =
      List.of("EMEA", "Île-de-France", "a\u001Fb", "a\u001Eb", "x/y", " spaced ", "😀 plan");

  @Test
  void buildsWhatFacetsConfigWouldIndex() {
    FacetPaths paths = new FacetPaths();
    for (int round = 0; round < 2; round++) {
      for (String key : List.of("region", "plan tier", "k\u001Fey")) {
        assertEquals(Schema.SEGMENT_PREFIX + key, paths.segmentField(key));
        for (String value : VALUES) {
          assertEquals(
              new BytesRef(
                  FacetsConfig.pathToString(Schema.SEGMENT_PREFIX + key, new String[] {value})),
              paths.segment(key, value),
              key + " = " + value);
        }
      }
      for (String language : List.of("en", "fr", "pt-br")) {
        assertEquals(
            new BytesRef(FacetsConfig.pathToString(Schema.FACET_LANGUAGE, new String[] {language})),
            paths.language(language));
      }
    }
  }

  @Test
  void makesEachValueOnce() {
    FacetPaths paths = new FacetPaths();
    BytesRef first = paths.segment("region", "EMEA");
    assertSame(first, paths.segment("region", "EMEA"));
    assertNotSame(first, paths.segment("area", "EMEA"));
    assertSame(paths.segmentField("region"), paths.segmentField("region"));
    assertSame(paths.language("fr"), paths.language("fr"));
  }

  @Test
  void keepsNoMoreThanItsBoundAndStillAnswersRight() {
    FacetPaths paths = new FacetPaths();
    for (int i = 0; i < FacetPaths.MAX; i++) {
      paths.segment("store", "s" + i); // one key and MAX - 1 values fill it
    }
    BytesRef late = paths.segment("store", "late");
    assertEquals(Schema.facetPath(Schema.SEGMENT_PREFIX + "store", "late"), late);
    assertNotSame(late, paths.segment("store", "late"), "a value past the bound is not kept");
    assertSame(paths.segment("store", "s1"), paths.segment("store", "s1"), "kept values stay");
    assertEquals(Schema.SEGMENT_PREFIX + "new key", paths.segmentField("new key"));
    assertEquals(
        Schema.facetPath(Schema.SEGMENT_PREFIX + "new key", "v"), paths.segment("new key", "v"));
  }
}
