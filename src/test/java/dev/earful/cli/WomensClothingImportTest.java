package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earful.TestData;
import dev.earful.http.TestServer;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample of the women's clothing reviews (500 real rows, line breaks inside quoted
 * fields included) through {@code earful import} in-process (with the NLP and sentiment analysis),
 * then {@code /api/v1/metrics} against the numbers this test computes from the CSV itself. The
 * whole file imports with the README's command; this test pins the same path on real rows.
 */
class WomensClothingImportTest {

  @TempDir Path data;

  /** Rating histogram, all rows and per department. */
  private record Expected(long[] all, Map<String, long[]> byDepartment, int rows) {}

  private static Expected computeFromCsv(Path csv) throws Exception {
    long[] all = new long[6];
    Map<String, long[]> byDepartment = new TreeMap<>();
    int rows = 0;
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true)
            .get();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord r : format.parse(in)) {
        rows++;
        int rating = Integer.parseInt(r.get("Rating"));
        all[rating]++;
        String department = r.get("Department Name");
        if (!department.isBlank()) {
          byDepartment.computeIfAbsent(department, d -> new long[6])[rating]++;
        }
      }
    }
    return new Expected(all, byDepartment, rows);
  }

  @Test
  void importsEveryRowAndServesTheMetricsTheCsvGives() throws Exception {
    Path csv = TestData.womensReviews();
    Expected expected = computeFromCsv(csv);
    assertEquals(TestData.WOMENS_REVIEWS_ROWS, expected.rows());

    Cli result =
        Cli.run(
            "import",
            csv.toString(),
            "--data",
            data.toString(),
            "--metric",
            "csat",
            "--id-column",
            "#0",
            "--score-column",
            "Rating",
            "--text-column",
            "Title,Review Text",
            "--segment-columns",
            "Department Name,Class Name",
            "--discovery-debounce-seconds",
            "0",
            "--no-progress");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(
        result.out().contains("womens-clothing-reviews-500.csv: 500 records read in "),
        result.out());
    assertTrue(result.out().contains("  imported  500 (new 500, updated 0)\n"), result.out());
    assertTrue(result.out().contains("  rejected  0\n"), result.out());

    try (TestServer server = TestServer.start(data)) {
      assertMetrics(server.get("/api/v1/metrics?metric=csat"), expected.all());
      for (Map.Entry<String, long[]> d : expected.byDepartment().entrySet()) {
        String query =
            "/api/v1/metrics?metric=csat&segment.department_name="
                + URLEncoder.encode(d.getKey(), StandardCharsets.UTF_8);
        assertMetrics(server.get(query), d.getValue());
      }
      JsonNode row0 = TestServer.json(server.get("/api/v1/responses/0"));
      assertEquals(4, row0.path("score").asInt());
      assertEquals(
          "Absolutely wonderful - silky and sexy and comfortable", row0.path("comment").asText());
      assertEquals("Intimate", row0.path("segments").path("department_name").asText());
      assertEquals("Intimates", row0.path("segments").path("class_name").asText());
    }
  }

  private static void assertMetrics(java.net.http.HttpResponse<String> response, long[] h) {
    assertEquals(200, response.statusCode(), response.body());
    JsonNode m = TestServer.json(response);
    long n = h[1] + h[2] + h[3] + h[4] + h[5];
    long satisfied = h[4] + h[5];
    double sum = h[1] + 2.0 * h[2] + 3.0 * h[3] + 4.0 * h[4] + 5.0 * h[5];
    assertEquals("csat", m.path("metric").asText());
    assertEquals(n, m.path("count").asLong(), response.body());
    assertEquals(satisfied, m.path("satisfied").asLong());
    assertEquals(h[3], m.path("neutral").asLong());
    assertEquals(h[1] + h[2], m.path("dissatisfied").asLong());
    assertEquals(Math.round(10_000.0 * satisfied / n) / 100.0, m.path("csat").asDouble());
    assertEquals(Math.round(100.0 * sum / n) / 100.0, m.path("mean").asDouble());
  }
}
