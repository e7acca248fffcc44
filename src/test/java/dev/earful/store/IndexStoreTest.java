package dev.earful.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene index under a data folder: what reads may and may not do to its files. */
class IndexStoreTest {

  @TempDir Path dir;

  @Test
  void theLastReleaseOfAReplacedSearcherOnAnInterruptedThreadLeavesTheIndexWritable() {
    Path indexDir = dir.resolve("index");
    try (IndexStore store = IndexStore.open(indexDir, new StandardAnalyzer())) {
      for (String id : List.of("a", "b", "c")) {
        store.update(new Term("id", id), doc(id));
      }
      store.commitDurably();
      store.refresh();
      IndexSearcher old = store.acquire();
      assertEquals(3, old.getIndexReader().numDocs());
      // Every document of the old searcher's segment is replaced while a search still holds it:
      // the segment leaves the index at the next commit, and its files are deleted when the last
      // reader on it closes, through the writer's directory, which first checks the folder's
      // write lock over a file channel.
      for (String id : List.of("a", "b", "c")) {
        store.update(new Term("id", id), doc(id));
      }
      store.refresh();
      store.commitDurably();
      // A search thread interrupted by a stopping server hands its searcher back.
      Thread.currentThread().interrupt();
      try {
        store.release(old);
      } finally {
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
      }
      // The write lock is intact: later writes and commits succeed.
      store.update(new Term("id", "d"), doc("d"));
      store.commitDurably();
    }
    try (IndexStore reopened = IndexStore.open(indexDir, new StandardAnalyzer())) {
      IndexSearcher searcher = reopened.acquire();
      try {
        assertEquals(4, searcher.getIndexReader().numDocs());
      } finally {
        reopened.release(searcher);
      }
    }
  }

  private static List<IndexableField> doc(String id) {
    return List.of(new StringField("id", id, Field.Store.YES));
  }

  private static final Sort BY_ID = new Sort(new SortField("id", SortField.Type.STRING));

  /**
   * An index written with no order (every folder before stored format 4) opens in id order: each
   * segment rewritten sorted (segments kept as they were), every live document and the commit data
   * kept, deleted documents (and so their text) gone from the files; a second open leaves it as it
   * is.
   */
  @Test
  void anIndexWrittenWithoutAnOrderIsRewrittenInIdOrderWhenItOpensWithOne() throws IOException {
    Path indexDir = dir.resolve("index");
    List<String> written = List.of("m", "c", "x", "a", "q", "b", "gone", "k");
    try (IndexStore store = IndexStore.open(indexDir, new StandardAnalyzer())) {
      for (int i = 0; i < written.size(); i++) {
        store.update(new Term("id", written.get(i)), sortableDoc(written.get(i)));
        if (i % 3 == 2) {
          store.commitDurably(); // several segments
        }
      }
      store.delete(new Term("id", "gone"));
      store.markFormat(3);
    }
    assertEquals(
        List.of(List.of("m", "c", "x"), List.of("a", "q", "b"), List.of("gone", "k")),
        segmentIds(indexDir, false),
        "written in no order, the deleted document still in its segment");

    try (IndexStore store = IndexStore.open(indexDir, new StandardAnalyzer(), BY_ID)) {
      assertEquals(3, store.storedFormat(), "the commit data is carried over");
      IndexSearcher searcher = store.acquire();
      try {
        assertEquals(7, searcher.getIndexReader().numDocs());
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
          assertEquals(BY_ID, leaf.reader().getMetaData().sort());
        }
      } finally {
        store.release(searcher);
      }
      store.update(new Term("id", "d"), sortableDoc("d"));
      store.commitDurably();
    }
    assertEquals(
        List.of(List.of("c", "m", "x"), List.of("a", "b", "q"), List.of("k"), List.of("d")),
        segmentIds(indexDir, true));
    for (String file : Objects.requireNonNull(indexDir.toFile().list())) {
      byte[] bytes = Files.readAllBytes(indexDir.resolve(file));
      assertFalse(
          new String(bytes, StandardCharsets.ISO_8859_1).contains("gone"),
          file + " still holds the deleted document");
    }
    try (IndexStore again = IndexStore.open(indexDir, new StandardAnalyzer(), BY_ID)) {
      assertEquals(3, again.storedFormat());
    }
    assertEquals(
        List.of(List.of("c", "m", "x"), List.of("a", "b", "q"), List.of("k"), List.of("d")),
        segmentIds(indexDir, true),
        "an index already in order is opened as it is");
  }

  private static List<IndexableField> sortableDoc(String id) {
    return List.of(
        new StringField("id", id, Field.Store.YES),
        new SortedDocValuesField("id", new BytesRef(id)));
  }

  /** The ids of each segment's documents in doc order, live ones only or all. */
  private static List<List<String>> segmentIds(Path indexDir, boolean liveOnly) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (Directory d = FSDirectory.open(indexDir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        List<String> ids = new ArrayList<>();
        Bits live = leaf.reader().getLiveDocs();
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          if (!liveOnly || live == null || live.get(doc)) {
            ids.add(stored.document(doc).get("id"));
          }
        }
        out.add(ids);
      }
    }
    return out;
  }
}
