package dev.earful.http;

import io.javalin.config.JavalinConfig;

/**
 * A group of routes. {@link HttpApi} calls {@link #addRoutes} inside {@code Javalin.create(cfg ->
 * ...)}, after it has installed authentication and the problem mapping, so a controller only
 * declares its routes: {@code cfg.routes.get("/api/v1/things", this::list)}. A POST that changes
 * nothing (e.g. analysing a text) passes {@link ApiRole#READ} as the route role so read keys may
 * call it; any other route is a read when it is GET/HEAD/OPTIONS and a write otherwise. Throw
 * {@link ProblemException} for client errors.
 */
@FunctionalInterface
public interface Controller {
  void addRoutes(JavalinConfig config);
}
