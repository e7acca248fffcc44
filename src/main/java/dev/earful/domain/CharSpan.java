package dev.earful.domain;

/** A character span [start, end) in a comment's text. */
public record CharSpan(int start, int end) {}
