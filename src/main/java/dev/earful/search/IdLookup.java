package dev.earful.search;

import dev.earful.store.IndexStoreException;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;

/**
 * The response id of a document of one {@link ResponseIndex.Snapshot}, read from the id's doc
 * values without loading the stored fields: cheap enough to break ties among thousands of
 * candidates. Fastest when asked in ascending doc order. Not thread-safe.
 */
public final class IdLookup {

  private final List<LeafReaderContext> leaves;
  private final SortedDocValues[] ids;

  IdLookup(IndexReader reader) {
    this.leaves = reader.leaves();
    this.ids = new SortedDocValues[leaves.size()];
  }

  /** The id's UTF-8 bytes (a copy; ids compare in this byte order everywhere), empty if none. */
  public BytesRef id(int doc) {
    try {
      int leaf = ReaderUtil.subIndex(doc, leaves);
      LeafReaderContext ctx = leaves.get(leaf);
      int local = doc - ctx.docBase;
      SortedDocValues dv = ids[leaf];
      if (dv == null || dv.docID() > local) {
        dv = ctx.reader().getSortedDocValues(Schema.ID);
        ids[leaf] = dv;
      }
      if (dv == null || !dv.advanceExact(local)) {
        return new BytesRef();
      }
      return BytesRef.deepCopyOf(dv.lookupOrd(dv.ordValue()));
    } catch (IOException e) {
      throw new IndexStoreException("cannot read the index", e);
    }
  }
}
