package dev.earful.domain;

/**
 * A stretch of a sentence that carries one polarity, e.g. the part after "but". {@code tokenFrom}
 * (inclusive) and {@code tokenTo} (exclusive) index the sentence's tokens.
 */
public record Clause(int tokenFrom, int tokenTo, Sentiment sentiment) {}
