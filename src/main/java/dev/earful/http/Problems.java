package dev.earful.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.earful.ingest.InputFormatException;
import dev.earful.ingest.JsonResponseReader;
import dev.earful.search.FieldError;
import dev.earful.search.InvalidRequestException;
import dev.earful.store.IndexStore;
import dev.earful.store.IndexStoreException;
import dev.earful.store.Journal;
import dev.earful.themes.TaxonomyException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every exception to an RFC 9457 {@code application/problem+json} answer, once for the whole
 * app: {@link ProblemException} as it says; the typed exceptions of the layers below by what they
 * mean ({@link InvalidRequestException} 400 with its field errors, {@link TaxonomyException} by its
 * kind, {@link InputFormatException} 400 with its line); Javalin's own (unknown route, wrong
 * method, body over the limit) by status; a fault of the request found among the causes (bad JSON,
 * a body that ended early) as 400; anything else as a 500 whose detail is a reference to the log
 * line, never the exception's message. Controllers throw; they do not catch to translate.
 */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";
  static final String TYPE_PREFIX = "urn:earful:problem:";

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /** Installs the exception handlers into the app being configured. */
  public static void install(JavalinConfig config, ObjectMapper mapper, long maxBodyBytes) {
    config.routes.exception(
        ProblemException.class,
        (e, ctx) -> write(ctx, mapper, e.status(), e.type(), e.title(), e.detail(), e.errors()));
    config.routes.exception(
        InvalidRequestException.class,
        (e, ctx) ->
            write(
                ctx,
                mapper,
                400,
                "invalid-parameters",
                "Invalid parameters",
                "one or more parameters are not valid; see errors",
                e.errors()));
    config.routes.exception(
        TaxonomyException.class,
        (e, ctx) -> {
          ProblemException p = taxonomyProblem(e);
          write(ctx, mapper, p.status(), p.type(), p.title(), p.detail(), p.errors());
        });
    config.routes.exception(
        InputFormatException.class,
        (e, ctx) -> {
          String detail =
              e.line() > 0 ? "line " + e.line() + ": " + e.getMessage() : e.getMessage();
          write(ctx, mapper, 400, "malformed-body", "Malformed request body", detail, List.of());
        });
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          ProblemException p =
              switch (e.getStatus()) {
                case 404 ->
                    ProblemException.notFound(
                        "no such resource: " + ctx.method() + " " + ctx.path());
                case 405 -> {
                  String allowed = e.getDetails().get("availableMethods");
                  if (allowed != null) {
                    ctx.header("Allow", allowed);
                  }
                  yield new ProblemException(
                      405,
                      "method-not-allowed",
                      "Method not allowed",
                      ctx.method() + " is not allowed on " + ctx.path(),
                      List.of());
                }
                case 413 -> ProblemException.tooLarge(maxBodyBytes);
                default -> {
                  HttpStatus known = HttpStatus.forStatus(e.getStatus());
                  yield new ProblemException(
                      e.getStatus(),
                      slug(known.getMessage()),
                      known.getMessage(),
                      known.getMessage(),
                      List.of());
                }
              };
          write(ctx, mapper, p.status(), p.type(), p.title(), p.detail(), p.errors());
        });
    // The data folder cannot be written (a full disk) or read: the server's state, not a bug of
    // this request, so 503 with what happened, not a bare 500.
    config.routes.exception(IndexStoreException.class, (e, ctx) -> storageFailure(ctx, mapper, e));
    config.routes.exception(
        Journal.WriteFailedException.class, (e, ctx) -> storageFailure(ctx, mapper, e));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          ProblemException clientFault = clientFault(e);
          if (clientFault != null) {
            write(
                ctx,
                mapper,
                clientFault.status(),
                clientFault.type(),
                clientFault.title(),
                clientFault.detail(),
                clientFault.errors());
            return;
          }
          String reference = logFailure(ctx, "failed", e);
          write(
              ctx,
              mapper,
              500,
              "internal-error",
              "Internal server error",
              INTERNAL_ERROR_DETAIL + reference,
              List.of());
        });
    // An Error (OutOfMemoryError, StackOverflowError, a class that failed to load) is not an
    // Exception, so the handlers above never see it: Javalin hands it here, with only the servlet
    // response, and by default answers an empty 500. It gets the same problem document and a log
    // line with a reference; the request's id is the response header RequestIds set.
    config.router.javaLangErrorHandler(
        (response, error) -> {
          String reference = UUID.randomUUID().toString();
          String requestId = response.getHeader(RequestIds.HEADER);
          LOG.error("a request failed (reference {}, request {})", reference, requestId, error);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("type", TYPE_PREFIX + "internal-error");
          body.put("title", "Internal server error");
          body.put("status", 500);
          body.put("detail", INTERNAL_ERROR_DETAIL + reference);
          if (requestId != null) {
            body.put("requestId", requestId);
          }
          try {
            response.setStatus(500);
            response.setContentType(CONTENT_TYPE);
            response.getOutputStream().write(utf8Json(mapper, body));
          } catch (IOException | IllegalStateException e) {
            // the response was already committed or the client went away: the log line stays
            LOG.warn("could not write the problem document for reference {}", reference, e);
          }
        });
  }

  /**
   * Logs a request that failed on the server's side with a new reference, the one its problem
   * document gives so that the log line can be found; returns the reference.
   */
  private static String logFailure(Context ctx, String what, Exception e) {
    String reference = UUID.randomUUID().toString();
    LOG.error(
        "{} {} {} (reference {}, request {})",
        ctx.method(),
        ctx.path(),
        what,
        reference,
        RequestIds.of(ctx),
        e);
    return reference;
  }

  private static void storageFailure(Context ctx, ObjectMapper mapper, Exception e) {
    String reference = logFailure(ctx, "failed: the data folder cannot be used", e);
    write(
        ctx,
        mapper,
        503,
        "storage-failure",
        "Storage failure",
        "the server cannot use its data folder: "
            + IndexStore.describe(e)
            + " (logged under reference "
            + reference
            + "); what it acknowledged before is kept, this request's changes may not be. Send it"
            + " again once the cause is fixed (an import updates records by id, it does not copy"
            + " them); GET /api/v1/health says whether the index still writes"
            + " (checks.index.writable)",
        List.of());
  }

  private static final String INTERNAL_ERROR_DETAIL =
      "the server failed to answer; the log names the cause under reference ";

  /**
   * 400 for an invalid taxonomy edit (with the field), 404 for an unknown id, 409 for a conflict.
   */
  static ProblemException taxonomyProblem(TaxonomyException e) {
    List<FieldError> errors =
        e.field() == null ? List.of() : List.of(new FieldError(e.field(), e.getMessage()));
    return switch (e.kind()) {
      case INVALID ->
          new ProblemException(400, "invalid-theme", "Invalid theme", e.getMessage(), errors);
      case NOT_FOUND -> ProblemException.notFound(e.getMessage());
      case CONFLICT -> new ProblemException(409, "conflict", "Conflict", e.getMessage(), errors);
    };
  }

  /**
   * A failure that is the request's fault, found among the causes: a body that ended early or whose
   * chunked framing is broken (Jetty), JSON beyond the parser's limits (nesting, number or string
   * length). Null for anything else.
   */
  static ProblemException clientFault(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.http.BadMessageException
          || t instanceof org.eclipse.jetty.io.EofException) {
        return ProblemException.malformedBody(
            "the request body ended early or its chunked framing is broken");
      }
      if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException c) {
        return ProblemException.malformedBody(
            "the body exceeds a JSON limit: " + JsonResponseReader.reason(c));
      }
      if (t instanceof JsonProcessingException j) {
        return ProblemException.malformedBody(jsonDetail(j));
      }
      if (t == t.getCause()) {
        break;
      }
    }
    return null;
  }

  /** "the body is not valid JSON (line N)", the line left out when the parser does not know it. */
  static String jsonDetail(JsonProcessingException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1
        ? "the body is not valid JSON"
        : "the body is not valid JSON (line " + e.getLocation().getLineNr() + ")";
  }

  static void write(
      Context ctx,
      ObjectMapper mapper,
      int status,
      String type,
      String title,
      String detail,
      List<FieldError> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_PREFIX + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", ctx.path());
    body.put("requestId", RequestIds.of(ctx));
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    ctx.status(status).contentType(CONTENT_TYPE).result(utf8Json(mapper, body));
  }

  /**
   * A problem document's bytes. Bytes, not a String: a String would be encoded in the response's
   * charset, ISO-8859-1 when the content type names none, and problem+json (like all JSON) is
   * UTF-8.
   */
  private static byte[] utf8Json(ObjectMapper mapper, Map<String, Object> body) {
    try {
      return mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem document always serialises", e);
    }
  }

  private static String slug(String title) {
    return title
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-|-$", "");
  }
}
