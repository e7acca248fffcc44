package dev.earful.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads request bodies within the configured limit: a declared Content-Length over it is refused
 * before reading, and a chunked body is cut off as soon as it passes it, so a large upload never
 * sits in memory.
 */
final class RequestBodies {

  private RequestBodies() {}

  static byte[] read(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw ProblemException.tooLarge(limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) Math.min(Math.min(Math.max(declared, 1024), limit), 1 << 26));
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > limit) {
          throw ProblemException.tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body", e);
    }
  }
}
