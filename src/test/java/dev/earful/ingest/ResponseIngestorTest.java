package dev.earful.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Polarity;
import dev.earful.domain.Sentiment;
import dev.earful.domain.ThemeCatalog;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.search.FieldError;
import dev.earful.search.ResponseIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseIngestorTest {

  @TempDir Path data;

  private static SourceRecord record(long position, String id, String score, String comment) {
    return new SourceRecord(
        position, new RawResponse(id, null, score, comment, null, Map.of(), List.of()));
  }

  @Test
  void indexesBatchesLargerThanAChunkCountsEveryRecordAndRunsTheHooksOnce() {
    AtomicInteger hookRuns = new AtomicInteger();
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        ResponseIngestor ingestor =
            new ResponseIngestor(
                new TextAnalyzer(),
                a ->
                    new dev.earful.domain.Analysis(
                        a.sentences(), new Sentiment(Polarity.POSITIVE, 0.5, 1.0)),
                index,
                2)) {
      ingestor.addAfterImportHook(
          () -> {
            throw new IllegalStateException("a broken hook does not fail the import");
          });
      ingestor.addAfterImportHook(hookRuns::incrementAndGet);
      List<SourceRecord> batch = new ArrayList<>();
      int n = ResponseIngestor.CHUNK * 2 + 7;
      for (int i = 0; i < n; i++) {
        batch.add(
            record(
                i,
                "r" + i,
                Integer.toString(i % 11),
                i % 500 == 0 ? "Great staff, slow delivery." : ""));
      }
      batch.add(record(n, "r0", "10", "changed"));
      batch.add(record(n + 1, "bad", "12", ""));
      IngestReport report = ingestor.ingest(batch, ResponseValidator.standard());
      assertEquals(n + 2, report.received());
      assertEquals(n, report.indexed());
      assertEquals(1, report.updated());
      assertEquals(
          List.of(
              new Rejection(
                  n + 1, "bad", List.of(new FieldError("score", "must be 0-10 for nps, got 12")))),
          report.rejected());
      assertEquals(1, hookRuns.get());
      assertEquals(n, index.count());
      var r0 = index.get("r0").orElseThrow();
      assertEquals("changed", r0.response().comment());
      assertEquals(Polarity.POSITIVE, r0.analysis().sentiment().label());
      var r500 = index.get("r500").orElseThrow();
      assertEquals(1, r500.analysis().sentences().size());

      IngestReport nothing =
          ingestor.ingest(List.of(record(0, "x", "99", "")), ResponseValidator.standard());
      assertEquals(0, nothing.indexed() + nothing.updated());
      assertEquals(1, hookRuns.get());
    }
  }
}
