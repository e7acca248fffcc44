package dev.earful.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only files of follow-ups, alerts, targets and schedules. */
class JournalTest {

  @TempDir Path dir;

  @Test
  void anAppendOnAnInterruptedThreadIsKeptAndLaterAppendsStillWrite() {
    Path file = dir.resolve("followups.jsonl");
    try (Journal journal = Journal.open(file).journal()) {
      journal.append(List.of("one"));
      // A request's thread interrupted by a stopping server (a follow-up edited, an import's
      // follow-ups and alerts): the journal's channel, open for the process's life, would close at
      // its first call and refuse every later append until a restart.
      Thread.currentThread().interrupt();
      try {
        journal.append(List.of("two"));
      } finally {
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
      }
      journal.append(List.of("three"));
      Thread.currentThread().interrupt();
      try {
        journal.rewrite(List.of("one", "two", "three", "four"));
      } finally {
        assertTrue(Thread.interrupted());
      }
      journal.append(List.of("five"));
    }
    Journal.Opened reopened = Journal.open(file);
    reopened.journal().close();
    assertEquals(List.of("one", "two", "three", "four", "five"), reopened.lines());
  }

  /**
   * Review R3 (session 27): on a full disk an append wrote part of its line and threw; the next
   * append, once space was freed, was glued to that torn line in the middle of the file, and the
   * next start failed on "a follow-up journal line is not JSON". Now the failed append leaves no
   * bytes. The disk is a channel that takes 5 bytes of the second append and then says what Linux
   * says (a hand-written fake: a real full disk needs a mount, which the tests cannot make).
   */
  @Test
  void anAppendTheDiskRefusesPartWayLeavesNoBytesAndTheNextAppendIsWhole() throws Exception {
    Path file = dir.resolve("followups.jsonl");
    DiskFillingChannel[] disk = new DiskFillingChannel[1];
    try (Journal journal =
        Journal.open(file, ch -> disk[0] = new DiskFillingChannel(ch)).journal()) {
      journal.append(List.of("{\"id\":\"one\"}"));
      disk[0].fullAfter = 5;
      Journal.WriteFailedException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              Journal.WriteFailedException.class,
              () -> journal.append(List.of("{\"id\":\"two\"}")));
      assertEquals("No space left on device", refused.getCause().getMessage());
      disk[0].fullAfter = -1; // space freed
      journal.append(List.of("{\"id\":\"three\"}"));
    }
    assertEquals("{\"id\":\"one\"}\n{\"id\":\"three\"}\n", java.nio.file.Files.readString(file));
    Journal.Opened reopened = Journal.open(file);
    reopened.journal().close();
    assertEquals(List.of("{\"id\":\"one\"}", "{\"id\":\"three\"}"), reopened.lines());
  }

  /** A file channel whose disk fills after {@code fullAfter} more bytes (-1: never). */
  private static final class DiskFillingChannel extends java.nio.channels.FileChannel {
    private final java.nio.channels.FileChannel file;
    int fullAfter = -1;

    DiskFillingChannel(java.nio.channels.FileChannel file) {
      this.file = file;
    }

    @Override
    public int write(java.nio.ByteBuffer src) throws java.io.IOException {
      if (fullAfter < 0) {
        return file.write(src);
      }
      if (fullAfter == 0) {
        throw new java.io.IOException("No space left on device");
      }
      java.nio.ByteBuffer part = src.slice(src.position(), Math.min(fullAfter, src.remaining()));
      int n = file.write(part);
      src.position(src.position() + n);
      fullAfter -= n;
      return n;
    }

    @Override
    public int read(java.nio.ByteBuffer dst) throws java.io.IOException {
      return file.read(dst);
    }

    @Override
    public long read(java.nio.ByteBuffer[] dsts, int offset, int length)
        throws java.io.IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public long write(java.nio.ByteBuffer[] srcs, int offset, int length) {
      throw new UnsupportedOperationException("Journal writes one buffer at a time");
    }

    @Override
    public long position() throws java.io.IOException {
      return file.position();
    }

    @Override
    public java.nio.channels.FileChannel position(long newPosition) throws java.io.IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws java.io.IOException {
      return file.size();
    }

    @Override
    public java.nio.channels.FileChannel truncate(long size) throws java.io.IOException {
      file.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws java.io.IOException {
      file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target)
        throws java.io.IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(java.nio.channels.ReadableByteChannel src, long position, long count)
        throws java.io.IOException {
      return file.transferFrom(src, position, count);
    }

    @Override
    public int read(java.nio.ByteBuffer dst, long position) throws java.io.IOException {
      return file.read(dst, position);
    }

    @Override
    public int write(java.nio.ByteBuffer src, long position) {
      throw new UnsupportedOperationException("Journal writes at its position");
    }

    @Override
    public java.nio.MappedByteBuffer map(MapMode mode, long position, long size)
        throws java.io.IOException {
      return file.map(mode, position, size);
    }

    @Override
    public java.nio.channels.FileLock lock(long position, long size, boolean shared)
        throws java.io.IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public java.nio.channels.FileLock tryLock(long position, long size, boolean shared)
        throws java.io.IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws java.io.IOException {
      file.close();
    }
  }
}
