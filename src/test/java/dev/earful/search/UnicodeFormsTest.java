package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.http.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "café" typed composed (U+00E9) finds a comment written decomposed (e + U+0301) and the other way
 * round, in the comment text and in segment filters; main found only the comments written in the
 * form typed, and warned that the segment value did not exist.
 */
class UnicodeFormsTest {

  private static final String COMPOSED = "caf\u00e9";
  private static final String DECOMPOSED = "cafe\u0301";

  @TempDir Path data;

  private static void add(Directory dir, Analyzer analyzer, String id, String comment)
      throws Exception {
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
      Document d = new Document();
      d.add(new StoredField("id", id));
      d.add(new TextField(Schema.COMMENT, comment, Field.Store.NO));
      w.addDocument(d);
    }
  }

  private static Set<String> hits(Directory dir, String q) throws Exception {
    try (DirectoryReader r = DirectoryReader.open(dir)) {
      IndexSearcher s = new IndexSearcher(r);
      Set<String> ids = new TreeSet<>();
      for (ScoreDoc d : s.search(QuerySyntax.forComments().parse(q), 10).scoreDocs) {
        ids.add(s.storedFields().document(d.doc).get("id"));
      }
      return ids;
    }
  }

  /**
   * In a real Lucene index: comments written either way with the analyser now, and one written
   * decomposed with the analyser before it composed (a folder indexed before this change).
   */
  @Test
  void aWordWithAnAccentFindsItInEitherFormOldIndexTermsIncluded() throws Exception {
    try (Directory dir = new ByteBuffersDirectory()) {
      add(dir, Schema.commentAnalyzer(), "nfc", "The " + COMPOSED + " was cold.");
      add(dir, Schema.commentAnalyzer(), "nfd", "The " + DECOMPOSED + " was cold.");
      add(dir, Schema.commentAnalyzerBeforeComposing(), "old-nfd", "Our " + DECOMPOSED + " order.");
      add(dir, Schema.commentAnalyzer(), "plain", "A cafe nearby.");
      Set<String> all = Set.of("nfc", "nfd", "old-nfd", "plain");
      assertEquals(all, hits(dir, COMPOSED));
      assertEquals(all, hits(dir, DECOMPOSED));
      assertEquals(Set.of("nfc", "nfd"), hits(dir, "\"the " + DECOMPOSED + "\""));
      assertEquals(Set.of("old-nfd"), hits(dir, "\"our " + COMPOSED + "\""));
      assertEquals(all, hits(dir, "caf*"));
      // Left: a word typed without its accent finds the old index's decomposed comment no more
      // than main did (re-importing it indexes it composed).
      assertEquals(Set.of("nfc", "nfd", "plain"), hits(dir, "cafe"));
    }
  }

  @Test
  void aSegmentValueInEitherFormMatchesAndIsNotWarnedAbout() {
    try (TestServer server = TestServer.start(data)) {
      server.postNdjson(
          "{\"id\":\"a\",\"score\":3,\"comment\":\"The "
              + COMPOSED
              + " was cold.\","
              + "\"segments\":{\"site\":\""
              + COMPOSED
              + "\"}}\n"
              + "{\"id\":\"b\",\"score\":9,\"comment\":\"The "
              + DECOMPOSED
              + " was cosy.\","
              + "\"segments\":{\"site\":\""
              + DECOMPOSED
              + "\"}}\n"
              + "{\"id\":\"c\",\"score\":9,\"comment\":\"Fine.\",\"segments\":{\"site\":\"bar\"}}\n");
      for (String typed : new String[] {COMPOSED, DECOMPOSED}) {
        String v = URLEncoder.encode(typed, StandardCharsets.UTF_8);
        JsonNode bySegment = TestServer.json(server.get("/api/v1/search?segment.site=" + v));
        assertEquals(2, bySegment.path("total").asInt(), bySegment.toString());
        assertEquals(0, bySegment.path("warnings").size(), bySegment.toString());
        JsonNode byWord = TestServer.json(server.get("/api/v1/search?q=" + v));
        assertEquals(2, byWord.path("total").asInt(), byWord.toString());
        JsonNode metrics = TestServer.json(server.get("/api/v1/metrics?segment.site=" + v));
        assertEquals(2, metrics.path("count").asInt(), metrics.toString());
      }
    }
  }

  /**
   * A customer stored in two forms: its history (GET /customers/{id}) shows what its erasure takes,
   * since both match the customer exactly (review R7: with any-form matching the history showed 2
   * and DELETE erased 1, leaving the other form's response and follow-up).
   */
  @Test
  void aCustomersHistoryIsWhatItsErasureTakes() {
    String composed = "jos\u00e9@x.org";
    String decomposed = "jose\u0301@x.org";
    try (TestServer server = TestServer.start(data)) {
      server.postNdjson(
          "{\"id\":\"a\",\"score\":3,\"comment\":\"Late.\",\"customer\":\""
              + composed
              + "\"}\n"
              + "{\"id\":\"b\",\"score\":2,\"comment\":\"Late.\",\"customer\":\""
              + decomposed
              + "\"}\n");
      String path = "/api/v1/customers/" + URLEncoder.encode(composed, StandardCharsets.UTF_8);
      JsonNode history = TestServer.json(server.get(path));
      JsonNode erased = TestServer.json(server.delete(path));
      assertEquals(
          history.path("count").asInt(),
          erased.path("erased").path("responses").asInt(),
          history + " / " + erased);
      String other =
          "/api/v1/search?customer=" + URLEncoder.encode(composed, StandardCharsets.UTF_8);
      assertEquals(0, TestServer.json(server.get(other)).path("total").asInt());
    }
  }
}
