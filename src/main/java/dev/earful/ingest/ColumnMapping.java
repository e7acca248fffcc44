package dev.earful.ingest;

import java.util.List;

/**
 * Which columns of a CSV file hold which field. A column is named by its header text (exact, then
 * ignoring case and surrounding spaces) or by its 0-based position as {@code #N}, which also
 * reaches columns whose header is empty or repeated. Null or empty means the default: a column
 * named {@code id}, {@code score}, {@code comment}, {@code submittedAt}, {@code metric} when the
 * file has one.
 *
 * @param idColumn the upsert key; when absent and there is no {@code id} column, each record gets
 *     {@code <file name>:<row>} with row the 1-based data row, so importing the same file again
 *     updates instead of duplicating
 * @param textColumns joined into the comment in this order, empty parts skipped
 * @param segmentColumns each {@code COLUMN} or {@code COLUMN=key}; the default key is the header in
 *     lower_snake_case ("Department Name" becomes {@code department_name})
 * @param delimiter {@code ,} {@code ;} or tab; null detects it from the header line
 * @param skipRows rows right after the header that are not data (Qualtrics exports have 2)
 * @param customerColumn who answered (default: a column named {@code customer}, else none)
 * @param accountColumn the B2B company (default: a column named {@code account}, else none)
 * @param noHeader the file has no header row: its first row is data, and columns are named by
 *     position ({@code #0}, {@code #1}, ...) since none has a name
 */
public record ColumnMapping(
    String idColumn,
    String scoreColumn,
    List<String> textColumns,
    String timeColumn,
    List<String> segmentColumns,
    String metricColumn,
    Character delimiter,
    int skipRows,
    String customerColumn,
    String accountColumn,
    boolean noHeader) {

  /** A mapping of a file with a header row. */
  public ColumnMapping(
      String idColumn,
      String scoreColumn,
      List<String> textColumns,
      String timeColumn,
      List<String> segmentColumns,
      String metricColumn,
      Character delimiter,
      int skipRows,
      String customerColumn,
      String accountColumn) {
    this(
        idColumn,
        scoreColumn,
        textColumns,
        timeColumn,
        segmentColumns,
        metricColumn,
        delimiter,
        skipRows,
        customerColumn,
        accountColumn,
        false);
  }

  /** A mapping without customer or account columns but the default names. */
  public ColumnMapping(
      String idColumn,
      String scoreColumn,
      List<String> textColumns,
      String timeColumn,
      List<String> segmentColumns,
      String metricColumn,
      Character delimiter,
      int skipRows) {
    this(
        idColumn,
        scoreColumn,
        textColumns,
        timeColumn,
        segmentColumns,
        metricColumn,
        delimiter,
        skipRows,
        null,
        null);
  }

  public ColumnMapping {
    textColumns = textColumns == null ? List.of() : List.copyOf(textColumns);
    segmentColumns = segmentColumns == null ? List.of() : List.copyOf(segmentColumns);
    if (skipRows < 0) {
      throw new IllegalArgumentException("skipRows must be 0 or more");
    }
  }

  /** Every column by its default name, delimiter detected. */
  public static ColumnMapping defaults() {
    return new ColumnMapping(null, null, List.of(), null, List.of(), null, null, 0);
  }
}
