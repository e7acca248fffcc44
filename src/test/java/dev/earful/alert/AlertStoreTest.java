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
}
