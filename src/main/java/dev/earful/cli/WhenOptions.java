package dev.earful.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code --when PARAM=VALUE} options of the commands that create a rule or a target: the filter
 * the page writes, a parameter given twice becoming an array ("category=detractor",
 * "segment.region=EU").
 */
final class WhenOptions {

  private WhenOptions() {}

  /**
   * Writes {@code when} into {@code body.when}; a malformed one exits 2 with {@code example} as the
   * right form.
   */
  static void put(ObjectNode body, List<String> when, String example) {
    ObjectNode w = body.putObject("when");
    for (String kv : when) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new CliException(
            "--when must be PARAM=VALUE, e.g. " + example + ", got '" + kv + "'", 2);
      }
      String key = kv.substring(0, eq).strip();
      String value = kv.substring(eq + 1).strip();
      JsonNode old = w.get(key);
      if (old == null) {
        w.put(key, value);
      } else if (old.isArray()) {
        ((ArrayNode) old).add(value);
      } else {
        w.putArray(key).add(old.asText()).add(value);
      }
    }
  }
}
