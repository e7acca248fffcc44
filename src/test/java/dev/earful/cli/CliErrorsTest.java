package dev.earful.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.earful.search.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliErrorsTest {

  @Test
  void fieldErrorsAreWordedAsTheOptionsTyped() {
    assertEquals(
        "--min-score: must be a whole number, got 'abc'; --segment region: unknown key;"
            + " the query: is too long; --compare-to: must be previous or year; --top: must be"
            + " within 1-10, got 0",
        CliErrors.describe(
            List.of(
                new FieldError("minScore", "must be a whole number, got 'abc'"),
                new FieldError("segment.region", "unknown key"),
                new FieldError("q", "is too long"),
                new FieldError("compareTo", "must be previous or year"),
                new FieldError("top", "must be within 1-10, got 0"))));
  }
}
