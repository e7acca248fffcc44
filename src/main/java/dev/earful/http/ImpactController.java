package dev.earful.http;

import dev.earful.domain.CommentLanguages;
import dev.earful.domain.ThemeCatalog;
import dev.earful.impact.ImpactDocuments;
import dev.earful.impact.ImpactService;
import dev.earful.impact.RankingRequest;
import dev.earful.impact.TrendRequest;
import dev.earful.search.Filter;
import dev.earful.search.SearchService;
import dev.earful.themes.DiscoveryScheduler;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/themes}: the ranked pain-point list of the filtered set, as JSON or, with
 * {@code Accept: text/csv}, as a spreadsheet-ready CSV of the same list; {@code GET
 * /api/v1/trends}: volume, score, detractor rate and theme shares per week or month, with the
 * emerging themes. Both take every filter of PRODUCT.md; see {@link RankingRequest} and {@link
 * TrendRequest} for the rest. Bad parameters are a 400 naming each one.
 */
public final class ImpactController implements Controller {

  public static final String CSV = "text/csv";

  private final ImpactService impact;
  private final SearchService search;
  private final DiscoveryScheduler discovery;
  private final ThemeCatalog themes;
  private final RankingDocuments documents = new RankingDocuments();

  public ImpactController(
      ImpactService impact,
      SearchService search,
      DiscoveryScheduler discovery,
      ThemeCatalog themes) {
    this.impact = impact;
    this.search = search;
    this.discovery = discovery;
    this.themes = themes;
    impact.afterRemoval(documents::clear);
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/themes", this::themes);
    config.routes.get("/api/v1/trends", this::trends);
  }

  private void themes(Context ctx) {
    boolean csv = wantsCsv(ctx.header("Accept"));
    RankingRequest request = RankingRequest.parse(QueryNames.of(ctx), csv);
    if (csv) {
      // An export is the current ranking: it has nowhere to say that it is behind.
      ImpactService.RankedPage page =
          impact.rank(request.filter(), request.options(), request.offset(), request.limit());
      ctx.header("Content-Disposition", "attachment; filename=\"themes.csv\"");
      ctx.contentType(CSV + "; charset=utf-8").result(ImpactDocuments.csv(page.ranking(), themes));
    } else {
      ImpactService.RecentPage recent =
          impact.rankRecent(request.filter(), request.options(), request.offset(), request.limit());
      ImpactService.RankedPage page = recent.page();
      Map<String, Object> doc =
          new LinkedHashMap<>(
              documents.document(page, RankingRequest.cursor(page.nextOffset()), themes));
      Map<String, Object> freshness = new LinkedHashMap<>();
      freshness.put("current", recent.current());
      freshness.put("behind", recent.behind());
      freshness.put("refined", recent.refined());
      doc.put("freshness", freshness);
      doc.put(
          "discovery",
          discoveryState(
              discovery,
              themes,
              search.storedResponses(),
              search.commentLanguages(Filter.ALL),
              search.commentLanguages(request.filter())));
      ctx.json(Views.withWarnings(doc, search.segmentWarnings(request.filter())));
    }
  }

  private void trends(Context ctx) {
    TrendRequest request = TrendRequest.parse(QueryNames.of(ctx));
    ctx.json(ImpactDocuments.trends(impact.trends(request.filter(), request.options())));
  }

