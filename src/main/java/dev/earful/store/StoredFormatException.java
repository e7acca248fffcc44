package dev.earful.store;

/**
 * A data folder this release must not open: written by a newer release (no downgrades), or its
 * format file is unreadable. The message says what to do; the CLI prints it and exits 1.
 */
public final class StoredFormatException extends RuntimeException {

  public StoredFormatException(String message) {
    super(message);
  }

  public StoredFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
