package dev.earful.targets;

import dev.earful.domain.Metric;
import dev.earful.search.Filter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A goal for a metric's headline figure over the responses a filter selects: NPS (-100 to 100), %
 * satisfied for CSAT (0-100) or the mean effort score for CES (1-7). Higher is better for all
 * three.
 *
 * @param when the filter as request parameters, as given (never {@code from}, {@code to} or {@code
 *     metric}: the period is the reader's and the metric is the target's)
 * @param filter {@code when} parsed, with the target's metric
 */
public record Target(
    String id,
    String name,
    Metric metric,
    double goal,
    Map<String, List<String>> when,
    Filter filter,
    Instant createdAt) {}
