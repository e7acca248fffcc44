package dev.earful.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers as problem+json in UTF-8 instead of its HTML page: requests refused
 * before they reach Javalin (a URI that does not parse, 414 URI too long, 431 headers too large,
 * 417 unknown expectation, a broken chunked body, a bad Host). Installed on the server and on the
 * servlet context. The detail is Jetty's reason phrase, never an exception's message.
 */
final class JettyProblems extends ErrorHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every method gets its problem document (Jetty's default writes bodies for GET/POST only). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
      // The client's fault (HTTP/9.9), so a 4xx: a 5xx would page the operator for nothing.
      code = HttpStatus.BAD_REQUEST_400;
      response.setStatus(code);
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    String requestId = RequestIds.acceptedOrNew(request.getHeaders().get(RequestIds.HEADER));
    response.getHeaders().put(RequestIds.HEADER, requestId);
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    if ("/badMessage".equals(path)) {
      path = null; // Jetty's placeholder for a request line it could not read
    }
    response.write(true, ByteBuffer.wrap(body(code, path, requestId)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
    fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    String requestId = RequestIds.acceptedOrNew(null);
    fields.put(RequestIds.HEADER, requestId);
    return ByteBuffer.wrap(body(status, null, requestId));
  }

  static byte[] body(int status, String path, String requestId) {
    String title = HttpStatus.getMessage(status);
    if (title == null || title.isBlank()) {
      title = "HTTP " + status;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", Problems.TYPE_PREFIX + slug(title));
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail(status, title));
    if (path != null) {
      body.put("instance", path);
    }
    body.put("requestId", requestId);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem document always serialises", e);
    }
  }

  private static String detail(int status, String title) {
    return switch (status) {
      case 400 -> "the request is not valid HTTP (its URI, headers or body framing)";
      case 414 -> "the request URI is longer than the server accepts";
      case 431 -> "the request headers are larger than the server accepts";
      case 417 -> "only Expect: 100-continue is supported";
      case 413 -> "the request is larger than the server accepts";
      default -> title;
    };
  }

  static String slug(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
