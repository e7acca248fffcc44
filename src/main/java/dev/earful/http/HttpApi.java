package dev.earful.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.config.AppConfig;
import dev.earful.search.InvalidRequestException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP app: creates Javalin from the controllers it is given (no static state), with API-key
 * authentication, the body limit and the problem+json mapping installed once for all of them. Tests
 * build one on port 0 and call {@link #port()}.
 */
public final class HttpApi {

  private final Javalin app;

  /**
   * @param controllers every group of routes, in order; the web page is added after them
   */
  public HttpApi(AppConfig config, ObjectMapper mapper, List<Controller> controllers) {
    ApiKeyAuth auth = new ApiKeyAuth(config.apiKeys());
    List<Controller> all = new ArrayList<>(controllers);
    this.app =
        Javalin.create(
            cfg -> {
              configure(cfg, config, mapper);
              cfg.routes.before(auth::authenticate);
              cfg.routes.beforeMatched(auth::authorize);
              Problems.install(cfg, mapper, config.maxBodyBytes());
              cfg.routes.exception(
                  InvalidRequestException.class,
                  (e, ctx) ->
                      Problems.write(
                          ctx,
                          mapper,
                          400,
                          "invalid-parameters",
                          "Invalid parameters",
                          "one or more parameters are not valid; see errors",
                          e.errors()));
              for (Controller c : all) {
                c.addRoutes(cfg);
              }
              WebAssets.register(cfg);
            });
  }

  private static void configure(JavalinConfig cfg, AppConfig config, ObjectMapper mapper) {
    cfg.jsonMapper(new JavalinJackson(mapper, false));
    cfg.http.maxRequestSize = config.maxBodyBytes();
    cfg.http.prefer405over404 = true;
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.router.ignoreTrailingSlashes = true;
  }

  /** The Javalin instance, for tests and for starting. */
  public Javalin javalin() {
    return app;
  }

  public HttpApi start(String host, int port) {
    app.start(host, port);
    return this;
  }

  /** The port bound (the real one when started on port 0). */
  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }
}
