package dev.earful.ingest;

import dev.earful.domain.AnalyzedResponse;
import java.util.List;
import java.util.Map;

/**
 * Acts on each chunk of an import once it is durable (the follow-up queue, the alert rules) and
 * says what it did, so the import's answer can tell the user: a backlog of 23,000 reviews opened
 * 2,407 follow-ups without a word before.
 */
@FunctionalInterface
public interface BatchListener {

  /**
   * @param options what the import asked for ({@code --no-followups})
   * @return what it did with the chunk, as counts named {@code "group.what"} ({@code
   *     "followups.opened": 3}); the import sums them over its chunks
   */
  Map<String, Long> onBatch(List<AnalyzedResponse> chunk, ImportOptions options);
}
