package dev.earful.themes;

import dev.earful.domain.Analysis;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeMention;
import dev.earful.fixtures.PlantedComments;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How well discovered themes recover planted issues: per issue, the best theme and its F1. */
final class PlantedScores {

  record Match(String theme, double f1) {}

  /** For each planted issue, the top-level theme whose comments best match the comments. */
  static Map<String, Match> bestMatches(
      List<PlantedComments.Comment> comments, List<Analysis> analyses, Taxonomy taxonomy) {
    Map<String, Set<Integer>> byTheme = new LinkedHashMap<>();
    for (int i = 0; i < analyses.size(); i++) {
      for (ThemeMention m : taxonomy.mentionsIn(analyses.get(i))) {
        Theme t = taxonomy.find(m.themeId()).orElseThrow();
        String top =
            t.parentId() == null ? t.name() : taxonomy.find(t.parentId()).orElseThrow().name();
        byTheme.computeIfAbsent(top, k -> new HashSet<>()).add(i);
      }
    }
    Map<String, Match> out = new LinkedHashMap<>();
    for (PlantedComments.Planted p : PlantedComments.THEMES) {
      Set<Integer> gold = new HashSet<>();
      for (int i = 0; i < comments.size(); i++) {
        if (comments.get(i).planted().contains(p.id())) {
          gold.add(i);
        }
      }
      Match best = new Match("", 0);
      for (Map.Entry<String, Set<Integer>> e : byTheme.entrySet()) {
        double f1 = f1(gold, e.getValue());
        if (f1 > best.f1()) {
          best = new Match(e.getKey(), f1);
        }
      }
      out.put(p.id(), best);
    }
    return out;
  }

  static double f1(Set<Integer> gold, Set<Integer> found) {
    int both = 0;
    for (int i : found) {
      if (gold.contains(i)) {
        both++;
      }
    }
    return gold.isEmpty() && found.isEmpty() ? 1 : 2.0 * both / (gold.size() + found.size());
  }

  private PlantedScores() {}
}
