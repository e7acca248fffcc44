package dev.earful.schedule;

import dev.earful.alert.Webhook;
import dev.earful.report.ReviewRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule that writes the review report of a filter for every week or month that ends.
 *
 * @param report the report's parameters as given (filters, compareTo, top, minMentions; never from,
 *     to or format: the period is the run's, the formats are {@code formats})
 * @param folder where the files go (absolute: a relative folder resolved against the data folder it
 *     was read from), or null
 * @param folderAsGiven the folder as stored: a relative folder stays relative, so a data folder
 *     restored or moved elsewhere writes its reports inside itself, not to the old place; null when
 *     {@code folder} is
 * @param webhook where each file is POSTed, or null; at least one of folder and webhook is set
 */
public record ReportSchedule(
    String id,
    String name,
    Every every,
    Map<String, List<String>> report,
    List<ReviewRequest.Format> formats,
    String folder,
    String folderAsGiven,
    Webhook webhook,
    Instant createdAt) {

  /**
   * The first period a schedule covers is the first that ends after it was made: a new schedule
   * does not write reports for the past.
   */
  public boolean covers(Every.Period p) {
    return p.end().isAfter(createdAt);
  }
}
