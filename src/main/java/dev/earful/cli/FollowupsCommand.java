package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.EarfulApp;
import dev.earful.followup.Followup;
import dev.earful.followup.FollowupDocuments;
import dev.earful.followup.FollowupPatch;
import dev.earful.followup.FollowupQuery;
import dev.earful.followup.FollowupQueue;
import dev.earful.followup.FollowupStatus;
import dev.earful.http.Json;
import dev.earful.http.Views;
import dev.earful.search.FieldError;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code earful followups}: the follow-up queue of {@code GET /api/v1/followups}, overdue first, as
 * a table, JSON or CSV; {@code --update ID} changes one (status, assignee, note) as {@code PATCH
 * /api/v1/followups/{id}} does. On a running server with {@code --server}, else on the data folder.
 */
@Command(
    name = "followups",
    mixinStandardHelpOptions = true,
    description = {
      "The follow-up queue (overdue first); --update ID changes one follow-up, --update-all every"
          + " one the filter options select.",
      "Table by default; --format json and csv give what GET /api/v1/followups gives."
    },
    modelTransformer = DataFolderSetting.class)
public final class FollowupsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ServerOptions server;

  @Mixin QueryOptions query;

  /**
   * The response filters of the other read commands: a follow-up matches when its response does.
   */
  @Mixin FilterOptions filters;

  @Option(
      names = "--status",
      split = ",",
      description = "Only follow-ups with these statuses: open, contacted, resolved, no_action.")
  List<String> status = new ArrayList<>();

  @Option(names = "--kind", description = "Only follow-ups of this kind: recover or advocate.")
  String kind;

  @Option(names = "--assignee", description = "Only this assignee's follow-ups.")
  String assignee;

  @Option(names = "--overdue", description = "Only overdue follow-ups.")
  boolean overdue;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output as table, json or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = {
        "Follow-ups per page, 1-500 (default 500; with csv, all of them); the table ends with the"
            + " --cursor of the next page."
      })
  String limit;

  @Mixin PageCursor page;

  @Option(
      names = "--update",
      paramLabel = "ID",
      description = "Change this follow-up (with --set-status, --assign, --note).")
  String update;

  @Option(
      names = "--update-all",
      description = {
        "Change every follow-up the filter options select (--status, --kind, --assignee,"
            + " --overdue, and the response filters: query words, --segment, --from, --to,"
            + " --theme, --category, --customer, --account...) with --set-status, --assign, --note;"
            + " as PATCH /api/v1/followups?FILTER. Without a filter it needs --all."
      })
  boolean updateAll;

  @Option(names = "--all", description = "With --update-all and no filter: change the whole queue.")
  boolean all;

  @Option(
      names = "--expected",
      paramLabel = "N",
      description = {
        "With --update-all: change only if the filter still matches exactly N follow-ups (the"
            + " count you checked); otherwise change nothing and say how many it matches now."
      })
  Integer expected;

  @Option(
      names = "--set-status",
      paramLabel = "STATUS",
      description = "With --update or --update-all: the new status.")
  String setStatus;

  @Option(
      names = "--assign",
      paramLabel = "NAME",
      description = "With --update or --update-all: the new assignee.")
  String assign;

  @Option(
      names = "--note",
      paramLabel = "TEXT",
      description = "With --update or --update-all: add a note.")
  String note;

  @Option(
      names = "--by",
      paramLabel = "WHO",
      defaultValue = "${env:USER}",
      description = "With --update or --update-all: who makes the change (default: $USER).")
  String by;

  @Override
  public Integer call() throws IOException {
    if (!List.of("table", "json", "csv").contains(format)) {
      throw new CliException("--format must be table, json or csv, got '" + format + "'", 2);
    }
    ObjectMapper mapper = Json.newMapper();
    PrintWriter out = spec.commandLine().getOut();
    if (update != null && updateAll) {
      throw new CliException("give --update ID or --update-all, not both", 2);
    }
    if ((update != null || updateAll) && (limit != null || page.cursor != null)) {
      // A change is for every follow-up the filter selects, not for one page of them.
      throw new CliException(
          "--limit and --cursor page the list; --update and --update-all change every follow-up"
              + " the filter selects",
          2);
    }
    if (update != null && (all || expected != null)) {
      throw new CliException("--all and --expected go with --update-all, not --update ID", 2);
    }
    if (update != null) {
      return update(mapper, out);
    }
    if (updateAll) {
      return updateAll(mapper, out);
    }
    refuseChangeOptionsWhenListing();
    Map<String, List<String>> params = filterParams();
    boolean csv = format.equals("csv");
    if (csv) {
      // The CSV is every follow-up the filter selects, as GET /followups?format=csv gives it.
      if (limit != null || page.cursor != null) {
        throw new CliException("--limit and --cursor page the table and json; csv lists all", 2);
      }
      params.put("format", List.of("csv"));
    } else {
      params.put("limit", List.of(limit == null ? String.valueOf(FollowupQuery.MAX_LIMIT) : limit));
      page.addTo(params);
    }
    String body;
    if (server.given()) {
      body =
          server.get(
              "/api/v1/followups",
              params,
              csv ? "text/csv" : "application/json",
              Duration.ofMinutes(1));
      if (csv) {
        // A CSV answer cannot carry the filter's warnings; a page of one of the same list can.
        Map<String, List<String>> one = new LinkedHashMap<>(params);
        one.remove("format");
        one.put("limit", List.of("1"));
        String first =
            server.get("/api/v1/followups", one, "application/json", Duration.ofMinutes(1));
        Warnings.print(spec.commandLine().getErr(), JsonAnswer.parse(mapper, first));
      } else {
        Warnings.print(spec.commandLine().getErr(), JsonAnswer.parse(mapper, body));
      }
    } else {
      body = local(params, csv, mapper);
    }
    if (format.equals("table")) {
      printTable(out, mapper.readTree(body), status.isEmpty());
    } else {
      out.print(body);
      if (!csv) {
        out.println();
      }
    }
    out.flush();
    return 0;
  }

  /** Runs the same query on the data folder, through the API's query and documents. */
  private String local(Map<String, List<String>> params, boolean csv, ObjectMapper mapper)
      throws IOException {
    FollowupQuery selected = FollowupQuery.parse(params);
    try (EarfulApp app = open()) {
      // A segment key no response has, or a value none has, is said on stderr as the other read
      // commands say it: the list it empties is otherwise silent.
      List<FieldError> warnings = app.search().segmentWarnings(selected.responses());
      Warnings.print(spec.commandLine().getErr(), warnings);
      FollowupQueue.Listed listed = app.followups().listed(selected);
      Instant now = listed.readAt();
      List<Followup> matching = listed.rows();
      if (csv) {
        return FollowupDocuments.csv(matching, now);
      }
      return mapper.writeValueAsString(Views.withWarnings(selected.page(listed), warnings));
    }
  }

  /**
   * A change option without --update or --update-all would be ignored while the queue is listed,
   * and the command would end as if it had done what it was asked ("--status open --set-status
   * no_action" without --update-all changed nothing and exited 0): refused instead.
   */
  private void refuseChangeOptionsWhenListing() {
    List<String> given = new ArrayList<>();
    if (setStatus != null) {
      given.add("--set-status");
    }
    if (assign != null) {
      given.add("--assign");
    }
    if (note != null) {
      given.add("--note");
    }
    if (all) {
      given.add("--all");
    }
    if (expected != null) {
      given.add("--expected");
    }
    if (!given.isEmpty()) {
      throw new CliException(
          String.join(", ", given)
              + " change follow-ups only with --update ID or --update-all; without either,"
              + " earful followups lists the queue and changes nothing",
          2);
    }
  }

  /**
   * The filter options as the parameters of {@code GET /api/v1/followups}: the queue's own and the
   * response filters every read command takes (a follow-up matches when its response does).
   */
  private Map<String, List<String>> filterParams() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (!status.isEmpty()) {
      params.put("status", status);
    }
    FilterOptions.put(params, "kind", kind);
    FilterOptions.put(params, "assignee", assignee);
    if (overdue) {
      params.put("overdue", List.of("true"));
    }
    query.addTo(params, spec);
    filters.addTo(params);
    return params;
  }

  /** The change of --set-status, --assign and --note, refused when it asks for none. */
  private FollowupPatch patch(String command) {
    FollowupStatus s = null;
    if (setStatus != null) {
      try {
        s = FollowupStatus.parse(setStatus);
      } catch (IllegalArgumentException e) {
        throw new CliException(
            "--set-status must be open, contacted, resolved or no_action, got '" + setStatus + "'",
            2);
      }
    }
    if (s == null && assign == null && note == null) {
      throw new CliException(command + " needs --set-status, --assign or --note", 2);
    }
    return new FollowupPatch(
        s,
        assign != null,
        assign == null || assign.isBlank() ? null : assign.strip(),
        null,
        note == null || note.isBlank() ? null : note.strip());
  }

  /** The JSON body of {@code PATCH /api/v1/followups...} for {@code patch}. */
  private static String patchBody(FollowupPatch patch, String who, ObjectMapper mapper)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    if (patch.status() != null) {
      body.put("status", patch.status().wireName());
    }
    if (patch.assigneeSet()) {
      body.put("assignee", patch.assignee());
    }
    if (patch.note() != null) {
      body.put("note", patch.note());
    }
    body.put("by", who);
    return mapper.writeValueAsString(body);
  }

  private String who() {
    return by == null || by.isBlank() ? "cli" : by.strip();
  }

  private int updateAll(ObjectMapper mapper, PrintWriter out) throws IOException {
    FollowupPatch patch = patch("--update-all");
    Map<String, List<String>> params = filterParams();
    FollowupQuery selected = FollowupQuery.parse(params);
    if (selected.unfiltered() && !all) {
      throw new CliException(
          "--update-all without a filter (--status, --kind, --assignee, --overdue, or a response"
              + " filter such as --segment, --from, --to, --theme, --customer, --account) changes"
              + " the whole queue: add --all to mean it",
          2);
    }
    long matched;
    long changed;
    if (server.given()) {
      if (all) {
        params.put("all", List.of("true"));
      }
      if (expected != null) {
        params.put("expected", List.of(expected.toString()));
      }
      JsonNode answer =
          mapper.readTree(
              server.patch(
                  "/api/v1/followups" + ServerClient.query(params),
                  patchBody(patch, who(), mapper)));
      Warnings.print(spec.commandLine().getErr(), answer);
      matched = answer.path("matched").asLong();
      changed = answer.path("changed").asLong();
    } else {
      try (EarfulApp app = open()) {
        Warnings.print(
            spec.commandLine().getErr(), app.search().segmentWarnings(selected.responses()));
        FollowupQueue.BulkResult did = app.followups().updateAll(selected, patch, who(), expected);
        if (!did.applied()) {
          throw new CliException(
              String.format(
                  Locale.ROOT,
                  "the filter matches %s now, not the %,d of --expected; nothing changed",
                  followups(did.matched()),
                  expected));
        }
        matched = did.matched();
        changed = did.changed();
      }
    }
    // "(the others already were as asked)" read as if some were left when every one changed.
    long same = matched - changed;
    out.printf(
        Locale.ROOT,
        "%s matched, %,d changed%s%n",
        followups(matched),
        changed,
        same == 0
            ? ""
            : String.format(
                Locale.ROOT, " (%,d already %s as asked)", same, same == 1 ? "was" : "were"));
    out.flush();
    return 0;
  }

  private int update(ObjectMapper mapper, PrintWriter out) throws IOException {
    FollowupPatch patch = patch("--update");
    String body;
    if (server.given()) {
      body = server.patch("/api/v1/followups/" + update, patchBody(patch, who(), mapper));
    } else {
      try (EarfulApp app = open()) {
        Followup f =
            app.followups()
                .update(update, patch, who())
                .orElseThrow(() -> new CliException("no follow-up with id '" + update + "'"));
        body = mapper.writeValueAsString(FollowupDocuments.view(f, app.followups().now()));
      }
    }
    JsonNode f = mapper.readTree(body);
    out.println(
        f.path("id").asText()
            + ": "
            + f.path("status").asText()
            + (f.path("assignee").isNull() ? "" : ", assigned to " + f.path("assignee").asText())
            + ", due "
            + minute(f.path("due").asText()));
    out.flush();
    return 0;
  }

  /**
   * An instant as the table shows it, to the minute ("2026-12-07T11:31"), not to the nanosecond.
   */
  private static String minute(String instant) {
    return instant.substring(0, Math.min(16, instant.length()));
  }

  /**
   * Opens an existing data folder: a mistyped {@code --data} created a folder and listed "0
   * follow-ups" instead of saying there is no data there.
   */
  private EarfulApp open() {
    var config = SettingOptions.config(spec, System.getenv());
    return DataFolder.openForReading(config, "ask it", spec.commandLine().getErr());
  }

  /**
   * The queue as a table. Without --status it counts every status, closed ones too: after a bulk
   * close of 2,407 the header still read "2407 follow-ups", as if nothing had happened, so it says
   * so and how to list the ones to do (the page's default).
   */
  /** "1 follow-up", "2,407 follow-ups": it printed "1 follow-ups matched". */
  static String followups(long n) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "follow-up" : "follow-ups");
  }

  private static void printTable(PrintWriter out, JsonNode page, boolean everyStatus) {
    out.printf(
        Locale.ROOT,
        "%s%s, %,d overdue%n",
        followups(page.path("total").asLong()),
        everyStatus ? " of every status (--status open,contacted: the ones to do)" : "",
        page.path("overdue").asLong());
    out.printf(
        Locale.ROOT,
        "%-15s %-8s %-10s %-7s %-16s %5s  %-16s %-20s %-12s %s%n",
        "id",
        "kind",
        "status",
        "overdue",
        "due",
        "score",
        "account",
        "customer",
        "assignee",
        "comment");
    for (JsonNode f : page.path("followups")) {
      out.printf(
          Locale.ROOT,
          "%-15s %-8s %-10s %-7s %-16s %5d  %-16s %-20s %-12s %s%n",
          f.path("id").asText(),
          f.path("kind").asText(),
          f.path("status").asText(),
          f.path("overdue").asBoolean() ? "yes" : "",
          minute(f.path("due").asText()),
          f.path("score").asInt(),
          cut(f.path("account").isNull() ? "" : f.path("account").asText(), 16),
          cut(f.path("customer").isNull() ? "" : f.path("customer").asText(), 20),
          cut(f.path("assignee").isNull() ? "" : f.path("assignee").asText(), 12),
          cut(f.path("excerpt").asText().replace('\n', ' '), 60));
    }
    // A queue longer than a page said nothing of the rest: 2,000 detractors listed as 500 rows.
    PageCursor.printNextPage(out, page);
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
