package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.domain.Metric;
import dev.earful.ingest.ColumnMapping;
import dev.earful.ingest.CsvResponseReader;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.themes.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/** Reads comments from a CSV the way import does, and analyses them on every core in order. */
public final class CommentFiles {

  private CommentFiles() {}

  public static List<String> readComments(Path file, List<String> textColumns, int max)
      throws IOException {
    return readScoredComments(file, textColumns, null, max).stream().map(Scored::text).toList();
  }

  /** A comment and its score as written ({@code null} when the file has no score column). */
  public record Scored(String text, String score) {}

  /**
   * The comments as {@link #readComments} reads them, each with the value of {@code scoreColumn}
   * when the file has that column ({@code null} asks for none).
   */
  public static List<Scored> readScoredComments(
      Path file, List<String> textColumns, String scoreColumn, int max) throws IOException {
    List<Scored> out = new ArrayList<>();
    boolean scored = scoreColumn != null && headers(file, textColumns).contains(scoreColumn);
    // The import reader insists on a score column; where none is read, the first text column
    // stands in for it.
    ColumnMapping mapping =
        new ColumnMapping(
            null,
            scored ? scoreColumn : textColumns.get(0),
            textColumns,
            null,
            List.of(),
            null,
            null,
            0);
    try (InputStream in = Files.newInputStream(file)) {
      CsvResponseReader reader =
          new CsvResponseReader(in, StandardCharsets.UTF_8, file.getFileName().toString(), mapping);
      reader.forEach(
          (line, raw) -> {
            if (out.size() < max && raw.comment() != null && !raw.comment().isBlank()) {
              out.add(new Scored(raw.comment(), scored ? raw.score() : null));
            }
          });
    }
    return out;
  }

  private static List<String> headers(Path file, List<String> textColumns) throws IOException {
    ColumnMapping mapping =
        new ColumnMapping(null, textColumns.get(0), textColumns, null, List.of(), null, null, 0);
    try (InputStream in = Files.newInputStream(file)) {
      return new CsvResponseReader(
              in, StandardCharsets.UTF_8, file.getFileName().toString(), mapping)
          .headers();
    }
  }

  /**
   * The outcome of a comment scored {@code score} on {@code metric}: unknown when there is no score
   * or it is no whole number in the metric's range.
   */
  public static Outcome outcome(String score, Metric metric) {
    if (score == null || score.isBlank()) {
      return Outcome.UNKNOWN;
    }
    try {
      int value = Integer.parseInt(score.strip());
      return metric.accepts(value) ? Outcome.of(metric.categorize(value)) : Outcome.UNKNOWN;
    } catch (NumberFormatException e) {
      return Outcome.UNKNOWN;
    }
  }

  /** Analyses in chunks on {@code threads} threads; the result keeps the input order. */
  public static List<Analysis> analyze(TextAnalyzer analyzer, List<String> texts, int threads) {
    return analyze(analyzer, texts, threads, UnaryOperator.identity());
  }

  /**
   * Analyses as above and passes each analysis through {@code then} (a sentiment scorer, say) on
   * the same threads, so that {@code threads} bounds every step.
   */
  public static List<Analysis> analyze(
      TextAnalyzer analyzer, List<String> texts, int threads, UnaryOperator<Analysis> then) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      int chunk = 256;
      List<Future<List<Analysis>>> parts = new ArrayList<>();
      for (int from = 0; from < texts.size(); from += chunk) {
        List<String> slice = texts.subList(from, Math.min(texts.size(), from + chunk));
        parts.add(pool.submit(() -> slice.stream().map(analyzer::analyze).map(then).toList()));
      }
      List<Analysis> out = new ArrayList<>(texts.size());
      for (Future<List<Analysis>> f : parts) {
        out.addAll(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("analysis failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
