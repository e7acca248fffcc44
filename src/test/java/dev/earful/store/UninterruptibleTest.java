package dev.earful.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The writing threads: a failure there reaches the caller as itself, with the caller's stack. */
class UninterruptibleTest {

  @Test
  void aFailureIsThrownAsItselfAndNamesTheCallerThatWaited() {
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                Uninterruptible.call(
                    () -> {
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", thrown.getMessage());
    assertEquals(1, thrown.getSuppressed().length);
    Throwable caller = thrown.getSuppressed()[0];
    assertTrue(caller.getMessage().contains(Thread.currentThread().getName()), caller.getMessage());
    assertTrue(
        Arrays.stream(caller.getStackTrace())
            .anyMatch(
                f ->
                    f.getMethodName()
                        .equals("aFailureIsThrownAsItselfAndNamesTheCallerThatWaited")),
        "the caller's own frames are kept");
    IllegalStateException runtime =
        assertThrows(
            IllegalStateException.class,
            () ->
                Uninterruptible.run(
                    () -> {
                      throw new IllegalStateException("lock lost");
                    }));
    assertEquals(1, runtime.getSuppressed().length);
  }
}
