package dev.earful.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.domain.Category;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeMention;
import dev.earful.impact.ExampleSnippets;
import dev.earful.impact.ImpactDocuments;
import dev.earful.impact.ImpactService;
import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.SearchHit;
import dev.earful.search.SearchRequest;
import dev.earful.search.SearchResult;
import dev.earful.search.SearchService;
import dev.earful.search.SortOrder;
import dev.earful.themes.DiscoveryScheduler;
import dev.earful.themes.Taxonomy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Editing the taxonomy: {@code POST /api/v1/themes} (create), {@code PATCH} and {@code DELETE
 * /api/v1/themes/{id}}, {@code POST /api/v1/themes/{id}/merge}, {@code POST
 * /api/v1/themes/discover}; and {@code GET /api/v1/themes/{id}}: the theme's phrases, sub-themes
 * and example comments with the matched spans. A merged-away id still answers GET with the theme it
 * was merged into; the edits answer 404 for it. The ranked list ({@code GET /api/v1/themes}) is
 * {@link ImpactController}'s.
 */
public final class ThemesController implements Controller {

  static final String PATH = "/api/v1/themes";
  private static final int EXAMPLES = 3;

  /**
   * Comments looked at for a card's examples: detractors, to find those with a negative mention and
   * distinct texts; the newest mentions, to find distinct texts.
   */
  private static final int EXAMPLE_CANDIDATES = 50;

  private final Taxonomy taxonomy;
  private final DiscoveryScheduler discovery;
  private final SearchService search;
  private final ImpactService impact;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;

  public ThemesController(
      Taxonomy taxonomy,
      DiscoveryScheduler discovery,
      SearchService search,
      ImpactService impact,
      ObjectMapper mapper,
      long maxBodyBytes) {
    this.taxonomy = taxonomy;
    this.discovery = discovery;
    this.search = search;
    this.impact = impact;
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.post(PATH, this::create);
    config.routes.post(PATH + "/discover", this::discover);
    config.routes.get(PATH + "/{id}", this::get);
    config.routes.patch(PATH + "/{id}", this::patch);
    config.routes.delete(PATH + "/{id}", this::delete);
    config.routes.post(PATH + "/{id}/merge", this::merge);
  }

  private void create(Context ctx) {
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    onlyFields(body, List.of("name", "phrases", "parentId"), true);
    String name = string(body, "name", true);
    List<String> phrases = strings(body, "phrases");
    String parentId = string(body, "parentId", false);
    Theme created = taxonomy.create(name, phrases, parentId);
    ctx.status(201).header("Location", PATH + "/" + created.id()).json(view(created));
  }

