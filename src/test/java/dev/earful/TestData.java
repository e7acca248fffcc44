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

  /**
   * The first {@code n} rows of {@link #womensReviews()} that have a Review Text, in file order
   * (columns by header name; the row number is column 0).
   */
  public static java.util.List<org.apache.commons.csv.CSVRecord> womensReviewsWithText(int n) {
    org.apache.commons.csv.CSVFormat format =
        org.apache.commons.csv.CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true)
            .get();
    java.util.List<org.apache.commons.csv.CSVRecord> out = new java.util.ArrayList<>();
    try (java.io.Reader in =
        java.nio.file.Files.newBufferedReader(
            womensReviews(), java.nio.charset.StandardCharsets.UTF_8)) {
      for (org.apache.commons.csv.CSVRecord r : format.parse(in)) {
        if (out.size() == n) {
          break;
        }
        if (!r.get("Review Text").isBlank()) {
          out.add(r);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The arguments of {@code earful import} that store {@link #womensReviews()} in {@code data} as
   * CSAT responses: id = the row number column, score = Rating, comment = Review Text.
   */
  public static String[] womensReviewsImport(Path data) {
    return new String[] {
      "import",
      womensReviews().toString(),
      "--data",
      data.toString(),
      "--metric",
      "csat",
      "--id-column",
      "#0",
      "--score-column",
      "Rating",
      "--text-column",
      "Review Text",
      "--no-progress"
    };
  }

  /**
   * The 48 comments of {@code data/multilingual-feedback.csv} (written for the tests: 20 English,
   * 12 French, 8 Spanish, 8 German; some of two words) as NDJSON for {@code POST /responses}, all
   * submitted at 2024-03-01T10:00:00Z.
   */
  public static String multilingualNdjson() {
    java.util.List<String> lines;
    try {
      lines =
          java.nio.file.Files.readAllLines(
              resource("/data/multilingual-feedback.csv"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    StringBuilder out = new StringBuilder();
    for (String line : lines.subList(1, lines.size())) {
      int a = line.indexOf(',');
      int b = line.indexOf(',', a + 1);
      String comment = line.substring(b + 1);
      if (comment.startsWith("\"")) {
        comment = comment.substring(1, comment.length() - 1).replace("\"\"", "\"");
      }
      java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
      r.put("id", line.substring(0, a));
      r.put("score", Integer.parseInt(line.substring(a + 1, b)));
      r.put("comment", comment);
      r.put("submittedAt", "2024-03-01T10:00:00Z");
      try {
        out.append(json.writeValueAsString(r)).append('\n');
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return out.toString();
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
