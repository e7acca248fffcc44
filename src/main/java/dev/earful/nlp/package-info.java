/**
 * The OpenNLP pipeline (sentences, tokens, UD POS tags, lemmas) and phrase candidates taken from
 * the tags. Imports domain and OpenNLP.
 */
package dev.earful.nlp;
