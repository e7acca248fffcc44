/**
 * The vocabulary of Earful as plain records: responses, metrics and their categories, analyses
 * (sentences, tokens, clauses, sentiment) and themes. Imports the JDK only.
 */
package dev.earful.domain;
