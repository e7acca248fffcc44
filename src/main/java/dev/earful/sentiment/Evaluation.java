package dev.earful.sentiment;

import dev.earful.domain.Polarity;
import java.util.Locale;

/**
 * Accuracy, macro-F1 and the confusion matrix of predicted against gold labels. Macro-F1 averages
 * the F1 of the labels that occur in the gold set (a two-label set is judged on two labels).
 */
public final class Evaluation {

  /** Counts by gold label (row) and predicted label (column), in {@link Polarity} order. */
  private final long[][] confusion = new long[3][3];

  public void add(Polarity gold, Polarity predicted) {
    confusion[gold.ordinal()][predicted.ordinal()]++;
  }

  public long count() {
    long n = 0;
    for (long[] row : confusion) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  public long count(Polarity gold, Polarity predicted) {
    return confusion[gold.ordinal()][predicted.ordinal()];
  }

  public double accuracy() {
    long n = count();
    if (n == 0) {
      return 0;
    }
    long right = 0;
    for (int i = 0; i < 3; i++) {
      right += confusion[i][i];
    }
    return (double) right / n;
  }

  public double f1(Polarity label) {
    int l = label.ordinal();
    long tp = confusion[l][l];
    long gold = 0;
    long predicted = 0;
    for (int i = 0; i < 3; i++) {
      gold += confusion[l][i];
      predicted += confusion[i][l];
    }
    if (tp == 0) {
      return 0;
    }
    double precision = (double) tp / predicted;
    double recall = (double) tp / gold;
    return 2 * precision * recall / (precision + recall);
  }

  public double macroF1() {
    double sum = 0;
    int labels = 0;
    for (Polarity p : Polarity.values()) {
      if (goldCount(p) > 0) {
        sum += f1(p);
        labels++;
      }
    }
    return labels == 0 ? 0 : sum / labels;
  }

  public long goldCount(Polarity p) {
    long n = 0;
    for (long c : confusion[p.ordinal()]) {
      n += c;
    }
    return n;
  }

  /** One line: n, accuracy and macro-F1 in percent. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "n=%d  accuracy %.1f%%  macro-F1 %.1f",
        count(),
        100 * accuracy(),
        100 * macroF1());
  }

  /** The confusion matrix as a small table, gold labels as rows. */
  public String matrix() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-14s%10s%10s%10s%n",
            "gold \\ predicted",
            "positive",
            "neutral",
            "negative"));
    for (Polarity gold : Polarity.values()) {
      if (goldCount(gold) == 0) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "  %-16s", gold.wireName()));
      for (Polarity p : Polarity.values()) {
        sb.append(String.format(Locale.ROOT, "%10d", count(gold, p)));
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }
}
