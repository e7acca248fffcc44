package dev.earful.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Guards every request before it reaches a route, against a browser being used to reach the API:
 *
 * <ul>
 *   <li>DNS rebinding: the {@code Host} header must name this server. Bound to a loopback address,
 *       only {@code localhost}, {@code 127.x.x.x} and {@code [::1]} are accepted (a rebinding page
 *       arrives with its own name); bound to one name or address, that one or a loopback name;
 *       bound to every interface ({@code 0.0.0.0}), any (API keys are required there).
 *   <li>Cross-site writes: a request that may change data with an {@code Origin} that is not this
 *       server's own (or {@code Sec-Fetch-Site: cross-site}) is refused, so a foreign page cannot
 *       post a form to the API. Clients that send no Origin (curl, the CLI) are not browsers.
 *   <li>A query string with a bad percent escape ({@code %zz}), and a GET or HEAD with a body, are
 *       refused (400) before anything reads on.
 *   <li>{@code X-HTTP-Method-Override} is refused: Javalin would otherwise route a GET as the
 *       method it names, past any check made on the real method.
 * </ul>
 *
 * API answers also say {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store}:
 * comments are personal data and must not sit in shared caches.
 */
final class RequestGuard {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final String boundHost;
  private final boolean boundToLoopback;
  private final boolean boundToAll;

  RequestGuard(String boundHost) {
    String h = stripBrackets(boundHost.strip().toLowerCase(Locale.ROOT));
    this.boundHost = h;
    this.boundToAll = h.equals("0.0.0.0") || h.equals("::") || h.equals("*");
    this.boundToLoopback = !boundToAll && isLoopbackName(h);
  }

  void check(Context ctx) {
    if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics")) {
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Cache-Control", "no-store");
    }
    if (ctx.header("X-HTTP-Method-Override") != null
        || ctx.header("X-HTTP-Method") != null
        || ctx.header("X-Method-Override") != null) {
      throw ProblemException.badRequest(
          "method override headers (X-HTTP-Method-Override) are not supported: send the method"
              + " itself");
    }
    int badEscape = badPercentEscape(ctx.queryString());
    if (badEscape >= 0) {
      throw ProblemException.badRequest(
          "the query string has a '%' at position "
              + badEscape
              + " that is not followed by two hex digits; write a literal '%' as %25");
    }
    String method = ctx.req().getMethod().toUpperCase(Locale.ROOT);
    if ((method.equals("GET") || method.equals("HEAD")) && carriesBody(ctx)) {
      // Refused before anything reads it: a GET's body has no meaning here, and waiting for a
      // body whose framing lies would hold the connection until the idle timeout.
      throw ProblemException.badRequest("a " + method + " request carries no body");
    }
    String host = hostName(ctx.header("Host"));
    if (!hostAllowed(host)) {
      throw new ProblemException(
          403,
          "host-not-allowed",
          "Host not allowed",
          "this server does not answer to the host name '"
              + (host == null ? "" : host)
              + "'; use "
              + (boundToLoopback ? "localhost or 127.0.0.1" : boundHost),
          List.of());
    }
    if (!SAFE_METHODS.contains(method)) {
      String site = ctx.header("Sec-Fetch-Site");
      if (site != null && site.equalsIgnoreCase("cross-site")) {
        throw crossSite("a cross-site request may not change data");
      }
      String origin = ctx.header("Origin");
      if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
        throw crossSite(
            "a request from the page at "
                + origin
                + " may not change data on this server (only its own pages may)");
      }
    }
  }

  /** The 0-based position of the first '%' not followed by two hex digits, or -1. */
  static int badPercentEscape(String query) {
    if (query == null) {
      return -1;
    }
    for (int i = query.indexOf('%'); i >= 0; i = query.indexOf('%', i + 1)) {
      if (i + 2 >= query.length()
          || Character.digit(query.charAt(i + 1), 16) < 0
          || Character.digit(query.charAt(i + 2), 16) < 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean carriesBody(Context ctx) {
    String length = ctx.header("Content-Length");
    return ctx.header("Transfer-Encoding") != null
        || (length != null && !length.strip().equals("0"));
  }

  private static ProblemException crossSite(String detail) {
    return new ProblemException(
        403, "cross-origin", "Cross-origin request refused", detail, List.of());
  }

  boolean hostAllowed(String host) {
    if (boundToAll) {
      return true;
    }
    if (host == null || host.isEmpty()) {
      return false; // HTTP/1.1 requires Host; Jetty already refuses requests without one
    }
    return isLoopbackName(host) || (!boundToLoopback && host.equals(boundHost));
  }

  /** Same scheme-less authority: the page's origin host:port equals the Host it sent us. */
  private boolean sameOrigin(String origin, String hostHeader) {
    if (origin.equals("null") || hostHeader == null) {
      return false;
    }
    try {
      URI o = new URI(origin.strip());
      if (o.getHost() == null) {
        return false;
      }
      String authority = o.getRawAuthority().toLowerCase(Locale.ROOT);
      String host = hostHeader.strip().toLowerCase(Locale.ROOT);
      return authority.equals(host)
          || (o.getPort() == -1
              && (host.equals(authority + ":80") || host.equals(authority + ":443")));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The name of a Host header without its port, lower case, without IPv6 brackets. */
  static String hostName(String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(1, end);
    }
    int colon = h.lastIndexOf(':');
    return colon >= 0 ? h.substring(0, colon) : h;
  }

  /**
   * Literal loopback names only: {@code localhost}, {@code 127.0.0.0/8} written as an address, and
   * {@code ::1}. A name is never resolved here: a rebinding attacker's name resolves to 127.0.0.1.
   */
  static boolean isLoopbackName(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+|[0-9a-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress(); // a literal: no lookup happens
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String stripBrackets(String h) {
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }
}
