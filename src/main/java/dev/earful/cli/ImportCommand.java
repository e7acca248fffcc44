package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import dev.earful.domain.Metric;
import dev.earful.domain.Response;
import dev.earful.http.Json;
import dev.earful.ingest.ColumnMapping;
import dev.earful.ingest.CsvResponseReader;
import dev.earful.ingest.DateOrder;
import dev.earful.ingest.ImportOptions;
import dev.earful.ingest.ImportRequestLimits;
import dev.earful.ingest.IngestReport;
import dev.earful.ingest.InputFormatException;
import dev.earful.ingest.JsonResponseReader;
import dev.earful.ingest.RecordConsumer;
import dev.earful.ingest.Rejection;
import dev.earful.ingest.ResponseValidator;
import dev.earful.ingest.ScaleProbe;
import dev.earful.ingest.SourceRecord;
import dev.earful.ingest.TextProbe;
import dev.earful.ingest.TimestampParser;
import dev.earful.search.FieldError;
import dev.earful.themes.DiscoveryScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earful import FILE}: reads a CSV, NDJSON or JSON file and imports it straight into the
 * data folder, or into a running server with {@code --server}. Bad records are counted and reported
 * with their line; the rest goes in. Exits 0 when records were imported, {@link #PARTIAL} when they
 * were but some rows of the file could not be read at all (a broken quote, a line past {@code
 * --max-line-bytes}, bytes not in the charset), 1 when nothing could be imported or the file cannot
 * be read, 2 for a bad flag.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import survey responses from a CSV, NDJSON or JSON file.",
      "Columns are named by header text or by 0-based position as #N (#0 is the first column,"
          + " also when its header is empty)."
    },
    modelTransformer = ImportCommand.Options.class)
public final class ImportCommand implements Callable<Integer> {

  /** The exit code when rows went in but part of the file was damaged and skipped. */
  public static final int PARTIAL = 3;

