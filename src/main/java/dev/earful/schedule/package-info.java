/**
 * Scheduled reports: a rule that writes the business-review report of a filter for every week or
 * month that ends, into a folder and/or to a signed webhook, with a durable run history. Imports
 * domain, search, report (the report and its formats), alert (the webhook settings and signature),
 * store (the journal), Jackson and the JDK's HTTP client.
 */
package dev.earful.schedule;
