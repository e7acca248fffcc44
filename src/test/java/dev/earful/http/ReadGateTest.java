package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The queue of reads: turns in arrival order, a bounded wait, and its counts. */
class ReadGateTest {

  /**
   * Five readers arrive one after the other while both turns are held; each turn given back goes to
   * the reader that has waited longest. Waits on the gate's own counts, never on time.
   */
  @Test
  void turnsGoToTheReadersInTheOrderTheyCame() throws Exception {
    ReadGate gate = new ReadGate(2, Duration.ofMinutes(1));
    assertTrue(gate.enter());
    assertTrue(gate.enter());
    List<Integer> admitted = new CopyOnWriteArrayList<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      int reader = r;
      readers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      if (gate.enter()) {
                        admitted.add(reader); // keeps its turn until the test gives it back
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
      await(() -> gate.waiting() == reader + 1);
    }
    for (int n = 1; n <= 5; n++) {
      gate.release();
      int expected = n;
      await(() -> admitted.size() == expected);
      assertEquals(5 - n, gate.waiting());
    }
    assertEquals(List.of(0, 1, 2, 3, 4), admitted);
    assertEquals(2, gate.running());
    for (Thread t : readers) {
      t.join();
    }
    assertEquals(7, gate.admitted());
    assertEquals(0, gate.refused());
    assertTrue(gate.waitNanos() > 0);
  }

  @Test
  void aReaderWhoseWaitRunsOutIsRefusedAndCounted() throws Exception {
    ReadGate gate = new ReadGate(1, Duration.ofMillis(30));
    assertTrue(gate.enter());
    long t0 = System.nanoTime();
    assertFalse(gate.enter());
    assertTrue(System.nanoTime() - t0 >= 30_000_000L);
    assertEquals(1, gate.refused());
    assertEquals(1, gate.admitted());
    assertEquals(0, gate.waiting());
    assertEquals(1, gate.running());
    gate.release();
    assertTrue(gate.enter());
    assertEquals(2, gate.admitted());
  }

  @Test
  void refusesNoTurnsOrANegativeWait() {
    assertThrows(IllegalArgumentException.class, () -> new ReadGate(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new ReadGate(1, Duration.ofSeconds(-1)));
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(2);
    }
  }
}
