/**
 * Alerts: rules (a new matching response, a metric dip, an emerging theme) evaluated after each
 * import batch, one alert per incident, kept in a journal until delivered to the rule's webhook
 * (signed, retried with exponential backoff, with a delivery log). Imports domain, search, impact
 * (metrics and trends), store (the journal), Jackson and the JDK's HTTP client.
 */
package dev.earful.alert;
