package dev.earful.ingest;

/**
 * The input as a whole cannot be read: JSON that does not parse, a line of NDJSON that is not a
 * JSON object, a CSV without the columns asked for. {@code line} is 1-based, 0 when unknown. The
 * message describes the input, never the program, so it is safe to show to the client.
 */
public final class InputFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final long column;

  public InputFormatException(long line, long column, String message) {
    super(message);
    this.line = line;
    this.column = column;
  }

  public InputFormatException(String message) {
    this(0, 0, message);
  }

  public long line() {
    return line;
  }

  public long column() {
    return column;
  }
}
