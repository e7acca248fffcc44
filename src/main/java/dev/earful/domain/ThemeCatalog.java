package dev.earful.domain;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the current taxonomy, for the packages (search, impact) that may not import the
 * themes package. The themes package implements it.
 */
public interface ThemeCatalog {

  /** Every theme, in a stable order (by id). */
  List<Theme> all();

  Optional<Theme> find(String id);

  /** Grows by one on every change of the taxonomy; lets readers cache per version. */
  long version();
}
