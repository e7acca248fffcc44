package dev.earful.ingest;

/**
 * What is wrong with one field of one record: {@code field} names it as the client wrote it
 * ({@code "score"}, {@code "segments.region"}), {@code message} says why in words a person acts on.
 */
public record FieldError(String field, String message) {}
