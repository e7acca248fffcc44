package dev.earful.http;

import dev.earful.search.FieldError;
import java.util.List;

/**
 * A client error with everything its {@code application/problem+json} answer needs. Thrown by any
 * controller; {@link Problems} turns it into the answer in one place. The detail is written for the
 * client and must never carry an internal exception's message.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String title;
  private final transient List<FieldError> errors;

  public ProblemException(
      int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "bad-request", "Bad request", detail, List.of());
  }

  /** A 400 naming the fields (query parameters, body fields) that are wrong. */
  public static ProblemException invalid(String detail, List<FieldError> errors) {
    return new ProblemException(400, "invalid-parameters", "Invalid parameters", detail, errors);
  }

  public static ProblemException malformedBody(String detail) {
    return new ProblemException(400, "malformed-body", "Malformed request body", detail, List.of());
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not found", detail, List.of());
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "unauthorized", "Unauthorized", detail, List.of());
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail, List.of());
  }

  public static ProblemException tooLarge(long limit) {
    return new ProblemException(
        413,
        "body-too-large",
        "Request body too large",
        "the body is larger than the limit of "
            + limit
            + " bytes (EARFUL_MAX_BODY_BYTES); send smaller batches",
        List.of());
  }

  public static ProblemException unsupportedMediaType(String got, String accepted) {
    return new ProblemException(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "Content-Type '" + got + "' is not accepted here; use " + accepted,
        List.of());
  }

  public static ProblemException unsupportedEncoding(String got) {
    return new ProblemException(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "Content-Encoding '" + got + "' is not accepted here; send the body uncompressed",
        List.of());
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }
}
