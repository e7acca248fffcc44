package dev.earful.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.report.AccountHealthRequest;
import dev.earful.report.ReviewDocuments;
import dev.earful.report.ReviewReport;
import dev.earful.report.ReviewReporter;
import dev.earful.report.ReviewRequest;
import dev.earful.search.SearchService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/v1/reports/review}: the business-review report of the filtered responses for a
 * period against a comparison period, as JSON, printable HTML or PDF ({@code format}); see {@link
 * ReviewRequest} for the parameters. Bad parameters are a 400 naming each one; no period given and
 * no response matching is a 404. {@code GET /api/v1/reports/accounts}: the accounts ranked by risk
 * with the parts of their health ({@link AccountHealthRequest}).
 */
public final class ReportsController implements Controller {

  private final ReviewReporter reporter;
  private final SearchService search;
  private final ObjectMapper mapper;

  public ReportsController(ReviewReporter reporter, SearchService search, ObjectMapper mapper) {
    this.reporter = reporter;
    this.search = search;
    this.mapper = mapper;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/reports/review", this::review);
    config.routes.get("/api/v1/reports/accounts", this::accounts);
  }

  private void accounts(Context ctx) {
    AccountHealthRequest request = AccountHealthRequest.parse(QueryNames.of(ctx));
    ctx.json(
        reporter
            .accounts(request)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "no response matches this filter; widen the filter or give to")));
  }

  private void review(Context ctx) {
    ReviewRequest request = ReviewRequest.parse(QueryNames.of(ctx));
    ReviewReport report =
        reporter
            .build(request)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "no response matches this filter, so there is no period to report on;"
                            + " widen the filter or give from and to"
                            + search.segmentHint(request.filter())));
    byte[] body = ReviewDocuments.render(report, request.format(), mapper);
    if (request.format() != ReviewRequest.Format.HTML) {
      ctx.header(
          "Content-Disposition",
          "inline; filename=\"review." + request.format().extension() + "\"");
    }
    ctx.contentType(request.format().contentType()).result(body);
  }
}
