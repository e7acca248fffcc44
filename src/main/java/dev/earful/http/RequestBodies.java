package dev.earful.http;

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

  static byte[] read(Context ctx, long limit) {
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
