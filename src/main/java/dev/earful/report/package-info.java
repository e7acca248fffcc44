/**
 * The business-review report: what a customer-success person takes to a quarterly review, for one
 * filter (segment, account, period) against a comparison period. {@link
 * dev.earful.report.ReviewReporter} turns the impact package's figures into one rounded model,
 * {@link dev.earful.report.ReviewReport}; the JSON document is that model as it is, and the HTML
 * and PDF are drawn from it, so every number in every format is the same number. Imports domain,
 * search (filters), impact, targets, PDFBox and JFreeChart; never http.
 */
package dev.earful.report;
