package dev.earful.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
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

  @Test
  void aFullDiskIsSaidAsSuchAndOtherFailuresWithoutTheirText() {
    // The exception Lucene's commit threw when the trial's tmpfs filled (session 27).
    java.io.IOException full = new java.io.IOException("No space left on device");
    assertEquals(
        "the disk is full",
        IndexStore.describe(new IndexStoreException("cannot commit the index in /d/index", full)));
    assertEquals(
        "an I/O error",
        IndexStore.describe(
            new IndexStoreException(
                "cannot write to the index in /d/index",
                new java.nio.file.FileAlreadyExistsException("/d/index/_1.fdm"))));
  }

  private static List<IndexableField> doc(String id) {
    return List.of(new StringField("id", id, Field.Store.YES));
  }
}
