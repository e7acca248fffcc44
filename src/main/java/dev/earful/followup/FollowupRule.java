package dev.earful.followup;

import dev.earful.search.Filter;
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
 */
public record FollowupRule(
    String id,
    String name,
    FollowupKind kind,
    Map<String, List<String>> when,
    Filter filter,
    int dueBusinessDays,
    boolean enabled) {

  public FollowupRule {
    when = Map.copyOf(when);
  }

  /** The default: every detractor is to be recovered within 2 business days. */
  public static FollowupRule defaultRecover() {
    Map<String, List<String>> when = Map.of("category", List.of("detractor"));
    return new FollowupRule(
        "detractors",
        "Recover every detractor",
        FollowupKind.RECOVER,
        when,
        Filter.parse(when),
        2,
        true);
  }
}
