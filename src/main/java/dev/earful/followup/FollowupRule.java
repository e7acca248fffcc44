package dev.earful.followup;

import dev.earful.search.Filter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Which responses open a follow-up, and of which kind. {@code when} is written in the filter
 * parameters of the read API ({@code metric}, {@code minScore}, {@code maxScore}, {@code category},
 * {@code theme}, {@code segment.KEY}, {@code account}, ...), so a rule selects exactly what the
 * same search would, themes included.
 *
 * @param dueBusinessDays the follow-up is due this many business days (Monday to Friday, UTC) after
 *     it opens
 * @param maxAgeDays a response submitted more than this many days before it is imported opens no
 *     follow-up (a backlog's old detractors cannot be recovered in two days); null: any age
 */
public record FollowupRule(
    String id,
    String name,
    FollowupKind kind,
    Map<String, List<String>> when,
    Filter filter,
    int dueBusinessDays,
    boolean enabled,
    Integer maxAgeDays) {

  /**
   * The default rule's {@link #maxAgeDays}: a detractor is recovered while the experience is fresh,
   * so the default asks for responses of the last 30 days. A monthly survey export still opens a
   * follow-up for each of its detractors; a year of history (or the women's 23,000 reviews with
   * dates) does not flood the queue with thousands due on the same day. Responses without a
   * timestamp are taken as submitted at the import, so they always qualify.
   */
  public static final int DEFAULT_MAX_AGE_DAYS = 30;

  public FollowupRule {
    when = Map.copyOf(when);
  }

  /**
   * The default: every detractor of the last {@value #DEFAULT_MAX_AGE_DAYS} days is to be recovered
   * within 2 business days.
   */
  public static FollowupRule defaultRecover() {
    Map<String, List<String>> when = Map.of("category", List.of("detractor"));
    return new FollowupRule(
        "detractors",
        "Recover every detractor",
        FollowupKind.RECOVER,
        when,
        Filter.parse(when),
        2,
        true,
        DEFAULT_MAX_AGE_DAYS);
  }

  /**
   * Whether a response submitted at {@code submittedAt} is recent enough for this rule at {@code
   * now}, the time of its import.
   */
  public boolean recentEnough(Instant submittedAt, Instant now) {
    return maxAgeDays == null || !submittedAt.isBefore(now.minus(Duration.ofDays(maxAgeDays)));
  }
}
