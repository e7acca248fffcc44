package dev.earful.ingest;

/**
 * What one import request ({@code POST /api/v1/responses}) may ask of the server: its work is the
 * analysis of its records, which grows with their number and their text, so both are bounded and a
 * body over either bound is refused whole (413) before any record is analysed. The body's byte
 * limit alone did not bound the work: 10 MB of NDJSON took 27 s of analysis while holding one of
 * the few slots for heavy requests. The command line's {@code --server} import splits its batches
 * to fit.
 */
public final class ImportRequestLimits {

  /**
   * Records per request: twice the 5,000 the import benchmark sends per batch, about two and a half
   * seconds of analysis of short survey comments on two cores.
   */
  public static final int MAX_RECORDS = 10_000;

  /**
   * Characters of comment text per request, in all: about 25,000 comments of the 80 characters a
   * survey comment has on average, or 100 of the longest a record may hold (20,000 characters).
   */
  public static final long MAX_COMMENT_CHARS = 2_000_000;

  private ImportRequestLimits() {}

  /**
   * The characters of {@code comment} that count against {@link #MAX_COMMENT_CHARS}: none for a
   * comment longer than a record may hold, which is rejected on its own without being analysed.
   */
  public static long analysedLength(String comment) {
    return comment == null || comment.length() > ResponseValidator.MAX_COMMENT_LENGTH
        ? 0
        : comment.length();
  }
}
