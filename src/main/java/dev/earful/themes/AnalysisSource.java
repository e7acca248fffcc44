package dev.earful.themes;

import dev.earful.domain.Analysis;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The comments discovery reads: each call visits every analysis once, in the same order each time
 * (discovery makes several passes). {@code ResponseIndex.scan} adapts to it. A source may also say
 * what each comment's score tells ({@link #forEachWithOutcome}); one that does not (a test's
 * comments, an import with no scores) hands every comment as {@link Outcome#UNKNOWN}.
 */
@FunctionalInterface
public interface AnalysisSource {

  void forEach(Consumer<Analysis> sink);

  /** Visits every analysis as {@link #forEach} does, each with its comment's outcome. */
  default void forEachWithOutcome(BiConsumer<Analysis, Outcome> sink) {
    forEach(analysis -> sink.accept(analysis, Outcome.UNKNOWN));
  }

  /** A source over analyses held in memory, with no scores. */
  static AnalysisSource of(Iterable<Analysis> analyses) {
    return sink -> analyses.forEach(sink);
  }

  /** A source over analyses held in memory, {@code outcomes} in the same order. */
  static AnalysisSource of(List<Analysis> analyses, List<Outcome> outcomes) {
    if (analyses.size() != outcomes.size()) {
      throw new IllegalArgumentException(
          analyses.size() + " analyses but " + outcomes.size() + " outcomes");
    }
    return withOutcomes(
        sink -> {
          for (int i = 0; i < analyses.size(); i++) {
            sink.accept(analyses.get(i), outcomes.get(i));
          }
        });
  }

  /**
   * A source whose {@code walk} hands each analysis with its outcome, in the same order each time.
   */
  static AnalysisSource withOutcomes(Consumer<BiConsumer<Analysis, Outcome>> walk) {
    return new AnalysisSource() {
      @Override
      public void forEach(Consumer<Analysis> sink) {
        walk.accept((analysis, outcome) -> sink.accept(analysis));
      }

      @Override
      public void forEachWithOutcome(BiConsumer<Analysis, Outcome> sink) {
        walk.accept(sink);
      }
    };
  }
}
