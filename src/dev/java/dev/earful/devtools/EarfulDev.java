package dev.earful.devtools;

import dev.earful.Earful;
import dev.earful.store.LuceneLogging;

/**
 * Entry point of {@code ./earful-dev}: the developer commands, with the product's error handling.
 */
public final class EarfulDev {

  private EarfulDev() {}

  public static void main(String[] args) {
    LuceneLogging.quiet(); // before any command touches Lucene (see LuceneLogging)
    System.exit(Earful.commandLine(new DevCommand()).execute(args));
  }
}
