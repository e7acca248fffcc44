package dev.earful.impact;

import dev.earful.domain.Metric;
import dev.earful.domain.Theme;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.util.FixedBitSet;

/**
 * A seeded generator of NPS responses with planted theme effects on the detractor probability:
 * three true drivers (logit +2.0, +1.2, +0.6), a confounder mentioned with the strongest driver 80%
 * of the time but with no effect of its own, and null themes that change nothing. The detractor
 * outcome is drawn from logit P = base + sum of the planted effects; non-detractors are split 60/40
 * between promoters and passives.
 */
final class PlantedDrivers {

  static final double BASE_LOGIT = -2.0;

  /** Theme id, mention rate, planted logit effect. */
  record Planted(String id, double rate, double effect) {}

  static final List<Planted> DRIVERS =
      List.of(
          new Planted("strong", 0.08, 2.0),
          new Planted("medium", 0.10, 1.2),
          new Planted("mild", 0.12, 0.6));

  static final String CONFOUNDER = "confounder";

  static final List<Planted> NULLS =
      List.of(
          new Planted("null-a", 0.05, 0),
          new Planted("null-b", 0.07, 0),
          new Planted("null-c", 0.10, 0),
          new Planted("null-d", 0.04, 0),
          new Planted("null-e", 0.15, 0));

  final int size;
  final FixedBitSet docs;
  final byte[] scores;
  final List<Theme> themes = new ArrayList<>();
  final List<FixedBitSet> themeDocs = new ArrayList<>();

  PlantedDrivers(int size, long seed) {
    this.size = size;
    this.docs = new FixedBitSet(size);
    this.docs.set(0, size);
    this.scores = new byte[size];
    for (Planted p : DRIVERS) {
      addTheme(p.id());
    }
    addTheme(CONFOUNDER);
    for (Planted p : NULLS) {
      addTheme(p.id());
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int doc = 0; doc < size; doc++) {
      double logit = BASE_LOGIT;
      boolean strong = false;
      for (int t = 0; t < DRIVERS.size(); t++) {
        if (random.nextDouble() < DRIVERS.get(t).rate()) {
          themeDocs.get(t).set(doc);
          logit += DRIVERS.get(t).effect();
          strong |= t == 0;
        }
      }
      // The confounder rides along with the strongest driver (80%) and is rare on its own (2%).
      if (random.nextDouble() < (strong ? 0.8 : 0.02)) {
        themeDocs.get(DRIVERS.size()).set(doc);
      }
      for (int t = 0; t < NULLS.size(); t++) {
        if (random.nextDouble() < NULLS.get(t).rate()) {
          themeDocs.get(DRIVERS.size() + 1 + t).set(doc);
        }
      }
      boolean detractor = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      int score;
      if (detractor) {
        score = random.nextInt(7); // 0-6
      } else if (random.nextDouble() < 0.6) {
        score = 9 + random.nextInt(2);
      } else {
        score = 7 + random.nextInt(2);
      }
      scores[doc] = (byte) score;
    }
  }

  private void addTheme(String id) {
    themes.add(new Theme(id, id, List.of(id), List.of(List.of(id)), null, "edited"));
    themeDocs.add(new FixedBitSet(size));
  }

  PatternTable table() {
    return PatternTable.build(Metric.NPS, docs, d -> scores[d], themeDocs);
  }
}
