package dev.earful.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The first rows of the committed sample of the women's clothing reviews as NDJSON responses:
 * Rating as a CSAT score, Title and Review Text as the comment, department and class as segments.
 * The data set has no dates, so each row gets one: row i is submitted {@code i * 5} hours after
 * 2024-01-01, which spreads the 500 sample rows over about three and a half months (some 34 a week,
 * over the 30 a period needs to be compared) and gives the weekly trends real periods.
 */
final class ReviewData {

  static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");

  private ReviewData() {}

  static Path file() {
    return dev.earful.TestData.womensReviews();
  }

  /** The first {@code rows} rows as NDJSON lines. */
  static List<String> ndjson(int rows) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true)
            .get();
    try (Reader reader = Files.newBufferedReader(file(), StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      for (CSVRecord record : parser) {
        if (lines.size() == rows) {
          break;
        }
        int row = lines.size();
        ObjectNode r = json.createObjectNode();
        r.put("id", "review-" + record.get(0));
        r.put("metric", "csat");
        r.put("score", Integer.parseInt(record.get("Rating")));
        String title = record.get("Title").strip();
        String text = record.get("Review Text").strip();
        r.put("comment", title.isEmpty() ? text : text.isEmpty() ? title : title + ". " + text);
        r.put("submittedAt", FIRST.plus(Duration.ofHours(5L * row)).toString());
        ObjectNode segments = r.putObject("segments");
        putIfPresent(segments, "department", record.get("Department Name"));
        putIfPresent(segments, "class", record.get("Class Name"));
        lines.add(json.writeValueAsString(r));
      }
    }
    return lines;
  }

  private static void putIfPresent(ObjectNode node, String key, String value) {
    if (!value.isBlank()) {
      node.put(key, value.strip());
    }
  }
}