  /**
   * {@code {themes, pending, running, runsAt, lastRunAt, otherLanguages, englishComments,
   * otherLanguagesNote, responses, emptyListNote}}: how many themes the taxonomy holds and whether
   * a discovery is waiting to run (after an import) and when, so an empty list right after an
   * import says "not yet" rather than "none"; how many stored comments are in English and in each
   * other language ({@code stored}: discovery leaves the others out), and the note on the filter's
   * ({@code filtered}). Both are counted from the index, so they hold after {@code earful import}
   * or a restart, whether or not a discovery ran in this process.
   */
  public static Map<String, Object> discoveryState(
      DiscoveryScheduler discovery,
      ThemeCatalog themes,
      int responses,
      CommentLanguages stored,
      CommentLanguages filtered) {
    Map<String, Object> d = new LinkedHashMap<>();
    // Read once: the fields and the note describe one moment (a run ending between two reads of
    // running() answered running false beside the note "theme discovery is running").
    int themeCount = themes.all().size();
    boolean running = discovery.running();
    d.put("themes", themeCount);
    Instant runsAt = discovery.runsAt();
    d.put("pending", runsAt != null);
    // A run in progress is neither pending nor done: 48 s over 23,486 reviews in which the list
    // was empty and said to import and discover, as if nothing were happening.
    d.put("running", running);
    d.put("runsAt", runsAt == null ? null : runsAt.truncatedTo(ChronoUnit.SECONDS).toString());
    Instant last = discovery.lastRunAt();
    d.put("lastRunAt", last == null ? null : last.truncatedTo(ChronoUnit.SECONDS).toString());
    d.put("otherLanguages", new TreeMap<>(stored.others()));
    d.put("englishComments", stored.english());
    d.put("otherLanguagesNote", filtered.othersNote());
    d.put("responses", responses);
    d.put(
        "emptyListNote",
        emptyListNote(running, runsAt, themeCount, responses, Instant.now(), stored, filtered));
    return d;
  }

  /**
   * What an empty list means, written once for the page and earful themes (each adds what to do in
   * its own words): nothing imported yet, no comment in English (stored, whether or not a discovery
   * is due, since it will find nothing; or among the filter's), not yet (running, or pending until
   * {@code runsAt}), none found, or none the filters' responses mention.
   */
  static String emptyListNote(
      boolean running,
      Instant runsAt,
      int themes,
      int responses,
      Instant now,
      CommentLanguages stored,
      CommentLanguages filtered) {
    if (responses == 0 && !running && runsAt == null) {
      // A new data folder: the step missing is the import, not a discovery run (review R14).
      return "No responses yet: import some (earful import, or POST /api/v1/responses); themes are"
          + " discovered after each import.";
    }
    if (stored.noEnglish() && themes == 0) {
      return stored.noEnglishNote("stored");
    }
    if (running) {
      return "No themes yet: theme discovery is running over the stored comments.";
    }
    if (runsAt != null) {
      // When, as a person reads it: the instant itself ("runs at 2026-12-04T13:05:00Z") is the
      // machine's, in runsAt beside the note (review R14); the server knows no reader's time zone.
      return "No themes yet: theme discovery is pending and runs "
          + inAbout(java.time.Duration.between(now, runsAt))
          + " (after the last import).";
    }
    if (themes == 0) {
      return "No themes yet: discovery has not found any in the stored comments (it runs after"
          + " each import, and needs a phrase that several comments share).";
    }
    if (filtered.noEnglish()) {
      return filtered.noEnglishNote("that match these filters");
    }
    return "No theme is mentioned by the responses that match these filters.";
  }

  /**
   * How long until something, as a person says it: "in about 9 s", "in about 10 min", "in about 1 h
   * 2 min"; "in a moment" when it is due (a run starts within a second of its time).
   */
  static String inAbout(java.time.Duration until) {
    long s = until.toSeconds();
    if (s < 1) {
      return "in a moment";
    }
    if (s < 60) {
      return "in about " + s + " s";
    }
    long min = Math.round(s / 60.0);
    if (min < 60) {
      return "in about " + min + " min";
    }
    return "in about " + min / 60 + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
  }

  /** True when the client prefers CSV: text/csv is listed before any JSON type. */
  static boolean wantsCsv(String accept) {
    if (accept == null) {
      return false;
    }
    String a = accept.toLowerCase(Locale.ROOT);
    int csv = a.indexOf(CSV);
    if (csv < 0) {
      return false;
    }
    int json = a.indexOf("application/json");
    return json < 0 || csv < json;
  }
}
