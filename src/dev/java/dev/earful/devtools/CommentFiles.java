package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.ingest.ColumnMapping;
import dev.earful.ingest.CsvResponseReader;
import dev.earful.nlp.TextAnalyzer;
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
    List<String> out = new ArrayList<>();
    // The import reader insists on a score column; only comments are read here, so the first text
    // column stands in for it.
    ColumnMapping mapping =
        new ColumnMapping(null, textColumns.get(0), textColumns, null, List.of(), null, null, 0);
    try (InputStream in = Files.newInputStream(file)) {
      CsvResponseReader reader =
          new CsvResponseReader(in, StandardCharsets.UTF_8, file.getFileName().toString(), mapping);
      reader.forEach(
          (line, raw) -> {
            if (out.size() < max && raw.comment() != null && !raw.comment().isBlank()) {
              out.add(raw.comment());
            }
          });
    }
    return out;
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
