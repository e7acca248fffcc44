package dev.earful.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.domain.Analysis;
import dev.earful.domain.ThemeMention;
import dev.earful.fixtures.PlantedComments;
import dev.earful.nlp.PhraseExtractor;
import dev.earful.nlp.TextAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ThemeDiscovererTest {

  private static final TextAnalyzer ANALYZER = new TextAnalyzer();
  private static List<Analysis> comments;
  private static List<Analysis> onePercentMore;

  @BeforeAll
  static void analyse() {
    comments =
        PlantedComments.generate(7, 800).stream().map(c -> ANALYZER.analyze(c.text())).toList();
    onePercentMore = new ArrayList<>(comments);
    PlantedComments.generate(8, 8).forEach(c -> onePercentMore.add(ANALYZER.analyze(c.text())));
  }

  private static ThemeDiscoverer.Result discover(List<Analysis> analyses) {
    return new ThemeDiscoverer(new PhraseExtractor(), DiscoverySettings.DEFAULTS)
        .discover(AnalysisSource.of(analyses));
  }

  /** For each planted theme, the names of the discovered themes its wordings are matched to. */
  private static Map<String, Set<String>> themesPerPlanted(ThemeDiscoverer.Result result) {
    Taxonomy taxonomy = Taxonomy.inMemory(ANALYZER::lemmasOf);
    taxonomy.applyDiscovery(result.themes());
    Map<String, Set<String>> out = new TreeMap<>();
    for (PlantedComments.Planted p : PlantedComments.THEMES) {
      Set<String> names = new TreeSet<>();
      for (String wording : p.wordings()) {
        String text = PlantedComments.text(wording.replace("{n}", "12"));
        int[] marked = PlantedComments.markedSpan(wording.replace("{n}", "12"));
        for (ThemeMention m : taxonomy.mentionsIn(ANALYZER.analyze(text))) {
          // Top-level themes only (a sub-theme's words are also its parent's), over the marked
          // words.
          boolean onMarked =
              m.spans().stream().anyMatch(s -> s.start() < marked[1] && s.end() > marked[0]);
          if (onMarked && taxonomy.find(m.themeId()).orElseThrow().parentId() == null) {
            names.add(m.name());
          }
        }
      }
      out.put(p.id(), names);
    }
    return out;
  }

  @Test
  void findsEachPlantedThemeAsOneReadableTheme() {
    Map<String, Set<String>> found = themesPerPlanted(discover(comments));
    assertEquals(
        Map.of(
            "wait", Set.of("wait"),
            "billing", Set.of("bill"),
            "staff", Set.of("staff"),
            "delivery", Set.of("delivery"),
            "crash", Set.of("crash"),
            "price", Set.of("price")),
        found);
  }

  @Test
  void givesIdenticalResultsOnTwoRuns() {
    assertEquals(discover(comments), discover(comments));
  }

  @Test
  void keepsThemeNamesWhenOnePercentMoreCommentsArrive() {
    assertEquals(themesPerPlanted(discover(comments)), themesPerPlanted(discover(onePercentMore)));
  }

  @Test
  void keepsThemeIdsWhenRediscoveringWithOnePercentMore() {
    Taxonomy taxonomy = Taxonomy.inMemory(ANALYZER::lemmasOf);
    taxonomy.applyDiscovery(discover(comments).themes());
    Map<String, String> before = new TreeMap<>();
    taxonomy.all().forEach(t -> before.put(t.name(), t.id()));
    taxonomy.applyDiscovery(discover(onePercentMore).themes());
    for (String name : List.of("wait", "bill", "staff", "delivery", "crash", "price")) {
      assertEquals(
          before.get(name),
          taxonomy.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id(),
          name);
    }
  }
}
