package dev.earful.domain;

import java.util.List;

/** What the NLP pipeline and the sentiment model say of one comment. */
public record Analysis(List<Sentence> sentences, Sentiment sentiment) {

  public static final Analysis EMPTY = new Analysis(List.of(), Sentiment.NEUTRAL);

  public Analysis {
    sentences = List.copyOf(sentences);
  }
}
