package dev.earful.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of a request with {@code segment[KEY]} read as {@code segment.KEY}: the
 * document declares the segment filter as an OpenAPI {@code deepObject}, which generated clients
 * send as {@code segment[region]=EU}; people and the page write {@code segment.region=EU}. Both
 * name the same filter (values of both forms for one key add up); every other name is as sent.
 */
final class QueryNames {
  private static final String BRACKETED = "segment[";

  private QueryNames() {}

  static Map<String, List<String>> of(Context ctx) {
    Map<String, List<String>> sent = ctx.queryParamMap();
    boolean any = false;
    for (String name : sent.keySet()) {
      any |= isBracketed(name);
    }
    if (!any) {
      return sent;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    sent.forEach(
        (name, values) -> {
          String key =
              isBracketed(name)
                  ? "segment." + name.substring(BRACKETED.length(), name.length() - 1)
                  : name;
          out.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
        });
    return out;
  }

  private static boolean isBracketed(String name) {
    return name.startsWith(BRACKETED) && name.endsWith("]") && name.length() > BRACKETED.length();
  }
}
