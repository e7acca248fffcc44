package dev.earful.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.Sentiment;
import dev.earful.domain.ThemeCatalog;
import dev.earful.schedule.MovableClock;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of the follow-up queue is read at the instant of its copy of the queue (review R1 of
 * session 23): a follow-up closed while the list asks the index for its response filter (here, a
 * person closing it as the refinement or another request would) is in the page's copy as closed, so
 * the cursor must not rebuild it as open, or it is listed on no page.
 */
class FollowupPagesReadTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  @TempDir Path data;

  private static AnalyzedResponse detractor(String id, Instant submitted) {
    return new AnalyzedResponse(
        new Response(id, Metric.NPS, 2, "Slow.", submitted, Map.of()),
        new Analysis(List.of(), new Sentiment(Polarity.NEGATIVE, -0.8, 0.9), "en"));
  }

  @Test
  void aRowClosedWhileAPageAsksTheIndexIsListedOnALaterPage() throws Exception {
    MovableClock clock = new MovableClock(T0);
    try (ResponseIndex index = ResponseIndex.open(data, ThemeCatalog.EMPTY)) {
      FollowupQueue[] queue = new FollowupQueue[1];
      AtomicBoolean closeNow = new AtomicBoolean();
      String[] toClose = new String[1];
      FollowupQueue.ResponseMatcher matcher =
          new FollowupQueue.ResponseMatcher() {
            @Override
            public Set<String> matchingIds(Filter filter, Collection<String> ids) {
              Set<String> found = index.matchingIds(filter, ids);
              if (closeNow.compareAndSet(true, false)) {
                clock.set(clock.instant().plus(Duration.ofMillis(5)));
                queue[0].update(
                    toClose[0],
                    new FollowupPatch(FollowupStatus.RESOLVED, false, null, null, null),
                    "sam");
              }
              return found;
            }
          };
      try (FollowupQueue q = FollowupQueue.open(data, matcher, clock, new ObjectMapper())) {
        queue[0] = q;
        // a, y, z due in that order (one import each, an hour apart)
        for (String id : List.of("a", "y", "z")) {
          AnalyzedResponse r = detractor(id, clock.instant().minusSeconds(60));
          index.upsert(List.of(r));
          q.onImported(List.of(r), true);
          clock.set(clock.instant().plus(Duration.ofHours(1)));
        }
        Map<String, List<String>> every =
            Map.of(
                "status", List.of("open,contacted,resolved,no_action"),
                "q", List.of("slow"),
                "limit", List.of("2"));
        toClose[0] =
            q.all().stream().filter(f -> f.responseId().equals("y")).findFirst().get().id();
        closeNow.set(true); // y is closed while page 1 asks the index for q=slow
        List<String> shown = new ArrayList<>();
        String cursor = null;
        do {
          Map<String, List<String>> params = new java.util.HashMap<>(every);
          if (cursor != null) {
            params.put("cursor", List.of(cursor));
          }
          FollowupQuery query = FollowupQuery.parse(params);
          FollowupQueue.Listed listed = q.listed(query);
          Map<String, Object> page = query.page(listed.rows(), listed.readAt());
          for (Object f : (List<?>) page.get("followups")) {
            shown.add((String) ((Map<?, ?>) f).get("responseId"));
          }
          cursor = (String) page.get("nextCursor");
          clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        } while (cursor != null);
        assertEquals(List.of("a", "z", "y"), shown);
      }
    }
  }
}
