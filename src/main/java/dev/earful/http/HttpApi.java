package dev.earful.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.config.AppConfig;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP app: creates Javalin from the controllers it is given (no static state), with API-key
 * authentication, the body limit and the problem+json mapping installed once for all of them. Tests
 * build one on port 0 and call {@link #port()}.
 */
public final class HttpApi {

  /**
   * How long a stop waits for the requests in flight: the largest import request (10,000 records by
   * default) takes a few seconds of analysis on two cores; a request still running after this is
   * cut off.
   */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Javalin app;
  private final RequestLimits limits;

  /**
   * @param controllers every group of routes, in order; the web page is added after them
   */
  public HttpApi(
      AppConfig config,
      ObjectMapper mapper,
      List<Controller> controllers,
      PrometheusMetrics metrics) {
    this.limits =
        new RequestLimits(
            new ReadGate(config.effectiveConcurrentReads(), RequestLimits.MAX_READ_WAIT));
    ApiKeyAuth auth = new ApiKeyAuth(config.apiKeys());
    RequestGuard guard = new RequestGuard(config.host());
    QueryContract contract = QueryContract.fromDocument(mapper);
    List<Controller> all = new ArrayList<>(controllers);
    all.add(metrics);
    metrics.bind(limits);
    this.app =
        Javalin.create(
            cfg -> {
              configure(cfg, config, mapper);
              cfg.router.handlerWrapper(limits::wrap);
              cfg.routes.before(RequestIds::assign);
              cfg.requestLogger.http(metrics::record);
              cfg.routes.before(guard::check);
              cfg.routes.before(auth::authenticate);
              cfg.routes.beforeMatched(auth::authorize);
              cfg.routes.beforeMatched(contract::check);
              Problems.install(cfg, mapper, config.maxBodyBytes());
              for (Controller c : all) {
                c.addRoutes(cfg);
              }
              WebAssets.register(cfg);
            });
    addHeadRoutes();
  }

  /**
   * HEAD of every API GET route runs the GET handler (Jetty sends no body for HEAD), so HEAD of a
   * missing response is a 404 as its GET is; without these the static-file handler answered 200.
   */
  private void addHeadRoutes() {
    var router = app.unsafe.internalRouter;
    for (var e : List.copyOf(router.allHttpHandlers())) {
      Endpoint endpoint = e.endpoint;
      if (endpoint.method == HandlerType.GET
          && endpoint.path.startsWith("/api/")
          && !router.hasHttpHandlerEntry(HandlerType.HEAD, endpoint.path)) {
        router.addHttpEndpoint(new Endpoint(HandlerType.HEAD, endpoint.path, endpoint.handler));
      }
    }
  }

  private static void configure(JavalinConfig cfg, AppConfig config, ObjectMapper mapper) {
    cfg.jsonMapper(new JavalinJackson(mapper, false));
    cfg.http.maxRequestSize = config.maxBodyBytes();
    cfg.http.prefer405over404 = true;
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.router.ignoreTrailingSlashes = true;
    JettyProblems jettyProblems = new JettyProblems();
    cfg.jetty.modifyServer(
        server -> {
          server.setErrorHandler(jettyProblems);
          // A stop (SIGTERM, Ctrl-C) lets the requests in flight finish and answer: without a
          // GracefulHandler Jetty closed their connections at once, and an import batch being
          // analysed was written but never acknowledged.
          // Javalin puts its servlet context inside the wrapper it finds on the server.
          server.setHandler(new GracefulHandler());
          server.setStopTimeout(STOP_TIMEOUT.toMillis());
        });
    cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyProblems));
  }

  /** The bounds on requests in flight, and how many are in flight now. */
  RequestLimits limits() {
    return limits;
  }

  /** API reads being served now (see {@link ReadGate}). */
  public int readsRunning() {
    return limits.reads().running();
  }

  /** API reads waiting for their turn now (see {@link ReadGate}). */
  public int readsWaiting() {
    return limits.reads().waiting();
  }

  /** The Javalin instance, for tests and for starting. */
  public Javalin javalin() {
    return app;
  }

  public HttpApi start(String host, int port) {
    app.start(host, port);
    return this;
  }

  /**
   * Every route registered, as {@code "METHOD /path"} with path parameters written {@code {name}}
   * (Javalin's {@code <name>} too), for checking the OpenAPI document against the real routes.
   */
  public List<String> routes() {
    Set<String> methods = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> methods.contains(e.endpoint.method.name())) // not before/after filters
        .map(
            e ->
                e.endpoint.method.name()
                    + " "
                    + e.endpoint.path.replace('<', '{').replace('>', '}'))
        .distinct()
        .sorted()
        .toList();
  }

  /** The port bound (the real one when started on port 0). */
  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }
}
