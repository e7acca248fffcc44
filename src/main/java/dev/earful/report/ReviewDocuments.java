package dev.earful.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;

/** The report in the format asked for: the one switch the API and the command line share. */
public final class ReviewDocuments {

  private ReviewDocuments() {}

  /**
   * @param mapper the API's JSON configuration (the JSON is pretty-printed)
   */
  public static byte[] render(
      ReviewReport report, ReviewRequest.Format format, ObjectMapper mapper) {
    return switch (format) {
      case JSON -> {
        try {
          yield mapper
              .writer()
              .with(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(report)
              .concat("\n")
              .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("the report cannot be written as JSON", e);
        }
      }
      case HTML -> ReviewHtml.render(report).getBytes(StandardCharsets.UTF_8);
      case PDF -> ReviewPdf.render(report);
    };
  }
}
