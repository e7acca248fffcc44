package dev.earful.themes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How common a word is in general review text, read from {@code
 * /corpora/background/english-background.tsv} (built from four collections of different domains by
 * corpora/background/build-background.py, see corpora/README.md). A word missing from it occurs in
 * at most one of those domains: a name, a brand, or a domain term.
 */
public final class BackgroundFrequencies {

  private static final String RESOURCE = "/corpora/background/english-background.tsv";
  private static final BackgroundFrequencies STANDARD = read();

  private final Map<String, Double> perMillion;

  private BackgroundFrequencies(Map<String, Double> perMillion) {
    this.perMillion = Map.copyOf(perMillion);
  }

  /** The list shipped in the jar. */
  public static BackgroundFrequencies standard() {
    return STANDARD;
  }

  /** Average occurrences per million words over the background collections; 0 when absent. */
  public double perMillion(String word) {
    return perMillion.getOrDefault(word, 0.0);
  }

  /** Whether the word occurs in at least two of the background's domains. */
  public boolean isGeneral(String word) {
    return perMillion.containsKey(word);
  }

  private static BackgroundFrequencies read() {
    InputStream in = BackgroundFrequencies.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is not on the classpath");
    }
    Map<String, Double> out = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        out.put(f[0], Double.parseDouble(f[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new BackgroundFrequencies(out);
  }
}
