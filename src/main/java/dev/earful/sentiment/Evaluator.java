package dev.earful.sentiment;

import dev.earful.domain.Analysis;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentiment;
import java.util.List;
import java.util.function.Function;

/**
 * Scores analysed, labelled texts with the model and the lexicon baseline. When the gold labels
 * have no neutral (the labelled-sentence files), both are judged by the sign of their score, so a
 * three-way model is not penalised for a label the data cannot hold.
 */
public final class Evaluator {

  /** An analysed text with its gold label. */
  public record Item(Analysis analysis, Polarity gold) {}

  /** Model, baseline and (when one was given, else null) a previous model on the same items. */
  public record Result(
      String name, Evaluation model, Evaluation baseline, Evaluation previous, boolean binary) {

    public Result(String name, Evaluation model, Evaluation baseline, boolean binary) {
      this(name, model, baseline, null, binary);
    }

    public double gain() {
      return 100 * (model.macroF1() - baseline.macroF1());
    }
  }

  private Evaluator() {}

  public static Result evaluate(String name, List<Item> items, SentimentScorer scorer) {
    LexiconBaseline baseline = new LexiconBaseline();
    return evaluate(name, items, a -> scorer.score(a).sentiment(), baseline::score);
  }

  public static Result evaluate(
      String name,
      List<Item> items,
      Function<Analysis, Sentiment> model,
      Function<Analysis, Sentiment> baseline) {
    boolean binary = items.stream().noneMatch(i -> i.gold() == Polarity.NEUTRAL);
    Evaluation m = new Evaluation();
    Evaluation b = new Evaluation();
    for (Item item : items) {
      m.add(item.gold(), predicted(model.apply(item.analysis()), binary));
      b.add(item.gold(), predicted(baseline.apply(item.analysis()), binary));
    }
    return new Result(name, m, b, binary);
  }

  /** As {@link #evaluate(String, List, SentimentScorer)}, with a previous model beside them. */
  public static Result evaluate(
      String name, List<Item> items, SentimentScorer scorer, SentimentScorer previous) {
    Result r = evaluate(name, items, scorer);
    if (previous == null) {
      return r;
    }
    Evaluation p = new Evaluation();
    for (Item item : items) {
      p.add(item.gold(), predicted(previous.score(item.analysis()).sentiment(), r.binary()));
    }
    return new Result(name, r.model(), r.baseline(), p, r.binary());
  }

  static Polarity predicted(Sentiment s, boolean binary) {
    if (!binary) {
      return s.label();
    }
    return s.score() > 0 ? Polarity.POSITIVE : s.score() < 0 ? Polarity.NEGATIVE : Polarity.NEUTRAL;
  }
}
