package dev.earful.devtools;

import dev.earful.EarfulApp;
import dev.earful.config.AppConfig;
import dev.earful.domain.Theme;
import dev.earful.fixtures.ThemedResponseGenerator;
import dev.earful.search.BulkWriter;
import dev.earful.store.StoredFormat;
import dev.earful.themes.DiscoveredTheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A data folder a real server opens, holding {@link ThemedResponseGenerator}'s responses (bulk
 * path, no NLP) and its themes as a planted taxonomy: each theme applied as if discovery had found
 * it, with the generator's own lemmas, so the server matches exactly the comments the generator
 * wrote the theme into. Built once and reused while {@code bench-data.properties} in it names the
 * same settings (a 1M-response folder takes minutes to build).
 */
final class ThemedDataFolder {

  static final String MARKER = "bench-data.properties";

  private ThemedDataFolder() {}

  /** The settings a folder was built with. */
  static Properties settings(long responses, int themes, long seed) {
    Properties p = new Properties();
    p.setProperty("generator", "themed");
    p.setProperty("responses", Long.toString(responses));
    p.setProperty("themes", Integer.toString(themes));
    p.setProperty("seed", Long.toString(seed));
    // A folder of an older stored format would be upgraded by the server on start, re-analysing
    // every response with the real pipeline: about an hour at a million. It is rebuilt instead.
    p.setProperty("format", Integer.toString(StoredFormat.CURRENT));
    return p;
  }

  /**
   * Makes {@code folder} hold the generated data set, reusing it when its marker matches; a folder
   * that holds anything else is refused rather than overwritten.
   */
  static void prepare(Path folder, long responses, int themes, long seed) throws Exception {
    Properties wanted = settings(responses, themes, seed);
    Path marker = folder.resolve(MARKER);
    if (Files.exists(marker)) {
      Properties have = new Properties();
      try (var in = Files.newBufferedReader(marker)) {
        have.load(in);
      }
      if (have.equals(wanted)) {
        System.out.printf(Locale.ROOT, "data: reusing %s (%s)%n", folder, have);
        return;
      }
      throw new IllegalArgumentException(
          folder
              + " was built with other settings ("
              + have
              + "); give the same --responses, --themes and --seed, or a new folder (a folder of"
              + " an older stored format needs a new folder)");
    }
    if (Files.isDirectory(folder)) {
      try (var entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(folder + " is not empty; give a new or empty folder");
        }
      }
    }
    ThemedResponseGenerator generator = new ThemedResponseGenerator(seed, themes);
    AppConfig config =
        AppConfig.fromValues(
            Map.of(),
            Map.of("EARFUL_DATA", folder.toString(), "EARFUL_DISCOVERY_DEBOUNCE_SECONDS", "0"));
    try (EarfulApp app = EarfulApp.open(config)) {
      double seconds;
      try (BulkWriter bulk = app.index().bulk(200_000)) {
        seconds = GeneratedImport.run(bulk, responses, 1000, 0, generator::response);
      }
      app.taxonomy().applyDiscovery(planted(generator.themes()));
      System.out.printf(
          Locale.ROOT,
          "data: %,d responses written in %.1f s (bulk, no NLP), %d planted themes, in %s%n",
          app.index().count(),
          seconds,
          app.taxonomy().all().size(),
          folder);
    }
    try (var out = Files.newBufferedWriter(marker)) {
      wanted.store(out, "bench data set (earful-dev bench-http)");
    }
  }

  /** The generator's themes as discovery would report them, with their exact lemmas. */
  private static List<DiscoveredTheme> planted(List<Theme> themes) {
    List<DiscoveredTheme> out = new ArrayList<>();
    for (Theme t : themes) {
      List<DiscoveredTheme.Phrase> phrases = new ArrayList<>();
      for (List<String> lemmas : t.lemmaPhrases()) {
        phrases.add(new DiscoveredTheme.Phrase(lemmas, String.join(" ", lemmas), 1, true));
      }
      // The key is the whole phrase: the generator's themes share nouns ("slow delivery", "late
      // delivery"), and discovery keeps one theme per key.
      out.add(new DiscoveredTheme(t.name(), t.name(), 1, phrases, List.of()));
    }
    return out;
  }
}
