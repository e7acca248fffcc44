package dev.earful.alert;

import java.time.Instant;
import java.util.Map;

/**
 * A rule's last evaluation as the API ({@code lastEvaluation}), the page and {@code earful alerts}
 * show it, and as {@link AlertStore} keeps it: a metric drop's or an emerging theme's. A rule that
 * raised nothing for weeks is otherwise silent, and its owner cannot tell a quiet survey from a
 * rule that had too few responses to test.
 */
public sealed interface RuleEvaluation permits DropEvaluation, EmergingEvaluation {

  /** When it ran. */
  Instant at();

  /** The evaluation in wire names: the API's {@code lastEvaluation} and the stored entry. */
  Map<String, Object> toMap();
}
