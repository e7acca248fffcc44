package dev.earful.ingest;

/**
 * What one import request ({@code POST /api/v1/responses}) may ask of the server: its work is the
 * analysis of its records, which grows with their number and their text, so both are bounded and a
 * body over either bound is refused whole (413) before any record is analysed. The body's byte
 * limit alone did not bound the work: 10 MB of NDJSON took 27 s of analysis while holding one of
 * the few slots for heavy requests. The operator sets both ({@code --max-import-records}, {@code
 * --max-import-chars}; their defaults and the reasons for them are in {@code AppConfig}); the
 * command line's {@code --server} import splits its batches to fit.
 *
 * @param maxRecords records per request, at least 1
 * @param maxCommentChars characters of comments per request in all (see {@link #analysedLength}),
 *     at least the longest comment a record may hold, so that every valid record fits in a request
 */
public record ImportRequestLimits(int maxRecords, long maxCommentChars) {

  public ImportRequestLimits {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be at least 1, got " + maxRecords);
    }
    if (maxCommentChars < ResponseValidator.MAX_COMMENT_LENGTH) {
      throw new IllegalArgumentException(
          "maxCommentChars must be at least "
              + ResponseValidator.MAX_COMMENT_LENGTH
              + ", the longest comment, got "
              + maxCommentChars);
    }
  }

  /**
   * The characters of {@code comment} that count against {@link #maxCommentChars}: none for a
   * comment longer than a record may hold, which is rejected on its own without being analysed.
   */
  public static long analysedLength(String comment) {
    return comment == null || comment.length() > ResponseValidator.MAX_COMMENT_LENGTH
        ? 0
        : comment.length();
  }
}
