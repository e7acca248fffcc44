package dev.earful.store;

import java.nio.file.Path;

/**
 * The index folder is held by another process (Lucene's {@code write.lock}): usually a running
 * server. Callers (the CLI) turn it into "use --server URL".
 */
public final class IndexLockedException extends RuntimeException {

  private final Path indexDir;

  public IndexLockedException(Path indexDir, Throwable cause) {
    super(
        "the data folder "
            + indexDir.getParent()
            + " is in use by another process (a running Earful server?): its index is locked",
        cause);
    this.indexDir = indexDir;
  }

  public Path indexDir() {
    return indexDir;
  }
}
