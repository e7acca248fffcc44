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
 * with another query, filter or order, or edited by hand, is refused rather than misread.
 */
final class Cursor {

  private static final byte VERSION = 1;
  private static final byte FLOAT = 'F';
  private static final byte LONG = 'L';
  private static final byte INT = 'I';
  private static final byte BYTES = 'B';
  private static final int MAX_BYTES = 4096;

  private Cursor() {}

  static String encode(FieldDoc last, SortOrder sort, Filter filter) {
    int size = 1 + 1 + 4 + 1 + 4;
    for (Object v : last.fields) {
      size += 1 + (v instanceof BytesRef b ? 4 + b.length : 8);
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.put(VERSION).put((byte) sort.ordinal()).putInt(fingerprint(sort, filter));
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
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /** The position to continue after; throws {@link InvalidRequestException} on any mismatch. */
  static FieldDoc decode(String cursor, SortOrder sort, Filter filter, int expectedFields) {
    try {
      if (cursor.length() > MAX_BYTES) {
        throw new IllegalArgumentException("too long");
      }
      ByteBuffer buf = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
      if (buf.get() != VERSION
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
      if (buf.hasRemaining() || doc < 0) {
        throw new IllegalArgumentException("trailing bytes");
      }
      return new FieldDoc(doc, Float.NaN, fields);
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
