package dev.earful.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How far the re-analysis of a stored-format upgrade came, kept in {@code
 * <data>/earful-upgrade.json} so that an upgrade cut short (a crash, Ctrl-C, a kill) resumes where
 * it stopped instead of starting again: the responses are visited in the byte order of their ids,
 * so "done, up to and including id X" says exactly which ones already carry the new analysis.
 *
 * <p>The file alone could be stale or foreign (a copy from another folder, an index written to
 * after it), so a checkpoint counts only when the index agrees: each checkpoint has a token ({@code
 * to/done/lastId}) that is written into the index's commit data by the same commit that makes its
 * responses durable ({@link IndexStore#markFormat(int, String)}). The file is written (with {@link
 * AtomicFiles}) before that commit and names the previous checkpoint as well as the new one, so
 * whichever of the two the index's last commit carries is the one to resume from; a crash between
 * the file and the commit costs one stretch of work, never a response. That commit also names the
 * new format in the index, so a release too old to read it refuses the folder instead of writing
 * old analyses into it. When neither token matches (or the formats differ, or the file cannot be
 * read) the checkpoint is discarded and the upgrade starts from the beginning, which is always
 * right, only slower.
 */
public final class UpgradeCheckpoint {

  public static final String FILE_NAME = "earful-upgrade.json";

  /** The commit-data key of the token. */
  public static final String COMMIT_KEY = "earful.upgrade";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One point of progress: {@code done} responses re-analysed, the last of them {@code lastId}. */
  public record Point(long done, String lastId) {
    /** The token of this point in an upgrade to format {@code to}. */
    public String token(int to) {
      return to + "/" + done + "/" + lastId;
    }
  }

  /** The file's content: the upgrade it belongs to and its (at most two) points, newest last. */
  public record Saved(int from, int to, List<Point> points) {}

  private UpgradeCheckpoint() {}

  /**
   * Writes the file before the commit that will carry {@code latest}'s token: it names {@code
   * previous} (the last point the index confirmed; null for none) and {@code latest}.
   */
  public static void write(Path dataDir, int from, int to, Point previous, Point latest) {
    ObjectNode root = JSON.createObjectNode();
    root.put("from", from);
    root.put("to", to);
    var points = root.putArray("points");
    for (Point p : previous == null ? List.of(latest) : List.of(previous, latest)) {
      points.addObject().put("done", p.done()).put("lastId", p.lastId());
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The saved checkpoint, or null when there is none.
   *
   * @throws StoredFormatException when the file exists but cannot be read as a checkpoint
   */
  public static Saved read(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      List<Point> points = new ArrayList<>();
      for (JsonNode p : root.path("points")) {
        if (!p.path("done").canConvertToLong() || !p.path("lastId").isTextual()) {
          throw new StoredFormatException(file + " names a point without done and lastId");
        }
        points.add(new Point(p.path("done").asLong(), p.path("lastId").asText()));
      }
      if (!root.path("from").canConvertToInt() || !root.path("to").canConvertToInt()) {
        throw new StoredFormatException(file + " does not name the formats of its upgrade");
      }
      return new Saved(root.path("from").asInt(), root.path("to").asInt(), points);
    } catch (IOException e) {
      throw new StoredFormatException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes the file (after the upgrade is done, or when it is discarded). */
  public static void delete(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
  }
}
