package dev.earful.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.store.Journal;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The targets of a data folder, in {@code <data>/targets.jsonl} (one target a line). Every change
 * rewrites the whole file through {@link Journal#rewrite} (a temporary file forced to disk, moved
 * over the old one, the folder forced), so a crash leaves the old or the new set whole and a 2xx
 * answer means the change is on disk. Targets name no customer, so erasure does not concern them.
 * Thread-safe.
 */
public final class TargetStore implements AutoCloseable {

  public static final String FILE = "targets.jsonl";

  private final ObjectMapper mapper;
  private final Journal journal;
  private final Map<String, Target> targets = new LinkedHashMap<>();

  private TargetStore(ObjectMapper mapper, Journal journal) {
    this.mapper = mapper;
    this.journal = journal;
  }

  public static TargetStore open(Path dataDir, ObjectMapper mapper) {
    Journal.Opened opened = Journal.open(dataDir.resolve(FILE));
    TargetStore s = new TargetStore(mapper, opened.journal());
    for (String line : opened.lines()) {
      try {
        Target t = Targets.fromStored(mapper.readTree(line));
        s.targets.put(t.id(), t);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException("a line of " + FILE + " is not JSON", e);
      }
    }
    return s;
  }

  /** Every target, oldest first. */
  public synchronized List<Target> all() {
    return List.copyOf(targets.values());
  }

  public synchronized Optional<Target> get(String id) {
    return Optional.ofNullable(targets.get(id));
  }

  /** Adds a target; on disk when this returns. */
  public synchronized void add(Target t) {
    targets.put(t.id(), t);
    write();
  }

  /** Deletes a target; on disk when this returns. False when there is none with this id. */
  public synchronized boolean delete(String id) {
    if (targets.remove(id) == null) {
      return false;
    }
    write();
    return true;
  }

  private void write() {
    List<String> lines = new ArrayList<>();
    for (Target t : targets.values()) {
      try {
        lines.add(mapper.writeValueAsString(Targets.toView(t)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a target is plain data", e);
      }
    }
    journal.rewrite(lines);
  }

  @Override
  public synchronized void close() {
    journal.close();
  }
}
