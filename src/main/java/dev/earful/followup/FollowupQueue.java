package dev.earful.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.PersonalData;
import dev.earful.domain.Response;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import dev.earful.store.AtomicFiles;
import dev.earful.store.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The follow-up queue: opens follow-ups for the responses of an import that its rules select, and
 * keeps their status, assignee, notes, due date and history. Every change is in the journal ({@code
 * <data>/followups.jsonl}, see {@link Journal}) before the call returns, so an answer sent after it
 * survives a SIGKILL. One follow-up per response and kind: a re-import of the same response finds
 * the one it opened and opens none. The rules live in {@code <data>/followup-rules.json}.
 *
 * <p>All state is in memory (a follow-up is a few hundred bytes; a queue of 100,000 is tens of
 * megabytes); the journal is replayed at start, the last line of an id winning, and compacted when
 * it holds more than twice the live follow-ups. Thread-safe: one lock for state and journal, so the
 * journal's order is the order of the changes.
 */
public final class FollowupQueue implements PersonalData, AutoCloseable {

  public static final String JOURNAL = "followups.jsonl";
  public static final String RULES = "followup-rules.json";
  static final int EXCERPT = 280;

  /** The import answer's count of follow-ups opened (see {@link #onImported}). */
  public static final String OPENED = "followups.opened";

  /** The import answer's count of responses too old for their rule (see {@link #onImported}). */
  public static final String TOO_OLD = "followups.tooOld";

  /**
   * The import answer's count of follow-ups not opened because the import asked for none (see
   * {@link #onImported}).
   */
  public static final String WITHHELD = "followups.withheld";

  /**
   * Which of some responses a filter selects: the index's {@link ResponseIndex#matchingIds}, the
   * queue's one question to it.
   */
  @FunctionalInterface
  public interface ResponseMatcher {
    Set<String> matchingIds(Filter filter, Collection<String> responseIds);
  }

  private final Path dataDir;
  private final ResponseMatcher index;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final FollowupCodec codec;
  private final Journal journal;
  private final Map<String, Followup> byId = new LinkedHashMap<>();
  private final Map<String, String> idByKey = new HashMap<>();
  private volatile List<FollowupRule> rules;

  private FollowupQueue(
      Path dataDir, ResponseMatcher index, Clock clock, ObjectMapper mapper, Journal journal) {
    this.dataDir = dataDir;
    this.index = index;
    this.clock = clock;
    this.mapper = mapper;
    this.codec = new FollowupCodec(mapper);
    this.journal = journal;
  }

  /** Opens the queue of a data folder, replaying its journal and reading its rules. */
  public static FollowupQueue open(
      Path dataDir, ResponseIndex index, Clock clock, ObjectMapper mapper) {
    return open(dataDir, index::matchingIds, clock, mapper);
  }

  /** {@link #open(Path, ResponseIndex, Clock, ObjectMapper)} asking {@code index} its filters. */
  public static FollowupQueue open(
      Path dataDir, ResponseMatcher index, Clock clock, ObjectMapper mapper) {
    Journal.Opened opened = Journal.open(dataDir.resolve(JOURNAL));
    FollowupQueue q = new FollowupQueue(dataDir, index, clock, mapper, opened.journal());
    for (String line : opened.lines()) {
      Followup f = q.codec.parse(line);
      q.byId.put(f.id(), f);
      q.idByKey.put(f.key(), f.id());
    }
    q.rules = q.readRules();
    if (opened.lines().size() > 2 * q.byId.size() + 1000) {
      q.compact();
    }
    return q;
  }

  // ------------------------------------------------------------------ rules

  public List<FollowupRule> rules() {
    return rules;
  }

