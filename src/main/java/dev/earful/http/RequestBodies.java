package dev.earful.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads request bodies within the configured limit: a declared Content-Length over it is refused
 * without keeping the body, and a chunked body is cut off as soon as it passes it, so a large
 * upload never sits in memory. Before the 413 goes out the rest of the upload is read and dropped
 * (up to {@link #DRAIN_LIMIT}): a server that closes the connection on unread data makes most
 * clients lose the answer to a connection reset, and the client then never learns why.
 */
final class RequestBodies {

  static final long DRAIN_LIMIT = 64L << 20;

  private RequestBodies() {}

  /**
   * Refuses (415) a body that is not {@code application/json} in UTF-8: a browser form can send
   * {@code text/plain} or form encodings to any site without asking, never JSON.
   */
  static void requireJson(Context ctx) {
    String header = ctx.header("Content-Type");
    String accepted = "application/json";
    if (header == null || header.isBlank()) {
      throw ProblemException.unsupportedMediaType("(none)", accepted);
    }
    String[] parts = header.split(";", -1);
    String type = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(java.util.Locale.ROOT);
      if (p.startsWith("charset=")) {
        String charset = p.substring(8).replace("\"", "").strip();
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          throw ProblemException.unsupportedMediaType(header.strip(), accepted + " in UTF-8");
        }
      }
    }
    if (!type.equals(accepted)) {
      throw ProblemException.unsupportedMediaType(header.strip(), accepted);
    }
  }

  /**
   * The body as a JSON object: {@code application/json} in UTF-8 ({@link #requireJson}), within
   * {@code limit} ({@link #read}). Bad JSON propagates as Jackson's exception, which {@link
   * Problems} answers as a 400 with the line.
   */
  static JsonNode jsonObject(Context ctx, ObjectMapper mapper, long limit) {
    JsonNode body = json(ctx, mapper, limit);
    if (body == null || !body.isObject()) {
      throw ProblemException.malformedBody("the body must be a JSON object");
    }
    return body;
  }

  /** As {@link #jsonObject}, for a body that may be any JSON value (null when empty). */
  static JsonNode json(Context ctx, ObjectMapper mapper, long limit) {
    requireJson(ctx);
    byte[] bytes = read(ctx, limit);
    try {
      return mapper.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("parsing the request body", e);
    }
  }

  static byte[] read(Context ctx, long limit) {
    requireIdentityEncoding(ctx);
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      drain(ctx);
      throw ProblemException.tooLarge(limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(
              (int) Math.min(Math.min(Math.max(declared, 1024), limit), 1 << 26));
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > limit) {
          drain(ctx);
          throw ProblemException.tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
  }

  /**
   * Refuses (415, RFC 9110 15.5.16) a body sent with a {@code Content-Encoding} such as gzip: it
   * was read as it came, so a gzipped JSON array of responses answered 400 "expected a JSON array
   * of responses", as if the client's JSON were wrong.
   */
  private static void requireIdentityEncoding(Context ctx) {
    String encoding = ctx.header("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
      drain(ctx);
      ctx.header("Accept-Encoding", "identity");
      throw ProblemException.unsupportedEncoding(encoding.strip());
    }
  }

  private static void drain(Context ctx) {
    ctx.header("Connection", "close");
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] buffer = new byte[64 * 1024];
      long dropped = 0;
      int n;
      while (dropped < DRAIN_LIMIT && (n = in.read(buffer)) > 0) {
        dropped += n;
      }
    } catch (IOException e) {
      // the client went away: nobody is left to read the answer
    }
  }
}
