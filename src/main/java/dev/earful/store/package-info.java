/**
 * The Lucene directory under {@code <data>/index}: one {@code IndexWriter}, a near-real-time {@code
 * SearcherManager}, and durable group commits. The only package that touches index files. Imports
 * domain and Lucene; knows nothing of the schema (the search package hands it documents). Also the
 * data folder's stored-format version ({@link dev.earful.store.StoredFormat}): newer formats are
 * refused, older ones upgraded by the app when it opens the folder.
 */
package dev.earful.store;
