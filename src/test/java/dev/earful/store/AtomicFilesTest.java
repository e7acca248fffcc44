package dev.earful.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one helper for replacing a file of the data folder: whole file or none, no temporary file
 * left, permissions from the first byte, and (seen through strace, the system calls themselves) the
 * file fsynced before its rename and the folder fsynced after it.
 */
class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void replacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("sub").resolve("rules.json");
    AtomicFiles.write(file, "[1]".getBytes(StandardCharsets.UTF_8));
    assertEquals("[1]", Files.readString(file));
    Files.writeString(dir.resolve("sub/rules.json.tmp"), "half of a crashed write");
    AtomicFiles.write(file, "[1,2]".getBytes(StandardCharsets.UTF_8));
    assertEquals("[1,2]", Files.readString(file));
    assertEquals(List.of("rules.json"), names(dir.resolve("sub")));
  }

  @Test
  void aWriteThatFailsLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("taxonomy.json");
    AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      out.write("new, but".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("the disk is full");
                    }));
    assertEquals("the disk is full", e.getMessage());
    assertEquals("old", Files.readString(file));
    assertEquals(List.of("taxonomy.json"), names(dir));
  }

  @Test
  void theTemporaryFileIsCreatedWithTheGivenPermissions() throws IOException {
    Assumptions.assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"), "a POSIX file system");
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    Path file = dir.resolve("alert-rules.json");
    AtomicFiles.write(
        file,
        "{}".getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.asFileAttribute(ownerOnly));
    assertEquals(ownerOnly, Files.getPosixFilePermissions(file));
  }

  /**
   * Run in a child JVM under strace by {@link #theFileIsFsyncedBeforeItsRenameAndTheFolderAfter}.
   */
  public static void main(String[] args) throws IOException {
    AtomicFiles.write(Path.of(args[0]), "durable".getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The order of the system calls is the point of the helper and cannot be seen from Java: a child
   * JVM writes one file under strace, and the trace must show fsync(file.tmp), then the rename,
   * then fsync(folder). Without the folder's fsync (as AlertStore and FollowupQueue wrote before)
   * this fails. Skipped where strace is missing or not allowed to trace (ptrace off).
   */
  @Test
  void theFileIsFsyncedBeforeItsRenameAndTheFolderAfter() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("data")).toRealPath();
    Path file = folder.resolve("followup-rules.json");
    Path trace = dir.resolve("trace.txt");
    Assumptions.assumeTrue(
        run(List.of("strace", "-f", "-o", dir.resolve("probe.txt").toString(), "true")) == 0,
        "strace is installed and may trace");
    String java = ProcessHandle.current().info().command().orElseThrow();
    int code =
        run(
            List.of(
                "strace",
                "-f",
                "-y",
                "-e",
                "trace=fsync,fdatasync,rename,renameat,renameat2",
                "-o",
                trace.toString(),
                java,
                "-cp",
                System.getProperty("java.class.path"),
                AtomicFilesTest.class.getName(),
                file.toString()));
    assertEquals(0, code);
    assertEquals("durable", Files.readString(file));
    List<String> events = new ArrayList<>();
    String tmp = folder.resolve("followup-rules.json.tmp").toString();
    for (String line : Files.readAllLines(trace)) {
      if (line.contains("fsync(") && line.contains("<" + tmp + ">")) {
        events.add("fsync file");
      } else if (line.contains("rename") && line.contains("\"" + tmp + "\"")) {
        events.add("rename");
      } else if (line.contains("fsync(") && line.contains("<" + folder + ">")) {
        events.add("fsync folder");
      }
    }
    assertEquals(
        List.of("fsync file", "rename", "fsync folder"),
        events,
        String.join("\n", Files.readAllLines(trace)));
  }

  private static int run(List<String> command) throws Exception {
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return -1; // not installed
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ended");
    return p.exitValue();
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
