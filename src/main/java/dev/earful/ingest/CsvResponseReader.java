package dev.earful.ingest;

import dev.earful.search.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads survey responses from a CSV file: RFC 4180 quoting (newlines and quotes inside quoted
 * fields), UTF-8 with or without a byte order mark (or another charset), a {@code ,} {@code ;} or
 * tab delimiter detected from the header line. The first row is the header; {@link
 * ColumnMapping#skipRows()} rows after it are skipped. Each record is handed on with the physical
 * line it starts on, so a report points at the line a person opens in an editor.
 */
public final class CsvResponseReader {

  private static final Pattern INDEX = Pattern.compile("#(\\d+)");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,9}(\\.0+)?");
  private static final Pattern END_PUNCTUATION = Pattern.compile(".*[.!?…:;]\\s*$", Pattern.DOTALL);
  private static final int DETECTION_LIMIT = 1 << 16;

  /** The default bound on one line (and one record) of a file: 8 MiB. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 8 << 20;

  private final BufferedReader reader; // null when the splitter reads
  private final CsvRecordSplitter splitter; // null for UTF-16 files, read by commons-csv alone
  private final CSVFormat format;
  private final String sourceName;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private long unreadable;
  private final List<String> headers;
  private final List<Long> literalQuoteLines = new ArrayList<>();
  private final char delimiter;
  private final Charset charset;
  private final List<String> warnings = new ArrayList<>();

  private int idIndex;
  private int scoreIndex;
  private int[] textIndexes;
  private int timeIndex;
  private int metricIndex;
  private int customerIndex;
  private int accountIndex;
  private final Map<String, Integer> segmentIndexes = new LinkedHashMap<>();

  private long lastEndLine;

  /** Without a header row: the first row, read to find the columns, handed on first as data. */
  private Row firstRow;

  private boolean noHeader;

  /**
   * Opens the file, reads its header and resolves the mapping. Throws {@link InputFormatException}
   * when the header is missing or a named column does not exist (the message lists the columns).
   */
  public CsvResponseReader(
      InputStream in, Charset charset, String sourceName, ColumnMapping mapping) {
    this(in, charset, sourceName, mapping, DEFAULT_MAX_RECORD_BYTES);
  }

  /**
   * As above, with a bound on the bytes of one line and of one record: a longer line is reported
   * and skipped without being held in memory.
   */
  public CsvResponseReader(
      InputStream in,
      Charset charset,
      String sourceName,
      ColumnMapping mapping,
      int maxRecordBytes) {
    this.sourceName = sourceName;
    this.charset = charset;
    if (CsvRecordSplitter.handles(charset)) {
      Sample sample = null;
      if (mapping.delimiter() == null) {
        in = new java.io.BufferedInputStream(in, DETECTION_LIMIT);
        sample = Sample.of(in, charset);
      }
      this.splitter = new CsvRecordSplitter(in, charset, maxRecordBytes);
      this.reader = null;
      this.parser = null;
      this.records = null;
      Row header = nextRow(null);
      if (header == null) {
        throw new InputFormatException(1, 0, "the file is empty; expected a header row");
      }
      if (header.problem() != null) {
        throw new InputFormatException(header.line(), 0, "the header: " + header.problem());
      }
      this.delimiter =
          mapping.delimiter() != null
              ? mapping.delimiter()
              : detectDelimiter(sample.text(), sample.complete());
      this.format = formatWith(delimiter);
      splitter.delimiter(delimiter);
      Row parsed = parseChunk(header, null);
      if (parsed.problem() != null) {
        throw new InputFormatException(parsed.line(), 0, "the header: " + parsed.problem());
      }
      this.headers = headers(parsed, mapping.noHeader());
    } else {
      this.splitter = null;
      this.reader = utf16Reader(in, charset);
      try {
        skipByteOrderMark(reader);
        this.delimiter =
            mapping.delimiter() != null ? mapping.delimiter() : detectDelimiter(reader);
        this.format = formatWith(delimiter);
        this.parser = format.parse(reader);
      } catch (CharacterCodingException e) {
        throw new InputFormatException(1, 0, notCharset(charset));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      this.records = parser.iterator();
      CSVRecord header = nextRecord();
      if (header == null) {
        throw new InputFormatException(1, 0, "the file is empty; expected a header row");
      }
      this.headers = headers(new Row(1, null, header, null, false), mapping.noHeader());
    }
    initMapping(mapping);
  }

  /**
   * The column names: the first row's cells, or, for a file without a header row, no names (the
   * columns are named by position) and the first row kept to be handed on as data.
   */
  private List<String> headers(Row first, boolean noHeader) {
    if (!noHeader) {
      return first.record().toList();
    }
    this.noHeader = true;
    this.firstRow = first;
    return java.util.Collections.nCopies(first.record().size(), "");
  }

  private static CSVFormat formatWith(char delimiter) {
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
  }

  private static BufferedReader utf16Reader(InputStream in, Charset charset) {
    return new BufferedReader(
        new InputStreamReader(
            in,
            charset
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)),
        1 << 16);
  }

  private void initMapping(ColumnMapping mapping) {
    this.idIndex = optional(mapping.idColumn(), "id", "--id-column");
    this.scoreIndex = required(mapping.scoreColumn(), "score", "--score-column");
    String scoreHeader = headers.get(scoreIndex).strip();
    if (WHOLE_NUMBER.matcher(scoreHeader).matches()) {
      // A file without a header row (the UCI sentence files: "text<TAB>0") loses its first row to
      // the header without a word otherwise: no header names a column "0".
      warnings.add(
          "the header row's score column is '"
              + scoreHeader
              + "', a number: if the file has no header row, its first row was taken as the"
              + " header and is not imported; import it with --no-header");
    }
    List<String> texts = mapping.textColumns();
    if (texts.isEmpty()) {
      int comment = find("comment", "--text-column");
      this.textIndexes = comment < 0 ? new int[0] : new int[] {comment};
      if (comment < 0) {
        warnings.add(
            "no comment column (none named 'comment' and no --text-column): importing scores only");
      }
    } else {
      this.textIndexes = texts.stream().mapToInt(c -> resolve(c, "--text-column")).toArray();
    }
    this.timeIndex = optional(mapping.timeColumn(), "submittedAt", "--time-column");
    this.metricIndex = optional(mapping.metricColumn(), "metric", "--metric-column");
    this.customerIndex = optional(mapping.customerColumn(), "customer", "--customer-column");
    this.accountIndex = optional(mapping.accountColumn(), "account", "--account-column");
    for (String spec : mapping.segmentColumns()) {
      addSegment(spec);
    }
    if (idIndex < 0) {
      warnings.add(
          "no id column: each record's id is '"
              + sourceName
              + ":<row>' (row = 1-based data row), so importing this file again updates it");
    }
    for (int i = 0; i < mapping.skipRows(); i++) {
      if (nextRow(headers) == null) {
        break;
      }
    }
  }

  /** A row as read: its record, or the problem that kept it from being one. */
  private record Row(long line, String text, CSVRecord record, String problem, boolean multiLine) {}

  /** The next row (blank ones included), or null at the end of the file. */
  private Row nextRow(List<String> header) {
    if (firstRow != null) {
      Row first = firstRow;
      firstRow = null;
      return first;
    }
    if (splitter == null) {
      long startLine = lastEndLine + 1;
      CSVRecord r = nextRecord();
      return r == null ? null : new Row(startLine, null, r, null, false);
    }
    CsvRecordSplitter.Chunk c = splitter.next();
    if (c == null) {
      return null;
    }
    Row chunk = new Row(c.line(), c.text(), null, c.problem(), c.multiLine());
    return format == null ? chunk : parseChunk(chunk, header);
  }

  /**
   * Parses one record's text. A record that spans lines must give one row of the header's width:
   * otherwise its quotes paired up only by swallowing other rows, so it is reported on its first
   * line and the lines after that are read again as rows of their own.
   */
  private Row parseChunk(Row chunk, List<String> header) {
    if (chunk.problem() != null) {
      // a quote not closed before the end of the file (or within the record bound)
      Row literal = chunk.text() == null ? null : withLiteralQuotes(chunk, header);
      if (literal == null) {
        return chunk;
      }
      literalQuoteLines.add(chunk.line());
      return literal;
    }
    if (chunk.text().isBlank()) {
      return chunk;
    }
    String problem;
    try (CSVParser p = format.parse(new java.io.StringReader(chunk.text()))) {
      List<CSVRecord> rs = p.getRecords();
      if (rs.size() == 1
          && (!chunk.multiLine() || header == null || rs.get(0).size() == header.size())) {
        return new Row(chunk.line(), chunk.text(), rs.get(0), null, chunk.multiLine());
      }
      problem = rs.size() + " rows";
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      problem = describeCsvError(root.getMessage());
    }
    if (chunk.multiLine()) {
      splitter.replayAfterFirst();
    }
    Row literal = withLiteralQuotes(chunk, header);
    if (literal != null) {
      literalQuoteLines.add(chunk.line());
      return literal;
    }
    if (chunk.multiLine()) {
      return new Row(
          chunk.line(),
          null,
          null,
          "a quote opened on this line does not close where a row ends; the row is skipped and"
              + " reading goes on with the next line",
          true);
    }
    return new Row(
        chunk.line(),
        null,
        null,
        "cannot read the row: " + (problem == null ? "broken quoting" : problem),
        false);
  }

  /**
   * The first line of a record whose quotes make no row (a quote that does not close before the row
   * ends, closes only in a later row or at none, or closes with text after it), read with quotes as
   * ordinary characters (commons-csv without a quote character), when that gives exactly one row of
   * the header's width: a file without quoting whose text opens with a quote (six of the UCI imdb
   * sentences, {@code " I love it. <TAB>1}) keeps those rows as the file has them instead of losing
   * them. Null otherwise (the header itself, a row of another width, a line without a quote), and
   * the row is reported as before.
   *
   * <p>Only a record of one line that does not use quoting is read so. A quoted field whose quote
   * closes in a later field of the line ({@code r1,2,"Slow, "really" slow"}) is quoting that holds
   * the delimiter: read as text it shifts the fields after it, so the row is reported. A line whose
   * next line is no row of the header's width is the first line of a quoted record that spans lines
   * ({@code r1,2,"Delivery was late.} then {@code The driver said "sorry" and left."}): read alone
   * it would be the record cut at its first line, so it is reported too.
   */
  private Row withLiteralQuotes(Row chunk, List<String> header) {
    if (header == null) {
      return null;
    }
    String text = chunk.text();
    int end = lineEnd(text, 0);
    String line = text.substring(0, end);
    if (line.indexOf('"') < 0 || line.isBlank()) {
      return null;
    }
    CSVRecord literal = literalRow(line, header.size());
    if (literal == null || quotesSpanADelimiter(literal)) {
      return null;
    }
    int next = end < text.length() && text.charAt(end) == '\r' ? end + 1 : end;
    next = next < text.length() && text.charAt(next) == '\n' ? next + 1 : next;
    String following = text.substring(next, lineEnd(text, next));
    if (!following.isBlank() && !isRowOfWidth(following, header.size())) {
      return null;
    }
    return new Row(chunk.line(), line, literal, null, false);
  }

  private static int lineEnd(String text, int from) {
    int end = from;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return end;
  }

  /** The line read with its quotes as text, when that gives one row of {@code width}; else null. */
  private CSVRecord literalRow(String line, int width) {
    try (CSVParser p = literalFormat().parse(new java.io.StringReader(line))) {
      List<CSVRecord> rs = p.getRecords();
      if (rs.size() == 1 && rs.get(0).size() == width) {
        return rs.get(0);
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      // not a row this way either: reported as the quote problem it is
    }
    return null;
  }

  /**
   * Whether a line reads as one row of {@code width}, quoted as the file is or with quotes as text.
   */
  private boolean isRowOfWidth(String line, int width) {
    try (CSVParser p = format.parse(new java.io.StringReader(line))) {
      List<CSVRecord> rs = p.getRecords();
      if (rs.size() == 1 && rs.get(0).size() == width) {
        return true;
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      // tried with quotes as text below
    }
    return literalRow(line, width) != null;
  }

  /** Whether a field read with quotes as text opens a quote that a later field closes. */
  private static boolean quotesSpanADelimiter(CSVRecord literal) {
    boolean opened = false;
    for (String field : literal) {
      String f = field.strip();
      if (opened && f.endsWith("\"")) {
        return true;
      }
      opened |= f.startsWith("\"");
    }
    return false;
  }

  private CSVFormat literalFormat() {
    return format.builder().setQuote(null).get();
  }

  public List<String> headers() {
    return headers;
  }

  public char delimiter() {
    return delimiter;
  }

  /** Things the user should know that are not errors (e.g. ids are derived). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Hands every data record to {@code consumer}. Empty lines are skipped. A quoting error that
   * makes the rest of the file unreadable throws {@link InputFormatException} with its line, after
   * the records before it were handed on.
   */
  public void forEach(RecordConsumer consumer) {
    long row = 0;
    try {
      Row next;
      while ((next = nextRow(headers)) != null) {
        String problem = next.problem();
        if (problem == null) {
          if (next.record() == null || isBlank(next.record())) {
            continue;
          }
          problem = widerThanTheHeader(next.record());
        }
        row++;
        if (problem != null) {
          unreadable++;
          consumer.accept(
              next.line(),
              new RawResponse(
                  null,
                  null,
                  null,
                  null,
                  null,
                  Map.of(),
                  List.of(new FieldError("record", problem))));
          continue;
        }
        consumer.accept(next.line(), toRaw(next.record(), row));
      }
    } finally {
      try {
        if (parser != null) {
          parser.close();
        }
      } catch (IOException e) {
        // closing a reader over a file we only read from loses nothing
      }
    }
  }

  private static final Pattern CSV_ERROR_PLACE =
      Pattern.compile("(?s)(.*?)\\s+at line: \\d+, position: (\\d+)\\.?");

  /**
   * commons-csv's message in the report's words: "Invalid character ... at line: 1, position: 4"
   * becomes "invalid character ... (column 4)"; the line is the report's own.
   */
  static String describeCsvError(String message) {
    if (message == null || message.isBlank()) {
      return null;
    }
    String m = message.strip().replaceAll("\\s+", " ");
    Matcher place = CSV_ERROR_PLACE.matcher(m);
    if (place.matches()) {
      m = place.group(1) + " (column " + place.group(2) + ")";
    }
    return Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  /**
   * The lines of the rows read with their quotes as text (see {@link #withLiteralQuotes}), in
   * order, so the import can say which rows hold a quote the file did not close.
   */
  public List<Long> literalQuoteLines() {
    return List.copyOf(literalQuoteLines);
  }

  /** Rows that could not be read as records (reported as rejected, with their line). */
  public long unreadable() {
    return unreadable;
  }

  private CSVRecord nextRecord() {
    try {
      if (!records.hasNext()) {
        return null;
      }
      CSVRecord r = records.next();
      lastEndLine = parser.getCurrentLineNumber();
      return r;
    } catch (UncheckedIOException e) {
      Throwable cause = e.getCause();
      long line = parser.getCurrentLineNumber();
      if (cause instanceof CharacterCodingException) {
        throw new InputFormatException(line, 0, notCharset(charset) + " near line " + line);
      }
      String detail =
          cause == null || cause.getMessage() == null ? "broken quoting" : cause.getMessage();
      throw new InputFormatException(
          lastEndLine + 1, 0, "cannot read the CSV from line " + (lastEndLine + 1) + ": " + detail);
    }
  }

  /**
   * Why a row with more fields than the header cannot be read, or null. A delimiter inside a field
   * that is not quoted ("Great staff, but slow checkout") splits it, and every field after it moves
   * one column on: read by position, the comment was cut at the delimiter and its end stored as the
   * next column's value (a segment, a date), without a word. Empty fields past the header's last
   * column (a trailing delimiter) hold nothing and are ignored. Without a header row there is no
   * width to hold a row to: the first row is data, and may be the one that leaves a field off.
   */
  private String widerThanTheHeader(CSVRecord record) {
    if (noHeader) {
      return null;
    }
    int width = headers.size();
    for (int i = width; i < record.size(); i++) {
      if (!record.get(i).isBlank()) {
        return "the row has "
            + record.size()
            + " fields and the header "
            + width
            + ": a "
            + (delimiter == '\t' ? "tab" : "'" + delimiter + "'")
            + " inside a field that is not quoted moves the fields after it, so the row is"
            + " skipped; quote that field";
      }
    }
    return null;
  }

  private static boolean isBlank(CSVRecord record) {
    return record.size() == 0 || (record.size() == 1 && record.get(0).isBlank());
  }

  private RawResponse toRaw(CSVRecord record, long row) {
    String id = idIndex >= 0 ? cell(record, idIndex) : sourceName + ":" + row;
    String score = cell(record, scoreIndex);
    String comment = joinText(record);
    String time = timeIndex >= 0 ? cell(record, timeIndex) : null;
    String metric = metricIndex >= 0 ? cell(record, metricIndex) : null;
    Map<String, String> segments = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> s : segmentIndexes.entrySet()) {
      String value = cell(record, s.getValue());
      if (value != null && !value.isBlank()) {
        segments.put(s.getKey(), value.strip());
      }
    }
    String customer = customerIndex >= 0 ? cell(record, customerIndex) : null;
    String account = accountIndex >= 0 ? cell(record, accountIndex) : null;
    return new RawResponse(
        id,
        metric == null || metric.isBlank() ? null : metric,
        score,
        comment,
        time == null || time.isBlank() ? null : time,
        segments,
        List.of(),
        customer == null || customer.isBlank() ? null : customer,
        account == null || account.isBlank() ? null : account);
  }

  /**
   * Joins the text columns with a line break; a part that does not end a sentence gets a full stop
   * first, so a title and the review under it are two sentences, not one run-on.
   */
  private String joinText(CSVRecord record) {
    StringBuilder text = new StringBuilder();
    for (int index : textIndexes) {
      String part = cell(record, index);
      if (part == null || part.isBlank()) {
        continue;
      }
      part = part.strip();
      if (!text.isEmpty()) {
        if (!END_PUNCTUATION.matcher(text).matches()) {
          text.append('.');
        }
        text.append('\n');
      }
      text.append(part);
    }
    return text.toString();
  }

  private static String cell(CSVRecord record, int index) {
    return index < record.size() ? record.get(index) : null;
  }

  private void addSegment(String spec) {
    String column = spec;
    String key = null;
    if (find(spec, "--segment-columns") < 0 && !INDEX.matcher(spec).matches()) {
      int eq = spec.lastIndexOf('=');
      if (eq > 0) {
        column = spec.substring(0, eq);
        key = spec.substring(eq + 1).strip();
      }
    }
    int index = resolve(column, "--segment-columns");
    if (key == null || key.isEmpty()) {
      key = snakeCase(headers.get(index));
      if (key.isEmpty()) {
        key = "column_" + index;
      }
    }
    segmentIndexes.put(key, index);
  }

  /** "Department Name" becomes "department_name". */
  public static String snakeCase(String header) {
    return header
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", "_")
        .replaceAll("^_+|_+$", "");
  }

  private int optional(String given, String defaultName, String flag) {
    if (given != null) {
      return resolve(given, flag);
    }
    return find(defaultName, flag);
  }

  private int required(String given, String defaultName, String flag) {
    if (given != null) {
      return resolve(given, flag);
    }
    int index = find(defaultName, flag);
    if (index < 0) {
      throw new InputFormatException(
          1,
          0,
          "no '"
              + defaultName
              + "' column: name the column with "
              + flag
              + " (columns: "
              + describeColumns()
              + ")");
    }
    return index;
  }

  private int resolve(String reference, String flag) {
    int named = find(reference, flag);
    if (named >= 0) {
      return named;
    }
    Matcher m = INDEX.matcher(reference.strip());
    if (m.matches()) {
      int index = Integer.parseInt(m.group(1));
      if (index < headers.size()) {
        return index;
      }
      throw new InputFormatException(
          1,
          0,
          flag
              + " "
              + reference
              + ": the file has "
              + headers.size()
              + " columns (#0 to #"
              + (headers.size() - 1)
              + ")");
    }
    throw new InputFormatException(
        1, 0, flag + " '" + reference + "': no such column (columns: " + describeColumns() + ")");
  }

  /**
   * The column a header names, exactly, else ignoring case and spaces around it; -1 when none. A
   * name two columns share (a survey export repeats "Response" under its questions) is refused: the
   * first was taken without a word, and its answers imported as the other question's.
   */
  private int find(String name, String flag) {
    List<Integer> exact = new ArrayList<>();
    List<Integer> loose = new ArrayList<>();
    String wanted = name.strip();
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).equals(name)) {
        exact.add(i);
      }
      if (headers.get(i).strip().equalsIgnoreCase(wanted)) {
        loose.add(i);
      }
    }
    List<Integer> found = exact.isEmpty() ? loose : exact;
    if (found.size() > 1) {
      throw new InputFormatException(
          1,
          0,
          flag
              + " '"
              + wanted
              + "': "
              + found.size()
              + " columns of the header are named so ("
              + found.stream().map(i -> "#" + i).collect(java.util.stream.Collectors.joining(", "))
              + "): name the one to read by its position, e.g. "
              + flag
              + " '#"
              + found.get(0)
              + "'");
    }
    return found.isEmpty() ? -1 : found.get(0);
  }

  private String describeColumns() {
    if (noHeader) {
      return "#0 to #"
          + (headers.size() - 1)
          + " by position, as the file has no header row (--no-header)";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      String h = headers.get(i);
      parts.add("#" + i + (h.isBlank() ? " (no name)" : " " + h));
    }
    return String.join(", ", parts);
  }

  private static void skipByteOrderMark(BufferedReader reader) throws IOException {
    reader.mark(1);
    int first = reader.read();
    if (first != '\uFEFF') {
      reader.reset();
    }
  }

  /** The start of a file as text; {@code complete} when it is the whole file. */
  private record Sample(String text, boolean complete) {

    /** The first {@link #DETECTION_LIMIT} bytes of {@code in}, which is reset to them. */
    static Sample of(InputStream in, Charset charset) {
      try {
        in.mark(DETECTION_LIMIT);
        byte[] head = in.readNBytes(DETECTION_LIMIT);
        in.reset();
        return new Sample(new String(head, charset), head.length < DETECTION_LIMIT);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The first {@link #DETECTION_LIMIT} characters of {@code reader}, which is reset to them. */
  static char detectDelimiter(BufferedReader reader) throws IOException {
    reader.mark(DETECTION_LIMIT);
    char[] head = new char[DETECTION_LIMIT];
    int n = 0;
    for (int r; n < head.length && (r = reader.read(head, n, head.length - n)) > 0; ) {
      n += r;
    }
    reader.reset();
    return detectDelimiter(new String(head, 0, n), n < DETECTION_LIMIT);
  }

  /** Records read at the start of a file to find its delimiter. */
  private static final int DETECTION_RECORDS = 20;

  private static final char[] DELIMITERS = {',', ';', '\t'};

  /**
   * The delimiter of a file that starts with {@code sample} ({@code complete}: the whole file; else
   * its last record may be cut and is not read). Of {@code ,} {@code ;} and tab, the one that
   * splits the first 20 records alike: each record is read with that delimiter's quoting, and of
   * those the first record has, the one whose most common count the most records share wins; among
   * as many, the most frequent in the first record (tab before semicolon before comma on a tie, as
   * the first record alone decided before). A comma when the first record has none (a one-column
   * file). The first record alone misled: the UCI imdb file's first sentence has four commas before
   * its tab.
   */
  static char detectDelimiter(String sample, boolean complete) {
    int[] first = new int[DELIMITERS.length];
    int[] alike = new int[DELIMITERS.length];
    for (int k = 0; k < DELIMITERS.length; k++) {
      List<Integer> counts = delimiterCounts(sample, DELIMITERS[k], complete);
      first[k] = counts.isEmpty() ? 0 : counts.getFirst();
      Map<Integer, Integer> often = new java.util.HashMap<>();
      for (int c : counts) {
        if (c > 0 && first[k] > 0) {
          alike[k] = Math.max(alike[k], often.merge(c, 1, Integer::sum));
        }
      }
    }
    int most = Math.max(alike[0], Math.max(alike[1], alike[2]));
    int commas = alike[0] == most ? first[0] : -1;
    int semicolons = alike[1] == most ? first[1] : -1;
    int tabs = alike[2] == most ? first[2] : -1;
    if (tabs > commas && tabs >= semicolons) {
      return '\t';
    }
    if (semicolons > commas) {
      return ';';
    }
    return ',';
  }

  /**
   * How many times {@code d} occurs outside quotes in each of the first records of {@code sample}
   * (blank lines skipped), a quote opening a field only at its start, as commons-csv reads it.
   */
  private static List<Integer> delimiterCounts(String sample, char d, boolean complete) {
    List<Integer> counts = new ArrayList<>();
    boolean quoted = false;
    boolean fieldStart = true;
    boolean blank = true;
    int count = 0;
    for (int i = 0; i < sample.length() && counts.size() < DETECTION_RECORDS; i++) {
      char c = sample.charAt(i);
      if (quoted) {
        if (c == '"') {
          int pair = CsvRecordSplitter.escapedQuote(sample, i);
          quoted = pair >= 0;
          i = Math.max(i, pair);
        }
      } else if (c == '\n' || c == '\r') {
        if (!blank) {
          counts.add(count);
        }
        count = 0;
        blank = true;
        fieldStart = true;
        continue;
      } else if (c == d) {
        count++;
        fieldStart = true;
        blank = false;
        continue;
      } else if (c == '"' && fieldStart) {
        quoted = true;
      }
      fieldStart = false;
      blank = false;
    }
    if (!blank && counts.size() < DETECTION_RECORDS && (complete || counts.isEmpty())) {
      counts.add(count);
    }
    return counts;
  }

  /**
   * A hint towards --charset only while the default is in use: a file that is not UTF-8 is usually
   * an Excel export in windows-1252, but once a charset was chosen, repeating the hint is no help.
   */
  private static String notCharset(Charset charset) {
    return charset.equals(StandardCharsets.UTF_8)
        ? "the file is not valid UTF-8 text (pass --charset, e.g. windows-1252 for an Excel export)"
        : "the file is not valid " + charset.name() + " text";
  }
}
