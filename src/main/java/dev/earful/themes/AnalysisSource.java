package dev.earful.themes;

import dev.earful.domain.Analysis;
import java.util.function.Consumer;

/**
 * The comments discovery reads: each call visits every analysis once, in the same order each time
 * (discovery makes two passes). {@code ResponseIndex.scan} adapts to it.
 */
@FunctionalInterface
public interface AnalysisSource {

  void forEach(Consumer<Analysis> sink);

  /** A source over analyses held in memory. */
  static AnalysisSource of(Iterable<Analysis> analyses) {
    return sink -> analyses.forEach(sink);
  }
}
