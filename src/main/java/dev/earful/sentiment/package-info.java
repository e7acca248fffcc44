/**
 * Sentence, clause and comment polarity: the VADER lexicon, the clause splitter and negation scope,
 * the OpenNLP document-categorizer features, the scorer used at ingest, the lexicon-only baseline,
 * and the training and evaluation of the model. Imports domain, nlp, OpenNLP and store (its atomic
 * file writes only).
 */
package dev.earful.sentiment;
