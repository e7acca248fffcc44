package dev.earful.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An append-only file of records, one line of text each, for the small stores beside the index
 * (follow-ups, alerts): {@link #append} returns once the lines are on disk ({@code
 * FileChannel.force}), so an answer sent after it survives a SIGKILL or a power cut. {@link
 * #rewrite} replaces the whole file atomically (written beside it, forced, then moved over it):
 * used to compact it and to erase a customer, so no copy of an erased record stays in the file.
 *
 * <p>Why not a second Lucene index: these stores are read whole into memory at start (thousands of
 * records, not millions of comments), are updated one record at a time, and must lose every trace
 * of an erased record at once; a Lucene delete leaves the bytes in a segment until a merge. A
 * journal is the simplest thing that is durable per write and erasable by rewrite.
 *
 * <p>A crash in the middle of an append leaves a last line without its newline: {@link #open} drops
 * it (the caller never got an answer for it) and truncates the file back to the last whole line.
 *
 * <p>The channel stays open for the journal's life, and a channel used by an interrupted thread
 * closes for good: every call on it runs on a writing thread ({@link Uninterruptible}), so a
 * request interrupted by a stopping server cannot leave the journal refusing every later append.
 * Thread-safe.
 */
public final class Journal implements AutoCloseable {

  private final Path file;
  private FileChannel channel;
  private long lines;

  private Journal(Path file, FileChannel channel, long lines) {
    this.file = file;
    this.channel = channel;
    this.lines = lines;
  }

  /** What {@link #open} read: the journal and every whole line in it, in order. */
  public record Opened(Journal journal, List<String> lines) {}

  /** Opens (creating) {@code file} and reads its whole lines. */
  public static Opened open(Path file) {
    return open(file, UnaryOperator.identity());
  }

  /** As {@link #open(Path)}, with the file's channel passed through {@code channels} (tests). */
  static Opened open(Path file, UnaryOperator<FileChannel> channels) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel ch =
          channels.apply(
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE));
      byte[] all = Files.readAllBytes(file);
      int end = all.length;
      while (end > 0 && all[end - 1] != '\n') {
        end--; // a torn last line: its append never returned
      }
      if (end < all.length) {
        ch.truncate(end);
        ch.force(true);
      }
      List<String> lines = new ArrayList<>();
      String text = new String(all, 0, end, StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      ch.position(end);
      return new Opened(new Journal(file, ch, lines.size()), lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  /** Appends the lines (none may contain a line break) and forces them to disk. */
  public synchronized void append(List<String> records) {
    if (records.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder();
    for (String r : records) {
      if (r.indexOf('\n') >= 0 || r.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a journal record must be one line");
      }
      b.append(r).append('\n');
    }
    ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Uninterruptible.run(
          () -> {
            long before = channel.position();
            try {
              while (buf.hasRemaining()) {
                channel.write(buf);
              }
              channel.force(false);
            } catch (IOException e) {
              // A full disk takes part of the lines: cut them off, or the next append (once space
              // is freed) would be glued to a torn line in the middle of the file, which open()
              // cannot repair, and the folder would no longer open.
              try {
                channel.truncate(before);
                channel.position(before);
              } catch (IOException notCut) {
                e.addSuppressed(notCut);
              }
              throw e;
            }
          });
      lines += records.size();
    } catch (IOException e) {
      throw new WriteFailedException("cannot write " + file, e);
    }
  }

  /**
   * An append that did not reach the disk (a full disk): nothing of it is in the file, and the
   * journal takes the next append; or a rewrite that did not, which leaves the old file whole. An
   * UncheckedIOException, so callers that catch one still do; the HTTP API answers it 503
   * storage-failure.
   */
  public static final class WriteFailedException extends UncheckedIOException {
    WriteFailedException(String message, IOException cause) {
      super(message, cause);
    }
  }

  /** Lines in the file, for deciding when to compact. */
  public synchronized long lines() {
    return lines;
  }

  /**
   * Replaces the file's content with {@code records}: written to a temporary file, forced, moved
   * over the journal atomically, the folder forced; a crash leaves the old or the new file whole.
   */
  public synchronized void rewrite(List<String> records) {
    StringBuilder b = new StringBuilder();
    for (String r : records) {
      b.append(r).append('\n');
    }
    try {
      Uninterruptible.run(
          () -> {
            channel.close(); // a file open for writing cannot be replaced on every platform
            try {
              AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
              lines = records.size();
            } finally {
              // the old file or the new one: either way the journal goes on appending to it
              channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
              channel.position(channel.size());
            }
          });
    } catch (IOException e) {
      throw new WriteFailedException("cannot rewrite " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
