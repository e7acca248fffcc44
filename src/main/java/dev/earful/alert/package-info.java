/**
 * Alerts: rules (a new matching response, a metric dip, an emerging theme) evaluated after each
 * import batch, one alert per incident, kept in a journal and delivered to the rule's webhook when
 * it has one (signed, retried with exponential backoff, with a delivery log); a rule without a
 * webhook only records and lists its alerts. Imports domain, search, impact (metrics and trends),
 * store (the journal), report (only {@code ReportNumbers}: a score's decimals in the alerts' texts
 * are the report's), Jackson and the JDK's HTTP client.
 */
package dev.earful.alert;
