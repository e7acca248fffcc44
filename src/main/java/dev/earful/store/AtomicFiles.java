package dev.earful.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * The one way Earful replaces a small file of the data folder (the taxonomy, the format file, alert
 * and follow-up rules, the sentiment model and its training record, a scheduled report, a journal's
 * compaction, the server's address): written to {@code <name>.tmp} beside it, fsynced, renamed over
 * the old file, and then the folder itself fsynced. A reader sees the old file or the new one,
 * never half of one; and since on Linux a rename lives in the folder's entry, only the folder's
 * fsync makes an acknowledged write survive a power cut (without it the old file, or none, can come
 * back).
 *
 * <p>The replacement runs whole on a writing thread ({@link Uninterruptible}): on an interrupted
 * thread its channels would close, failing the write half-way or skipping the folder's fsync after
 * the rename.
 *
 * <p>Not thread-safe for one file: its owner serialises its writes (they share the temporary name).
 */
public final class AtomicFiles {

  /**
   * What a streamed write puts in the file. It runs on a writing thread ({@link Uninterruptible}),
   * not the caller's: it must not need a lock the caller holds while it waits, or the two deadlock.
   */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Replaces {@code file} with {@code bytes}, durably.
   *
   * @param attributes given to the temporary file when it is created (so permissions such as
   *     owner-only hold from the first byte; the rename keeps them)
   */
  public static void write(Path file, byte[] bytes, FileAttribute<?>... attributes)
      throws IOException {
    write(file, out -> out.write(bytes), attributes);
  }

  /** Replaces {@code file} with what {@code content} writes, durably. */
  public static void write(Path file, Content content, FileAttribute<?>... attributes)
      throws IOException {
    Uninterruptible.run(() -> replace(file, content, attributes));
  }

  private static void replace(Path file, Content content, FileAttribute<?>... attributes)
      throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path tmp = folder.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp); // a crash's leftover: created anew below with the attributes
    boolean moved = false;
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
        content.writeTo(out);
        out.flush();
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      fsyncFolder(folder);
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Makes a rename inside {@code folder} durable: on Linux a moved file's new name survives a power
   * cut only once its folder is fsynced. Platforms that cannot open a folder (Windows) skip it; the
   * rename itself is still atomic there.
   */
  public static void fsyncFolder(Path folder) {
    try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not supported for folders on this platform
    }
  }
}
