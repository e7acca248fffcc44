/**
 * The Lucene directory under {@code <data>/index}: one {@code IndexWriter}, a near-real-time {@code
 * SearcherManager}, and durable group commits. The only package that touches index files. Imports
 * domain and Lucene; knows nothing of the schema (the search package hands it documents).
 */
package dev.earful.store;