  /** Replaces the rules (validated by {@link FollowupRules#parse}); durable on return. */
  public synchronized void setRules(List<FollowupRule> newRules) {
    Path file = dataDir.resolve(RULES);
    try {
      AtomicFiles.write(
          file,
          mapper
              .writerWithDefaultPrettyPrinter()
              .writeValueAsBytes(newRules.stream().map(FollowupRules::toMap).toList()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    rules = List.copyOf(newRules);
  }

  private List<FollowupRule> readRules() {
    Path file = dataDir.resolve(RULES);
    if (!Files.exists(file)) {
      return List.of(FollowupRule.defaultRecover());
    }
    try {
      JsonNode node = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return List.copyOf(FollowupRules.parse(node));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (dev.earful.search.InvalidRequestException e) {
      throw new IllegalStateException(file + " is not valid: " + e.errors(), e);
    }
  }

  // ------------------------------------------------------------------ opening

  /**
   * Opens the follow-ups that the rules ask for among {@code batch} (just written to the index),
   * one per response and kind, the first matching rule of a kind deciding; durable on return. A
   * rule does not match a response submitted more than its {@link FollowupRule#maxAgeDays} before
   * now (the import), so a later rule of the same kind may.
   *
   * <p>When the import asked for no follow-ups ({@code open} false, {@code --no-followups}) nothing
   * opens and nothing is stored, so a later import of the same responses opens theirs as if they
   * were new to the queue; the rules still run, to count what they would have opened.
   *
   * @return what it did, for the import's answer: {@code followups.opened}, and {@code
   *     followups.tooOld}, the responses a rule's filter selected that opened none of that kind
   *     because they were older than its {@code maxAgeDays}; when the import asked for none, {@code
   *     followups.withheld}, what would have opened (present even when 0, so the answer says why)
   */
  public Map<String, Long> onImported(List<AnalyzedResponse> batch, boolean open) {
    Map<String, Long> did = new LinkedHashMap<>();
    did.put(OPENED, 0L);
    did.put(TOO_OLD, 0L);
    if (!open) {
      did.put(WITHHELD, 0L);
    }
    if (batch.isEmpty()) {
      return did;
    }
    Map<String, Response> responses = new LinkedHashMap<>();
    for (AnalyzedResponse r : batch) {
      responses.put(r.response().id(), r.response());
    }
    // Which rule matches which id, asked of the index outside the lock: the costly part.
    List<Map.Entry<FollowupRule, Set<String>>> matches = new ArrayList<>();
    for (FollowupRule rule : rules) {
      if (rule.enabled()) {
        List<String> candidates = new ArrayList<>();
        for (String id : responses.keySet()) {
          if (!idByKeyContains(Followup.key(id, rule.kind()))) {
            candidates.add(id);
          }
        }
        if (!candidates.isEmpty()) {
          matches.add(Map.entry(rule, index.matchingIds(rule.filter(), candidates)));
        }
      }
    }
    List<Followup> opened = new ArrayList<>();
    Set<String> decided = new HashSet<>(); // the keys opened (or withheld) by this batch
    Set<String> tooOld = new LinkedHashSet<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (Map.Entry<FollowupRule, Set<String>> m : matches) {
        FollowupRule rule = m.getKey();
        for (String id : responses.keySet()) {
          String key = Followup.key(id, rule.kind());
          if (!m.getValue().contains(id) || idByKey.containsKey(key) || decided.contains(key)) {
            continue;
          }
          Response r = responses.get(id);
          if (!rule.recentEnough(r.submittedAt(), now)) {
            tooOld.add(key);
            continue;
          }
          Followup f =
              new Followup(
                  idOf(key),
                  id,
                  rule.kind(),
                  rule.id(),
                  FollowupStatus.OPEN,
                  null,
                  BusinessDays.add(now, rule.dueBusinessDays()),
                  now,
                  now,
                  r.metric(),
                  r.score(),
                  r.customer(),
                  r.account(),
                  r.submittedAt(),
                  excerpt(r.comment()),
                  List.of(),
                  List.of(new Followup.Change(now, "rule:" + rule.id(), "status", null, "open")));
          decided.add(key);
          opened.add(f);
        }
      }
      tooOld.removeIf(decided::contains); // a later rule of the kind opened it after all
      if (!open) {
        did.put(WITHHELD, (long) opened.size());
        did.put(TOO_OLD, (long) tooOld.size());
        return did;
      }
      journal.append(codec.lines(opened));
      for (Followup f : opened) {
        idByKey.put(Followup.key(f.responseId(), f.kind()), f.id());
        byId.put(f.id(), f);
      }
    }
    did.put(OPENED, (long) opened.size());
    did.put(TOO_OLD, (long) tooOld.size());
    return did;
  }

  private synchronized boolean idByKeyContains(String key) {
    return idByKey.containsKey(key);
  }

  /** A stable id from the key: the same response and kind always get the same id. */
  static String idOf(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "fu-" + HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String excerpt(String comment) {
    if (comment.length() <= EXCERPT) {
      return comment;
    }
    return comment.substring(0, EXCERPT - 1) + "…";
  }

  // ------------------------------------------------------------------ reading and changing

  public synchronized Optional<Followup> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every follow-up in the queue's order ({@link #QUEUE_ORDER}). */
  public synchronized List<Followup> all() {
    List<Followup> out = new ArrayList<>(byId.values());
    out.sort(QUEUE_ORDER);
    return out;
  }

  /**
   * The queue's order: overdue first, then pending by due time, then the rest; at the same due time
   * the most recent response first. One import opens its follow-ups due at one instant (the trial's
   * 419 open follow-ups shared one due time), and by id alone they came in no order a person could
   * follow: a detractor of yesterday sat below one of four weeks ago, whose experience is the least
   * fresh to recover. The order of {@link QueuePosition#ORDER}, which needs no clock: the overdue
   * are the pending whose due time has passed.
   */
  public static final Comparator<Followup> QUEUE_ORDER =
      Comparator.comparing(QueuePosition::of, QueuePosition.ORDER);

  public Instant now() {
    return clock.instant();
  }

  /**
   * The follow-ups {@code query} matches at {@code now}, in the queue's order: its own conditions
   * on the follow-up, and its response filter ({@link FollowupQuery#responses}) asked of the index,
   * the one definition of every filter (as the rules ask it): a follow-up is kept when its response
   * matches.
   */
  public List<Followup> select(FollowupQuery query, Instant now) {
    Matched responses = matchingResponses(query);
    return all().stream()
        .filter(f -> query.matches(f, now))
        .filter(f -> responses == null || responses.matching().contains(f.responseId()))
        .toList();
  }

  /** The responses asked of the index and those of them that matched the filter. */
  private record Matched(Set<String> asked, Set<String> matching) {}

  /**
   * The ids of the queue's responses that match the query's response filter, asked of the index
   * outside the lock (a read that may wait on a refresh); null when the query has no response
   * filter.
   */
  private Matched matchingResponses(FollowupQuery query) {
    if (query.responses().isAll()) {
      return null;
    }
    Set<String> ids = new HashSet<>();
    synchronized (this) {
      for (Followup f : byId.values()) {
        ids.add(f.responseId());
      }
    }
    return new Matched(ids, new HashSet<>(index.matchingIds(query.responses(), ids)));
  }

  /**
   * Applies a change, records it in the history with {@code by} and the time; durable on return.
   *
   * @return the follow-up after the change, or empty when the id is unknown
   */
  public Optional<Followup> update(String id, FollowupPatch patch, String by) {
    synchronized (this) {
      Followup f = byId.get(id);
      if (f == null) {
        return Optional.empty();
      }
      Followup next = changed(f, patch, by, clock.instant());
      if (next == null) {
        return Optional.of(f); // nothing changed: nothing to write
      }
      journal.append(List.of(codec.line(next)));
      byId.put(id, next);
      return Optional.of(next);
    }
  }

  /**
   * What a bulk change did: how many follow-ups matched its filter and how many it changed; {@code
   * applied} false when the count the caller confirmed was not the count matched, and nothing
   * changed.
   */
  public record BulkResult(int matched, int changed, boolean applied) {}

  /**
   * {@link #updateAll(FollowupQuery, FollowupPatch, String, Integer)} without a confirmed count.
   */
  public BulkResult updateAll(FollowupQuery query, FollowupPatch patch, String by) {
    return updateAll(query, patch, by, null);
  }

  /**
   * Applies one change to every follow-up that {@code query} matches now, each with its own history
   * entry ({@code by}, one time for the batch), as {@link #update} would one by one; a follow-up
   * the change leaves as it was is matched but not changed and not written. The changed follow-ups
   * go to the journal in one append (one {@code force}), so a backlog of thousands costs one sync,
   * and a SIGKILL before the answer keeps all, some or none of its lines (a torn last line is
   * dropped). Paging ({@code after}, {@code limit}) of the query is ignored: the change is for the
   * whole filtered queue.
   *
   * @param expected the number of follow-ups the caller showed and had confirmed ("close 2,407
   *     follow-ups?"), or null; when the filter matches another number now (an import opened more
   *     since, one fell overdue), nothing changes and the result says so, under the same lock as
   *     the change, so no write can come between the count and the change
   */
  public BulkResult updateAll(
      FollowupQuery query, FollowupPatch patch, String by, Integer expected) {
    // The responses its response filter selects, asked of the index just before the lock.
    Matched asked = matchingResponses(query);
    synchronized (this) {
      Instant now = clock.instant();
      Set<String> responses = asked == null ? null : asked.matching();
      if (asked != null) {
        // A follow-up opened since that question (an import between it and the lock) is asked
        // now, under the lock, so the count and the change cover the same follow-ups: left out,
        // it was neither counted nor changed, and an expected count passed without it. Only
        // those few are asked here; the index read takes no lock of the queue.
        List<String> since = new ArrayList<>();
        for (Followup f : byId.values()) {
          if (!asked.asked().contains(f.responseId())) {
            since.add(f.responseId());
          }
        }
        if (!since.isEmpty()) {
          responses.addAll(index.matchingIds(query.responses(), since));
        }
      }
      List<Followup> matching = new ArrayList<>();
      for (Followup f : byId.values()) {
        if (query.matches(f, now) && (responses == null || responses.contains(f.responseId()))) {
          matching.add(f);
        }
      }
      if (expected != null && expected != matching.size()) {
        return new BulkResult(matching.size(), 0, false);
      }
      List<Followup> changed = new ArrayList<>();
      for (Followup f : matching) {
        Followup next = changed(f, patch, by, now);
        if (next != null) {
          changed.add(next);
        }
      }
      if (!changed.isEmpty()) {
        journal.append(codec.lines(changed));
        for (Followup next : changed) {
          byId.put(next.id(), next);
        }
      }
      return new BulkResult(matching.size(), changed.size(), true);
    }
  }

  /** {@code f} after {@code patch} with its history, or null when the patch changes nothing. */
  private static Followup changed(Followup f, FollowupPatch patch, String by, Instant now) {
    List<Followup.Change> history = new ArrayList<>(f.history());
    List<Followup.Note> notes = new ArrayList<>(f.notes());
    FollowupStatus status = f.status();
    String assignee = f.assignee();
    Instant due = f.due();
    if (patch.status() != null && patch.status() != status) {
      history.add(
          new Followup.Change(now, by, "status", status.wireName(), patch.status().wireName()));
      status = patch.status();
    }
    if (patch.assigneeSet() && !java.util.Objects.equals(patch.assignee(), assignee)) {
      history.add(new Followup.Change(now, by, "assignee", assignee, patch.assignee()));
      assignee = patch.assignee();
    }
    if (patch.due() != null && !patch.due().equals(due)) {
      history.add(new Followup.Change(now, by, "due", due.toString(), patch.due().toString()));
      due = patch.due();
    }
    if (patch.note() != null) {
      notes.add(new Followup.Note(now, by, patch.note()));
      history.add(new Followup.Change(now, by, "note", null, patch.note()));
    }
    if (history.size() == f.history().size()) {
      return null;
    }
    return new Followup(
        f.id(),
        f.responseId(),
        f.kind(),
        f.ruleId(),
        status,
        assignee,
        due,
        f.createdAt(),
        now,
        f.metric(),
        f.score(),
        f.customer(),
        f.account(),
        f.submittedAt(),
        f.excerpt(),
        notes,
        history);
  }

  // ------------------------------------------------------------------ erasure

  @Override
  public String kind() {
    return "followups";
  }

  /** Removes the customer's follow-ups and rewrites the journal, so no line of them is left. */
  @Override
  public synchronized int eraseCustomer(String customer) {
    return erase(f -> customer.equals(f.customer()));
  }

  @Override
  public synchronized int eraseResponse(String responseId) {
    return erase(f -> responseId.equals(f.responseId()));
  }

  /** Drops the follow-ups that match and rewrites the journal without them. Holds the lock. */
  private synchronized int erase(java.util.function.Predicate<Followup> matches) {
    List<String> gone = new ArrayList<>();
    for (Followup f : byId.values()) {
      if (matches.test(f)) {
        gone.add(f.id());
      }
    }
    if (gone.isEmpty()) {
      return 0;
    }
    for (String id : gone) {
      Followup f = byId.remove(id);
      idByKey.remove(f.key());
    }
    compact();
    return gone.size();
  }

  /** Rewrites the journal with one line per live follow-up. Holds the lock. */
  private synchronized void compact() {
    journal.rewrite(byId.values().stream().map(codec::line).toList());
  }

  public synchronized int size() {
    return byId.size();
  }

  @Override
  public void close() {
    journal.close();
  }
}
