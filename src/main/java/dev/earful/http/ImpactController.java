package dev.earful.http;

import dev.earful.impact.ImpactDocuments;
import dev.earful.impact.ImpactService;
import dev.earful.impact.RankingRequest;
import dev.earful.impact.TrendRequest;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Locale;

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

  public ImpactController(ImpactService impact) {
    this.impact = impact;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/themes", this::themes);
    config.routes.get("/api/v1/trends", this::trends);
  }

  private void themes(Context ctx) {
    boolean csv = wantsCsv(ctx.header("Accept"));
    RankingRequest request = RankingRequest.parse(ctx.queryParamMap(), csv);
    ImpactService.RankedPage page =
        impact.rank(request.filter(), request.options(), request.offset(), request.limit());
    if (csv) {
      ctx.header("Content-Disposition", "attachment; filename=\"themes.csv\"");
      ctx.contentType(CSV + "; charset=utf-8").result(ImpactDocuments.csv(page.ranking()));
    } else {
      ctx.json(ImpactDocuments.ranking(page, RankingRequest.cursor(page.nextOffset())));
    }
  }

  private void trends(Context ctx) {
    TrendRequest request = TrendRequest.parse(ctx.queryParamMap());
    ctx.json(ImpactDocuments.trends(impact.trends(request.filter(), request.options())));
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
