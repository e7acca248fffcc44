package dev.earful.http;

import dev.earful.impact.MetricsCalculator;
import dev.earful.search.Filter;
import dev.earful.search.SearchRequest;
import dev.earful.search.SearchService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/v1/search} and {@code GET /api/v1/metrics}, both taking every filter of
 * PRODUCT.md from the query string ({@code q}, {@code metric}, {@code from}, {@code to}, {@code
 * minScore}, {@code maxScore}, {@code category}, repeatable {@code theme}, {@code sentiment},
 * repeatable {@code segment.KEY=VALUE}); search adds {@code sort}, {@code limit}, {@code cursor}. A
 * bad value is a 400 naming each parameter.
 */
public final class SearchController implements Controller {

  private final SearchService search;
  private final MetricsCalculator metrics;

  public SearchController(SearchService search, MetricsCalculator metrics) {
    this.search = search;
    this.metrics = metrics;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/search", this::search);
    config.routes.get("/api/v1/metrics", this::metrics);
  }

  private void search(Context ctx) {
    SearchRequest request = SearchRequest.parse(QueryNames.of(ctx));
    ctx.json(
        Views.withWarnings(
            Views.searchResult(search.search(request)), search.segmentWarnings(request.filter())));
  }

  private void metrics(Context ctx) {
    Filter filter = Filter.parse(QueryNames.of(ctx));
    ctx.json(
        Views.withWarnings(
            Views.metrics(metrics.compute(filter), metrics::mostUsed),
            search.segmentWarnings(filter)));
  }
}
