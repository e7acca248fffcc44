package dev.earful.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * Serves the web page from the classpath folder {@code /web} at {@code /} and the chart library
 * from its WebJar under {@code /webjars/}. The page's own files are revalidated on every load
 * (Javalin answers {@code If-None-Match} with 304 from their ETags), so a new build shows at once;
 * the WebJar paths carry their version, so browsers keep them. The content security policy allows
 * nothing but this origin: the page makes no request elsewhere at run time.
 */
public final class WebAssets {

  /** Where the page lives on the classpath. */
  public static final String CLASSPATH_FOLDER = "/web";

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline';"
          + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  private WebAssets() {}

  /** Adds the page and the WebJars to a Javalin configuration. */
  public static void register(JavalinConfig cfg) {
    cfg.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = CLASSPATH_FOLDER;
          files.location = Location.CLASSPATH;
          files.headers =
              Map.of(
                  "Cache-Control", "no-cache",
                  "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                  "X-Content-Type-Options", "nosniff",
                  "Referrer-Policy", "no-referrer");
        });
    cfg.staticFiles.enableWebjars();
  }
}
