package dev.earful.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The stored-format version of a data folder, kept in {@code <data>/earful-format.json} (and, as a
 * second record, in the index's commit data under {@link #COMMIT_KEY}).
 *
 * <p>Formats:
 *
 * <ol>
 *   <li>1: folders written before formats had a version (up to commit fac8995): no format file.
 *   <li>2: the format file and the index's commit data name the format (last written by commit
 *       1e51a1f; test fixture {@code upgrade/1e51a1f}).
 *   <li>3: each response's language is detected and stored (commit 79346ad).
 * </ol>
 *
 * <p>Not a format of its own: since session 23 a response whose latest import asked for no
 * follow-ups carries the stored flag {@code followupsWithheld} (absent, as in every response stored
 * before, means follow-ups allowed). Raising the format for it would re-analyse every folder at its
 * next open; instead a folder's older {@code followups-withheld.jsonl} is still honoured (it only
 * shrinks now), and the next upgrade, whichever it is, moves its ids into the flag.
 *
 * <p>Whoever changes what is stored (a field of the index, the analysis codec, a file beside the
 * index) raises {@link #CURRENT} and adds a line above. Opening an older folder upgrades it in
 * place (see {@code dev.earful.EarfulApp}): every stored response is re-analysed from its stored
 * raw record and written back, the taxonomy file (with people's edits) is kept as it is; the format
 * file is written last, so an upgrade cut short runs again on the next open, from the last
 * checkpoint it saved ({@link UpgradeCheckpoint}). A newer format is refused, never read.
 */
public final class StoredFormat {

  /** The format this release writes, and the newest it reads. */
  public static final int CURRENT = 3;

  /** A folder with no index and no taxonomy yet. */
  public static final int EMPTY = 0;

  /** Folders written before formats had a version. */
  public static final int UNVERSIONED = 1;

  public static final String FILE_NAME = "earful-format.json";
  public static final String COMMIT_KEY = "earful.format";

  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredFormat() {}

  /**
   * The format of {@code dataDir}: {@link #EMPTY} for a new folder, {@link #UNVERSIONED} for one
   * with data but no format file, else the file's number.
   *
   * @throws StoredFormatException when the file cannot be read or names a newer format
   */
  public static int of(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      boolean hasData =
          Files.exists(dataDir.resolve("taxonomy.json")) || hasIndex(dataDir.resolve("index"));
      return hasData ? UNVERSIONED : EMPTY;
    }
    int format;
    try {
      JsonNode root = JSON.readTree(file.toFile());
      JsonNode n = root == null ? null : root.get("format");
      if (n == null || !n.canConvertToInt() || n.asInt() < 1) {
        throw new StoredFormatException(
            file + " does not name a stored format (a positive \"format\" number): fix or move it");
      }
      format = n.asInt();
    } catch (IOException e) {
      throw new StoredFormatException("cannot read " + file + ": " + e.getMessage(), e);
    }
    requireReadable(dataDir, format);
    return format;
  }

  /** Refuses a format newer than this release reads, with what to do about it. */
  public static void requireReadable(Path dataDir, int format) {
    if (format > CURRENT) {
      throw new StoredFormatException(
          "the data folder "
              + dataDir
              + " is in stored format "
              + format
              + ", written by a newer Earful; this release reads formats up to "
              + CURRENT
              + " and does not downgrade: run the newer release, or restore a backup of the folder"
              + " made with this one");
    }
  }

  /** Writes the format file, atomically and durably ({@link AtomicFiles}). */
  public static void write(Path dataDir, int format, String writtenBy) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", format);
    root.put("writtenBy", "Earful " + writtenBy);
    Path file = dataDir.resolve(FILE_NAME);
    try {
      AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The format named in an index's commit data, or 0 when it names none. */
  static int fromCommitData(Map<String, String> data) {
    String v = data.get(COMMIT_KEY);
    if (v == null) {
      return 0;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean hasIndex(Path indexDir) {
    if (!Files.isDirectory(indexDir)) {
      return false;
    }
    try (var files = Files.list(indexDir)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
    } catch (IOException e) {
      return true;
    }
  }
}
