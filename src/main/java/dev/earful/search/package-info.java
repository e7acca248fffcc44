/**
 * The index schema (every field name and the one {@code FacetsConfig} in {@link
 * dev.earful.search.Schema}), the stored-analysis codec, filters, the people's query syntax, search
 * with facets, highlights and cursors, and the {@link dev.earful.search.ResponseIndex} every other
 * package reads and writes responses through. Imports domain, store and Lucene.
 */
package dev.earful.search;
