package dev.earful.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.PersonalData;
import dev.earful.store.AtomicFiles;
import dev.earful.store.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Alert rules ({@code <data>/alert-rules.json}, rewritten atomically on each change; it holds the
 * webhook secrets in plain text, so on a POSIX file system it is readable and writable by its owner
 * only, 0600, and an older, wider file is narrowed when the store opens), and the alerts raised
 * with their deliveries and the open incidents ({@code <data>/alerts.jsonl}, a {@link Journal}: an
 * alert is on disk before anyone is told it was raised, and each delivery attempt is recorded
 * before the next is planned). Replayed at start, so pending deliveries and open incidents survive
 * a restart. Thread-safe.
 */
public final class AlertStore implements PersonalData, AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertStore.class);

  public static final String JOURNAL = "alerts.jsonl";
  public static final String RULES = "alert-rules.json";

  /**
   * The metric-drop rules' last evaluations, written when the store closes (and read when it
   * opens): what a user reads to see a rule is alive, not a record anything depends on, so an
   * evaluation costs no extra fsync per import batch and a crash loses at most the last ones (the
   * next import evaluates again).
   */
  public static final String EVALUATIONS = "alert-evaluations.json";

  /** rw-------: the rules file holds webhook secrets (see the class comment). */
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path dataDir;
  private final ObjectMapper mapper;
  private final Journal journal;
  private final Map<String, AlertRule> rules = new LinkedHashMap<>();
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final Set<String> openIncidents = new HashSet<>();
  private final Map<String, Set<String>> alertedResponses = new java.util.HashMap<>();
  private final Map<String, RuleEvaluation> evaluations = new LinkedHashMap<>();
  private boolean evaluationsChanged;

  /**
   * Which of some response ids the index still holds; by default all of them (a store opened
   * without an index, as in tests of the store alone).
   */
  private volatile UnaryOperator<Set<String>> stored = ids -> ids;

  private AlertStore(Path dataDir, ObjectMapper mapper, Journal journal) {
    this.dataDir = dataDir;
    this.mapper = mapper;
    this.journal = journal;
  }

  public static AlertStore open(Path dataDir, ObjectMapper mapper) {
    Journal.Opened opened = Journal.open(dataDir.resolve(JOURNAL));
    AlertStore s = new AlertStore(dataDir, mapper, opened.journal());
    s.readRules();
    s.readEvaluations();
    for (String line : opened.lines()) {
      s.replay(line);
    }
    return s;
  }

  // ---------------------------------------------------------------- rules

  public synchronized List<AlertRule> rules() {
    return List.copyOf(rules.values());
  }

  public synchronized Optional<AlertRule> rule(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  /** Adds a rule; durable on return. */
  public synchronized void addRule(AlertRule rule) {
    rules.put(rule.id(), rule);
    writeRules();
  }

  /** Deletes a rule (its alerts stay in the log); durable on return. */
  public synchronized boolean deleteRule(String id) {
    if (rules.remove(id) == null) {
      return false;
    }
    writeRules();
    if (evaluations.remove(id) != null) {
      evaluationsChanged = true;
    }
    return true;
  }

  private void readRules() {
    Path file = dataDir.resolve(RULES);
    if (!Files.exists(file)) {
      return;
    }
    try {
      if (posix(file.getParent()) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
      JsonNode node = mapper.readTree(Files.readString(file));
      for (JsonNode r : node) {
        AlertRule rule = AlertRules.fromStored(r);
        rules.put(rule.id(), rule);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void writeRules() {
    Path file = dataDir.resolve(RULES);
    try {
      byte[] bytes =
          mapper
              .writerWithDefaultPrettyPrinter()
              .writeValueAsBytes(rules.values().stream().map(AlertRules::toStored).toList());
      // Created owner-only from the start (not narrowed after), so the secrets are never
      // readable by others even for a moment; the rename keeps the permissions.
      FileAttribute<?>[] attributes =
          posix(dataDir)
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
              : new FileAttribute<?>[0];
      AtomicFiles.write(file, bytes, attributes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static boolean posix(Path dir) throws IOException {
    return Files.getFileStore(dir).supportsFileAttributeView("posix");
  }

  // ---------------------------------------------------------------- last evaluations

  /** Records a metric-drop or emerging-theme rule's evaluation, replacing the one before. */
  public synchronized void evaluated(String ruleId, RuleEvaluation evaluation) {
    if (rules.containsKey(ruleId)) {
      evaluations.put(ruleId, evaluation);
      evaluationsChanged = true;
    }
  }

  /**
   * A metric-drop or emerging-theme rule's last evaluation; empty before its first (see
   * AlertEvaluator).
   */
  public synchronized Optional<RuleEvaluation> lastEvaluation(String ruleId) {
    return Optional.ofNullable(evaluations.get(ruleId));
  }

  /** The newest alert of an incident (the one a dip that lasts was raised with). */
  synchronized Optional<Alert> latestAlert(String incident) {
    return alerts.values().stream()
        .filter(a -> a.incident().equals(incident))
        .max(Comparator.comparing(Alert::raisedAt));
  }

  private void readEvaluations() {
    Path file = dataDir.resolve(EVALUATIONS);
    if (!Files.exists(file)) {
      return;
    }
    try {
      JsonNode node = mapper.readTree(Files.readString(file));
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        AlertRule rule = rules.get(e.getKey());
        if (rule != null) {
          // The rule's kind says which evaluation it is (files before session 18 hold drops only).
          evaluations.put(
              e.getKey(),
              rule.type() == AlertType.EMERGING_THEME
                  ? EmergingEvaluation.fromJson(e.getValue())
                  : DropEvaluation.fromJson(e.getValue()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Only what the page shows of the last evaluation is lost; the next import evaluates again.
      evaluations.clear();
    }
  }

  private void writeEvaluations() {
    if (!evaluationsChanged) {
      return;
    }
    Map<String, Object> all = new LinkedHashMap<>();
    evaluations.forEach((id, e) -> all.put(id, e.toMap()));
    try {
      AtomicFiles.write(
          dataDir.resolve(EVALUATIONS),
          mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
      evaluationsChanged = false;
    } catch (IOException | UncheckedIOException e) {
      // Shown in the page only: a full disk must not stop the folder from closing.
      LOG.warn("cannot write {}: {}", dataDir.resolve(EVALUATIONS), e.toString());
    }
  }

  // ---------------------------------------------------------------- alerts and incidents

  /**
   * Every alert, newest first; the alerts raised at one instant (one evaluation) in the order they
   * were stored, which is their rules' order ({@link AlertEvaluator}): a stable sort of the
   * journal's order, which {@link #accept} and a rewrite keep. Alerts stored before session 24 at
   * one instant stay in the order they were stored in (the time-window rules' first).
   */
  public synchronized List<Alert> alerts() {
    List<Alert> out = new ArrayList<>(alerts.values());
    out.sort(Comparator.comparing(Alert::raisedAt).reversed());
    return out;
  }

  public synchronized Optional<Alert> alert(String id) {
    return Optional.ofNullable(alerts.get(id));
  }

  /** Alerts still to deliver. */
  public synchronized List<Alert> pending() {
    return alerts.values().stream().filter(a -> a.delivery() == Alert.Delivery.PENDING).toList();
  }

  public synchronized boolean incidentOpen(String key) {
    return openIncidents.contains(key);
  }

  /** The open incidents whose key starts with {@code prefix}. */
  public synchronized List<String> openIncidents(String prefix) {
    return openIncidents.stream().filter(k -> k.startsWith(prefix)).sorted().toList();
  }

  /** Response ids a rule has already alerted about (a re-import raises nothing new). */
  public synchronized boolean alerted(String ruleId, String responseId) {
    Set<String> ids = alertedResponses.get(ruleId);
    return ids != null && ids.contains(responseId);
  }

  /**
   * Records new alerts, opening their incidents, and closes the incidents in {@code closed}, in one
   * durable append: once this returns the alerts will be delivered, restart or not.
   */
  public synchronized void accept(List<Alert> raised, List<String> closed) {
    List<String> lines = new ArrayList<>();
    for (Alert a : raised) {
      lines.add(alertLine(a));
      if (a.type() != AlertType.NEW_RESPONSE) {
        lines.add(incidentLine(a.incident(), true));
      }
    }
    for (String key : closed) {
      lines.add(incidentLine(key, false));
    }
    journal.append(lines);
    for (Alert a : raised) {
      apply(a);
      if (a.type() != AlertType.NEW_RESPONSE) {
        openIncidents.add(a.incident());
      }
    }
    closed.forEach(openIncidents::remove);
  }

  /** Records a delivery attempt's outcome; durable on return. */
  public synchronized void update(Alert alert) {
    journal.append(List.of(alertLine(alert)));
    alerts.put(alert.id(), alert);
  }

  private void apply(Alert a) {
    alerts.put(a.id(), a);
    rememberResponses(a);
  }

  private void rememberResponses(Alert a) {
    if (!a.responseIds().isEmpty()) {
      alertedResponses.computeIfAbsent(a.ruleId(), k -> new HashSet<>()).addAll(a.responseIds());
    }
  }

  @Override
  public String kind() {
    return "alerts";
  }

  /** Tells the store how to ask the index which responses it still holds (see eraseCustomer). */
  public void storedResponses(UnaryOperator<Set<String>> stored) {
    this.stored = stored;
  }

  /**
   * Removes the alerts naming the customer, and those naming a response the index no longer holds
   * (the customer's responses are erased from it first), and rewrites the journal without them: an
   * alert raised under a customer that a re-import corrected named only the old one, so erasing the
   * right customer left it quoting their comment (review R15 of session 26).
   */
  @Override
  public synchronized int eraseCustomer(String customer) {
    Set<String> named = new HashSet<>();
    alerts.values().forEach(a -> named.addAll(a.responseIds()));
    Set<String> held = named.isEmpty() ? Set.of() : stored.apply(named);
    return erase(
        a ->
            a.customers().contains(customer)
                || a.responseIds().stream().anyMatch(id -> !held.contains(id)));
  }

  @Override
  public synchronized int eraseResponse(String responseId) {
    return erase(a -> a.responseIds().contains(responseId));
  }

  /**
   * Rewrites the journal without the alerts that match, then drops them. Holds the lock. In that
   * order: when the rewrite fails the erasure fails whole, and a retry finds them again (dropped
   * first, the retry found nothing to erase and answered success while the file kept them).
   */
  private synchronized int erase(java.util.function.Predicate<Alert> matches) {
    List<String> gone = alerts.values().stream().filter(matches).map(Alert::id).toList();
    if (gone.isEmpty()) {
      return 0;
    }
    Set<String> dropped = new HashSet<>(gone);
    List<String> lines = new ArrayList<>();
    alerts.values().stream()
        .filter(a -> !dropped.contains(a.id()))
        .forEach(a -> lines.add(alertLine(a)));
    openIncidents.forEach(k -> lines.add(incidentLine(k, true)));
    journal.rewrite(lines);
    gone.forEach(alerts::remove);
    // What was alerted on is what the remaining alerts name, as a restart would read it.
    alertedResponses.clear();
    alerts.values().forEach(this::rememberResponses);
    return gone.size();
  }

  // ---------------------------------------------------------------- lines

  private void replay(String line) {
    JsonNode n;
    try {
      n = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert journal line is not JSON", e);
    }
    if (n.path("t").asText().equals("incident")) {
      if (n.path("open").asBoolean()) {
        openIncidents.add(n.path("key").asText());
      } else {
        openIncidents.remove(n.path("key").asText());
      }
      return;
    }
    List<String> customers = new ArrayList<>();
    n.path("customers").forEach(c -> customers.add(c.asText()));
    List<String> responseIds = new ArrayList<>();
    n.path("responseIds").forEach(c -> responseIds.add(c.asText()));
    List<Alert.Attempt> attempts = new ArrayList<>();
    for (JsonNode a : n.path("attempts")) {
      attempts.add(
          new Alert.Attempt(
              Instant.parse(a.path("at").asText()),
              a.path("status").asInt(),
              a.path("error").isNull() ? null : a.path("error").asText()));
    }
    apply(
        new Alert(
            n.path("id").asText(),
            n.path("ruleId").asText(),
            AlertType.parse(n.path("type").asText()),
            n.path("incident").asText(),
            Instant.parse(n.path("raisedAt").asText()),
            n.path("title").asText(),
            n.path("body").asText(),
            customers,
            responseIds,
            Alert.Delivery.valueOf(n.path("delivery").asText().toUpperCase(java.util.Locale.ROOT)),
            attempts,
            n.path("nextAttemptAt").isNull()
                ? null
                : Instant.parse(n.path("nextAttemptAt").asText())));
  }

  /** An alert in wire names (the journal line and, less the body's text, the API's view). */
  public static Map<String, Object> toMap(Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("ruleId", a.ruleId());
    m.put("type", a.type().wireName());
    m.put("incident", a.incident());
    m.put("raisedAt", a.raisedAt().toString());
    m.put("title", a.title());
    m.put("body", a.body());
    m.put("customers", a.customers());
    m.put("responseIds", a.responseIds());
    m.put("delivery", a.delivery().wireName());
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (Alert.Attempt at : a.attempts()) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("at", at.at().toString());
      am.put("status", at.status());
      am.put("error", at.error());
      attempts.add(am);
    }
    m.put("attempts", attempts);
    m.put("nextAttemptAt", a.nextAttemptAt() == null ? null : a.nextAttemptAt().toString());
    return m;
  }

  private String alertLine(Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", "alert");
    m.putAll(toMap(a));
    return write(m);
  }

  private String incidentLine(String key, boolean open) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", "incident");
    m.put("key", key);
    m.put("open", open);
    return write(m);
  }

  private String write(Object o) {
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("always serialisable", e);
    }
  }

  @Override
  public void close() {
    try {
      synchronized (this) {
        writeEvaluations();
      }
    } finally {
      journal.close();
    }
  }
}
