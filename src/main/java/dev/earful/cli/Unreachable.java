package dev.earful.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Says in words why a server could not be reached, for every command that talks to one: the JDK's
 * HTTP client reports a refused connection as a {@link ConnectException} without a message and an
 * unknown host as one caused by {@link UnresolvedAddressException}, neither of which a user should
 * have to decode.
 */
final class Unreachable {

  private Unreachable() {}

  /** "nothing is listening at http://127.0.0.1:7071 (connection refused): is ...". */
  static String describe(String base, IOException e) {
    String host = hostOf(base);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "cannot reach "
            + base
            + ": no host is called '"
            + host
            + "' (check the address given with --server or --url)";
      }
      if (t instanceof SSLException) {
        return "cannot reach "
            + base
            + ": the secure connection failed (is it http rather than https?)";
      }
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "cannot reach "
          + base
          + ": no answer to the connection in time (is the address right?)";
    }
    if (e instanceof HttpTimeoutException) {
      return "the server at " + base + " did not answer in time; it may be busy, try again later";
    }
    if (e instanceof ConnectException) {
      return "cannot reach "
          + base
          + ": nothing is listening there (connection refused); is 'earful serve' running, and on"
          + " this port?";
    }
    String detail = e.getMessage();
    return "cannot reach "
        + base
        + ": the connection failed"
        + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
  }

  private static String hostOf(String base) {
    try {
      String h = java.net.URI.create(base).getHost();
      return h == null ? base : h;
    } catch (IllegalArgumentException e) {
      return base;
    }
  }
}
