package dev.earful.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.ScoringStage;
import dev.earful.domain.Sentiment;
import dev.earful.domain.ThemeCatalog;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FollowupQueue#onRefined} on a real index: what the refinement opens and closes when the
 * cascade changes a response's label (first cases found by the session 22 review).
 */
class FollowupQueueRefinedTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @TempDir Path data;

  private static AnalyzedResponse labelled(
      String id, int score, Instant submitted, Polarity p, ScoringStage stage) {
    return new AnalyzedResponse(
        new Response(id, Metric.NPS, score, "a comment", submitted, Map.of()),
        new Analysis(List.of(), new Sentiment(p, p == Polarity.NEGATIVE ? -0.8 : 0.1, 0.9), "en")
            .withStage(stage));
  }

  private static AnalyzedResponse labelled(String id, Polarity p, ScoringStage stage) {
    return labelled(id, 8, NOW.minusSeconds(3600), p, stage);
  }

  private static FollowupRule rule(
      String id,
      FollowupKind kind,
      String field,
      List<String> values,
      boolean enabled,
      Integer maxAgeDays) {
    Map<String, List<String>> when = Map.of(field, values);
    return new FollowupRule(id, id, kind, when, Filter.parse(when), 2, enabled, maxAgeDays);
  }

  private static List<Followup> open(FollowupQueue q) {
    return q.all().stream().filter(f -> f.status() == FollowupStatus.OPEN).toList();
  }

  private FollowupQueue queue(FollowupQueue.ResponseMatcher matcher) {
    return FollowupQueue.open(data, matcher, Clock.fixed(NOW, ZoneOffset.UTC), new ObjectMapper());
  }

  /**
   * The close is decided on the rule that opened the follow-up, enabled or not: a disabled rule
   * that still selects the cascade's label keeps its follow-up (it was closed, the note blaming the
   * refinement); one that selected the fast label and not the cascade's is closed.
   */
  @Test
  void aFollowupIsClosedOnlyWhenTheRuleThatOpenedItNoLongerSelectsTheRefinedLabel()
      throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        FollowupQueue q = queue(index::matchingIds)) {
      FollowupRule neg =
          rule(
              "neg", FollowupKind.RECOVER, "sentiment", List.of("negative", "neutral"), true, null);
      q.setRules(List.of(neg));
      AnalyzedResponse r1 = labelled("r1", Polarity.NEGATIVE, ScoringStage.FAST);
      AnalyzedResponse r2 = labelled("r2", Polarity.NEGATIVE, ScoringStage.FAST);
      index.upsert(List.of(r1, r2));
      q.onImported(List.of(r1, r2), true);
      assertEquals(2, open(q).size());

      FollowupRule advocate =
          rule("pos", FollowupKind.ADVOCATE, "sentiment", List.of("positive"), true, null);
      q.setRules(
          List.of(
              rule(
                  "neg",
                  FollowupKind.RECOVER,
                  "sentiment",
                  List.of("negative", "neutral"),
                  false,
                  null),
              advocate));
      AnalyzedResponse r1Refined = labelled("r1", Polarity.NEUTRAL, ScoringStage.CASCADE);
      AnalyzedResponse r2Refined = labelled("r2", Polarity.POSITIVE, ScoringStage.CASCADE);
      index.upsert(List.of(r1Refined, r2Refined));
      Map<String, Long> did = q.onRefined(List.of(r1, r2), List.of(r1Refined, r2Refined));

      assertEquals(
          List.of("r1 recover", "r2 advocate"),
          open(q).stream().map(f -> f.responseId() + " " + f.kind().wireName()).sorted().toList());
      assertEquals(1L, did.get(FollowupQueue.REFINED_CLOSED));
      Followup closed =
          q.all().stream()
              .filter(f -> f.responseId().equals("r2"))
              .filter(f -> f.kind() == FollowupKind.RECOVER)
              .findFirst()
              .orElseThrow();
      assertEquals(FollowupStatus.NO_ACTION, closed.status());
      // r2's advocate follow-up is the enabled rule's, opened by the refinement
      assertEquals(1L, did.get(FollowupQueue.REFINED_OPENED));
    }
  }

  /**
   * A response deleted (or its customer erased) while the refinement asks the index which rule
   * selects it gets no follow-up after its deletion: the ids are checked again under the queue's
   * lock, which the deletion's erasure takes after the index.
   */
  @Test
  void aResponseDeletedWhileTheRefinementAsksTheIndexOpensNothing() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      FollowupQueue[] queue = new FollowupQueue[1];
      AtomicBoolean deleteNow = new AtomicBoolean();
      FollowupQueue.ResponseMatcher matcher =
          (filter, ids) -> {
            var found = index.matchingIds(filter, ids);
            if (deleteNow.compareAndSet(true, false)) {
              index.delete("r1"); // DELETE /responses/r1, as ResponsesController does it
              queue[0].eraseResponse("r1");
            }
            return found;
          };
      try (FollowupQueue q = queue(matcher)) {
        queue[0] = q;
        q.setRules(
            List.of(
                rule("neg", FollowupKind.RECOVER, "sentiment", List.of("negative"), true, null)));
        AnalyzedResponse fast = labelled("r1", Polarity.POSITIVE, ScoringStage.FAST);
        index.upsert(List.of(fast));
        q.onImported(List.of(fast), true);
        AnalyzedResponse refined = labelled("r1", Polarity.NEGATIVE, ScoringStage.CASCADE);
        index.upsert(List.of(refined));
        deleteNow.set(true);
        Map<String, Long> did = q.onRefined(List.of(fast), List.of(refined));
        assertEquals(0, q.size(), "r1 was deleted and its follow-ups erased before this opened");
        assertEquals(0L, did.get(FollowupQueue.REFINED_OPENED));
      }
    }
  }

  /** A first rule of the kind the response is too old for lets a later rule open, as an import. */
  @Test
  void aRuleTheResponseIsTooOldForLetsALaterRuleOfTheKindOpen() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        FollowupQueue q = queue(index::matchingIds)) {
      q.setRules(
          List.of(
              rule("detractors", FollowupKind.RECOVER, "category", List.of("detractor"), true, 30),
              rule("neg", FollowupKind.RECOVER, "sentiment", List.of("negative"), true, null)));
      Instant old = NOW.minus(Duration.ofDays(60));
      AnalyzedResponse fast = labelled("r1", 2, old, Polarity.POSITIVE, ScoringStage.FAST);
      AnalyzedResponse refined = labelled("r1", 2, old, Polarity.NEGATIVE, ScoringStage.CASCADE);
      index.upsert(List.of(fast));
      q.onImported(List.of(fast), true);
      assertEquals(0, q.size());
      index.upsert(List.of(refined));
      q.onRefined(List.of(fast), List.of(refined));
      assertEquals(List.of("neg"), open(q).stream().map(Followup::ruleId).toList());
    }
  }

  /**
   * Rule {@code neg} on negative comments; r1 imported fast-positive without follow-ups, then
   * written with the cascade's negative label (the refiner's write, its listener not yet run).
   *
   * @return r1 as imported
   */
  private static AnalyzedResponse importedWithoutFollowupsAndRefined(
      ResponseIndex index, FollowupQueue q) {
    q.setRules(
        List.of(rule("neg", FollowupKind.RECOVER, "sentiment", List.of("negative"), true, null)));
    AnalyzedResponse fast = labelled("r1", Polarity.POSITIVE, ScoringStage.FAST);
    imported(index, q, fast, false);
    refinerWrites(index, fast, labelled("r1", Polarity.NEGATIVE, ScoringStage.CASCADE));
    return fast;
  }

  /**
   * An import of {@code r} as the ingestor makes it: stored (with the flag of an import without
   * follow-ups, Schema.FOLLOWUPS_WITHHELD), then the queue told.
   */
  private static void imported(
      ResponseIndex index, FollowupQueue q, AnalyzedResponse r, boolean followups) {
    index.publish(index.write(List.of(r), followups ? Set.of() : Set.of(r.response().id())));
    q.onImported(List.of(r), followups);
  }

  /** The refiner's write: {@code read}, as stored, replaced by {@code refined}, its flag kept. */
  private static void refinerWrites(
      ResponseIndex index, AnalyzedResponse read, AnalyzedResponse refined) {
    assertEquals(List.of(0), index.replaceUnchanged(List.of(read), List.of(refined)));
  }

  /** The index's answers, and {@code during} run once while it is first asked which match. */
  private static FollowupQueue.ResponseMatcher matcher(
      ResponseIndex index, AtomicBoolean now, Runnable during) {
    FollowupQueue.ResponseMatcher real = FollowupQueue.matcher(index);
    return new FollowupQueue.ResponseMatcher() {
      @Override
      public Set<String> matchingIds(Filter filter, java.util.Collection<String> ids) {
        var found = real.matchingIds(filter, ids);
        if (now.compareAndSet(true, false)) {
          during.run();
        }
        return found;
      }

      @Override
      public Set<String> withheldIds(java.util.Collection<String> ids) {
        return real.withheldIds(ids);
      }
    };
  }

  /**
   * An import without follow-ups keeps its choice after the response's first refinement: a
   * stored-format upgrade re-analyses with the fast model without an import, and the refinement
   * that follows opened the follow-ups of a history imported with {@code --no-followups}. An import
   * with follow-ups ends the choice.
   */
  @Test
  void aResponseImportedWithoutFollowupsGetsNoneAtALaterRefinementEither() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        FollowupQueue q = queue(FollowupQueue.matcher(index))) {
      AnalyzedResponse fast = importedWithoutFollowupsAndRefined(index, q);
      AnalyzedResponse refined = labelled("r1", Polarity.NEGATIVE, ScoringStage.CASCADE);
      q.onRefined(List.of(fast), List.of(refined));
      assertEquals(0, q.size());
      // the upgrade's re-analysis writes the fast labels (no import, no listener; the flag kept,
      // as Reanalysis keeps it), then refines
      try (dev.earful.search.BulkWriter upgrade = index.bulk(100)) {
        upgrade.add(List.of(fast), index.withheldIds(List.of("r1")));
      }
      refinerWrites(index, fast, refined);
      q.onRefined(List.of(fast), List.of(refined));
      assertEquals(0, q.size(), "the import asked for no follow-ups");

      // imported again with follow-ups (fast labels, as a changed record gets): the choice ends
      imported(index, q, fast, true);
      refinerWrites(index, fast, refined);
      q.onRefined(List.of(fast), List.of(refined));
      assertEquals(List.of("r1"), open(q).stream().map(Followup::responseId).toList());
    }
  }

  /**
   * An import without follow-ups is remembered with the response in the index, not in a file and a
   * set that grew with every such import for good (review R12 of session 22); an older folder's
   * file is still honoured, and an import with follow-ups still ends its entry.
   */
  @Test
  void anImportWithoutFollowupsIsStoredWithTheResponseAndAnOlderFileStillHonoured()
      throws Exception {
    Path file = data.resolve(FollowupQueue.WITHHELD_JOURNAL);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      try (FollowupQueue q = queue(FollowupQueue.matcher(index))) {
        AnalyzedResponse fast = importedWithoutFollowupsAndRefined(index, q);
        assertFalse(Files.exists(file), "nothing beside the index grows with the import");
        assertEquals(Set.of(), q.withheldInFile());
        assertEquals(Set.of("r1"), index.withheldIds(List.of("r1")));
        q.onRefined(
            List.of(fast), List.of(labelled("r1", Polarity.NEGATIVE, ScoringStage.CASCADE)));
        assertEquals(0, q.size());
      }
      // a folder of an older release: r2 withheld in the file, stored without the flag
      Files.writeString(file, "{\"id\":\"r2\",\"withheld\":true}\n");
      try (FollowupQueue q = queue(FollowupQueue.matcher(index))) {
        AnalyzedResponse fast = labelled("r2", Polarity.POSITIVE, ScoringStage.FAST);
        AnalyzedResponse refined = labelled("r2", Polarity.NEGATIVE, ScoringStage.CASCADE);
        index.upsert(List.of(fast));
        refinerWrites(index, fast, refined);
        q.onRefined(List.of(fast), List.of(refined));
        assertEquals(0, q.size(), "the file's entry is honoured");
        imported(index, q, fast, true);
        assertEquals(Set.of(), q.withheldInFile(), "an import with follow-ups ends it");
      }
    }
  }

  /**
   * An unchanged re-import without follow-ups that lands between the refiner's write and its
   * listener keeps the refined labels: it records its choice all the same, and the listener opens
   * nothing (it removed the entry as not refinable, and the refinement then opened one).
   */
  @Test
  void anUnchangedReimportWithoutFollowupsJustAfterTheRefinersWriteOpensNothing() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY);
        FollowupQueue q = queue(FollowupQueue.matcher(index))) {
      AnalyzedResponse fast = importedWithoutFollowupsAndRefined(index, q);
      AnalyzedResponse refined = labelled("r1", Polarity.NEGATIVE, ScoringStage.CASCADE);
      imported(index, q, refined, false); // the nightly export again, unchanged
      q.onRefined(List.of(fast), List.of(refined)); // the refiner's listener, late
      assertEquals(0, q.size(), "both imports asked for no follow-ups");
    }
  }

  /** An import without follow-ups that lands while the refinement asks the index gets none. */
  @Test
  void anImportWithoutFollowupsWhileTheRefinementAsksTheIndexOpensNothing() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      FollowupQueue[] queue = new FollowupQueue[1];
      AnalyzedResponse refined = labelled("r1", Polarity.NEGATIVE, ScoringStage.CASCADE);
      AtomicBoolean importNow = new AtomicBoolean();
      FollowupQueue.ResponseMatcher matcher =
          matcher(
              index,
              importNow,
              () -> imported(index, queue[0], refined, false)); // the nightly export, unchanged
      try (FollowupQueue q = queue(matcher)) {
        queue[0] = q;
        q.setRules(
            List.of(
                rule("neg", FollowupKind.RECOVER, "sentiment", List.of("negative"), true, null)));
        AnalyzedResponse fast = labelled("r1", Polarity.POSITIVE, ScoringStage.FAST);
        imported(index, q, fast, true);
        refinerWrites(index, fast, refined);
        importNow.set(true);
        q.onRefined(List.of(fast), List.of(refined));
        assertEquals(0, q.size(), "the import that landed meanwhile asked for no follow-ups");
      }
    }
  }

  /** The same at an import: a response deleted while the import asks the index gets none. */
  @Test
  void aResponseDeletedWhileAnImportAsksTheIndexOpensNothing() throws Exception {
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      FollowupQueue[] queue = new FollowupQueue[1];
      FollowupQueue.ResponseMatcher matcher =
          (filter, ids) -> {
            var found = index.matchingIds(filter, ids);
            if (ids.contains("r1") && index.delete("r1")) {
              queue[0].eraseResponse("r1"); // DELETE /responses/r1 meanwhile
            }
            return found;
          };
      try (FollowupQueue q = queue(matcher)) {
        queue[0] = q;
        q.setRules(
            List.of(
                rule("neg", FollowupKind.RECOVER, "sentiment", List.of("negative"), true, null)));
        AnalyzedResponse r1 = labelled("r1", Polarity.NEGATIVE, ScoringStage.CASCADE);
        AnalyzedResponse r2 = labelled("r2", Polarity.NEGATIVE, ScoringStage.CASCADE);
        index.upsert(List.of(r1, r2));
        q.onImported(List.of(r1, r2), true);
        assertEquals(List.of("r2"), q.all().stream().map(Followup::responseId).toList());
      }
    }
  }
}
