package dev.earful.devtools;

import picocli.CommandLine.Option;

/**
 * The {@code --seed} of the benchmarks that generate their data (a picocli mixin): one definition
 * of the option, its default and its description, which four commands wrote out alike (duplicates
 * pair D4 of session 23). {@code bench-http} and {@code bench-index} seed their requests too and
 * say so in their own option.
 */
final class GeneratorSeed {

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "generator seed (default ${DEFAULT-VALUE})")
  private long seed;

  long value() {
    return seed;
  }
}
