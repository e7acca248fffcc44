package dev.earful.web;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Put on every browser test class with {@code @ExtendWith(ChromiumCondition.class)}. Without
 * Chromium a developer's run disables the class, so Surefire counts its tests as skipped and a
 * notice naming the install command goes to stderr; under CI ({@code CI=true}) the tests run and
 * {@link Browser#start} fails them with the same message, so a missing browser cannot pass
 * silently.
 */
public final class ChromiumCondition implements ExecutionCondition {

  private static final AtomicBoolean NOTICE_PRINTED = new AtomicBoolean();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> missing = Browser.missing(Browser.CHROMIUM, Browser.CHROMEDRIVER);
    if (missing.isEmpty() || Browser.required(System.getenv("CI"))) {
      return ConditionEvaluationResult.enabled("Chromium is there, or CI requires it");
    }
    String notice =
        "browser tests skipped: " + missing.get() + " Under CI=true a missing browser fails.";
    if (NOTICE_PRINTED.compareAndSet(false, true)) {
      System.err.println("\n*** " + notice + "\n");
    }
    return ConditionEvaluationResult.disabled(notice);
  }
}
