package dev.earful.http;

import dev.earful.config.AppConfig.ApiKey;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys: when any are configured, every {@code /api} call except {@code /api/v1/health} must
 * present one as {@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}, and so must {@code
 * /metrics} (Prometheus sends a bearer token). A missing or unknown key is a 401; a read key on a
 * write route a 403. Health stays open so load balancers and the container's HEALTHCHECK can probe
 * it without a secret; it reveals only counts and the version. Keys are compared in constant time.
 */
final class ApiKeyAuth {

  static final String HEALTH_PATH = "/api/v1/health";
  private static final String KEY_ATTRIBUTE = "earful.apiKey";
  private static final Set<HandlerType> READ_METHODS =
      Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  private final List<ApiKey> keys;

  ApiKeyAuth(List<ApiKey> keys) {
    this.keys = List.copyOf(keys);
  }

  boolean enabled() {
    return !keys.isEmpty();
  }

  /** Before any handler: is there a known key? */
  void authenticate(Context ctx) {
    if (!enabled()
        || ctx.path().equals(HEALTH_PATH)
        || !(ctx.path().startsWith("/api/") || ctx.path().equals(PrometheusMetrics.PATH))) {
      return;
    }
    Optional<String> presented = presentedKey(ctx);
    if (presented.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw ProblemException.unauthorized(
          "an API key is required: send Authorization: Bearer KEY or X-API-Key: KEY");
    }
    ApiKey match = find(presented.get());
    if (match == null) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw ProblemException.unauthorized("the API key is not known");
    }
    ctx.attribute(KEY_ATTRIBUTE, match);
  }

  /** Before a matched handler: may this key call this route? */
  void authorize(Context ctx) {
    if (!enabled() || !ctx.path().startsWith("/api/")) {
      return;
    }
    ApiKey key = ctx.attribute(KEY_ATTRIBUTE);
    if (key == null || key.canWrite()) {
      return;
    }
    boolean write =
        ctx.routeRoles().contains(ApiRole.WRITE)
            || (!ctx.routeRoles().contains(ApiRole.READ) && !READ_METHODS.contains(ctx.method()));
    if (write) {
      throw ProblemException.forbidden("this API key may read but not write");
    }
  }

  private static Optional<String> presentedKey(Context ctx) {
    String header = ctx.header("X-API-Key");
    if (header != null && !header.isBlank()) {
      return Optional.of(header.strip());
    }
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).strip();
      if (!token.isEmpty()) {
        return Optional.of(token);
      }
    }
    return Optional.empty();
  }

  private ApiKey find(String presented) {
    byte[] given = presented.getBytes(StandardCharsets.UTF_8);
    ApiKey found = null;
    for (ApiKey k : keys) {
      if (MessageDigest.isEqual(given, k.key().getBytes(StandardCharsets.UTF_8)) && found == null) {
        found = k;
      }
    }
    return found;
  }
}