  private void patch(Context ctx) {
    String id = ctx.pathParam("id");
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    onlyFields(body, List.of("name", "addPhrases", "dropPhrases", "phrases", "parentId"), true);
    String name = string(body, "name", false);
    List<String> add = strings(body, "addPhrases");
    List<String> drop = strings(body, "dropPhrases");
    List<String> replace = strings(body, "phrases");
    String parentId = null;
    if (body.has("parentId")) {
      parentId = body.get("parentId").isNull() ? "" : string(body, "parentId", true);
    }
    if (replace != null) {
      if (add != null || drop != null) {
        throw ProblemException.invalid(
            "give either phrases (the full new list) or addPhrases/dropPhrases",
            List.of(
                new FieldError("phrases", "cannot be combined with addPhrases or dropPhrases")));
      }
      Theme current =
          taxonomy.all().stream()
              .filter(t -> t.id().equals(id))
              .findFirst()
              .orElseThrow(() -> ProblemException.notFound("no theme with id '" + id + "'"));
      LinkedHashSet<String> wanted = new LinkedHashSet<>(replace);
      drop = current.phrases().stream().filter(p -> !wanted.contains(p)).toList();
      add = List.copyOf(wanted);
    }
    List<String> addPhrases = add;
    List<String> dropPhrases = drop;
    String parent = parentId;
    Theme updated = taxonomy.update(id, name, addPhrases, dropPhrases, parent);
    ctx.json(view(updated));
  }

  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    taxonomy.delete(id);
    ctx.status(204);
  }

  private void merge(Context ctx) {
    String id = ctx.pathParam("id");
    JsonNode body = RequestBodies.jsonObject(ctx, mapper, maxBodyBytes);
    onlyFields(body, List.of("ids"), false);
    List<String> ids = strings(body, "ids");
    if (ids == null || ids.isEmpty()) {
      throw ProblemException.invalid(
          "name the themes to merge into " + id,
          List.of(new FieldError("ids", "a non-empty array of theme ids is required")));
    }
    Theme merged = taxonomy.merge(id, ids);
    ctx.json(view(merged));
  }

  private void discover(Context ctx) {
    DiscoveryScheduler.Run run = discovery.runNow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents", run.documents());
    m.put("themes", run.themes());
    m.put("subThemes", run.subThemes());
    m.put("added", run.report().added());
    m.put("updated", run.report().updated());
    m.put("unchanged", run.report().unchanged());
    m.put("removed", run.report().removed());
    m.put("keptEdited", run.report().keptEdited());
    m.put("blocked", run.report().blocked());
    m.put("millis", run.millis());
    m.put("version", taxonomy.version());
    m.put("otherLanguages", run.otherLanguages());
    ctx.json(m);
  }

  private void get(Context ctx) {
    String id = ctx.pathParam("id");
    Theme theme =
        taxonomy
            .find(id)
            .orElseThrow(() -> ProblemException.notFound("no theme with id '" + id + "'"));
    Map<String, Object> m = view(theme);
    // The theme's numbers for the filtered set, its trend and representative detractor comments
    // (impact owns these: numbers, trend, context; see ImpactDocuments.themeDetail).
    Optional<Map<String, Object>> detail =
        ImpactDocuments.themeDetail(impact, theme.id(), QueryNames.of(ctx));
    Metric inView =
        detail
            .map(d -> (Map<?, ?>) d.get("context"))
            .map(c -> Metric.parse((String) c.get("metric")))
            .orElse(null);
    m.put("examples", examples(theme, Filter.parse(QueryNames.of(ctx)), inView));
    detail.ifPresent(m::putAll);
    ctx.json(m);
  }

  /** {@code {id, name, phrases, parentId, origin, subThemes}}. */
  private Map<String, Object> view(Theme t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("phrases", t.phrases());
    m.put("parentId", t.parentId());
    m.put("origin", t.origin());
    List<Map<String, Object>> subs = new ArrayList<>();
    for (Theme sub : taxonomy.children(t.id())) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", sub.id());
      s.put("name", sub.name());
      subs.add(s);
    }
    m.put("subThemes", subs);
    return m;
  }

  /**
   * The comments that show the theme's pain: detractors first (those whose mention of the theme is
   * negative before the others, then the lowest score first), then, when too few detractors mention
   * it, the newest other mentions; each with the spans that matched, its score and category. Chosen
   * among the responses of {@code filter} on {@code metric} (null: any), the set the theme's
   * numbers beside them are counted in: among every stored comment, the card of a theme for the
   * CSAT reviews of one department showed NPS movie reviews. A filter's themes match any of them,
   * so the theme's mentions are searched without them and each candidate is kept only where the
   * filter's own set (its themes included) holds it; only detractors come first when its categories
   * leave them out.
   */
  private List<Map<String, Object>> examples(Theme t, Filter filter, Metric metric) {
    List<SearchHit> chosen = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> texts = new HashSet<>(); // the same text from several responses is shown once
    if (filter.categories().isEmpty() || filter.categories().contains(Category.Group.NEGATIVE)) {
      SearchRequest detractors =
          new SearchRequest(
              mentioning(filter, metric, t, Set.of(Category.Group.NEGATIVE)),
              SortOrder.SCORE_ASC,
              EXAMPLE_CANDIDATES,
              null,
              false);
      List<SearchHit> pain = new ArrayList<>(inSet(detractors, filter, metric, EXAMPLE_CANDIDATES));
      // Stable: within each group the lowest scores stay first.
      pain.sort(Comparator.comparingInt((SearchHit h) -> negativeMention(h, t) ? 0 : 1));
      for (SearchHit hit : pain) {
        if (chosen.size() < EXAMPLES && shownOnce(hit, ids, texts)) {
          chosen.add(hit);
        }
      }
    }
    if (chosen.size() < EXAMPLES) {
      // As many candidates as for the detractors: the same text from several responses is shown
      // once, so a few newest hits of a template sentence left the card short (review R4 of
      // session 26: one example where four distinct comments mention the theme).
      SearchRequest newest =
          new SearchRequest(
              mentioning(filter, metric, t, filter.categories()),
              SortOrder.NEWEST,
              EXAMPLE_CANDIDATES,
              null,
              false);
      for (SearchHit hit : inSet(newest, filter, metric, EXAMPLE_CANDIDATES)) {
        if (chosen.size() < EXAMPLES && shownOnce(hit, ids, texts)) {
          chosen.add(hit);
        }
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (SearchHit hit : chosen) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", hit.response().response().id());
      e.put("comment", hit.response().response().comment());
      List<List<Integer>> spans = new ArrayList<>();
      for (ThemeMention mention : hit.themes()) {
        if (mention.themeId().equals(t.id())) {
          mention.spans().forEach(s -> spans.add(List.of(s.start(), s.end())));
        }
      }
      e.put("spans", spans);
      e.put("score", hit.response().response().score());
      e.put("category", hit.category().wireName());
      e.put("submittedAt", hit.response().response().submittedAt().toString());
      out.add(e);
    }
    return out;
  }

  /**
   * Whether {@code hit} is neither a response nor a text ({@link ExampleSnippets#sameText}) seen.
   */
  private static boolean shownOnce(SearchHit hit, Set<String> ids, Set<String> texts) {
    return ids.add(hit.response().response().id())
        && texts.add(ExampleSnippets.sameText(hit.response().response().comment()));
  }

  /**
   * Pages of candidates read at most, under a theme filter, before the card shows fewer examples.
   */
  private static final int EXAMPLE_PAGES = 10;

  /**
   * Up to {@code want} hits of {@code request}, in its order, that {@code filter} on {@code metric}
   * also holds. Without themes in the filter the request's own filter is that set; with them, the
   * hits are checked against it page by page ({@link SearchRequest#MAX_LIMIT} a page, at most
   * {@link #EXAMPLE_PAGES}).
   */
  private List<SearchHit> inSet(SearchRequest request, Filter filter, Metric metric, int want) {
    if (filter.themeIds().isEmpty()) {
      return search.search(request).hits();
    }
    Filter set = mentioning(filter, metric, null, filter.categories());
    List<SearchHit> kept = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < EXAMPLE_PAGES && kept.size() < want; page++) {
      SearchResult result =
          search.search(
              new SearchRequest(
                  request.filter(), request.sort(), SearchRequest.MAX_LIMIT, cursor, false));
      Set<String> ids = new HashSet<>();
      result.hits().forEach(h -> ids.add(h.response().response().id()));
      Set<String> inside = search.matchingIds(set, ids);
      for (SearchHit hit : result.hits()) {
        if (kept.size() < want && inside.contains(hit.response().response().id())) {
          kept.add(hit);
        }
      }
      cursor = result.nextCursor();
      if (cursor == null) {
        break;
      }
    }
    return kept;
  }

  /**
   * The responses of {@code filter} on {@code metric} (null: the filter's) that mention {@code t}
   * (null: the filter's own themes, any of them).
   */
  private static Filter mentioning(
      Filter filter, Metric metric, Theme t, Set<Category.Group> categories) {
    return new Filter(
        filter.q(),
        metric != null ? metric : filter.metric(),
        filter.from(),
        filter.to(),
        filter.minScore(),
        filter.maxScore(),
        categories,
        t == null ? filter.themeIds() : List.of(t.id()),
        filter.sentiments(),
        filter.segments(),
        filter.customers(),
        filter.accounts());
  }

  private static boolean negativeMention(SearchHit hit, Theme t) {
    return hit.themes().stream()
        .anyMatch(m -> m.themeId().equals(t.id()) && m.sentiment() == Polarity.NEGATIVE);
  }

  // ---- request bodies --------------------------------------------------------------------------

  /** The fields a theme answer carries that an edit does not set: a theme read back may be sent. */
  private static final List<String> READ_ONLY =
      List.of("id", "origin", "subThemes", "examples", "numbers", "trend", "context");

  /**
   * Refuses a body with a field other than {@code known} (and, with {@code readOnly}, the fields of
   * a theme as the API answers it), naming each: a misspelt field was ignored, so {@code
   * {"nmae":"x"}} answered 200 having changed nothing and {@code "phrase"} made a theme without the
   * phrases given.
   */
  private static void onlyFields(JsonNode body, List<String> known, boolean readOnly) {
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name) && !(readOnly && READ_ONLY.contains(name))) {
        errors.add(
            new FieldError(name, "unknown field (expected " + String.join(", ", known) + ")"));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("one or more fields are not known; see errors", errors);
    }
  }

  private static String string(JsonNode body, String field, boolean required) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw ProblemException.invalid(
            field + " is required", List.of(new FieldError(field, "is required")));
      }
      return null;
    }
    if (!n.isTextual()) {
      throw ProblemException.invalid(
          field + " must be a string", List.of(new FieldError(field, "must be a string")));
    }
    return n.asText();
  }

  private static List<String> strings(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    List<FieldError> errors = new ArrayList<>();
    List<String> out = new ArrayList<>();
    if (!n.isArray()) {
      errors.add(new FieldError(field, "must be an array of strings"));
    } else {
      for (int i = 0; i < n.size(); i++) {
        if (n.get(i).isTextual()) {
          out.add(n.get(i).asText());
        } else {
          errors.add(new FieldError(field + "[" + i + "]", "must be a string"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(field + " must be an array of strings", errors);
    }
    return out;
  }
}
