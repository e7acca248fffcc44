/**
 * Targets: a goal a team sets for a metric over a filter ("NPS 40 for region=EU", "CSAT 90% for
 * team=support"), kept in the data folder, and how far the metric is from it with its 95% interval.
 * Imports domain, search (filters), impact (the metrics), store (the journal) and Jackson.
 */
package dev.earful.targets;
