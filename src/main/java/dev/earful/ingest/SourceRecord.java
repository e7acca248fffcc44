package dev.earful.ingest;

/**
 * A record with where it came from: the 0-based index in a request body, or the 1-based line a
 * record starts on in a file.
 */
public record SourceRecord(long position, RawResponse raw) {}
