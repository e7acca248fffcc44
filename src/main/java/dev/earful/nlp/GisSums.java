package dev.earful.nlp;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;

/**
 * The sums behind a GIS maxent model's probabilities, and the outcome they make most probable when
 * it leads clearly: the same arithmetic as {@code GISModel.eval} up to the exp, so that a tagger
 * can find the model's best outcome without exp, normalisation or sorting over every outcome.
 *
 * <p>{@code GISModel.eval} starts each outcome's sum at its {@code UniformPrior}'s log(1/n), adds
 * the weights of each known feature in the order given ({@code ArrayMath.sumFeatures}), then takes
 * exp and normalises. {@link #start} and {@link #add} are those very operations, so the sums are
 * the model's bit for bit when the features are added in the model's order. exp is off by less than
 * one unit in the last place (a relative 1e-16), and the normalising division keeps order, so an
 * outcome whose sum leads every other by more than {@link #MARGIN} is the most probable one and the
 * only one; where none leads so clearly (a near tie), {@link #clearBest} says so and the caller
 * asks the model itself.
 */
final class GisSums {

  /** How far the best sum must lead the second for the order of the sums to be the model's. */
  static final double MARGIN = 1e-6;

  private final Map<String, Context> weights;
  private final double uniform;
  private final int outcomes;

  @SuppressWarnings("unchecked")
  GisSums(GISModel model) {
    this.weights = (Map<String, Context>) model.getDataStructures()[1];
    this.outcomes = model.getNumOutcomes();
    // What GISModel's UniformPrior starts every sum with.
    this.uniform = StrictMath.log(1.0 / outcomes);
  }

  /** Outcomes of the model, the length of a sums array. */
  int outcomes() {
    return outcomes;
  }

  /** The weights of {@code feature}, null when the model does not know it (it skips those too). */
  Context weight(String feature) {
    return weights.get(feature);
  }

  /** Sets every sum to the prior's. */
  void start(double[] sums) {
    Arrays.fill(sums, uniform);
  }

  /** Adds the weights of one feature, as {@code ArrayMath.sumFeatures} does with no values. */
  static void add(double[] sums, Context c) {
    if (c == null) {
      return;
    }
    int[] active = c.getOutcomes();
    double[] parameters = c.getParameters();
    for (int a = 0; a < active.length; a++) {
      sums[active[a]] += parameters[a] * 1.0; // sumFeatures multiplies by a value of 1
    }
  }

  /**
   * One run of the weights of {@code features} in their order, unknown (null) ones left out: adding
   * it adds the same weights to the same sums in the same order as adding each in turn.
   */
  static Context concat(List<Context> features) {
    int length = 0;
    for (Context c : features) {
      length += c == null ? 0 : c.getOutcomes().length;
    }
    int[] outcomes = new int[length];
    double[] parameters = new double[length];
    int at = 0;
    for (Context c : features) {
      if (c != null) {
        int n = c.getOutcomes().length;
        System.arraycopy(c.getOutcomes(), 0, outcomes, at, n);
        System.arraycopy(c.getParameters(), 0, parameters, at, n);
        at += n;
      }
    }
    return new Context(outcomes, parameters);
  }

  /**
   * The index of the largest sum when it leads every other by more than {@link #MARGIN} and exp of
   * the sums stays finite: then it is the model's most probable outcome, alone. -1 otherwise.
   */
  static int clearBest(double[] sums) {
    int best = 0;
    double max = sums[0];
    double second = Double.NEGATIVE_INFINITY;
    for (int o = 1; o < sums.length; o++) {
      if (sums[o] > max) {
        second = max;
        max = sums[o];
        best = o;
      } else if (sums[o] > second) {
        second = sums[o];
      }
    }
    return max - second > MARGIN && Math.abs(max) < 700 ? best : -1;
  }
}
