package dev.earful.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document of every route, parameter, body and
 * problem type, kept by hand in {@link #RESOURCE} next to this class. A route added to a controller
 * is added there too: {@code OpenApiDocumentTest} fails while a real route is missing from the
 * document or a documented one does not exist.
 */
public final class OpenApiController implements Controller {

  public static final String PATH = "/api/v1/openapi.json";
  static final String RESOURCE = "/dev/earful/http/openapi.json";

  private final byte[] document;

  public OpenApiController() {
    try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  @Override
  public void addRoutes(JavalinConfig config) {
    config.routes.get(PATH, this::get);
  }

  private void get(Context ctx) {
    ctx.contentType("application/json; charset=utf-8").result(document);
  }
}
