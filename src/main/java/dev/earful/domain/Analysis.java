package dev.earful.domain;

import java.util.List;

/**
 * What the NLP pipeline and the sentiment model say of one comment. {@code language} is the
 * comment's ISO 639-3 code ({@code eng}, {@code fra}, ...): Earful finds themes and sentiment in
 * English only, so other languages are kept out of discovery and scored neutral. {@code stage} says
 * which stages of the sentiment model scored it ({@link ScoringStage#FAST} until a cascade has).
 */
public record Analysis(
    List<Sentence> sentences, Sentiment sentiment, String language, ScoringStage stage) {

  /** The language Earful analyses. */
  public static final String ENGLISH = "eng";

  public static final Analysis EMPTY = new Analysis(List.of(), Sentiment.NEUTRAL, ENGLISH);

  public Analysis {
    sentences = List.copyOf(sentences);
    if (language == null || language.isBlank()) {
      throw new IllegalArgumentException("an analysis needs a language code");
    }
    if (stage == null) {
      throw new IllegalArgumentException("an analysis needs the stage that scored it");
    }
  }

  /** An analysis scored by the fast model (or not scored yet). */
  public Analysis(List<Sentence> sentences, Sentiment sentiment, String language) {
    this(sentences, sentiment, language, ScoringStage.FAST);
  }

  /** An English analysis (tests and English-only tools). */
  public Analysis(List<Sentence> sentences, Sentiment sentiment) {
    this(sentences, sentiment, ENGLISH);
  }

  /** True when the comment is English, the one language whose themes and sentiment Earful reads. */
  public boolean english() {
    return ENGLISH.equals(language);
  }

  /** The same analysis said to be in {@code code}. */
  public Analysis withLanguage(String code) {
    return code.equals(language) ? this : new Analysis(sentences, sentiment, code, stage);
  }

  /** The same analysis said to be scored by {@code scoredBy}. */
  public Analysis withStage(ScoringStage scoredBy) {
    return scoredBy == stage ? this : new Analysis(sentences, sentiment, language, scoredBy);
  }
}
