package dev.earful.domain;

/**
 * One token of a comment: its character span in the original text, the text itself, its UD part of
 * speech tag and its lower-case lemma.
 */
public record Token(int start, int end, String text, String tag, String lemma) {}
