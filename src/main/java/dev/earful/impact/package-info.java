/**
 * What the filtered responses say about themes and scores: metrics, the ranked pain-point list
 * (rates, intervals, tests, leave-one-out impact, the adjusted regression and attributable
 * detractors) and trends over time. Works on counts, bit sets and doc values from the index, never
 * on loaded comments. Imports domain, search, Lucene utilities and Smile.
 */
package dev.earful.impact;