  /** Adds the data-folder settings as options. */
  public static final class Options implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return SettingOptions.add(
          spec, "EARFUL_DATA", "EARFUL_ANALYSIS_THREADS", "EARFUL_DISCOVERY_DEBOUNCE_SECONDS");
    }
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The CSV, NDJSON or JSON file to import.")
  Path file;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Import into the running server at this URL (e.g. http://127.0.0.1:7070) instead of"
              + " the data folder.")
  String server;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:EARFUL_API_KEY}",
      description = "The write key for --server (env EARFUL_API_KEY).")
  String apiKey;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "The file format: csv, ndjson or json (default: from the file extension; csv otherwise).")
  String format;

  @Option(
      names = "--id-column",
      paramLabel = "COLUMN",
      description = "The id column (default: 'id'; without one, each id is FILE:ROW).")
  String idColumn;

  @Option(
      names = "--score-column",
      paramLabel = "COLUMN",
      description = "The score column (default: 'score').")
  String scoreColumn;

  @Option(
      names = "--text-column",
      paramLabel = "COLUMN",
      split = ",",
      description =
          "The comment column(s), repeatable or comma-separated; several are joined in order"
              + " (default: 'comment').")
  List<String> textColumns = new ArrayList<>();

  @Option(
      names = "--time-column",
      paramLabel = "COLUMN",
      description =
          "The timestamp column (default: 'submittedAt'; without one, the time of the import).")
  String timeColumn;

  @Option(
      names = "--segment-columns",
      paramLabel = "COLUMN[=key]",
      split = ",",
      description =
          "The segment column(s), repeatable or comma-separated; the key is the header in"
              + " lower_snake_case unless given.")
  List<String> segmentColumns = new ArrayList<>();

  @Option(
      names = "--segment",
      paramLabel = "KEY=VALUE",
      description =
          "A segment given to every record of the file, repeatable (--segment source=amazon for a"
              + " file with no such column); over a column's value of the same key.")
  List<String> fixedSegments = new ArrayList<>();

  @Option(
      names = "--customer-column",
      paramLabel = "COLUMN",
      description =
          "The column of who answered: an id or e-mail (default: 'customer' when the file has one).")
  String customerColumn;

  @Option(
      names = "--account-column",
      paramLabel = "COLUMN",
      description =
          "The column of the B2B company of the response (default: 'account' when the file has one).")
  String accountColumn;

  @Option(
      names = "--metric-column",
      paramLabel = "COLUMN",
      description = "A column holding nps, csat or ces per row (default: 'metric').")
  String metricColumn;

  @Option(
      names = "--metric",
      paramLabel = "METRIC",
      defaultValue = "nps",
      description = "The metric of rows without one: nps, csat or ces (default: ${DEFAULT-VALUE}).")
  String metric;

  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      description =
          "The CSV delimiter: ',', ';' or 'tab' (default: detected from the header line).")
  String delimiter;

  @Option(
      names = "--skip-rows",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "The number of rows after the header that are not data, e.g. 2 for Qualtrics"
              + " (default: ${DEFAULT-VALUE}).")
  int skipRows;

  @Option(
      names = "--no-header",
      description =
          "The CSV file has no header row: its first row is data. Name the columns by position"
              + " (--text-column '#0' --score-column '#1'); ids are FILE:ROW unless --id-column"
              + " names one.")
  boolean noHeader;

  @Option(
      names = "--charset",
      paramLabel = "CHARSET",
      defaultValue = "UTF-8",
      description = "The file's character set (default: ${DEFAULT-VALUE}; a BOM is skipped).")
  String charset;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "BYTES",
      defaultValue = "8388608",
      description =
          "The longest record read, in bytes: a line, a CSV record, an NDJSON line or a JSON array"
              + " element; a longer one is reported with its line and skipped without being held"
              + " in memory, and the rest is imported (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Option(
      names = "--time-zone",
      paramLabel = "ZONE",
      defaultValue = "UTC",
      description = "The time zone of timestamps without an offset (default: ${DEFAULT-VALUE}).")
  String timeZone;

  @Option(
      names = "--day-first",
      description =
          "Read 03/01/2024 as 3 January. Without this flag or --month-first the order is taken"
              + " from the whole column: a value over 12 settles it; when every date fits either,"
              + " month first, unless that puts a date after tomorrow and day first none.")
  boolean dayFirst;

  @Option(names = "--month-first", description = "Read 03/01/2024 as March 1.")
  boolean monthFirst;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Records sent or written per batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--max-request-bytes",
      paramLabel = "BYTES",
      defaultValue = dev.earful.config.AppConfig.DEFAULT_MAX_BODY_BYTES,
      description =
          "With --server, the most bytes one request's body may hold; a batch is sent in as many"
              + " requests as this needs. Set it to the server's --max-body-bytes when that is"
              + " lower than its default (default: ${DEFAULT-VALUE}, the server's default).")
  long maxRequestBytes;

  @Option(
      names = "--max-request-records",
      paramLabel = "N",
      defaultValue = dev.earful.config.AppConfig.DEFAULT_MAX_IMPORT_RECORDS,
      description =
          "With --server, the most records one request may hold. Set it to the server's"
              + " --max-import-records when that is lower than its default (default:"
              + " ${DEFAULT-VALUE}, the server's default).")
  int maxRequestRecords;

  @Option(
      names = "--max-request-chars",
      paramLabel = "N",
      defaultValue = dev.earful.config.AppConfig.DEFAULT_MAX_IMPORT_CHARS,
      description =
          "With --server, the most characters of comments one request may hold in all. Set it to"
              + " the server's --max-import-chars when that is lower than its default (default:"
              + " ${DEFAULT-VALUE}, the server's default).")
  long maxRequestChars;

  @Option(
      names = "--no-followups",
      description =
          "Open no follow-ups for this import (a history without dates would open one per"
              + " detractor, all due the same day); the rules stay on for later imports, and"
              + " alerts still fire. The summary says how many the rules would have opened.")
  boolean noFollowups;

  @Option(names = "--no-progress", description = "Do not show the progress bar.")
  boolean noProgress;

  private interface Sink extends AutoCloseable {
    IngestReport send(List<SourceRecord> batch);

    @Override
    void close();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CliException("cannot read " + file + ": no such readable file");
    }
    if (batchSize < 1 || batchSize > 100_000) {
      throw new CliException("--batch-size must be between 1 and 100000", 2);
    }
    if (maxRequestBytes < 1024) {
      throw new CliException("--max-request-bytes must be at least 1024", 2);
    }
    if (maxRequestRecords < 1) {
      throw new CliException("--max-request-records must be at least 1", 2);
    }
    if (maxRequestChars < ResponseValidator.MAX_COMMENT_LENGTH) {
      throw new CliException(
          "--max-request-chars must be at least "
              + ResponseValidator.MAX_COMMENT_LENGTH
              + ", the longest comment a record may hold",
          2);
    }
    if (dayFirst && monthFirst) {
      throw new CliException("--day-first and --month-first contradict each other: pick one", 2);
    }
    fixedSegments(); // a bad --segment stops the command before the file is read
    String kind = format();
    if (noHeader && !kind.equals("csv")) {
      throw new CliException(
          "--no-header is for CSV files; " + kind + " records name their fields", 2);
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
    Charset cs = probeCharset(kind);
    // A first pass over the file settles the date order of the whole column and finds a bad header
    // before anything is opened or written (no data folder appears for a file that cannot go in).
    ScaleProbe scale = new ScaleProbe();
    DateOrder.Decision dates = dateOrder(kind, cs, scale);
    String notNps = scale.likelyNotNps();
    if (notNps != null && !spec.commandLine().getParseResult().hasMatchedOption("--metric")) {
      throw new CliException(
          "cannot import "
              + file
              + ": "
              + notNps
              + ", but without --metric the scores are read as NPS (0-10), where 0-6 is a"
              + " detractor: every response would be one"
              + (scale.looksLikeZeroOneLabels()
                  ? ", each opening a follow-up. If the column is a label, not a survey's score,"
                      + " point --score-column at the score; to import them as NPS anyway, --metric"
                      + " nps"
                  : ". Say which it is: --metric "
                      + scale.suggestedMetric()
                      + ", or --metric nps to import them as NPS"),
          2);
    }
    ResponseValidator validator = validator(dates.dayFirst());
    Sink sink = server != null ? httpSink(validator) : localSink(validator, err);
    try {
      return importWith(sink, kind, cs, size, dates.reason(), out, err);
    } finally {
      sink.close();
    }
  }

  /** The charset to read with, after making sure the file is text at all. */
  private Charset probeCharset(String kind) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(TextProbe.HEAD_BYTES);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
    Charset given = charset();
    boolean named = spec.commandLine().getParseResult().hasMatchedOption("--charset");
    Charset cs;
    try {
      cs = TextProbe.charsetFor(head, given, named);
    } catch (InputFormatException e) {
      throw new CliException("cannot import " + file + ": " + e.getMessage());
    }
    if (!kind.equals("csv") && !cs.equals(StandardCharsets.UTF_8)) {
      throw new CliException(
          "cannot import " + file + ": JSON and NDJSON files must be UTF-8; save it as UTF-8");
    }
    return cs;
  }

  /**
   * The date order: the flag's, else the one the whole timestamp column fits; with the reason the
   * report gives (null when the file holds no slashed dates and no flag was given).
   */
  private DateOrder.Decision dateOrder(String kind, Charset cs, ScaleProbe scale) {
    DateOrder order = new DateOrder("line", LocalDate.now(ZoneOffset.UTC));
    long[] seen = {0};
    try (InputStream in = Files.newInputStream(file)) {
      read(
          kind,
          cs,
          in,
          (line, raw) -> {
            seen[0]++;
            order.observe(line, raw.submittedAt());
            scale.observe(raw);
          },
          null);
    } catch (InputFormatException e) {
      if (seen[0] == 0) {
        throw new CliException("cannot import " + file + ": " + located(kind, e));
      }
      // the import pass stops at the same place and reports it
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
    if (dayFirst || monthFirst) {
      String flag = dayFirst ? "--day-first" : "--month-first";
      return new DateOrder.Decision(
          dayFirst,
          order.matters()
              ? "read " + (dayFirst ? "day" : "month") + " first (" + flag + ")"
              : null);
    }
    if (!order.matters()) {
      return new DateOrder.Decision(false, null);
    }
    return order.decide();
  }

  /**
   * The message of a file that stops being readable, with its line; CSV messages name their line
   * already (a header problem is on the header).
   */
  private static String located(String kind, InputFormatException e) {
    return kind.equals("csv") || e.line() <= 0
        ? e.getMessage()
        : "line " + e.line() + ": " + e.getMessage();
  }

  /** Rows of the last file read that could not be read as records at all (damaged lines). */
  private java.util.function.LongSupplier unreadable = () -> 0;

  /** Hands every record of the file to {@code consumer}; CSV notes go to {@code notes}. */
  private void read(
      String kind, Charset cs, InputStream in, RecordConsumer consumer, PrintWriter notes) {
    if (maxLineBytes < 1024) {
      throw new CliException("--max-line-bytes: must be at least 1024, got " + maxLineBytes, 2);
    }
    switch (kind) {
      case "csv" -> {
        CsvResponseReader reader =
            new CsvResponseReader(in, cs, file.getFileName().toString(), mapping(), maxLineBytes);
        unreadable = reader::unreadable;
        if (notes != null) {
          reader.warnings().forEach(w -> notes.println("note: " + w));
          notes.flush();
        }
        reader.forEach(consumer);
        List<Long> literal = reader.literalQuoteLines();
        if (notes != null && !literal.isEmpty()) {
          notes.println(
              "note: "
                  + (literal.size() == 1 ? "1 row opens" : literal.size() + " rows open")
                  + " a quote that does not close in the row (line"
                  + (literal.size() == 1 ? " " : "s ")
                  + String.join(", ", literal.stream().limit(10).map(String::valueOf).toList())
                  + (literal.size() > 10 ? ", ..." : "")
                  + "): read with the quote as part of the text");
          notes.flush();
        }
      }
      case "ndjson" -> {
        long[] count = {0};
        unreadable = () -> count[0];
        count[0] = new JsonResponseReader().readNdjson(in, true, maxLineBytes, consumer);
      }
      default -> {
        long[] count = {0};
        unreadable = () -> count[0];
        count[0] = new JsonResponseReader().readArray(in, true, maxLineBytes, consumer);
      }
    }
  }

  /** Reads the file in batches into {@code sink}, prints the report, and says how it went. */
  private int importWith(
      Sink sink,
      String kind,
      Charset cs,
      long size,
      String dates,
      PrintWriter out,
      PrintWriter err) {
    ImportSummary summary = new ImportSummary();
    summary.dates(dates);
    long started = System.nanoTime();
    String stoppedBy = null;
    CliException failure = null;
    try (InputStream raw = Files.newInputStream(file);
        CountingInputStream in = new CountingInputStream(raw);
        ProgressBar bar = progressBar(size)) {
      List<SourceRecord> batch = new ArrayList<>(batchSize);
      Runnable flush =
          () -> {
            if (!batch.isEmpty()) {
              List<SourceRecord> sent = List.copyOf(batch);
              summary.add(sent, sink.send(sent));
              batch.clear();
            }
            if (bar != null) {
              bar.stepTo(in.count());
            }
          };
      Map<String, String> fixed = fixedSegments();
      RecordConsumer consumer =
          (position, record) -> {
            batch.add(new SourceRecord(position, record.withSegments(fixed)));
            if (batch.size() >= batchSize) {
              flush.run();
            }
          };
      try {
        read(kind, cs, in, consumer, err);
        flush.run();
        if (bar != null) {
          bar.stepTo(size);
        }
      } catch (InputFormatException e) {
        if (summary.received() == 0 && batch.isEmpty()) {
          throw new CliException("cannot import " + file + ": " + located(kind, e));
        }
        stoppedBy = located("", e);
        flush.run();
      } catch (CliException e) {
        if (summary.received() == 0) {
          throw e;
        }
        failure = e;
      }
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    summary.print(out, file.getFileName().toString(), seconds);
    if (failure != null) {
      throw failure;
    }
    if (stoppedBy != null) {
      err.println("error: the rest of the file could not be read: " + stoppedBy);
      err.flush();
      return summary.imported() > 0 ? PARTIAL : 1;
    }
    if (summary.imported() == 0) {
      err.println(
          summary.received() == 0
              ? "error: " + file + " holds no records"
              : "error: nothing was imported: every record was rejected");
      err.flush();
      return 1;
    }
    if (unreadable.getAsLong() > 0) {
      err.println(
          "warning: "
              + unreadable.getAsLong()
              + (unreadable.getAsLong() == 1 ? " row" : " rows")
              + " of the file could not be read (listed with their lines above); every other row"
              + " was imported or rejected on its own");
      err.flush();
      return PARTIAL;
    }
    return 0;
  }

  /**
   * The --segment values by key, the key in lower_snake_case as a column's ({@code Source=x} is the
   * key {@code source}). A malformed one, one past the limits of a record's segments, or one whose
   * key a --segment-columns column has (it would replace the file's values without a word) stops
   * the command before anything is read.
   */
  private Map<String, String> fixedSegments() {
    Map<String, String> fixed = new LinkedHashMap<>();
    for (String spec : fixedSegments) {
      int eq = spec.indexOf('=');
      String key = eq <= 0 ? "" : CsvResponseReader.snakeCase(spec.substring(0, eq));
      if (key.isEmpty() || eq == spec.length() - 1 || spec.substring(eq + 1).isBlank()) {
        throw new CliException(
            "--segment: expected KEY=VALUE (source=amazon), got '" + spec + "'", 2);
      }
      fixed.put(key, spec.substring(eq + 1).strip());
    }
    String problem = ResponseValidator.fixedSegmentsProblem(fixed);
    if (problem != null) {
      throw new CliException("--segment: " + problem, 2);
    }
    for (String column : segmentColumns) {
      Set<String> keys = new HashSet<>();
      keys.add(CsvResponseReader.snakeCase(column));
      int eq = column.lastIndexOf('=');
      if (eq > 0) {
        keys.add(column.substring(eq + 1).strip()); // COLUMN=key (or a header holding '=')
      }
      for (String key : fixed.keySet()) {
        if (keys.contains(key)) {
          throw new CliException(
              "--segment "
                  + key
                  + "=...: the segment column '"
                  + column
                  + "' has the key '"
                  + key
                  + "' too, and every row's value of it would be replaced; drop one of them, or"
                  + " give the column another key (--segment-columns '"
                  + (eq > 0 ? column.substring(0, eq) : column)
                  + "=other_key')",
              2);
        }
      }
    }
    return fixed;
  }

  private ResponseValidator validator(boolean readDayFirst) {
    Metric m;
    try {
      m = Metric.parse(metric);
    } catch (IllegalArgumentException e) {
      throw new CliException("--metric: " + e.getMessage(), 2);
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      throw new CliException(
          "--time-zone: unknown zone '" + timeZone + "' (e.g. UTC, Europe/Paris)", 2);
    }
    return new ResponseValidator(m, new TimestampParser(zone, readDayFirst), Clock.systemUTC());
  }

  private String format() {
    if (format != null) {
      String f = format.strip().toLowerCase(Locale.ROOT);
      if (!List.of("csv", "ndjson", "json").contains(f)) {
        throw new CliException("--format must be csv, ndjson or json, got '" + format + "'", 2);
      }
      return f;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
      return "ndjson";
    }
    return name.endsWith(".json") ? "json" : "csv";
  }

  private Charset charset() {
    try {
      return Charset.forName(charset);
    } catch (RuntimeException e) {
      throw new CliException("--charset: unknown character set '" + charset + "'", 2);
    }
  }

  private ColumnMapping mapping() {
    Character d = null;
    if (delimiter != null) {
      String t = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
      if (t.length() != 1 || t.equals("\"") || t.equals("\n") || t.equals("\r")) {
        throw new CliException("--delimiter must be one character such as ',' ';' or 'tab'", 2);
      }
      d = t.charAt(0);
    }
    if (skipRows < 0) {
      throw new CliException("--skip-rows must be 0 or more", 2);
    }
    return new ColumnMapping(
        idColumn,
        scoreColumn,
        textColumns.stream().filter(c -> !c.isEmpty()).toList(),
        timeColumn,
        segmentColumns.stream().filter(c -> !c.isEmpty()).toList(),
        metricColumn,
        d,
        skipRows,
        customerColumn,
        accountColumn,
        noHeader);
  }

  private ProgressBar progressBar(long size) {
    if (noProgress) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("Importing")
        .setInitialMax(Math.max(size, 1))
        .setUnit(size < (1L << 20) ? " KiB" : " MiB", size < (1L << 20) ? 1L << 10 : 1L << 20)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  private Sink localSink(ResponseValidator validator, PrintWriter err) {
    AppConfig config = SettingOptions.config(spec, System.getenv());
    EarfulApp app = DataFolder.open(config, "import through it", err);
    return new Sink() {
      private long imported;

      @Override
      public IngestReport send(List<SourceRecord> batch) {
        IngestReport report = app.ingestor().ingest(batch, validator, importOptions());
        imported += report.imported();
        return report;
      }

      @Override
      public void close() {
        try {
          if (imported > 0 && app.config().discoveryDebounceSeconds() > 0) {
            // The discovery the import asked for runs before the command ends: say why it still
            // works, then what it found, on one line (the service logs its figures; a terminal
            // shows warnings only, see Earful.main).
            err.print(
                "Looking for themes in the stored comments (--discovery-debounce-seconds 0 skips"
                    + " this)... ");
            err.flush();
            DiscoveryScheduler.Run run = app.discovery().flush();
            err.println(run == null ? "done" : found(run));
            err.flush();
          }
        } finally {
          app.close();
        }
      }
    };
  }

  /** "2 themes and 1 sub-theme in 23 English comments; earful themes ranks them". */
  static String found(DiscoveryScheduler.Run run) {
    String comments =
        String.format(
            Locale.ROOT,
            "%,d English %s",
            run.documents(),
            run.documents() == 1 ? "comment" : "comments");
    if (run.themes() == 0) {
      return "no themes in " + comments;
    }
    return String.format(
        Locale.ROOT,
        "%,d %s and %,d %s in %s; earful themes ranks them",
        run.themes(),
        run.themes() == 1 ? "theme" : "themes",
        run.subThemes(),
        run.subThemes() == 1 ? "sub-theme" : "sub-themes",
        comments);
  }

  private ImportOptions importOptions() {
    return noFollowups ? ImportOptions.NO_FOLLOWUPS : ImportOptions.DEFAULT;
  }

  private Sink httpSink(ResponseValidator validator) {
    ServerClient client = ServerClient.open(server, apiKey, "--server", Duration.ofSeconds(10));
    ObjectMapper mapper = Json.newMapper();
    return new Sink() {
      @Override
      public IngestReport send(List<SourceRecord> batch) {
        return post(client, mapper, validator, batch, noFollowups);
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /**
   * Validates locally (so survey-tool timestamps and derived ids travel as the server expects),
   * posts the valid records as NDJSON and maps the server's rejections back to lines. A batch is
   * sent in as many requests as the server's bounds on one request need ({@link
   * ImportRequestLimits}: records, and characters of comments, given here as --max-request-records
   * and --max-request-chars) and its body's byte bound (the server's --max-body-bytes, given here
   * as --max-request-bytes), so --batch-size, long comments and large segments do not meet a 413. A
   * record whose own line is over the byte bound is rejected here with its line: no request could
   * carry it.
   */
  private IngestReport post(
      ServerClient client,
      ObjectMapper mapper,
      ResponseValidator validator,
      List<SourceRecord> batch,
      boolean noFollowups) {
    String path = "/api/v1/responses" + (noFollowups ? "?followups=false" : "");
    List<Rejection> rejected = new ArrayList<>();
    List<Long> sentLines = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    long text = 0;
    long bytes = 0;
    int indexed = 0;
    int updated = 0;
    Map<String, Long> languages = new java.util.TreeMap<>();
    Map<String, Long> effects = new java.util.TreeMap<>();
    for (SourceRecord r : batch) {
      ResponseValidator.Outcome outcome = validator.validate(r.raw());
      if (!outcome.accepted()) {
        rejected.add(new Rejection(r.position(), r.raw().id(), outcome.errors()));
        continue;
      }
      Response resp = outcome.response();
      long length = ImportRequestLimits.analysedLength(resp.comment());
      String line = ndjsonLine(mapper, resp);
      long lineBytes = utf8Length(line);
      if (lineBytes > maxRequestBytes) {
        rejected.add(
            new Rejection(
                r.position(),
                resp.id(),
                List.of(
                    new FieldError(
                        "record",
                        "its NDJSON line is "
                            + lineBytes
                            + " bytes, more than one request may carry (--max-request-bytes "
                            + maxRequestBytes
                            + ")"))));
        continue;
      }
      if (!sentLines.isEmpty()
          && (sentLines.size() == maxRequestRecords
              || text + length > maxRequestChars
              || bytes + lineBytes > maxRequestBytes)) {
        JsonNode answer =
            postChunk(client, mapper, path, body, sentLines, rejected, languages, effects);
        indexed += answer.path("indexed").asInt();
        updated += answer.path("updated").asInt();
        body.setLength(0);
        sentLines.clear();
        text = 0;
        bytes = 0;
      }
      text += length;
      bytes += lineBytes;
      body.append(line);
      sentLines.add(r.position());
    }
    if (!sentLines.isEmpty()) {
      JsonNode answer =
          postChunk(client, mapper, path, body, sentLines, rejected, languages, effects);
      indexed += answer.path("indexed").asInt();
      updated += answer.path("updated").asInt();
    }
    rejected.sort(java.util.Comparator.comparingLong(Rejection::position));
    return new IngestReport(batch.size(), indexed, updated, rejected, languages, effects);
  }

  /** One response as a line of NDJSON, its line break included. */
  private static String ndjsonLine(ObjectMapper mapper, Response resp) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", resp.id());
    json.put("metric", resp.metric().wireName());
    json.put("score", resp.score());
    json.put("comment", resp.comment());
    json.put("submittedAt", resp.submittedAt().toString());
    json.put("segments", resp.segments());
    if (resp.customer() != null) {
      json.put("customer", resp.customer());
    }
    if (resp.account() != null) {
      json.put("account", resp.account());
    }
    try {
      return mapper.writeValueAsString(json) + '\n';
    } catch (IOException e) {
      throw new IllegalStateException("a response always serialises", e);
    }
  }

  /** Bytes of {@code s} in UTF-8 (a surrogate pair is 4, a lone surrogate the 1 byte '?'). */
  static long utf8Length(CharSequence s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The groups of the import answer that count what it set off ({@code followups.opened}). */
  private static final List<String> EFFECT_GROUPS = List.of("followups", "alerts");

  /**
   * Posts one request's worth of NDJSON; adds its rejections (mapped back to the file's lines),
   * languages and what it set off, and returns the answer for its counts.
   */
  private static JsonNode postChunk(
      ServerClient client,
      ObjectMapper mapper,
      String path,
      CharSequence body,
      List<Long> sentLines,
      List<Rejection> rejected,
      Map<String, Long> languages,
      Map<String, Long> effects) {
    byte[] reply =
        client.send(
            "POST",
            path,
            "application/x-ndjson; charset=utf-8",
            body.toString(),
            Duration.ofMinutes(5),
            " (set --max-request-bytes, --max-request-records and --max-request-chars to the"
                + " server's --max-body-bytes, --max-import-records and --max-import-chars)");
    JsonNode answer;
    try {
      answer = mapper.readTree(reply);
    } catch (IOException e) {
      throw new CliException(
          "the server at " + client.base() + " answered 200 with something other than JSON");
    }
    for (JsonNode r : answer.path("rejected")) {
      int index = r.path("index").asInt();
      long line = index >= 0 && index < sentLines.size() ? sentLines.get(index) : -1;
      List<FieldError> errors = new ArrayList<>();
      for (JsonNode e : r.path("errors")) {
        errors.add(new FieldError(e.path("field").asText(), e.path("message").asText()));
      }
      rejected.add(
          new Rejection(line, r.path("id").isNull() ? null : r.path("id").asText(), errors));
    }
    answer
        .path("languages")
        .properties()
        .forEach(e -> languages.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    for (String group : EFFECT_GROUPS) {
      answer
          .path(group)
          .properties()
          .forEach(e -> effects.merge(group + "." + e.getKey(), e.getValue().asLong(), Long::sum));
    }
    return answer;
  }
}
