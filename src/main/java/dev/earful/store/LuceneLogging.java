package dev.earful.store;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences Lucene's start-up warning that the JDK's vector incubator module is not readable. The
 * scalar fallback is correct and fast enough for our short documents; asking users for {@code
 * --add-modules jdk.incubator.vector} would only swap one warning for the JDK's own. The logger is
 * held in a static field because java.util.logging keeps loggers weakly: a collected logger would
 * forget its level.
 */
public final class LuceneLogging {

  private static final Logger VECTORIZATION =
      Logger.getLogger("org.apache.lucene.internal.vectorization");

  private LuceneLogging() {}

  /** Call before Lucene's vectorization provider loads (any class that opens an index does). */
  public static void quiet() {
    VECTORIZATION.setLevel(Level.SEVERE);
  }
}
