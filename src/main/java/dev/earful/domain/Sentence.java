package dev.earful.domain;

import java.util.List;

/**
 * A sentence of a comment with its character span, tokens, overall sentiment, and the clauses it
 * splits into (at least one, covering every token).
 */
public record Sentence(
    int start, int end, List<Token> tokens, Sentiment sentiment, List<Clause> clauses) {

  public Sentence {
    tokens = List.copyOf(tokens);
    clauses = List.copyOf(clauses);
  }

  /** A sentence with one neutral clause: what the pipeline gives before sentiment is scored. */
  public static Sentence unscored(int start, int end, List<Token> tokens) {
    return new Sentence(
        start,
        end,
        tokens,
        Sentiment.NEUTRAL,
        List.of(new Clause(0, tokens.size(), Sentiment.NEUTRAL)));
  }
}
