package dev.earful.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque cursor of a search page: URL-safe base64 of the last hit's sort values (the response
 * id last, as the tie-break) and a fingerprint of the search it belongs to, so that a cursor used
 * with another query, filter or order, or edited by hand, is refused rather than misread. A
 * relevance search's cursor also carries the statistics its first page was scored with (see {@link
 * ScoringStatistics}); a cursor without them (one of an older server) is read as before.
 */
final class Cursor {

  private static final byte VERSION = 1;
  private static final byte WITH_STATISTICS = 2;
  private static final byte FLOAT = 'F';
  private static final byte LONG = 'L';
  private static final byte INT = 'I';
  private static final byte BYTES = 'B';
  private static final int MAX_BYTES = 4096;

  private Cursor() {}

  /** Where a page ends, and the statistics the search is scored with (null: the index's own). */
  record Position(FieldDoc after, ScoringStatistics statistics) {}

  static String encode(FieldDoc last, SortOrder sort, Filter filter, ScoringStatistics statistics) {
    int size = 1 + 1 + 4 + 1 + 4;
    for (Object v : last.fields) {
      size += 1 + (v instanceof BytesRef b ? 4 + b.length : 8);
    }
    // A query of many long words could make the cursor longer than a cursor may be: it then pages
    // with the index's current statistics, as before.
    boolean withStatistics =
        statistics != null
            && !statistics.isEmpty()
            && (size + statistics.size() + 2) / 3 * 4 <= MAX_BYTES;
    if (withStatistics) {
      size += statistics.size();
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.put(withStatistics ? WITH_STATISTICS : VERSION);
    buf.put((byte) sort.ordinal()).putInt(fingerprint(sort, filter));
    buf.put((byte) last.fields.length);
    for (Object v : last.fields) {
      switch (v) {
        case Float f -> buf.put(FLOAT).putLong(Float.floatToRawIntBits(f));
        case Long l -> buf.put(LONG).putLong(l);
        case Integer i -> buf.put(INT).putLong(i);
        case BytesRef b -> buf.put(BYTES).putInt(b.length).put(b.bytes, b.offset, b.length);
        default -> throw new IllegalStateException("unexpected sort value " + v);
      }
    }
    buf.putInt(last.doc);
    if (withStatistics) {
      statistics.write(buf);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /** The position to continue after; throws {@link InvalidRequestException} on any mismatch. */
  static Position decode(String cursor, SortOrder sort, Filter filter, int expectedFields) {
    try {
      if (cursor.length() > MAX_BYTES) {
        throw new IllegalArgumentException("too long");
      }
      ByteBuffer buf = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      byte version = buf.get();
      if ((version != VERSION && version != WITH_STATISTICS)
          || buf.get() != sort.ordinal()
          || buf.getInt() != fingerprint(sort, filter)) {
        throw new IllegalArgumentException("belongs to another search");
      }
      int n = buf.get();
      if (n != expectedFields) {
        throw new IllegalArgumentException("wrong shape");
      }
      Object[] fields = new Object[n];
      for (int i = 0; i < n; i++) {
        byte type = buf.get();
        fields[i] =
            switch (type) {
              case FLOAT -> Float.intBitsToFloat((int) buf.getLong());
              case LONG -> buf.getLong();
              case INT -> (int) buf.getLong();
              case BYTES -> {
                int len = buf.getInt();
                if (len < 0 || len > buf.remaining()) {
                  throw new IllegalArgumentException("bad length");
                }
                byte[] b = new byte[len];
                buf.get(b);
                yield new BytesRef(b);
              }
              default -> throw new IllegalArgumentException("bad type");
            };
      }
      int doc = buf.getInt();
      ScoringStatistics statistics =
          version == WITH_STATISTICS ? ScoringStatistics.read(buf) : null;
      if (buf.hasRemaining() || doc < 0) {
        throw new IllegalArgumentException("trailing bytes");
      }
      return new Position(new FieldDoc(doc, Float.NaN, fields), statistics);
    } catch (RuntimeException e) {
      throw new InvalidRequestException(
          "cursor",
          "is not a cursor of this search (it may come from another query, filter or sort, or"
              + " be damaged): start again without it");
    }
  }

  private static int fingerprint(SortOrder sort, Filter filter) {
    CRC32 crc = new CRC32();
    crc.update((sort.name() + "\u0000" + filter).getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }
}
