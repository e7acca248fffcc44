package dev.earful.sentiment;

import dev.earful.domain.Polarity;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a label column into polarities: words (positive / neutral / negative, pos / neu / neg), 0/1
 * (negative / positive), or star ratings 1-5 (1-2 negative, 3 neutral, 4-5 positive), chosen from
 * the values seen unless an explicit map ("1=negative,2=negative,...") is given.
 */
public final class LabelMapper {

  private final Map<String, Polarity> map;
  private final String description;

  private LabelMapper(Map<String, Polarity> map, String description) {
    this.map = Map.copyOf(map);
    this.description = description;
  }

  /** An explicit map, e.g. {@code "1=negative,2=negative,3=neutral,4=positive,5=positive"}. */
  public static LabelMapper parse(String spec) {
    Map<String, Polarity> map = new HashMap<>();
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "label map entry '" + pair.strip() + "' is not VALUE=positive|neutral|negative");
      }
      map.put(key(pair.substring(0, eq)), Polarity.parse(pair.substring(eq + 1)));
    }
    return new LabelMapper(map, "--label-map " + spec);
  }

  /**
   * Picks 0/1, stars or words: whichever maps the most of {@code values} (a stray value such as
   * "n/a" is then reported as unmapped rather than spoiling the choice); ties go in that order.
   */
  public static LabelMapper detect(List<String> values) {
    List<LabelMapper> candidates = List.of(binary(), stars(), words());
    LabelMapper best = candidates.getFirst();
    long bestCount = -1;
    for (LabelMapper m : candidates) {
      long n = values.stream().filter(v -> m.map(v).isPresent()).count();
      if (n > bestCount) {
        best = m;
        bestCount = n;
      }
    }
    return best;
  }

  static LabelMapper binary() {
    return new LabelMapper(
        Map.of("0", Polarity.NEGATIVE, "1", Polarity.POSITIVE), "0/1 (0 negative, 1 positive)");
  }

  static LabelMapper stars() {
    Map<String, Polarity> map = new HashMap<>();
    for (int s = 1; s <= 5; s++) {
      Polarity p = s <= 2 ? Polarity.NEGATIVE : s == 3 ? Polarity.NEUTRAL : Polarity.POSITIVE;
      map.put(Integer.toString(s), p);
      map.put(s + ".0", p);
    }
    return new LabelMapper(map, "stars (1-2 negative, 3 neutral, 4-5 positive)");
  }

  static LabelMapper words() {
    Map<String, Polarity> map = new HashMap<>();
    for (Polarity p : Polarity.values()) {
      map.put(p.wireName(), p);
    }
    map.put("pos", Polarity.POSITIVE);
    map.put("neu", Polarity.NEUTRAL);
    map.put("neg", Polarity.NEGATIVE);
    return new LabelMapper(map, "words (positive, neutral, negative)");
  }

  public Optional<Polarity> map(String value) {
    return Optional.ofNullable(map.get(key(value)));
  }

  public String description() {
    return description;
  }

  private static String key(String value) {
    return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
  }
}
