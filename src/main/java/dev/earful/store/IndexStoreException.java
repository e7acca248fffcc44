package dev.earful.store;

/** An I/O failure of the index (disk full, corrupt files): never the caller's fault. */
public final class IndexStoreException extends RuntimeException {

  public IndexStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
