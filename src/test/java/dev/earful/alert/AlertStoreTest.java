package dev.earful.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules file holds webhook secrets: owner-only on disk, never shown back. */
class AlertStoreTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "store-test-secret-0123456789";

  static AlertRule rule(String id) throws Exception {
    return AlertRules.parse(
        JSON.readTree(
            "{\"name\":\"detractors\",\"type\":\"new_response\",\"when\":{\"category\":\"detractor\"},"
                + "\"webhook\":{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\""
                + SECRET
                + "\"}}"),
        id,
        Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void writesTheRulesFileOwnerOnlyAndKeepsTheSecretOutOfTheView(@TempDir Path data)
      throws Exception {
    // Created 0600 (not narrowed afterwards), and still 0600 after the next rewrite.
    try (AlertStore store = AlertStore.open(data, JSON)) {
      store.addRule(rule("ar-1"));
      Path file = data.resolve(AlertStore.RULES);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertTrue(Files.readString(file).contains(SECRET), "the file keeps the secret to sign with");
      assertEquals(
          "****",
          ((java.util.Map<?, ?>)
                  AlertRules.toView(store.rule("ar-1").orElseThrow(), store).get("webhook"))
              .get("secret"));
      store.addRule(rule("ar-2"));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals(false, Files.exists(data.resolve(AlertStore.RULES + ".tmp")));
    }
  }

  @Test
  void narrowsARulesFileWrittenWithWiderPermissions(@TempDir Path data) throws Exception {
    try (AlertStore store = AlertStore.open(data, JSON)) {
      store.addRule(rule("ar-1"));
    }
    Path file = data.resolve(AlertStore.RULES);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (AlertStore store = AlertStore.open(data, JSON)) {
      assertEquals(1, store.rules().size());
      assertEquals(SECRET, store.rule("ar-1").orElseThrow().webhook().secret());
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  /**
   * An erased response or customer is forgotten by what the store remembers of alerts too: a rule
   * alerts again on a response imported after the erasure, as it would after a restart (before, the
   * ids of the erased alerts stayed in memory until the server restarted).
   */
  @Test
  void forgetsTheResponsesOfErasedAlerts(@TempDir Path data) throws Exception {
    try (AlertStore store = AlertStore.open(data, JSON)) {
      store.addRule(rule("ar-1"));
      store.accept(
          java.util.List.of(alert("al-1", "ann", "r-1"), alert("al-2", "bob", "r-2")),
          java.util.List.of());
      assertTrue(store.alerted("ar-1", "r-1"));
      assertTrue(store.alerted("ar-1", "r-2"));
      assertEquals(1, store.eraseCustomer("ann"));
      assertEquals(false, store.alerted("ar-1", "r-1"));
      assertTrue(store.alerted("ar-1", "r-2"), "bob's alert stays");
      assertEquals(1, store.eraseResponse("r-2"));
      assertEquals(false, store.alerted("ar-1", "r-2"));
    }
    try (AlertStore store = AlertStore.open(data, JSON)) {
      assertEquals(false, store.alerted("ar-1", "r-1"), "a restart reads the same");
    }
  }

  private static Alert alert(String id, String customer, String responseId) {
    return new Alert(
        id,
        "ar-1",
        AlertType.NEW_RESPONSE,
        "ar-1/" + responseId,
        Instant.parse("2026-12-02T00:00:00Z"),
        "A detractor",
        "",
        java.util.List.of(customer),
        java.util.List.of(responseId),
        Alert.Delivery.NONE,
        java.util.List.of(),
        null);
  }

  /**
   * The last evaluations are written when the store closes and read when it opens; a deleted rule's
   * goes with it, and an unreadable file costs only what the page shows (no failure).
   */
  @Test
  void keepsTheLastEvaluationsAcrossARestartAndDropsADeletedRulesOne(@TempDir Path data)
      throws Exception {
    DropEvaluation e =
        new DropEvaluation(
            Instant.parse("2026-12-03T10:00:00Z"),
            dev.earful.domain.Metric.NPS,
            new DropEvaluation.Period(
                Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-12-03T10:00:00Z"),
                0,
                Double.NaN),
            new DropEvaluation.Period(
                Instant.parse("2026-10-29T10:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"),
                40,
                75),
            Double.NaN,
            Double.NaN,
            DropEvaluation.Outcome.TOO_FEW_RESPONSES,
            "too few responses to test",
            null,
            false);
    try (AlertStore store = AlertStore.open(data, JSON)) {
      store.addRule(rule("ar-1"));
      store.addRule(rule("ar-2"));
      store.evaluated("ar-1", e);
      store.evaluated("ar-2", e);
      store.evaluated("ar-gone", e); // no such rule: not kept
    }
    try (AlertStore store = AlertStore.open(data, JSON)) {
      assertEquals(e.toMap(), store.lastEvaluation("ar-1").orElseThrow().toMap());
      assertTrue(store.lastEvaluation("ar-gone").isEmpty());
      store.deleteRule("ar-2");
    }
    try (AlertStore store = AlertStore.open(data, JSON)) {
      assertTrue(store.lastEvaluation("ar-2").isEmpty());
      assertTrue(store.lastEvaluation("ar-1").isPresent());
    }
    Files.writeString(data.resolve(AlertStore.EVALUATIONS), "{not json");
    try (AlertStore store = AlertStore.open(data, JSON)) {
      assertTrue(store.lastEvaluation("ar-1").isEmpty());
      assertEquals(1, store.rules().size()); // the rules are read as before
    }
    // A file that cannot be written (here a folder, not empty, stands in its place): the store
    // still closes, and the rules and the journal are kept.
    Files.delete(data.resolve(AlertStore.EVALUATIONS));
    Files.createDirectories(data.resolve(AlertStore.EVALUATIONS).resolve("in-the-way"));
    AlertStore blocked = AlertStore.open(data, JSON);
    blocked.evaluated("ar-1", e);
    blocked.close();
    try (AlertStore store = AlertStore.open(data, JSON)) {
      assertEquals(1, store.rules().size());
      assertTrue(store.lastEvaluation("ar-1").isEmpty());
    }
  }
}
