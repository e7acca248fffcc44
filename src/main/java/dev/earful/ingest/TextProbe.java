package dev.earful.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Looks at the first bytes of a file before it is read as text, so a spreadsheet, an archive or a
 * PDF gets "this is not a text file" instead of a charset hint that no charset can satisfy (a
 * binary file decodes as windows-1252 just as badly as UTF-8). Text never holds NUL bytes except as
 * UTF-16, whose byte order mark or alternate NULs give it away and which is then read as UTF-16.
 */
public final class TextProbe {

  /** How much of the file is looked at; a survey export's header alone is usually longer. */
  public static final int HEAD_BYTES = 8192;

  private TextProbe() {}

  /**
   * The charset to read the file with: {@code given}, or UTF-16 when the file starts with a UTF-16
   * byte order mark and no charset was named.
   *
   * @param head the first bytes of the file (up to {@link #HEAD_BYTES})
   * @param given the charset asked for
   * @param named whether the user named the charset (then a BOM does not override it)
   * @throws InputFormatException when the file is not text, saying what it looks like instead
   */
  public static Charset charsetFor(byte[] head, Charset given, boolean named) {
    if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
      return named ? given : StandardCharsets.UTF_16;
    }
    Optional<String> kind = binaryKind(head);
    if (kind.isPresent()) {
      throw new InputFormatException(1, 0, kind.get());
    }
    return given;
  }

  /** What a non-text head looks like, as the sentence the user reads; empty for text. */
  static Optional<String> binaryKind(byte[] head) {
    if (startsWith(head, 'P', 'K', 3, 4)) {
      return Optional.of(
          "the file is a ZIP archive (an Excel .xlsx workbook is one), not text: save or export it"
              + " as CSV first");
    }
    if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
      return Optional.of(
          "the file is an old Excel (.xls) or Office document, not text: save it as CSV first");
    }
    if (startsWith(head, '%', 'P', 'D', 'F')) {
      return Optional.of("the file is a PDF document, not text: export the survey as CSV");
    }
    if (startsWith(head, 0x1F, 0x8B)) {
      return Optional.of("the file is gzip-compressed: decompress it first (gunzip FILE)");
    }
    int nulAtEven = 0;
    int nulAtOdd = 0;
    int firstNul = -1;
    int controls = 0;
    for (int i = 0; i < head.length; i++) {
      int b = head[i] & 0xFF;
      if (b == 0) {
        if (firstNul < 0) {
          firstNul = i;
        }
        if (i % 2 == 0) {
          nulAtEven++;
        } else {
          nulAtOdd++;
        }
      } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        controls++;
      }
    }
    int half = head.length / 2;
    if (half >= 4 && nulAtOdd >= half * 0.9 && nulAtEven == 0) {
      return Optional.of(
          "the file looks like UTF-16LE text without a byte order mark: pass --charset UTF-16LE");
    }
    if (half >= 4 && nulAtEven >= half * 0.9 && nulAtOdd == 0) {
      return Optional.of(
          "the file looks like UTF-16BE text without a byte order mark: pass --charset UTF-16BE");
    }
    if (firstNul >= 0) {
      return Optional.of(
          "the file is not text (byte "
              + firstNul
              + " is a NUL, which no CSV or JSON holds): export the survey as CSV or NDJSON");
    }
    if (head.length >= 64 && controls > head.length / 10) {
      return Optional.of(
          "the file is not text ("
              + controls
              + " of its first "
              + head.length
              + " bytes are control characters): export the survey as CSV or NDJSON");
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int... prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
