package dev.earful.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder that stops taking writes (the operator's trial of session 27 filled the disk under
 * a running server): Lucene then closes its index writer for good. On main the server went on
 * answering health 200 "ready" while every write was a 500 "internal-error", the first with the
 * disk's error in the log and every later one "this IndexWriter is closed", until a restart.
 */
class StorageFailureTest {

  @TempDir Path data;

  @Test
  void aWriterStoppedByAnIoFailureMakesTheServerUnreadyAndWritesAnswer503UntilRestarted()
      throws IOException {
    List<Path> traps;
    try (TestServer server = TestServer.start(data)) {
      assertEquals(
          200,
          server
              .postNdjson("{\"id\":\"kept\",\"score\":2,\"comment\":\"The zipper broke.\"}\n")
              .statusCode());
      // The files of the next segments cannot be created, as on a full disk: a folder stands
      // where each would go. A real I/O failure of the real index, not a fake writer.
      traps = blockNextSegments(data.resolve("index"));

      HttpResponse<String> failed =
          server.postNdjson("{\"id\":\"lost\",\"score\":3,\"comment\":\"The seams tore.\"}\n");
      assertEquals(503, failed.statusCode(), failed.body());
      JsonNode problem = TestServer.json(failed);
      assertEquals("urn:earful:problem:storage-failure", problem.path("type").asText());
      assertTrue(
          problem
              .path("detail")
              .asText()
              .startsWith(
                  "the server cannot use its data folder: an"
                      + " I/O error (logged under reference "),
          problem.path("detail").asText());

      HttpResponse<String> health = server.get("/api/v1/health");
      assertEquals(503, health.statusCode(), health.body());
      JsonNode h = TestServer.json(health);
      assertFalse(h.path("ready").asBoolean());
      assertFalse(h.path("checks").path("index").path("writable").asBoolean(), health.body());
      assertEquals(
          "index: writes fail since an I/O error stopped the index writer; what was acknowledged"
              + " before is kept: free space (or fix the data folder) and restart the server",
          h.path("notReady").get(0).asText());

      // Every later write says the same, not "this IndexWriter is closed" as a 500.
      HttpResponse<String> again =
          server.postNdjson("{\"id\":\"later\",\"score\":9,\"comment\":\"Lovely fabric.\"}\n");
      assertEquals(503, again.statusCode(), again.body());
      assertEquals(
          "urn:earful:problem:storage-failure", TestServer.json(again).path("type").asText());
      // Reads go on.
      assertEquals(200, server.get("/api/v1/responses/kept").statusCode());
    }
    for (Path trap : traps) {
      Files.deleteIfExists(trap);
    }
    // Restarted with the cause gone: what was acknowledged is there, and writes go in again.
    try (TestServer server = TestServer.start(data)) {
      HttpResponse<String> health = server.get("/api/v1/health");
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(TestServer.json(health).path("checks").path("index").path("writable").asBoolean());
      assertEquals(200, server.get("/api/v1/responses/kept").statusCode());
      assertEquals(
          200,
          server
              .postNdjson("{\"id\":\"later\",\"score\":9,\"comment\":\"Lovely fabric.\"}\n")
              .statusCode());
      assertEquals(200, server.get("/api/v1/responses/later").statusCode());
    }
  }

  /**
   * Puts an empty folder where the files of the next few segments would be created, so that
   * creating them fails as creating a file on a full disk does.
   */
  private static List<Path> blockNextSegments(Path indexDir) throws IOException {
    long counter;
    try (Directory dir = FSDirectory.open(indexDir)) {
      counter = SegmentInfos.readLatestCommit(dir).counter;
    }
    List<Path> traps = new ArrayList<>();
    for (long n = counter; n < counter + 4; n++) {
      String segment = "_" + Long.toString(n, Character.MAX_RADIX);
      for (String ext : List.of("fdt", "fdm", "fdx", "si", "cfs", "cfe", "tmd", "doc", "pos")) {
        Path trap = indexDir.resolve(segment + "." + ext);
        Files.createDirectories(trap);
        traps.add(trap);
      }
    }
    return traps;
  }
}
