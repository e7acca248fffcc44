package dev.earful.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.PersonalData;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.ScoringStage;
import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.InvalidRequestException;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

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

  /**
   * Before session 23: the responses whose latest import asked for no follow-ups, one {@code
   * {"id":..,"withheld":true|false}} line per change (the last of an id wins). The index now stores
   * that choice with each response ({@code Schema.FOLLOWUPS_WITHHELD}), so no import adds to the
   * file and its set any more (they grew with every such import: review R12 of session 22). A
   * folder's file is still honoured and only shrinks (an import with follow-ups, a deletion or an
   * erasure removes an entry); the next stored-format upgrade moves its ids into the index and
   * removes it ({@link #withheldMoved}).
   */
  public static final String WITHHELD_JOURNAL = "followups-withheld.jsonl";

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

  /** The import answer's count of follow-ups closed as no rule selects their responses now. */
  public static final String CLOSED = "followups.closed";

  /** The import answer's count of follow-ups Earful closed and a rule selects again. */
  public static final String REOPENED = "followups.reopened";

  /**
   * The import answer's count of pending follow-ups that no rule selects now but that a person has
   * worked on, so the import left them as they are.
   */
  public static final String KEPT_WORKED_ON = "followups.keptWorkedOn";

  /** Who closes or reopens a follow-up at an import, in its history. */
  static final String IMPORT_BY = "import";

  /** Who closes a follow-up when the sentiment is refined, in its history. */
  static final String REFINEMENT_BY = "refinement";

  /**
   * Which of some responses a filter selects: the index's {@link ResponseIndex#matchingIds}, the
   * queue's one question to it.
   */
  @FunctionalInterface
  public interface ResponseMatcher {
    Set<String> matchingIds(Filter filter, Collection<String> responseIds);

    /**
     * Which of {@code responseIds} their latest import stored asking for no follow-ups ({@link
     * ResponseIndex#withheldIds}); none for a matcher that does not know.
     */
    default Set<String> withheldIds(Collection<String> responseIds) {
      return Set.of();
    }

    /**
     * {@link #matchingIds} for a rule's stored filter, whose themes may have been deleted since
     * ({@link ResponseIndex#matchingIdsOfRule}); as a request's for a matcher that does not know.
     */
    default Set<String> matchingIdsOfRule(Filter filter, Collection<String> responseIds) {
      return matchingIds(filter, responseIds);
    }
  }

  private final Path dataDir;
  private final ResponseMatcher index;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final FollowupCodec codec;
  private final Journal journal;
  private final Map<String, Followup> byId = new LinkedHashMap<>();

  /**
   * The follow-ups of {@link #byId} in the queue's order, kept in it as each is stored or removed
   * (a remove and an add, each of log n), so a listing reads them in order and sorts nothing: the
   * sort of every page was about three quarters of its listing at 100,000 follow-ups (30-40 ms of
   * 45-50, earful-dev bench-followups, session 24).
   */
  private final TreeSet<Followup> inOrder = new TreeSet<>(QUEUE_ORDER);

  private final Map<String, String> idByKey = new HashMap<>();

  /**
   * The rows of the listings read, by their conditions but {@code overdue} ({@link
   * FollowupQuery#anyTime}), for listings without a response filter (which the index answers), each
   * with the number of stores it reflects: every page filtered the whole queue again
   * (bench-followups, 100,000 follow-ups: 15-55 ms a page on the shared box). The overdue rows are
   * the first of a listing ({@link FollowupQuery#overdue}), so the rows of {@code overdue=true} and
   * {@code false} are a cut of them at the read's instant. A listing behind by at most {@link
   * #STORES_KEPT} stores is brought up to date from {@link #stores}; at most {@link #LISTINGS_KEPT}
   * listings.
   */
  private final Map<FollowupQuery, Kept> listings = new HashMap<>();

  /** A kept listing's rows (never changed once handed out) and {@link #storeCount} then. */
  private record Kept(List<Followup> rows, long stores) {}

  static final int LISTINGS_KEPT = 8;

  /** Rows stored (opened or changed) or erased since the queue opened. */
  private long storeCount;

  /**
   * The last stores, oldest first, as {@code {was, now}} ({@code was} null for an opening, {@code
   * now} null for an erasure): store number {@code storeCount - stores.size() + i + 1} is {@code
   * stores.get(i)}. At most {@link #STORES_KEPT}; none while no listing is kept.
   */
  private final ArrayDeque<Followup[]> stores = new ArrayDeque<>();

  static final int STORES_KEPT = 256;

  /** See {@link #WITHHELD_JOURNAL}; the journal is opened when first written to. */
  private final Set<String> withheld = new HashSet<>();

  private Journal withheldJournal;

  /**
   * The change log by time: each follow-up of {@link #byId} at the latest instant it was opened or
   * changed at ({@link #touchedAt}), kept as each is stored or removed, so a page finds the rows
   * changed since an earlier page's read without reading the others ({@link Listed#changed}).
   */
  private final TreeSet<Touch> touched = new TreeSet<>(Touch.ORDER);

  /** A follow-up's latest opening or change, as the change log keeps it. */
  private record Touch(Instant at, String id) {
    /** By time, then id; a null id sorts after every id of its instant. */
    static final Comparator<Touch> ORDER =
        Comparator.comparing(Touch::at)
            .thenComparing(Touch::id, Comparator.nullsLast(Comparator.naturalOrder()));

    static Touch of(Followup f) {
      return new Touch(touchedAt(f), f.id());
    }
  }

  /**
   * The latest instant a change was stamped at (or, at the start, the latest a replayed follow-up
   * was opened or changed at) and the latest a listing was read at; see {@link #changeStamp}.
   */
  private Instant lastChange = Instant.MIN;

  private Instant lastRead = Instant.MIN;

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
    return open(dataDir, matcher(index), clock, mapper);
  }

  /** The index's two answers the queue asks for. */
  public static ResponseMatcher matcher(ResponseIndex index) {
    return new ResponseMatcher() {
      @Override
      public Set<String> matchingIds(Filter filter, Collection<String> responseIds) {
        return index.matchingIds(filter, responseIds);
      }

      @Override
      public Set<String> withheldIds(Collection<String> responseIds) {
        return index.withheldIds(responseIds);
      }

      @Override
      public Set<String> matchingIdsOfRule(Filter filter, Collection<String> responseIds) {
        return index.matchingIdsOfRule(filter, responseIds);
      }
    };
  }

  /** {@link #open(Path, ResponseIndex, Clock, ObjectMapper)} asking {@code index} its filters. */
  public static FollowupQueue open(
      Path dataDir, ResponseMatcher index, Clock clock, ObjectMapper mapper) {
    Journal.Opened opened = Journal.open(dataDir.resolve(JOURNAL));
    FollowupQueue q = new FollowupQueue(dataDir, index, clock, mapper, opened.journal());
    for (String line : opened.lines()) {
      Followup f = q.codec.parse(line);
      q.put(f);
      q.idByKey.put(f.key(), f.id());
    }
    q.rules = q.readRules();
    if (opened.lines().size() > 2 * q.byId.size() + 1000) {
      q.compact();
    }
    Path withheldFile = dataDir.resolve(WITHHELD_JOURNAL);
    if (Files.exists(withheldFile)) {
      Journal.Opened w = Journal.open(withheldFile);
      q.withheldJournal = w.journal();
      for (String line : w.lines()) {
        q.replayWithheld(line);
      }
      if (w.lines().size() > 2 * q.withheld.size() + 1000) {
        q.compactWithheld();
      }
    }
    return q;
  }

  private void replayWithheld(String line) {
    try {
      JsonNode n = mapper.readTree(line);
      if (n.path("withheld").asBoolean()) {
        withheld.add(n.path("id").asText());
      } else {
        withheld.remove(n.path("id").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a line of " + WITHHELD_JOURNAL, e);
    }
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
    } catch (InvalidRequestException e) {
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
   * <p>A response the queue already has a follow-up for, which the import changes in a field a rule
   * can read (metric, score, comment, segments, customer, account: {@link #decidedOn}; an unchanged
   * re-send decides nothing again), is decided again as it now stands, for the follow-ups Earful
   * alone has written ({@link #earfulsOwn}: opened by a rule, closed or reopened by an import or
   * the refinement, no assignee, no note or change by a person):
   *
   * <ul>
   *   <li>a pending one is closed ({@code no_action}, by {@code import}, a note saying why) when
   *       the rule that opened it, as it stands and enabled or not, no longer selects the response
   *       and no enabled rule of its kind does: the correction took the response out of what opened
   *       it. Closed, not removed: its history keeps that it was opened and why it went, for
   *       whoever saw it in the queue. One whose rule was removed since is left as it is;
   *   <li>one Earful closed is reopened (by the selecting rule, due as a new one) when an enabled
   *       rule of its kind selects the response again and it is recent enough for that rule.
   * </ul>
   *
   * <p>A rule on sentiment decides here on the labels the import stored (the fast model's, for a
   * changed comment), as it does when it opens; {@link #onRefined} decides again on the cascade's.
   * Every follow-up of a changed response gets the new copy of its score, metric and comment
   * excerpt, a {@code score} entry in its history when the score or metric moved. A follow-up a
   * person has worked on keeps its status, assignee, due time and notes: one the import would have
   * closed gets a note saying why, and is counted ({@code followups.keptWorkedOn}).
   *
   * <p>When the import asked for no follow-ups ({@code open} false, {@code --no-followups}) nothing
   * opens and nothing is stored, so a later import of the same responses opens theirs as if they
   * were new to the queue; the rules still run, to count what they would have opened. The
   * follow-ups such an import's responses already have stay as they are.
   *
   * @return what it did, for the import's answer: {@code followups.opened}, and {@code
   *     followups.tooOld}, the responses a rule's filter selected that opened none of that kind
   *     because they were older than its {@code maxAgeDays}; when the import asked for none, {@code
   *     followups.withheld}, what would have opened (present even when 0, so the answer says why);
   *     {@code followups.closed}, {@code followups.reopened} and {@code followups.keptWorkedOn},
   *     present when not 0
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
    Map<String, AnalyzedResponse> batchById = new HashMap<>();
    for (AnalyzedResponse r : batch) {
      responses.put(r.response().id(), r.response());
      batchById.put(r.response().id(), r);
    }
    // The follow-ups the batch's responses have already, to decide again (see above).
    Map<FollowupKind, List<String>> revisit = open ? revisited(responses) : Map.of();
    // Which rule matches which id, asked of the index outside the lock: the costly part. A rule
    // that is off is asked only about the follow-ups it may have opened.
    Map<FollowupRule, Set<String>> selects = new LinkedHashMap<>();
    for (FollowupRule rule : rules) {
      List<String> candidates = new ArrayList<>();
      if (rule.enabled()) {
        for (String id : responses.keySet()) {
          if (!idByKeyContains(Followup.key(id, rule.kind()))) {
            candidates.add(id);
          }
        }
      }
      candidates.addAll(revisit.getOrDefault(rule.kind(), List.of()));
      if (!candidates.isEmpty()) {
        selects.put(rule, index.matchingIdsOfRule(rule.filter(), candidates));
      }
    }
    List<Map.Entry<FollowupRule, Set<String>>> matches = new ArrayList<>();
    for (Map.Entry<FollowupRule, Set<String>> m : selects.entrySet()) {
      if (m.getKey().enabled()) {
        matches.add(m);
      }
    }
    List<Followup> opened = new ArrayList<>();
    Set<String> decided = new HashSet<>(); // the keys opened (or withheld) by this batch
    Set<String> tooOld = new LinkedHashSet<>();
    synchronized (this) {
      Instant now = changeStamp();
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
              opened(rule, r, now, opening(now, rule, batchById.get(id).analysis().stage(), false));
          decided.add(key);
          opened.add(f);
        }
      }
      tooOld.removeIf(decided::contains); // a later rule of the kind opened it after all
      noteWithheld(batch, open);
      if (!open) {
        did.put(WITHHELD, (long) opened.size());
        did.put(TOO_OLD, (long) tooOld.size());
        return did;
      }
      Revised revised = revise(revisit, selects, matches, batchById, now, tooOld);
      // A response deleted or erased while the index was asked gets none (as in onRefined).
      if (!opened.isEmpty()) {
        Set<String> stored =
            index.matchingIds(Filter.ALL, opened.stream().map(Followup::responseId).toList());
        opened.removeIf(f -> !stored.contains(f.responseId()));
      }
      journal.append(codec.lines(opened));
      for (Followup f : opened) {
        idByKey.put(Followup.key(f.responseId(), f.kind()), f.id());
        put(f);
      }
      if (!revised.written().isEmpty()) {
        journal.append(codec.lines(revised.written()));
        revised.written().forEach(this::put);
      }
      did.put(OPENED, (long) opened.size());
      did.put(TOO_OLD, (long) tooOld.size());
      putCount(did, CLOSED, revised.closed());
      putCount(did, REOPENED, revised.reopened());
      putCount(did, KEPT_WORKED_ON, revised.keptWorkedOn());
    }
    return did;
  }

  private static void putCount(Map<String, Long> did, String name, long n) {
    if (n > 0) {
      did.put(name, n);
    }
  }

  /** The note of a follow-up an import closes (see {@link #onImported}). */
  static final String IMPORT_CLOSED_NOTE =
      "Closed by an import: the response now reads %s, and neither the rule '%s' that opened this"
          + " follow-up nor any enabled %s rule selects it. Nobody had worked on it.";

  /** The note an import leaves on a follow-up a person works on that it would have closed. */
  static final String IMPORT_KEPT_NOTE =
      "An import changed this response: it now reads %s, and neither the rule '%s' that opened"
          + " this follow-up nor any enabled %s rule selects it. Left as it is because someone has"
          + " worked on it.";

  /** The note of a follow-up an import reopens. */
  static final String IMPORT_REOPENED_NOTE =
      "Reopened by an import: the response now reads %s, which the rule '%s' selects.";

  /**
   * Of the batch's responses, those with a follow-up of a kind whose response the import changes
   * ({@link #copyDiffers}): only a response that changed is decided again, so an unchanged re-send
   * (an integration's nightly sync) after a rule was narrowed closes nothing that rule opened
   * (review R2 of session 26); the rules as edited apply to responses that change.
   */
  private synchronized Map<FollowupKind, List<String>> revisited(Map<String, Response> responses) {
    Map<FollowupKind, List<String>> out = new LinkedHashMap<>();
    for (Response r : responses.values()) {
      for (FollowupKind kind : FollowupKind.values()) {
        String fid = idByKey.get(Followup.key(r.id(), kind));
        Followup f = fid == null ? null : byId.get(fid);
        if (f != null && copyDiffers(f, r)) {
          out.computeIfAbsent(kind, k -> new ArrayList<>()).add(r.id());
        }
      }
    }
    return out;
  }

  /**
   * Whether {@code r} differs from the response {@code f} was last decided on ({@link #decidedOn});
   * for a follow-up an older release stored, whether its copy of the metric, score or comment is
   * not {@code r}'s.
   */
  private static boolean copyDiffers(Followup f, Response r) {
    if (f.decidedOn() != null) {
      return !f.decidedOn().equals(decidedOn(r));
    }
    return f.metric() != r.metric()
        || f.score() != r.score()
        || !f.excerpt().equals(excerpt(r.comment()));
  }

  /**
   * A digest of the fields of {@code r} a rule can select on, directly or through what the comment
   * is analysed into (its themes and sentiment): metric, score, comment, segments, customer and
   * account. Not the submitted time: a rule's filter takes no period, and a response sent without
   * one is stamped with each import's time, so every re-send would differ. The id is the key.
   */
  static String decidedOn(Response r) {
    StringBuilder b = new StringBuilder();
    b.append(r.metric().wireName()).append('\u0000').append(r.score()).append('\u0000');
    b.append(r.comment()).append('\u0000');
    for (Map.Entry<String, String> e : new TreeMap<>(r.segments()).entrySet()) {
      b.append(e.getKey()).append('\u0001').append(e.getValue()).append('\u0000');
    }
    b.append(r.customer()).append('\u0000').append(r.account());
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** What an import did to the follow-ups its responses had already. */
  private record Revised(List<Followup> written, long closed, long reopened, long keptWorkedOn) {}

  /**
   * Closes, reopens or counts the follow-ups of {@code revisit} as {@link #onImported} says, from
   * what each rule ({@code selects}) and each enabled one ({@code enabled}, in order) selects now,
   * and brings the copy of the response up to date in each; a reopening too old for its rule is
   * added to {@code tooOld}. Holds the lock.
   */
  private Revised revise(
      Map<FollowupKind, List<String>> revisit,
      Map<FollowupRule, Set<String>> selects,
      List<Map.Entry<FollowupRule, Set<String>>> enabled,
      Map<String, AnalyzedResponse> batch,
      Instant now,
      Set<String> tooOld) {
    List<Followup> written = new ArrayList<>();
    long closed = 0;
    long kept = 0;
    List<Followup> reopened = new ArrayList<>();
    for (Map.Entry<FollowupKind, List<String>> e : revisit.entrySet()) {
      FollowupKind kind = e.getKey();
      for (String id : e.getValue()) {
        String key = Followup.key(id, kind);
        Followup f = byId.get(idByKey.get(key));
        AnalyzedResponse a = batch.get(id);
        if (f == null || !copyDiffers(f, a.response())) {
          continue; // erased while the index was asked, or brought up to date since
        }
        FollowupRule selecting = null;
        for (Map.Entry<FollowupRule, Set<String>> m : enabled) {
          if (m.getKey().kind() == kind && m.getValue().contains(id)) {
            selecting = m.getKey();
            break;
          }
        }
        FollowupRule opener = null;
        for (FollowupRule rule : selects.keySet()) {
          if (rule.id().equals(f.ruleId()) && rule.kind() == kind) {
            opener = rule;
          }
        }
        boolean unwanted =
            f.status().pending()
                && selecting == null
                && opener != null // a rule removed since: nothing says why it opened
                && !selects.get(opener).contains(id);
        Response r = a.response();
        if (unwanted && earfulsOwn(f)) {
          String note =
              String.format(
                  Locale.ROOT,
                  IMPORT_CLOSED_NOTE,
                  reading(a, opener),
                  opener.id(),
                  kind.wireName());
          written.add(
              rescored(
                  changed(
                      f,
                      new FollowupPatch(FollowupStatus.NO_ACTION, false, null, null, note),
                      IMPORT_BY,
                      now),
                  f,
                  r,
                  f.ruleId(),
                  now));
          closed++;
        } else if (unwanted) {
          // A person's follow-up: its status, assignee, due time and notes stay theirs; the copy
          // of the response moves, and a note tells its owner what the import found.
          String note =
              String.format(
                  Locale.ROOT, IMPORT_KEPT_NOTE, reading(a, opener), opener.id(), kind.wireName());
          written.add(rescored(withNote(f, note, now), f, r, f.ruleId(), now));
          kept++;
        } else if (selecting != null
            && f.status() == FollowupStatus.NO_ACTION
            && earfulsOwn(f)
            && !selecting.recentEnough(r.submittedAt(), now)) {
          tooOld.add(key);
          written.add(rescored(f, f, r, f.ruleId(), now));
        } else if (selecting != null && f.status() == FollowupStatus.NO_ACTION && earfulsOwn(f)) {
          String note =
              String.format(
                  Locale.ROOT, IMPORT_REOPENED_NOTE, reading(a, selecting), selecting.id());
          Instant due = BusinessDays.add(now, selecting.dueBusinessDays());
          reopened.add(
              rescored(
                  changed(
                      f,
                      new FollowupPatch(FollowupStatus.OPEN, false, null, due, note),
                      "rule:" + selecting.id(),
                      now),
                  f,
                  r,
                  selecting.id(),
                  now));
        } else {
          written.add(rescored(f, f, r, f.ruleId(), now)); // decided as before; its copy moves
        }
      }
    }
    // A response deleted or erased while the index was asked is not reopened.
    if (!reopened.isEmpty()) {
      Set<String> stored =
          index.matchingIds(Filter.ALL, reopened.stream().map(Followup::responseId).toList());
      reopened.removeIf(f -> !stored.contains(f.responseId()));
      written.addAll(reopened);
    }
    return new Revised(written, closed, reopened.size(), kept);
  }

  /** {@code f} with a note by the import, its status and everything else as they are. */
  private static Followup withNote(Followup f, String note, Instant now) {
    return changed(f, new FollowupPatch(null, false, null, null, note), IMPORT_BY, now);
  }

  /**
   * "CES 5 (easy)": a response's metric, score and category, as a note names them; with its overall
   * sentiment and the stage that scored it when {@code rule} reads sentiment ("CSAT 4 (satisfied),
   * sentiment negative (fast)"), which is then what it decides on.
   */
  private static String reading(AnalyzedResponse a, FollowupRule rule) {
    Response r = a.response();
    String reading =
        r.metric().wireName().toUpperCase(Locale.ROOT)
            + " "
            + r.score()
            + " ("
            + r.metric().categorize(r.score()).wireName()
            + ")";
    if (readsSentiment(rule)) {
      reading +=
          ", sentiment "
              + a.analysis().sentiment().label().wireName()
              + " ("
              + a.analysis().stage().wireName()
              + ")";
    }
    return reading;
  }

  /**
   * {@code next} (a change of {@code was}) with the metric and score of {@code r} and the rule
   * {@code ruleId}, the score's change in its history when it moved.
   */
  private static Followup rescored(
      Followup next, Followup was, Response r, String ruleId, Instant now) {
    List<Followup.Change> history = new ArrayList<>(next.history());
    if (was.metric() != r.metric() || was.score() != r.score()) {
      history.add(
          new Followup.Change(
              now,
              IMPORT_BY,
              "score",
              was.metric().wireName() + " " + was.score(),
              r.metric().wireName() + " " + r.score()));
    }
    return new Followup(
        next.id(),
        next.responseId(),
        next.kind(),
        ruleId,
        next.status(),
        next.assignee(),
        next.due(),
        next.createdAt(),
        history.size() > next.history().size()
            ? now
            : next.updatedAt(), // moved with the history's score entry
        r.metric(),
        r.score(),
        // the response's customer and account with its text: erasing the corrected customer takes
        // the follow-up (review R12); no history entry, which would keep the old address
        r.customer(),
        r.account(),
        next.submittedAt(),
        excerpt(r.comment()),
        next.notes(),
        history,
        decidedOn(r));
  }

  /**
   * Whether Earful alone has written {@code f}: opened by a rule, closed or reopened by an import
   * or the refinement, and no person has assigned it, noted on it or changed it.
   */
  static boolean earfulsOwn(Followup f) {
    if (f.assignee() != null) {
      return false;
    }
    for (Followup.Note n : f.notes()) {
      if (!earfuls(n.by())) {
        return false;
      }
    }
    for (Followup.Change c : f.history()) {
      if (!earfuls(c.by())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Refuses a change signed with a name Earful signs its own changes with ({@code import}, {@code
   * refinement}, {@code rule:...}): a later import or refinement would take that person's work for
   * Earful's and close or reopen the follow-up over it (review R5 of session 26).
   *
   * @throws InvalidRequestException on field {@code by}
   */
  static void checkPerson(String by) {
    if (earfuls(by)) {
      throw new InvalidRequestException(
          List.of(
              new FieldError(
                  "by",
                  "'"
                      + by
                      + "' is a name Earful signs its own changes with (import, refinement,"
                      + " rule:...): give the name of the person or tool making the change")));
    }
  }

  private static boolean earfuls(String by) {
    return by != null
        && (by.startsWith("rule:") || by.equals(IMPORT_BY) || by.equals(REFINEMENT_BY));
  }

  /** A follow-up {@code rule} opens for {@code r} at {@code now}, its history the opening. */
  private static Followup opened(FollowupRule rule, Response r, Instant now, Followup.Change how) {
    return new Followup(
        idOf(Followup.key(r.id(), rule.kind())),
        r.id(),
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
        List.of(how),
        decidedOn(r));
  }

  /**
   * The opening of a follow-up in its history: {@code by} names the rule, and for a rule that reads
   * sentiment also the labels it was decided on ({@code rule:neg (fast sentiment)} at an import
   * that stored the fast model's, {@code rule:neg (refined sentiment)} when the refinement opened
   * it), so a person can tell why it is there.
   */
  private static Followup.Change opening(
      Instant now, FollowupRule rule, ScoringStage stage, boolean refined) {
    String by = "rule:" + rule.id();
    if (readsSentiment(rule)) {
      by += refined ? " (refined sentiment)" : " (" + stage.wireName() + " sentiment)";
    }
    return new Followup.Change(now, by, "status", null, "open");
  }

  private static boolean readsSentiment(FollowupRule rule) {
    return !rule.filter().sentiments().isEmpty();
  }

  /**
   * Remembers which responses of an import asked for no follow-ups, and forgets those an import
   * with follow-ups sends again: the latest import of a response decides. Whatever the labels'
   * stage: an unchanged re-import keeps the refined labels, and the refiner's listener for the
   * write just before it may not have run yet. Holds the lock.
   */
  private void noteWithheld(List<AnalyzedResponse> batch, boolean open) {
    if (!open || withheld.isEmpty()) {
      return; // the index holds an import's choice now (Schema.FOLLOWUPS_WITHHELD)
    }
    List<String> lines = new ArrayList<>();
    for (AnalyzedResponse r : batch) {
      String id = r.response().id();
      if (withheld.remove(id)) {
        lines.add(withheldLine(id, false));
      }
    }
    appendWithheld(lines);
  }

  /** The ids {@link #WITHHELD_JOURNAL} still holds, for an upgrade to store in the index. */
  public synchronized Set<String> withheldInFile() {
    return Set.copyOf(withheld);
  }

  /** An upgrade stored {@link #withheldInFile} in the index: the file and the set go. */
  public synchronized void withheldMoved() {
    withheld.clear();
    if (withheldJournal != null) {
      withheldJournal.close();
      withheldJournal = null;
    }
    try {
      Files.deleteIfExists(dataDir.resolve(WITHHELD_JOURNAL));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dataDir.resolve(WITHHELD_JOURNAL), e);
    }
  }

  private String withheldLine(String id, boolean isWithheld) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("withheld", isWithheld);
    try {
      return mapper.writeValueAsString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Holds the lock. */
  private void appendWithheld(List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    if (withheldJournal == null) {
      withheldJournal = Journal.open(dataDir.resolve(WITHHELD_JOURNAL)).journal();
    }
    withheldJournal.append(lines);
    if (withheldJournal.lines() > 2L * withheld.size() + 1000) {
      compactWithheld();
    }
  }

  /** Holds the lock. */
  private void compactWithheld() {
    withheldJournal.rewrite(withheld.stream().sorted().map(id -> withheldLine(id, true)).toList());
  }

  /** The note of a follow-up the refinement closes (see {@link #onRefined}). */
  static final String CLOSED_NOTE =
      "Closed when the sentiment was refined: the cascade reads this comment %s (the import's fast"
          + " model read it %s): the rule that opened it selects the fast label and not this one,"
          + " and no enabled %s rule selects it now.";

  /** The note of a follow-up Earful had closed that the refinement reopens. */
  static final String REOPENED_NOTE =
      "Reopened when the sentiment was refined: the cascade reads this comment %s (the import's"
          + " fast model read it %s), which the rule '%s' selects.";

  /** The count of follow-ups the refinement opened (see {@link #onRefined}). */
  public static final String REFINED_OPENED = "followups.openedOnRefined";

  /** The count of follow-ups the refinement closed (see {@link #onRefined}). */
  public static final String REFINED_CLOSED = "followups.closedOnRefined";

  /**
   * Decides the rules that read sentiment again on responses the background refinement re-scored
   * ({@code before.get(i)} as stored by the import, {@code after.get(i)} with the cascade's labels,
   * both written): the queue then holds what an import with the cascade would have opened.
   *
   * <ul>
   *   <li>Only responses whose overall label changed, and only rules whose filter names {@code
   *       sentiment}: a rule on anything else selects what it selected at the import.
   *   <li>A response whose latest import asked for no follow-ups gets none now either.
   *   <li>A follow-up a rule on sentiment should have opened opens now, its history saying {@code
   *       rule:ID (refined sentiment)}; {@code maxAgeDays} counts from now. One that Earful closed
   *       (an import that read the fast labels, an earlier refinement) and nobody has worked on is
   *       reopened the same way, with a note.
   *   <li>A follow-up opened at the import by a rule on sentiment is closed ({@code no_action}, by
   *       {@code refinement}, with a note saying why) when the label change is why it is no longer
   *       wanted: the rule that opened it, as it stands and enabled or not, selects the import's
   *       label and not the cascade's, and no enabled rule of its kind selects it now. Only while
   *       nobody has acted on it: still open and written by Earful alone ({@link #earfulsOwn}: an
   *       import may have reopened it on the fast labels). One a person has acted on is left as it
   *       is, and so is one whose rule was disabled or edited but still selects the new label.
   *   <li>A response deleted or erased while the index is asked gets none (checked again under the
   *       lock).
   * </ul>
   *
   * @return {@code followups.openedOnRefined} and {@code followups.closedOnRefined}
   */
  public Map<String, Long> onRefined(List<AnalyzedResponse> before, List<AnalyzedResponse> after) {
    Map<String, Long> did = new LinkedHashMap<>();
    did.put(REFINED_OPENED, 0L);
    did.put(REFINED_CLOSED, 0L);
    Map<String, AnalyzedResponse> changed = new LinkedHashMap<>();
    Map<String, AnalyzedResponse> was = new HashMap<>();
    for (int i = 0; i < after.size(); i++) {
      AnalyzedResponse a = after.get(i);
      AnalyzedResponse b = before.get(i);
      if (a.analysis().sentiment().label() != b.analysis().sentiment().label()) {
        changed.put(a.response().id(), a);
        was.put(a.response().id(), b);
      }
    }
    // Their latest import asked for none, as the index stores it (or the file of an older folder).
    changed.keySet().removeAll(index.withheldIds(changed.keySet()));
    synchronized (this) {
      changed.keySet().removeIf(withheld::contains);
    }
    List<FollowupRule> now = rules;
    if (changed.isEmpty() || now.stream().noneMatch(FollowupQueue::readsSentiment)) {
      return did;
    }
    // Which rule selects which refined response, asked of the index outside the lock; and, for
    // each rule on sentiment (enabled or not: it may have opened a follow-up before it was
    // disabled), which of them the rest of its filter selects, to tell whether the label change is
    // what moves the response out of it.
    List<Map.Entry<FollowupRule, Set<String>>> matches = new ArrayList<>();
    Map<String, Set<String>> restSelects = new HashMap<>();
    for (FollowupRule rule : now) {
      if (rule.enabled()) {
        matches.add(Map.entry(rule, index.matchingIdsOfRule(rule.filter(), changed.keySet())));
      }
      if (readsSentiment(rule)) {
        restSelects.put(
            rule.id(),
            index.matchingIdsOfRule(rule.filter().withSentiments(Set.of()), changed.keySet()));
      }
    }
    List<Followup> written = new ArrayList<>();
    long opened = 0;
    long closed = 0;
    synchronized (this) {
      Instant at = changeStamp();
      Set<String> selected = new HashSet<>(); // keys an enabled rule of the kind selects now
      Set<String> decided = new HashSet<>(); // keys held or opened, as an import decides them
      List<Followup> toOpen = new ArrayList<>();
      for (Map.Entry<FollowupRule, Set<String>> m : matches) {
        FollowupRule rule = m.getKey();
        for (String id : m.getValue()) {
          String key = Followup.key(id, rule.kind());
          selected.add(key);
          Followup had = byId.get(idByKey.get(key));
          // One Earful closed (an import on the fast labels, or an earlier refinement) is decided
          // again like a new one: a corrected re-import closed what the refinement had opened,
          // and it stayed closed on a response the cascade reads as the rule asks (review R1a).
          boolean reopen =
              had != null && had.status() == FollowupStatus.NO_ACTION && earfulsOwn(had);
          if ((had != null && !reopen) || decided.contains(key) || withheld.contains(id)) {
            continue; // withheld: an import without follow-ups landed while the index was asked
          }
          Response r = changed.get(id).response();
          if (!rule.recentEnough(r.submittedAt(), at)) {
            continue; // a later rule of the kind may open it, as at an import
          }
          // the first selecting rule of a kind decides; one on something else opened it at the
          // import already, or was asked not to
          decided.add(key);
          if (readsSentiment(rule) && reopen) {
            String note =
                String.format(
                    Locale.ROOT,
                    REOPENED_NOTE,
                    changed.get(id).analysis().sentiment().label().wireName(),
                    was.get(id).analysis().sentiment().label().wireName(),
                    rule.id());
            toOpen.add(
                changed(
                    had,
                    new FollowupPatch(
                        FollowupStatus.OPEN,
                        false,
                        null,
                        BusinessDays.add(at, rule.dueBusinessDays()),
                        note),
                    opening(at, rule, ScoringStage.CASCADE, true).by(),
                    at));
          } else if (readsSentiment(rule)) {
            toOpen.add(opened(rule, r, at, opening(at, rule, ScoringStage.CASCADE, true)));
          }
        }
      }
      // A response deleted or erased while the index was asked (the refiner runs in the
      // background) gets none: its deletion has taken the index first, then this lock. Nor does
      // one an import without follow-ups stored meanwhile (written before its listener runs).
      if (!toOpen.isEmpty()) {
        List<String> ids = toOpen.stream().map(Followup::responseId).toList();
        Set<String> stored = new HashSet<>(index.matchingIds(Filter.ALL, ids));
        stored.removeAll(index.withheldIds(ids));
        for (Followup f : toOpen) {
          if (stored.contains(f.responseId())) {
            written.add(f);
            opened++;
          }
        }
      }
      for (String id : changed.keySet()) {
        for (FollowupKind kind : FollowupKind.values()) {
          Followup f = byId.get(idByKey.get(Followup.key(id, kind)));
          // Only while nobody has acted on it: open, and written by Earful alone (opened, or
          // reopened by an import on the fast labels: review R1b, it stayed open for good).
          if (f == null
              || selected.contains(f.key())
              || f.status() != FollowupStatus.OPEN
              || !earfulsOwn(f)) {
            continue;
          }
          FollowupRule rule =
              now.stream().filter(x -> x.id().equals(f.ruleId())).findFirst().orElse(null);
          if (rule == null || !readsSentiment(rule)) {
            continue; // opened by a rule on something else, or one since removed: left as it is
          }
          // Decided on the rule that opened it, as it stands, enabled or not: closed only when it
          // selects the label the import stored and not the cascade's. One that still selects the
          // new label, or never selected the old one (edited since), is not the refinement's to
          // close.
          Polarity old = was.get(id).analysis().sentiment().label();
          Polarity refined = changed.get(id).analysis().sentiment().label();
          Set<Polarity> wanted = rule.filter().sentiments();
          if (!restSelects.get(rule.id()).contains(id)
              || !wanted.contains(old)
              || wanted.contains(refined)) {
            continue;
          }
          String note =
              String.format(
                  Locale.ROOT, CLOSED_NOTE, refined.wireName(), old.wireName(), kind.wireName());
          written.add(
              changed(
                  f,
                  new FollowupPatch(FollowupStatus.NO_ACTION, false, null, null, note),
                  REFINEMENT_BY,
                  at));
          closed++;
        }
      }
      if (!written.isEmpty()) {
        journal.append(codec.lines(written));
        for (Followup f : written) {
          idByKey.put(f.key(), f.id());
          put(f);
        }
      }
    }
    did.put(REFINED_OPENED, opened);
    did.put(REFINED_CLOSED, closed);
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

  /**
   * Keeps {@code f} (new or changed) at its place in the queue's order and in the change log at its
   * latest change.
   */
  private void put(Followup f) {
    Followup was = byId.put(f.id(), f);
    if (was != null) {
      inOrder.remove(was);
      touched.remove(Touch.of(was));
    }
    inOrder.add(f);
    touched.add(Touch.of(f));
    stored(was, f);
    lastChange = latest(lastChange, touchedAt(f));
  }

  /**
   * The instant a change made now is stamped at: the clock's, but never before the last change nor
   * at or before the last listing's read (then the read plus one nanosecond). A page's cursor takes
   * a change stamped at or before its read as seen by it ({@link ShownPages#asOf}), so a change
   * made after a read in the same instant (a clock that did not move, or was stepped back) was
   * taken as seen, and pages skipped and repeated rows (review R5 of session 24). Holds the lock.
   */
  private Instant changeStamp() {
    lastChange = latest(clock.instant(), latest(lastChange, lastRead.plusNanos(1)));
    return lastChange;
  }

  /**
   * The instant a listing read now is read at: the clock's, but never before the last change or
   * read, so every change made before it is at or before it, and every later one after it ({@link
   * #changeStamp}). Holds the lock.
   */
  private Instant readStamp() {
    lastRead = latest(clock.instant(), latest(lastRead, lastChange));
    return lastRead;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * The latest instant {@code f} was opened or changed at (its creation, its last change): what
   * {@link ShownPages#asOf} undoes to rebuild it as of an earlier read is later than that read.
   */
  static Instant touchedAt(Followup f) {
    Instant at = f.createdAt();
    if (!f.history().isEmpty() && f.history().getLast().at().isAfter(at)) {
      at = f.history().getLast().at();
    }
    return at;
  }

  public synchronized Optional<Followup> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every follow-up in the queue's order ({@link #QUEUE_ORDER}). */
  public synchronized List<Followup> all() {
    return new ArrayList<>(inOrder);
  }

  /**
   * The queue's order: overdue first, then pending by due time, then the rest; at the same due time
   * the most recent response first. One import opens its follow-ups due at one instant (the trial's
   * 419 open follow-ups shared one due time), and by id alone they came in no order a person could
   * follow: a detractor of yesterday sat below one of four weeks ago, whose experience is the least
   * fresh to recover. The order of {@link QueuePosition#ORDER}, which needs no clock: the overdue
   * are the pending whose due time has passed.
   */
  public static final Comparator<Followup> QUEUE_ORDER = QueuePosition::compare;

  public Instant now() {
    return clock.instant();
  }

  /**
   * What {@link #listed} read: the rows, and the instant they were read at, taken under the lock
   * with the copy of the queue, so every change the rows hold was stamped at or before it and every
   * later change strictly after it, whatever the clock did ({@link #readStamp}, {@link
   * #changeStamp}, under the same lock); and, from the change log read with them, {@code changed}:
   * the rows opened or changed after {@code changedSince}, the earliest read of the pages the
   * query's cursor carries (null, and none listed, when it carries no read). Every other row stands
   * as it did at each of those reads, so {@link FollowupQuery#page(Listed)} rebuilds only these as
   * of a read.
   */
  public record Listed(
      List<Followup> rows, Instant readAt, Instant changedSince, List<Followup> changed) {}

  /**
   * The follow-ups {@code query} matches, in the queue's order, and the instant they match at: its
   * own conditions on the follow-up, and its response filter ({@link FollowupQuery#responses})
   * asked of the index, the one definition of every filter (as the rules ask it): a follow-up is
   * kept when its response matches. The instant is read with the copy of the queue: a page's cursor
   * rebuilds each row as of that instant ({@link ShownPages}), and an instant read before the copy
   * undid a change the page was cut from (review R1 of session 23: a row closed in between was
   * listed on no page).
   */
  public Listed listed(FollowupQuery query) {
    Matched responses = matchingResponses(query);
    Instant since = query.after() == null ? null : query.after().earliestRead();
    List<Followup> rows;
    List<Followup> changed = new ArrayList<>();
    synchronized (this) {
      Instant at = readStamp();
      if (responses == null) {
        List<Followup> anyTime = listing(query.anyTime());
        int overdue = (int) FollowupQuery.overdue(anyTime, at);
        rows =
            query.overdue() == null
                ? anyTime
                : query.overdue()
                    ? anyTime.subList(0, overdue)
                    : anyTime.subList(overdue, anyTime.size());
      } else {
        rows = new ArrayList<>();
        // read in order and filtered in one pass: no copy of the whole queue to sort or filter
        for (Followup f : inOrder) {
          if (query.matches(f, at) && responses.matching().contains(f.responseId())) {
            rows.add(f);
          }
        }
        rows = Collections.unmodifiableList(rows);
      }
      if (since != null) {
        for (Touch t : touched.tailSet(new Touch(since, null), false)) {
          Followup f = byId.get(t.id());
          if (query.matches(f, at)
              && (responses == null || responses.matching().contains(f.responseId()))) {
            changed.add(f);
          }
        }
      }
      return new Listed(rows, at, since, Collections.unmodifiableList(changed));
    }
  }

  /** Notes a store of {@link #put} or an erasure for the kept listings. Holds the lock. */
  private void stored(Followup was, Followup now) {
    if (was == now) {
      return; // the same row again: nothing moved
    }
    storeCount++;
    if (listings.isEmpty()) {
      stores.clear(); // no listing to bring up to date
      return;
    }
    stores.addLast(new Followup[] {was, now});
    if (stores.size() > STORES_KEPT) {
      stores.removeFirst(); // a listing older than the kept stores is read again
    }
  }

  /**
   * The rows {@code anyTime} (conditions on the follow-up's own fields, none on time) matches, in
   * the queue's order: as kept, brought up to date from the stores since, or read in one pass.
   * Holds the lock.
   */
  private List<Followup> listing(FollowupQuery anyTime) {
    Kept kept = listings.get(anyTime);
    if (kept != null && kept.stores() == storeCount) {
      return kept.rows();
    }
    List<Followup> rows;
    long behind = kept == null ? Long.MAX_VALUE : storeCount - kept.stores();
    if (behind <= stores.size()) {
      rows = since(kept.rows(), anyTime, (int) behind);
    } else {
      List<Followup> read = new ArrayList<>();
      for (Followup f : inOrder) {
        if (anyTime.matches(f, null)) {
          read.add(f);
        }
      }
      rows = Collections.unmodifiableList(read);
    }
    if (kept == null && listings.size() == LISTINGS_KEPT) {
      listings.clear();
    }
    listings.put(anyTime, new Kept(rows, storeCount));
    return rows;
  }

  /**
   * {@code rows}, a listing of {@code anyTime} as it was {@code count} stores ago, brought up to
   * date: every row stored over or erased since leaves, and every row stored since and not stored
   * over again joins at its place when it matches. A row unchanged since keeps its place (the order
   * needs no clock), so each row that leaves or joins is found by a binary search and the rows
   * between are copied, not compared (a merge comparing every row took as long as the pass over the
   * queue). Holds the lock.
   */
  private List<Followup> since(List<Followup> rows, FollowupQuery anyTime, int count) {
    List<Followup[]> recent = new ArrayList<>(stores).subList(stores.size() - count, stores.size());
    Set<Followup> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Integer> leave = new ArrayList<>();
    for (Followup[] s : recent) {
      if (s[0] != null && gone.add(s[0])) {
        int i = Collections.binarySearch(rows, s[0], QUEUE_ORDER);
        if (i >= 0 && rows.get(i) == s[0]) {
          leave.add(i);
        }
      }
    }
    Collections.sort(leave);
    List<Followup> join = new ArrayList<>();
    for (Followup[] s : recent) {
      if (s[1] != null && !gone.contains(s[1]) && anyTime.matches(s[1], null)) {
        join.add(s[1]);
      }
    }
    join.sort(QUEUE_ORDER);
    List<Followup> out = new ArrayList<>(rows.size() + join.size());
    int from = 0;
    int l = 0;
    int j = 0;
    while (l < leave.size() || j < join.size()) {
      int joinAt = Integer.MAX_VALUE;
      if (j < join.size()) {
        int i = Collections.binarySearch(rows, join.get(j), QUEUE_ORDER);
        joinAt = i >= 0 ? i : -i - 1; // an equal place is the row it replaces, which leaves
      }
      if (l == leave.size() || joinAt <= leave.get(l)) {
        out.addAll(rows.subList(from, joinAt));
        from = joinAt;
        out.add(join.get(j++));
      } else {
        out.addAll(rows.subList(from, leave.get(l)));
        from = leave.get(l++) + 1;
      }
    }
    out.addAll(rows.subList(from, rows.size()));
    return Collections.unmodifiableList(out);
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
    checkPerson(by);
    synchronized (this) {
      Followup f = byId.get(id);
      if (f == null) {
        return Optional.empty();
      }
      Followup next = changed(f, patch, by, changeStamp());
      if (next == null) {
        return Optional.of(f); // nothing changed: nothing to write
      }
      journal.append(List.of(codec.line(next)));
      put(next);
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
    checkPerson(by);
    // The responses its response filter selects, asked of the index just before the lock.
    Matched asked = matchingResponses(query);
    synchronized (this) {
      Instant now = changeStamp();
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
          put(next);
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
    if (patch.assigneeSet() && !Objects.equals(patch.assignee(), assignee)) {
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
    return f.withWork(status, assignee, due, now, notes, history);
  }

  // ------------------------------------------------------------------ erasure

  @Override
  public String kind() {
    return "followups";
  }

  /**
   * Removes the customer's follow-ups and rewrites the journal, so no line of them is left: those
   * whose copy names the customer, and any whose response the index no longer holds (the customer's
   * responses are erased from it first), so a follow-up whose copy an older release did not bring
   * up to date with a corrected customer goes too (review R12 of session 26).
   */
  @Override
  public synchronized int eraseCustomer(String customer) {
    Set<String> responseIds = new HashSet<>();
    for (Followup f : byId.values()) {
      responseIds.add(f.responseId());
    }
    Set<String> stored =
        responseIds.isEmpty() ? Set.of() : index.matchingIds(Filter.ALL, responseIds);
    int n = erase(f -> customer.equals(f.customer()) || !stored.contains(f.responseId()));
    // The customer's responses are gone from the index: no id of theirs stays in the file.
    if (!withheld.isEmpty()) {
      Set<String> kept = index.matchingIds(Filter.ALL, List.copyOf(withheld));
      if (withheld.retainAll(kept)) {
        compactWithheld();
      }
    }
    return n;
  }

  @Override
  public synchronized int eraseResponse(String responseId) {
    if (withheld.remove(responseId)) {
      compactWithheld();
    }
    return erase(f -> responseId.equals(f.responseId()));
  }

  /** Drops the follow-ups that match and rewrites the journal without them. Holds the lock. */
  private synchronized int erase(Predicate<Followup> matches) {
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
      inOrder.remove(f);
      touched.remove(Touch.of(f));
      idByKey.remove(f.key());
      stored(f, null);
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
  public synchronized void close() {
    journal.close();
    if (withheldJournal != null) {
      withheldJournal.close();
    }
  }
}
