package dev.earful.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.earful.domain.Analysis;
import dev.earful.nlp.TextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** discover-eval keeps to the threads it is given, for the scoring as for the analysis. */
class DiscoverEvalCommandTest {

  /**
   * With --threads 1 every comment is scored on one thread, and not on the JVM's common pool
   * (review finding 13: the scoring ran as a parallel stream on every core whatever --threads
   * said); the scored analyses keep the file's order.
   */
  @Test
  void scoresOnTheCommandsOwnThreadsInTheFilesOrder() {
    TextAnalyzer analyzer = new TextAnalyzer();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      texts.add("Comment " + i + ": the parcel came " + (i % 7) + " days late.");
    }
    Set<Thread> scoring = ConcurrentHashMap.newKeySet();
    List<Analysis> scored =
        DiscoverEvalCommand.analyzedAndScored(
            analyzer,
            texts,
            1,
            a -> {
              scoring.add(Thread.currentThread());
              // as long as a real scorer takes, so that idle threads have time to steal work
              LockSupport.parkNanos(200_000);
              return a;
            });
    assertEquals(1, scoring.size(), scoring.toString());
    assertFalse(scoring.iterator().next() instanceof ForkJoinWorkerThread, scoring.toString());
    assertEquals(CommentFiles.analyze(analyzer, texts, 1), scored);
  }
}
