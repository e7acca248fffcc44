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

  /** A rule's fields are named as earful alerts --add and earful targets --add take them. */
  @Test
  void aRulesFieldErrorsNameTheRuleOptions() {
    assertEquals(
        "--when category: must be detractor, passive or promoter; --webhook-url: must be an"
            + " absolute http(s) URL; --webhook-max-attempts: must be a number within 1-100;"
            + " --webhook-secret-file: is required; --max-age-days: must be a whole number",
        CliErrors.describe(
            List.of(
                new FieldError("when.category", "must be detractor, passive or promoter"),
                new FieldError("webhook.url", "must be an absolute http(s) URL"),
                new FieldError("webhook.maxAttempts", "must be a number within 1-100"),
                new FieldError("webhook.secret", "is required"),
                new FieldError("maxAgeDays", "must be a whole number"))));
  }
}
