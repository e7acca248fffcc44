package dev.earful.http;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.PersonalData;
import dev.earful.domain.ThemeCatalog;
import dev.earful.impact.AccountRequest;
import dev.earful.impact.AccountRollups;
import dev.earful.search.FieldError;
import dev.earful.search.Filter;
import dev.earful.search.ResponseIndex;
import dev.earful.search.Schema;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/accounts} (per-account rollups, at-risk first), {@code GET
 * /api/v1/customers/{id}} (one customer's responses in time order) and {@code DELETE
 * /api/v1/customers/{id}} (a privacy request: the customer's responses, follow-ups and alerts are
 * erased; reports are generated on demand, so there is nothing stored to erase there).
 */
public final class AccountsController implements Controller {

  /** A customer's history is short; past this, the answer says it was cut. */
  static final int MAX_HISTORY = 1000;

  private final AccountRollups rollups;
  private final ResponseIndex index;
  private final ThemeCatalog themes;
  private final Supplier<List<PersonalData>> personalData;
  private final Clock clock;

  /**
   * @param personalData every store besides the responses that names customers, asked at each
   *     erasure (so stores added after start-up are included)
   */
  public AccountsController(
      AccountRollups rollups,
      ResponseIndex index,
      ThemeCatalog themes,
      Supplier<List<PersonalData>> personalData,
      Clock clock) {
    this.rollups = rollups;
    this.index = index;
    this.themes = themes;
    this.personalData = personalData;
    this.clock = clock;
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get("/api/v1/accounts", this::accounts);
    config.routes.get("/api/v1/customers/{id}", this::customer);
    config.routes.delete("/api/v1/customers/{id}", this::erase);
  }

  private void accounts(Context ctx) {
    AccountRequest request = AccountRequest.parse(QueryNames.of(ctx), clock);
    ctx.json(Views.accounts(rollups.compute(request)));
  }

  private static String customerId(Context ctx) {
    String id = ctx.pathParam("id").strip();
    if (id.isEmpty() || id.length() > 256) {
      throw ProblemException.invalid(
          "the customer id is not valid",
          List.of(new FieldError("id", "must be 1-256 characters")));
    }
    return id;
  }

  private void customer(Context ctx) {
    String id = customerId(ctx);
    Filter filter = Filter.builder().customer(id).build();
    List<AnalyzedResponse> found = index.find(filter, MAX_HISTORY + 1);
    if (found.isEmpty()) {
      throw ProblemException.notFound("no responses from customer '" + id + "'");
    }
    boolean truncated = found.size() > MAX_HISTORY;
    List<AnalyzedResponse> history = found.subList(0, Math.min(MAX_HISTORY, found.size()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("customer", id);
    m.put("count", history.size());
    m.put("truncated", truncated);
    List<String> accounts = new ArrayList<>();
    List<Map<String, Object>> responses = new ArrayList<>();
    for (AnalyzedResponse r : history) {
      if (r.response().account() != null && !accounts.contains(r.response().account())) {
        accounts.add(r.response().account());
      }
      Map<String, Object> v = Views.response(r.response());
      v.put("sentiment", Views.sentiment(r.analysis().sentiment()));
      v.put(
          "themes",
          themes.mentionsIn(r.analysis()).stream()
              .map(t -> Map.of("id", t.themeId(), "name", t.name()))
              .toList());
      responses.add(v);
    }
    m.put("accounts", accounts);
    m.put("responses", responses);
    ctx.json(m);
  }

  private void erase(Context ctx) {
    String id = customerId(ctx);
    Map<String, Object> erased = new LinkedHashMap<>();
    erased.put("responses", index.deleteWhere(Schema.CUSTOMER, id).size());
    for (PersonalData store : personalData.get()) {
      erased.put(store.kind(), store.eraseCustomer(id));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("customer", id);
    m.put("erased", erased);
    ctx.json(m);
  }
}
