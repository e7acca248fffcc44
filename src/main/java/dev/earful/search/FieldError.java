package dev.earful.search;

/** One problem with one request parameter, e.g. ("minScore", "must be a whole number"). */
public record FieldError(String field, String message) {}
