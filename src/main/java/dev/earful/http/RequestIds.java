package dev.earful.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Every request carries an id: the client's {@code X-Request-Id} when it sends a sensible one (so a
 * proxy's or a caller's id follows the request through), otherwise a new UUID. The id is answered
 * in {@code X-Request-Id}, written into every problem document, and put in the logging context (MDC
 * key {@value #MDC_KEY}) so that each log event of the request names it.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "requestId";
  private static final String ATTRIBUTE = "earful.requestId";

  /** What may come in: 1-128 characters a log line and a header carry unchanged. */
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

  private RequestIds() {}

  /** Before every handler: fixes the request's id and names it in the answer and the log. */
  static void assign(Context ctx) {
    String id = acceptedOrNew(ctx.header(HEADER));
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
  }

  /** The request's id (assigned before any handler; a new one if somehow not). */
  static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id != null ? id : acceptedOrNew(ctx.header(HEADER));
  }

  /** The client's id when it is acceptable, else a new UUID. */
  static String acceptedOrNew(String given) {
    return given != null && ACCEPTED.matcher(given).matches()
        ? given
        : UUID.randomUUID().toString();
  }

  /** After the request is answered: the thread serves other requests next. */
  static void clear() {
    MDC.remove(MDC_KEY);
  }
}
