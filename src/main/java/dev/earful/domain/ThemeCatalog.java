package dev.earful.domain;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the current taxonomy, for the packages (search, impact, ingest) that may not
 * import the themes package. The themes package implements it.
 */
public interface ThemeCatalog {

  /** A catalog with no themes: what a new data folder starts with. */
  ThemeCatalog EMPTY =
      new ThemeCatalog() {
        @Override
        public List<Theme> all() {
          return List.of();
        }

        @Override
        public Optional<Theme> find(String id) {
          return Optional.empty();
        }

        @Override
        public long version() {
          return 0;
        }

        @Override
        public List<ThemeMention> mentionsIn(Analysis analysis) {
          return List.of();
        }
      };

  /** Every theme, in a stable order (by id). */
  List<Theme> all();

  Optional<Theme> find(String id);

  /** Grows by one on every change of the taxonomy; lets readers cache per version. */
  long version();

  /** The themes an analysed comment mentions, each with its spans and clause polarity. */
  List<ThemeMention> mentionsIn(Analysis analysis);
}
