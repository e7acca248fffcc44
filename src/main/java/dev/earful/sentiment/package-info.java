/**
 * Sentence, clause and comment polarity: the VADER lexicon, the clause splitter and negation scope,
 * the OpenNLP document-categorizer features, the scorer used at ingest, the lexicon-only baseline,
 * and the training and evaluation of the model. Imports domain, nlp and OpenNLP.
 */
package dev.earful.sentiment;
