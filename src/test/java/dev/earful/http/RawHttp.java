package dev.earful.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written byte by byte on a socket to 127.0.0.1, for what java.net.http will not send: a
 * foreign Host header, a broken request line, a truncated or badly chunked body. Each request
 * closes its connection; the answer is read to the end (chunked answers are decoded).
 */
final class RawHttp {

  /** Status line, headers (lower-case names, last one wins) and the body as bytes. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private RawHttp() {}

  static Answer send(int port, byte[] request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // the server may answer and close before reading everything (a 413, a 431): read on
      }
      byte[] all = socket.getInputStream().readAllBytes();
      return parse(all);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends the request and keeps the connection open, as a client that still has bytes to send
   * would: returns the answer's status line and headers as soon as they arrive, or throws after
   * {@code timeoutMillis} without them. Shows a request the server answers without waiting for a
   * body that never comes.
   */
  static Answer sendKeepingOpen(int port, byte[] request, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(timeoutMillis);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      while (indexOf(head.toByteArray(), end) < 0) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
      }
      return parse(head.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Answer send(int port, String request) {
    return send(port, request.getBytes(StandardCharsets.UTF_8));
  }

  static Answer parse(byte[] all) {
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      throw new IllegalStateException(
          "no complete answer: " + new String(all, StandardCharsets.ISO_8859_1));
    }
    String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    } else if (headers.containsKey("content-length")) {
      int n = Integer.parseInt(headers.get("content-length"));
      body = java.util.Arrays.copyOf(body, Math.min(n, body.length));
    }
    return new Answer(status, headers, body);
  }

  private static byte[] dechunk(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < in.length) {
      int lineEnd = indexOf(in, "\r\n".getBytes(StandardCharsets.US_ASCII), pos);
      if (lineEnd < 0) {
        break;
      }
      String size = new String(in, pos, lineEnd - pos, StandardCharsets.US_ASCII).strip();
      int semi = size.indexOf(';');
      int n = Integer.parseInt(semi >= 0 ? size.substring(0, semi) : size, 16);
      if (n == 0) {
        break;
      }
      out.write(in, lineEnd + 2, Math.min(n, in.length - lineEnd - 2));
      pos = lineEnd + 2 + n + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    return indexOf(hay, needle, 0);
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static void readAll(InputStream in) throws IOException {
    in.readAllBytes();
  }
}
