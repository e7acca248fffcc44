package dev.earful;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Real data committed with the tests under {@code src/test/resources/data} (see the README there
 * for licenses and credit). Tests never read the shared data folder beside the repository: a fresh
 * clone has none.
 */
public final class TestData {
  /** Rows in {@link #womensReviews()}, header excluded. */
  public static final int WOMENS_REVIEWS_ROWS = 500;

  private TestData() {}

  /**
   * The first {@value #WOMENS_REVIEWS_ROWS} rows of the women's clothing reviews (CC0 1.0), byte
   * for byte as in the public file, header included.
   */
  public static Path womensReviews() {
    return resource("/data/womens-clothing-reviews-500.csv");
  }

  /** A file on the test class path, as a path. */
  public static Path resource(String name) {
    URL url = TestData.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource missing: " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
