package dev.earful.ingest;

/** Receives the records of a file in order, each with the 1-based line it starts on. */
@FunctionalInterface
public interface RecordConsumer {
  void accept(long line, RawResponse raw);
}
