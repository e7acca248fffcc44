package dev.earful.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whether a bind address is loopback is decided by its addresses, never its spelling. */
class LoopbackCheckTest {

  @Test
  void loopbackAddressesAndLocalhostAreLoopback() {
    assertTrue(AppConfig.isLoopback("127.0.0.1"));
    assertTrue(AppConfig.isLoopback("127.3.4.5"));
    assertTrue(AppConfig.isLoopback("::1"));
    assertTrue(AppConfig.isLoopback("[::1]"));
    assertTrue(AppConfig.isLoopback("localhost"));
  }

  @Test
  void namesThatMerelyStartWith127AreNot() {
    // ".invalid" never resolves (RFC 2606), so no network is needed to know these are refused
    assertFalse(AppConfig.isLoopback("127.0.0.1.invalid"));
    assertFalse(AppConfig.isLoopback("127.attacker.invalid"));
    assertFalse(AppConfig.isLoopback("0.0.0.0"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                AppConfig.fromValues(Map.of(), Map.of("EARFUL_HOST", "127.0.0.1.invalid"))
                    .validate());
    assertTrue(e.getMessage().contains("127.0.0.1.invalid"), e.getMessage());
    assertEquals(
        "127.0.0.1",
        AppConfig.fromValues(Map.of(), Map.of("EARFUL_HOST", "127.0.0.1")).validate().host());
  }
}
