package dev.earful.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.store.Journal;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Report schedules ({@code <data>/report-schedules.jsonl}, rewritten atomically on each change) and
 * their runs ({@code <data>/report-runs.jsonl}, a {@link Journal}: a run is on disk, forced, before
 * the scheduler moves on, so the history survives a restart and a period is never run twice once
 * its run is recorded). Schedules and runs name no customer, so erasure does not concern them.
 * Thread-safe.
 */
public final class ScheduleStore implements AutoCloseable {

  public static final String SCHEDULES = "report-schedules.jsonl";
  public static final String RUNS = "report-runs.jsonl";

  private final ObjectMapper mapper;
  private final Journal schedulesFile;
  private final Journal runsFile;
  private final Map<String, ReportSchedule> schedules = new LinkedHashMap<>();
  private final List<ScheduleRun> runs = new ArrayList<>();

  /**
   * The data folder: a run's file inside it is stored relative to it and resolved against the
   * folder opened, so that after the folder is moved or restored elsewhere an erasure finds the
   * files it must rewrite. Runs stored before this rule name their files absolute.
   */
  private final Path dataDir;

  private ScheduleStore(
      Path dataDir, ObjectMapper mapper, Journal schedulesFile, Journal runsFile) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.mapper = mapper;
    this.schedulesFile = schedulesFile;
    this.runsFile = runsFile;
  }

  public static ScheduleStore open(Path dataDir, ObjectMapper mapper) {
    Journal.Opened s = Journal.open(dataDir.resolve(SCHEDULES));
    Journal.Opened r = Journal.open(dataDir.resolve(RUNS));
    ScheduleStore store = new ScheduleStore(dataDir, mapper, s.journal(), r.journal());
    try {
      for (String line : s.lines()) {
        ReportSchedule rs = ReportSchedules.fromStored(mapper.readTree(line), dataDir);
        store.schedules.put(rs.id(), rs);
      }
      for (String line : r.lines()) {
        store.runs.add(
            ScheduleRun.fromJson(mapper.readTree(line))
                .withFilePaths(f -> store.dataDir.resolve(f).normalize().toString()));
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a line of the report schedules is not JSON", e);
    }
    return store;
  }

  /** {@code file} relative to the data folder when it is inside it, else as it is. */
  private String insideData(String file) {
    Path p = Path.of(file).toAbsolutePath().normalize();
    return p.startsWith(dataDir) ? dataDir.relativize(p).toString() : file;
  }

  public synchronized List<ReportSchedule> schedules() {
    return List.copyOf(schedules.values());
  }

  public synchronized Optional<ReportSchedule> schedule(String id) {
    return Optional.ofNullable(schedules.get(id));
  }

  /** Adds a schedule; on disk when this returns. */
  public synchronized void add(ReportSchedule s) {
    schedules.put(s.id(), s);
    writeSchedules();
  }

  /** Deletes a schedule (its runs stay in the history); on disk when this returns. */
  public synchronized boolean delete(String id) {
    if (schedules.remove(id) == null) {
      return false;
    }
    writeSchedules();
    return true;
  }

  /** The runs, newest first; of one schedule when {@code scheduleId} is not null. */
  public synchronized List<ScheduleRun> runs(String scheduleId) {
    List<ScheduleRun> out = new ArrayList<>();
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (scheduleId == null || runs.get(i).scheduleId().equals(scheduleId)) {
        out.add(runs.get(i));
      }
    }
    return out;
  }

  /** Whether the period starting {@code from} has a recorded run of the schedule. */
  public synchronized boolean hasRun(String scheduleId, LocalDate from) {
    return runs.stream().anyMatch(r -> r.scheduleId().equals(scheduleId) && r.from().equals(from));
  }

  /** Records a run; forced to disk when this returns. */
  public synchronized void record(ScheduleRun run) {
    try {
      runsFile.append(
          List.of(mapper.writeValueAsString(run.withFilePaths(this::insideData).toMap())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a run is plain data", e);
    }
    runs.add(run);
  }

  private void writeSchedules() {
    List<String> lines = new ArrayList<>();
    for (ReportSchedule s : schedules.values()) {
      try {
        lines.add(mapper.writeValueAsString(ReportSchedules.toStored(s)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a schedule is plain data", e);
      }
    }
    schedulesFile.rewrite(lines);
  }

  @Override
  public synchronized void close() {
    schedulesFile.close();
    runsFile.close();
  }
}
