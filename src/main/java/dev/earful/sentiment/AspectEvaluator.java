package dev.earful.sentiment;

import dev.earful.domain.Analysis;
import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Token;
import dev.earful.nlp.TextAnalyzer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aspect-level polarity measured on {@link AspectCorpus}: each aspect gets the polarity of the
 * clause its words sit in (what a theme mention gets, see {@code themes.ThemeMatcher}) and, as the
 * fallback it is compared with, the polarity of its whole sentence. Both are counted in the same
 * run, per split.
 */
public final class AspectEvaluator {

  /** Aspect-level and sentence-level results of one split. */
  public record Result(String split, Evaluation aspect, Evaluation sentence) {}

  private AspectEvaluator() {}

  /** Results by split ("dev", "test"), in the corpus's order. */
  public static Map<String, Result> evaluate(
      List<AspectCorpus.Comment> comments, TextAnalyzer analyzer, SentimentScorer scorer) {
    return evaluate(comments, analyzer, scorer, null);
  }

  /** As above; the dev split's wrong aspects are printed to {@code errors} when it is not null. */
  public static Map<String, Result> evaluate(
      List<AspectCorpus.Comment> comments,
      TextAnalyzer analyzer,
      SentimentScorer scorer,
      java.io.PrintWriter errors) {
    Map<String, Result> out = new LinkedHashMap<>();
    for (AspectCorpus.Comment c : comments) {
      Result r =
          out.computeIfAbsent(c.split(), s -> new Result(s, new Evaluation(), new Evaluation()));
      Analysis a = scorer.score(analyzer.analyze(c.text()));
      for (AspectCorpus.Aspect aspect : c.aspects()) {
        Located at = locate(a, aspect.start(), aspect.end());
        Polarity predicted = aspectPolarity(at);
        r.aspect().add(aspect.gold(), predicted);
        if (errors != null && c.split().equals("dev") && predicted != aspect.gold()) {
          errors.printf(
              "  %s: gold %s, got %s in \"%s\"%n",
              aspect.term(), aspect.gold().wireName(), predicted.wireName(), c.text());
        }
        r.sentence().add(aspect.gold(), at.sentence().sentiment().label());
      }
    }
    return out;
  }

  /** The aspect's sentence and the tokens its characters cover. */
  record Located(Sentence sentence, int tokenFrom, int tokenTo) {}

  static Located locate(Analysis a, int start, int end) {
    for (Sentence s : a.sentences()) {
      if (start >= s.end()) {
        continue;
      }
      List<Token> tokens = s.tokens();
      int from = -1;
      int to = -1;
      for (int i = 0; i < tokens.size(); i++) {
        Token t = tokens.get(i);
        if (t.end() > start && t.start() < end) {
          from = from < 0 ? i : from;
          to = i + 1;
        }
      }
      if (from >= 0) {
        return new Located(s, from, to);
      }
    }
    throw new IllegalArgumentException("no token at characters " + start + "-" + end);
  }

  /**
   * The aspect's polarity as a theme mention gets it: the clause holding its words; when they
   * straddle clauses, negative over positive over neutral.
   */
  static Polarity aspectPolarity(Located at) {
    Polarity best = null;
    for (Clause c : at.sentence().clauses()) {
      if (c.tokenFrom() < at.tokenTo() && c.tokenTo() > at.tokenFrom()) {
        Polarity p = c.sentiment().label();
        if (best == null
            || p == Polarity.NEGATIVE
            || (p == Polarity.POSITIVE && best == Polarity.NEUTRAL)) {
          best = p;
        }
      }
    }
    return best == null ? at.sentence().sentiment().label() : best;
  }

  /** The evaluation of every aspect of the split, for tests and reports. */
  public static List<String> lines(Map<String, Result> results) {
    List<String> out = new ArrayList<>();
    for (Result r : results.values()) {
      out.add(r.split() + " aspect-level   " + r.aspect().summary());
      out.add(r.split() + " sentence-level " + r.sentence().summary());
    }
    return out;
  }
}
